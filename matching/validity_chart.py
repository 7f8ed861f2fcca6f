"""Geometry of the validity report's server-side SVG charts (no script, no external library)."""

from vetting.models import Level

from .validity import BANDS

WIDTH, HEIGHT, PAD = 300, 140, 28


def band_chart(stage: dict) -> dict:
    """Bars of the mean quality (1-5) per score band, with the share at or above the level as a dot."""
    slot = (WIDTH - PAD) / len(BANDS)
    bars = []
    for index, band in enumerate(stage["bands"]):
        x = PAD + index * slot + 6
        quality = band["quality"]
        height = (quality / 5) * (HEIGHT - 2 * PAD) if quality else 0
        fit = band["fit_share"]
        bars.append(
            {
                **band,
                "x": round(x, 1),
                "w": round(slot - 12, 1),
                "y": round(HEIGHT - PAD - height, 1),
                "h": round(height, 1),
                "label_x": round(x + (slot - 12) / 2, 1),
                "dot_y": round(HEIGHT - PAD - fit * (HEIGHT - 2 * PAD), 1) if fit is not None else None,
                "fit_percent": round(fit * 100) if fit is not None else None,
            }
        )
    return {"bars": bars, "width": WIDTH, "height": HEIGHT, "base_y": HEIGHT - PAD, "top_y": PAD}


def interval_bar(correlation) -> dict | None:
    """An interval on [-1, 1] drawn 200 px wide: the point and its 95% whiskers."""
    if correlation.rho is None:
        return None

    def x(value):
        return round(100 + value * 100, 1)

    return {
        "x": x(correlation.rho),
        "low": x(correlation.low) if correlation.low is not None else None,
        "high": x(correlation.high) if correlation.high is not None else None,
    }


def level_rows(levels: dict) -> list[dict]:
    ordered = Level.objects.filter(code__in=levels).order_by("rank")
    rows = []
    for level in ordered:
        below, total = levels[level.code]
        share = below / total if total else 0
        rows.append(
            {
                "level": level,
                "below": below,
                "n": total,
                "percent": round(share * 100),
                "w": round(share * 200, 1),
            }
        )
    return rows

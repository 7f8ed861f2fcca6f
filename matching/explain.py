"""A match explains itself: one sentence built from its stored facts, in the reader's language.

Where the profile lacks the data for a component, the sentence says so instead of guessing.
"""

from datetime import date
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from topfreelancer import formats


def _level_name(names: dict | None, code: str | None) -> str:
    if not names:
        return code or "?"
    language = (translation.get_language() or "en")[:2]
    return names.get(language) or names.get("en") or code or "?"


def _date(value: str) -> str:
    return formats.date(date.fromisoformat(value))


def _level(facts: dict) -> str:
    level = _level_name(facts.get("level_names"), facts.get("level"))
    need_level = _level_name(facts.get("need_level_names"), facts.get("need_level"))
    return _("%(level)s for a %(need_level)s need") % {"level": level, "need_level": need_level}


def _skills(facts: dict) -> str:
    parts = []
    if facts.get("must_total"):
        parts.append(
            ngettext(
                "%(have)d of %(total)d must-have skill (%(verified)d verified)",
                "%(have)d of %(total)d must-have skills (%(verified)d verified)",
                facts["must_total"],
            )
            % {"have": facts["must_have"], "total": facts["must_total"], "verified": facts["must_verified"]}
        )
    if facts.get("nice_total"):
        parts.append(
            ngettext(
                "%(have)d of %(total)d nice-to-have skill",
                "%(have)d of %(total)d nice-to-have skills",
                facts["nice_total"],
            )
            % {"have": facts["nice_have"], "total": facts["nice_total"]}
        )
    return "; ".join(parts) if parts else _("no skills asked")


def _availability(facts: dict) -> str:
    text = _("%(hours)d h/week of %(asked)d asked") % {"hours": facts["hours"], "asked": facts["hours_asked"]}
    available_from, start = facts.get("available_from"), facts.get("start_date")
    if available_from and start and available_from > start:
        text += ", " + _("free from %(date)s") % {"date": _date(available_from)}
    return text


def _rate(facts: dict) -> str:
    if facts.get("budget_max") is None:
        return _("no budget set")
    if facts.get("rate_min") is None:
        return _("rate not given")
    if facts.get("currency") == facts.get("budget_currency"):
        if facts["rate_min"] <= facts["budget_max"]:
            return _("rate inside budget")
        return _("rate from %(rate)s, above the budget of %(budget)s") % {
            "rate": formats.money(facts["rate_min"], facts["currency"], per_hour=True),
            "budget": formats.money(facts["budget_max"], facts["budget_currency"], per_hour=True),
        }
    # Another currency: compared through the exchange-rate table (profiles.money).
    converted = facts.get("rate_in_budget_currency")
    if converted is None:  # no rate in the table (or facts stored before the table)
        return _("rate in %(currency)s, budget in %(budget_currency)s") % {
            "currency": facts.get("currency"),
            "budget_currency": facts.get("budget_currency"),
        }
    values = {
        "rate": formats.money(facts["rate_min"], facts["currency"], per_hour=True),
        "converted": formats.money(round(Decimal(converted)), facts["budget_currency"], per_hour=True),
        "budget": formats.money(facts["budget_max"], facts["budget_currency"], per_hour=True),
    }
    if Decimal(converted) <= facts["budget_max"]:
        return _("rate from %(rate)s (about %(converted)s), inside budget") % values
    return _("rate from %(rate)s (about %(converted)s), above the budget of %(budget)s") % values


def _languages(facts: dict) -> str | None:

    asked = facts.get("languages_asked") or []
    if not asked:
        return None
    missing = [code for code in asked if code not in set(facts.get("languages_spoken") or [])]
    if not missing:
        return _("speaks the asked languages")
    return _("does not list %(languages)s") % {"languages": formats.language_names(missing)}


def _timezone(facts: dict) -> str | None:
    window = facts.get("utc_window")
    if not window:
        return None
    span = formats.utc_window(window[0], window[1])
    if facts.get("utc_offset") is None:
        return _("time zone not given")
    offset = facts["utc_offset"]
    if window[0] <= offset <= window[1]:
        return _("time zone inside %(window)s") % {"window": span}
    return _("%(offset)s, outside %(window)s") % {"offset": formats.utc_offset(offset), "window": span}


def _track_record(facts: dict) -> str | None:
    if "track_record" not in facts:
        return None  # stored before the component existed: the next run adds it
    if facts["track_record"] is None:
        return _("not enough customers' feedback yet")
    return _("customers' feedback %(percent)d%%") % {"percent": round(100 * facts["track_record"])}


def explain(facts: dict) -> str:
    if not facts:
        return ""
    parts = [
        _level(facts),
        _skills(facts),
        _availability(facts),
        _rate(facts),
        _languages(facts),
        _timezone(facts),
        _track_record(facts),
    ]
    text = "; ".join(part for part in parts if part)
    return text[:1].upper() + text[1:]

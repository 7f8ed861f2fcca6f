"""Format by locale, in one place: money, dates, times, durations, UTC offsets and language names.

Templates use `{% load formats %}` (`topfreelancer/templatetags/formats.py`), emails and Python call
these functions; all read the active language. One date format per language ("30 Nov 2026",
"30 ноября 2026"), with the month-year of experience periods as the second, named format; none ends
in a full stop, so a date or a time can end a sentence. Django's own `|date` and the admin use the
same formats through `FORMAT_MODULE_PATH` (`topfreelancer/formats/<lang>/formats.py`).
"""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import dateformat, timezone
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

NARROW_NBSP = "\u202f"  # groups digits in Russian: 5 500
NBSP = "\u00a0"  # between an amount and its symbol
EN_DASH = "–"  # ranges: 5 500–7 000
MINUS = "−"  # negative UTC offsets: UTC−5

SYMBOLS = {"RUB": "₽", "USD": "$", "EUR": "€"}
# Symbols written before the amount in English ("$43", "€40"); the rouble follows ("5,500 ₽").
# In Russian every symbol follows the amount.
PREFIXED_IN_ENGLISH = {"USD", "EUR"}

DATE = {"en": "j M Y", "ru": "j E Y"}  # 30 Nov 2026 · 30 ноября 2026
MONTH_YEAR = {"en": "M Y", "ru": "F Y"}  # Nov 2026 · ноябрь 2026 (experience periods)
TIME = "H:i"  # 16:34 in both languages

LANGUAGE_NAMES = {
    "en": gettext_lazy("English"),
    "ru": gettext_lazy("Russian"),
    "de": gettext_lazy("German"),
    "fr": gettext_lazy("French"),
    "es": gettext_lazy("Spanish"),
    "uk": gettext_lazy("Ukrainian"),
    "kk": gettext_lazy("Kazakh"),
    "zh": gettext_lazy("Chinese"),
}


def _language() -> str:
    return "ru" if (get_language() or "").startswith("ru") else "en"


# --- numbers and money ---------------------------------------------------------------------


def number(value) -> str:
    """5 500 (narrow no-break space) in Russian, 5,500 in English; cents only when there are any
    (5 500,50 · 5,500.50)."""
    amount = Decimal(value)
    whole = amount == amount.to_integral_value()
    text = f"{abs(amount):,.0f}" if whole else f"{abs(amount.quantize(Decimal('0.01'), ROUND_HALF_UP)):,.2f}"
    if _language() == "ru":
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    return (MINUS if amount < 0 else "") + text


def _with_symbol(text: str, currency: str) -> str:
    symbol = SYMBOLS.get(currency)
    if symbol is None:
        return f"{text}{NBSP}{currency}"
    if _language() == "en" and currency in PREFIXED_IN_ENGLISH:
        return f"{symbol}{text}"
    return f"{text}{NBSP}{symbol}"


def _per_hour(text: str) -> str:
    return pgettext("money per hour", "%(amount)s/h") % {"amount": text}


def money(amount, currency: str, *, per_hour: bool = False) -> str:
    """An amount with its currency: «5 500 ₽», "$43", "5,500 ₽"; «5 500 ₽/ч», "$43/h" per hour."""
    text = _with_symbol(number(amount), currency)
    return _per_hour(text) if per_hour else text


def money_range(low, high, currency: str, *, per_hour: bool = False) -> str:
    """«5 500–7 000 ₽/ч», "$43–62/h", "5,500–7,000 ₽/h"; one end missing: "from $43/h", «до 7 000 ₽/ч»;
    both missing: "by agreement"."""
    if low is None and high is None:
        return _("by agreement")
    if low is not None and high is not None and Decimal(low) != Decimal(high):
        text = _with_symbol(f"{number(low)}{EN_DASH}{number(high)}", currency)
    else:
        text = _with_symbol(number(low if low is not None else high), currency)
    if per_hour:
        text = _per_hour(text)
    if low is not None and high is None:
        return _("from %(amount)s") % {"amount": text}
    if low is None:
        return _("up to %(amount)s") % {"amount": text}
    return text


# --- dates and times -----------------------------------------------------------------------


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def date(value) -> str:
    """The one date format: "30 Nov 2026", «30 ноября 2026» (no trailing full stop)."""
    if value in (None, ""):
        return ""
    return dateformat.format(_local(value), DATE[_language()])


def month_year(value) -> str:
    """The second, named format, for experience periods: "Nov 2026", «ноябрь 2026»."""
    if value in (None, ""):
        return ""
    text = dateformat.format(_local(value), MONTH_YEAR[_language()])
    return text[:1].lower() + text[1:] if _language() == "ru" else text


def time(value) -> str:
    """24-hour "16:34" in both languages (never "4:34 p.m.", whose full stop doubles at a sentence end)."""
    if value in (None, ""):
        return ""
    return dateformat.time_format(_local(value), TIME)


def date_time(value) -> str:
    """ "30 Nov 2026, 16:34", «30 ноября 2026, 16:34» (in the current time zone)."""
    if value in (None, ""):
        return ""
    if not isinstance(value, datetime):
        return date(value)
    return f"{date(value)}, {time(value)}"


def day_month(value) -> str:
    """A day in the current year's context: "30 Nov", «30 ноября» (weeks of check-ins)."""
    if value in (None, ""):
        return ""
    return dateformat.format(_local(value), "j M" if _language() == "en" else "j E")


def duration(seconds) -> str:
    """mm:ss ("14:34"), h:mm:ss from an hour ("1:02:05")."""
    seconds = max(0, int(seconds or 0))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


# --- time zones and languages --------------------------------------------------------------


def utc_offset(hours) -> str:
    """ "UTC+3", "UTC−5", "UTC+0", "UTC+5:30" for a fractional offset."""
    if hours is None or hours == "":
        return ""
    value = Decimal(str(hours))
    sign = MINUS if value < 0 else "+"
    whole, fraction = divmod(abs(value), 1)
    minutes = int((fraction * 60).to_integral_value())
    return f"UTC{sign}{int(whole)}" + (f":{minutes:02d}" if minutes else "")


def utc_window(low, high) -> str:
    """A need's window of offsets: "UTC+2 … UTC+5" (one offset when both ends agree)."""
    if low is None or high is None:
        return ""
    if low == high:
        return utc_offset(low)
    return f"{utc_offset(low)} … {utc_offset(high)}"


def language_name(code: str) -> str:
    """The name of a working language in the page's language: "English", «английский» (lower case
    in Russian, as it is written in a sentence or a list); the code itself when unknown."""
    name = LANGUAGE_NAMES.get((code or "").lower())
    if name is None:
        return (code or "").upper()
    name = str(name)
    return name.lower() if _language() == "ru" else name


def language_names(codes) -> str:
    """A comma-separated list of language names: "English, German", «английский, немецкий»."""
    return ", ".join(language_name(code) for code in codes or ())

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django import template

from profiles.money import convert, viewer_currency

register = template.Library()


@dataclass
class Rate:
    rate_min: Decimal | None
    rate_max: Decimal | None
    currency: str
    converted: bool = False


def _whole(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)


@register.simple_tag
def viewer_rate(profile) -> Rate:
    """The profile's hourly rate in the viewer's currency (profiles.money.viewer_currency), whole
    units, by the rates in force today; the original when it is in that currency already or the
    table has no rate for it."""
    original = Rate(profile.rate_min, profile.rate_max, profile.currency)
    target = viewer_currency()
    if profile.currency == target or (profile.rate_min is None and profile.rate_max is None):
        return original
    low = convert(profile.rate_min, profile.currency, target)
    high = convert(profile.rate_max, profile.currency, target)
    if (low is None) != (profile.rate_min is None) or (high is None) != (profile.rate_max is None):
        return original
    return Rate(_whole(low), _whole(high), target, converted=True)

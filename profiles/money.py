"""Money across currencies: one dated exchange-rate table (admin-edited, seeded by a migration, no
network) and one conversion. Amounts are Decimal, never float. The catalogue and matching compare
a stored normalized amount (`Profile.rate_min_base_cents`, US cents by the rates in force), kept by
`Profile.save()` and recomputed by `profiles.services.exchange_rates_apply` when the rates change.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .choices import Currency

BASE = Currency.USD
CENT = Decimal("0.01")
TABLE_KEY = "profiles:exchange-rates"
TABLE_TIMEOUT = 300  # seconds; a save or delete in this process clears it at once


class ExchangeRate(models.Model):
    """How many units of a currency one US dollar buys from a date on. The rate in force on a date
    is the latest one on or before it."""

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    units_per_base = models.DecimalField(
        _("units per US dollar"),
        max_digits=14,
        decimal_places=6,
        help_text=_("How many units of this currency one US dollar buys."),
    )
    valid_from = models.DateField(_("in force from"), default=timezone.localdate)

    class Meta:
        ordering = ["currency", "-valid_from"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "valid_from"], name="exchange_rate_one_per_day"),
            models.CheckConstraint(condition=Q(units_per_base__gt=0), name="exchange_rate_positive"),
            models.CheckConstraint(condition=~Q(currency=BASE), name="exchange_rate_not_base"),
        ]

    def __str__(self) -> str:
        return f"1 {BASE} = {self.units_per_base} {self.currency} ({self.valid_from})"

    def clean(self):
        if self.currency == BASE:
            raise ValidationError({"currency": _("The US dollar is the base: its rate is always 1.")})
        if self.units_per_base is not None and self.units_per_base <= 0:
            raise ValidationError({"units_per_base": _("A rate is above zero.")})


def rate_table() -> dict[str, list[tuple[date, Decimal]]]:
    """currency -> [(in force from, units per US dollar)], newest first. One query, then cached."""
    table = cache.get(TABLE_KEY)
    if table is None:
        table = {}
        for currency, valid_from, units in ExchangeRate.objects.order_by("-valid_from").values_list(
            "currency", "valid_from", "units_per_base"
        ):
            table.setdefault(currency, []).append((valid_from, units))
        cache.set(TABLE_KEY, table, TABLE_TIMEOUT)
    return table


def clear_rate_table(**kwargs) -> None:
    cache.delete(TABLE_KEY)


def units_per_base(currency: str, *, on: date | None = None, table: dict | None = None) -> Decimal | None:
    """The rate in force on `on` (today by default): the latest on or before it; None if none.
    `table`: a rate_table() the caller read once for many conversions (one cache read each, else)."""
    if currency == BASE:
        return Decimal(1)
    on = on or timezone.localdate()
    for valid_from, units in (rate_table() if table is None else table).get(currency, ()):
        if valid_from <= on:
            return units
    return None


def convert(
    amount, source: str, target: str, *, on: date | None = None, table: dict | None = None
) -> Decimal | None:
    """`amount` of `source` in `target` by the rates in force on `on`, to the cent (half up);
    None when either rate is unknown."""
    if amount is None:
        return None
    amount = Decimal(amount)
    if source == target:
        return amount
    source_units = units_per_base(source, on=on, table=table)
    target_units = units_per_base(target, on=on, table=table)
    if source_units is None or target_units is None:
        return None
    return (amount / source_units * target_units).quantize(CENT, rounding=ROUND_HALF_UP)


def base_cents(amount, currency: str, *, on: date | None = None, table: dict | None = None) -> int | None:
    """`amount` of `currency` in whole US cents: the integer the catalogue and matching compare."""
    value = convert(amount, currency, BASE, on=on, table=table)
    return None if value is None else int(value / CENT)


def viewer_currency() -> str:
    """The currency amounts are shown and typed in: the page's language decides."""
    return Currency.RUB if (get_language() or "").startswith("ru") else Currency.USD

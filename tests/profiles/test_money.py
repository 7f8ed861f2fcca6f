"""Money across currencies: the dated exchange-rate table, the catalogue's rate filter and sort in
the viewer's currency, the amounts shown, and the admin that keeps the rates."""

from datetime import date, timedelta
from decimal import Decimal
from unittest.mock import patch

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from profiles.models import ExchangeRate, Profile
from profiles.money import base_cents, convert, units_per_base
from profiles.services import exchange_rates_apply
from profiles.tasks import apply_exchange_rates
from tests.factories import ModeratorFactory, ProfileFactory, SuperuserFactory

pytestmark = pytest.mark.django_db


def catalogue(client, language="en", **params) -> list[int]:
    response = client.get(reverse("profiles:catalogue"), params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return [p.pk for p in response.context["page"].profiles]


def set_rub(units: str) -> None:
    """A new RUB rate in force from today (the seed, 80, stays in force before it)."""
    ExchangeRate.objects.create(
        currency="RUB", units_per_base=Decimal(units), valid_from=timezone.localdate()
    )
    exchange_rates_apply()


def test_the_rate_in_force_on_a_date_is_the_latest_on_or_before_it():
    ExchangeRate.objects.create(currency="RUB", units_per_base=Decimal("90"), valid_from=date(2026, 3, 1))
    ExchangeRate.objects.create(currency="RUB", units_per_base=Decimal("100"), valid_from=date(2026, 6, 1))
    assert units_per_base("RUB", on=date(2026, 2, 28)) == Decimal("80")  # the seeded rate
    assert units_per_base("RUB", on=date(2026, 3, 1)) == Decimal("90")
    assert units_per_base("RUB", on=date(2026, 5, 31)) == Decimal("90")
    assert units_per_base("RUB", on=date(2026, 6, 1)) == Decimal("100")
    assert units_per_base("RUB", on=date(2024, 12, 31)) is None  # before any rate
    assert convert(3000, "RUB", "USD", on=date(2026, 4, 1)) == Decimal("33.33")
    assert convert(3000, "RUB", "EUR", on=date(2026, 4, 1)) == Decimal("30.67")  # through the base
    assert convert(3000, "RUB", "USD", on=date(2024, 1, 1)) is None
    assert base_cents(3000, "RUB", on=date(2026, 6, 1)) == 3000


def test_the_rate_filter_compares_across_currencies_by_the_table(client):
    rub = ProfileFactory(rate_min=3000, rate_max=4000, currency="RUB")  # 37.50 USD at the seed's 80
    usd = ProfileFactory(rate_min=43, rate_max=62, currency="USD")
    dear = ProfileFactory(rate_min=60, rate_max=80, currency="USD")
    assert sorted(catalogue(client, rate_max=50)) == sorted([rub.pk, usd.pk])
    # In Russian the filter is in roubles: 50 USD is 4,000 RUB, and 3,440 RUB is 43 USD.
    assert sorted(catalogue(client, "ru", rate_max=3440)) == sorted([rub.pk, usd.pk])
    assert catalogue(client, "ru", rate_max=3439) == [rub.pk]

    set_rub("50")  # now 3,000 RUB is 60 USD: above 50
    assert Profile.objects.get(pk=rub.pk).rate_min_base_cents == 6000
    assert catalogue(client, rate_max=50) == [usd.pk]
    assert sorted(catalogue(client, rate_max=60)) == sorted([rub.pk, usd.pk, dear.pk])


def test_the_rate_sort_orders_mixed_currencies_by_converted_value(client):
    mid = ProfileFactory(rate_min=3000, currency="RUB")  # 37.50 USD
    low = ProfileFactory(rate_min=30, currency="USD")
    high = ProfileFactory(rate_min=45, currency="EUR")  # 48.91 USD at 0.92
    cheap = ProfileFactory(rate_min=2000, currency="RUB")  # 25.00 USD
    none = ProfileFactory(rate_min=None, rate_max=None)
    assert catalogue(client, sort="rate") == [cheap.pk, low.pk, mid.pk, high.pk, none.pk]
    set_rub("160")  # 3,000 RUB becomes 18.75 USD, 2,000 RUB 12.50
    assert catalogue(client, sort="rate") == [cheap.pk, mid.pk, low.pk, high.pk, none.pk]


def test_exchange_rates_apply_is_idempotent_and_saves_keep_the_amount():
    profile = ProfileFactory(rate_min=4000, rate_max=5000, currency="RUB")
    assert profile.rate_min_base_cents == 5000
    assert exchange_rates_apply() == 0
    ExchangeRate.objects.create(
        currency="RUB", units_per_base=Decimal("100"), valid_from=timezone.localdate()
    )
    assert exchange_rates_apply() == 1
    assert exchange_rates_apply() == 0
    profile.refresh_from_db()
    profile.currency = "USD"
    profile.save(update_fields=["currency"])
    assert Profile.objects.get(pk=profile.pk).rate_min_base_cents == 400000


def test_a_rate_dated_ahead_comes_into_force_with_the_daily_task(client, settings):
    rub = ProfileFactory(rate_min=3000, currency="RUB")
    tomorrow = timezone.localdate() + timedelta(days=1)
    ExchangeRate.objects.create(currency="RUB", units_per_base=Decimal("50"), valid_from=tomorrow)
    assert apply_exchange_rates.delay().get() == 0
    assert catalogue(client, rate_max=50) == [rub.pk]
    with patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert apply_exchange_rates.delay().get() == 1
    assert catalogue(client, rate_max=50) == []
    assert settings.CELERY_BEAT_SCHEDULE["profiles-apply-exchange-rates"]["task"] == apply_exchange_rates.name


def test_an_english_page_shows_dollars_beside_the_original(client):
    profile = ProfileFactory(rate_min=3000, rate_max=4000, currency="RUB")
    page = client.get(
        reverse("profiles:detail", args=[profile.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "≈ $38–50/h" in page
    assert "(3,000–4,000\u00a0₽/h)" in page
    card = client.get(reverse("profiles:catalogue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "≈ $38–50/h" in card


def test_a_russian_page_shows_roubles_beside_the_original(client):
    profile = ProfileFactory(rate_min=40, rate_max=60, currency="USD")
    page = client.get(
        reverse("profiles:detail", args=[profile.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert "≈ 3\u202f200–4\u202f800\u00a0₽/ч" in page
    assert "(40–60\u00a0$/ч)" in page
    assert (
        "Ставка в час, до (RUB)"
        in client.get(reverse("profiles:catalogue"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    )


def test_the_same_currency_shows_once(client):
    profile = ProfileFactory(rate_min=40, rate_max=60, currency="USD")
    page = client.get(
        reverse("profiles:detail", args=[profile.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "$40–60/h" in page and "≈" not in page


def test_operators_edit_rates_in_the_admin_and_the_profiles_follow(
    client, django_capture_on_commit_callbacks
):
    profile = ProfileFactory(rate_min=3000, currency="RUB")
    client.force_login(SuperuserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:profiles_exchangerate_add"),
            {"currency": "RUB", "units_per_base": "100", "valid_from": timezone.localdate().isoformat()},
        )
    assert response.status_code == 302
    assert Profile.objects.get(pk=profile.pk).rate_min_base_cents == 3000
    bad = client.post(
        reverse("admin:profiles_exchangerate_add"),
        {"currency": "USD", "units_per_base": "0", "valid_from": "2026-01-01"},
    )
    assert bad.status_code == 200 and ExchangeRate.objects.filter(currency="USD").count() == 0


def test_moderators_cannot_edit_rates(client):
    client.force_login(ModeratorFactory())
    assert client.get(reverse("admin:profiles_exchangerate_changelist")).status_code == 403


def test_the_rate_filter_and_sort_add_no_query(client, django_assert_max_num_queries):
    for rate, currency in [(3000, "RUB"), (40, "USD"), (35, "EUR")]:
        ProfileFactory(rate_min=rate, currency=currency)
    url = reverse("profiles:catalogue")
    client.get(url)  # the reference choices and the rate table are cached from here on
    with CaptureQueriesContext(connection) as plain:  # the first request of its filter, as the next
        client.get(url, {"sort": "rate"})
    with django_assert_max_num_queries(len(plain)):
        assert len(client.get(url, {"rate_max": 50, "sort": "rate"}).context["page"].profiles) == 3

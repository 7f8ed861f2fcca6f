"""A rate and a budget in different currencies are compared through the exchange-rate table, the
same way in the full run's SQL and the incremental update's Python, and the explanation says so."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from matching.engine import COLUMNS, rank, write_matches
from matching.models import Candidate, Match
from matching.terms import need_terms
from profiles.models import ExchangeRate
from profiles.money import clear_rate_table
from profiles.services import exchange_rates_apply
from tests.factories import ProfileFactory, SpecializationFactory
from tests.needs.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec():
    return SpecializationFactory()


def python_rate_fits(need) -> dict[int, float]:
    terms = need_terms(need)
    rows = Candidate.objects.filter(specialization=need.specialization).values(*COLUMNS)
    return {row["profile_id"]: terms.components(row)["rate_fit"] for row in rows}


def test_a_rate_in_dollars_against_a_budget_in_roubles_has_a_real_fit(spec):
    need = NeedFactory(specialization=spec, budget_min=None, budget_max=4000, currency="RUB")  # 50 USD at 80
    inside = ProfileFactory(specialization=spec, rate_min=45, rate_max=60, currency="USD")  # 3,600 RUB
    over = ProfileFactory(specialization=spec, rate_min=55, rate_max=70, currency="USD")  # 4,400: x1.1
    far = ProfileFactory(specialization=spec, rate_min=90, rate_max=99, currency="USD")  # 7,200: x1.8
    sql = {row["profile_id"]: row["rate_fit"] for row in rank(need)}
    assert sql == {inside.pk: 1.0, over.pk: 0.6, far.pk: 0.0}
    assert python_rate_fits(need) == sql

    write_matches(need=need)
    with translation.override("en"):
        assert (
            "rate from $45/h (about 3,600\u00a0₽/h), inside budget"
            in Match.objects.get(profile=inside).explanation
        )
        assert "rate from $55/h (about 4,400\u00a0₽/h), above the budget of 4,000\u00a0₽/h" in (
            Match.objects.get(profile=over).explanation
        )


def test_a_new_rate_ranks_budgets_in_other_currencies_again(spec, django_capture_on_commit_callbacks):
    need = NeedFactory(specialization=spec, budget_min=None, budget_max=4000, currency="RUB")
    profile = ProfileFactory(specialization=spec, rate_min=55, currency="USD")
    write_matches(need=need)
    assert Match.objects.get(need=need).rate_fit == 0.6
    # A stronger rouble: the budget is 62.50 USD now. The profile's cents do not change, the budget's do.
    ExchangeRate.objects.create(currency="RUB", units_per_base=Decimal("64"), valid_from=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        exchange_rates_apply()
    assert Match.objects.get(need=need).rate_fit == 1.0  # the need was ranked again
    assert python_rate_fits(need) == {profile.pk: 1.0}


def test_without_a_rate_in_the_table_the_fit_is_unknown(spec):
    ExchangeRate.objects.filter(currency="EUR").update(valid_from=timezone.localdate() + timedelta(days=1))
    clear_rate_table()
    need = NeedFactory(specialization=spec, budget_min=None, budget_max=50, currency="EUR")
    profile = ProfileFactory(specialization=spec, rate_min=45, currency="USD")
    assert {row["profile_id"]: row["rate_fit"] for row in rank(need)} == {profile.pk: 0.5}
    assert python_rate_fits(need) == {profile.pk: 0.5}

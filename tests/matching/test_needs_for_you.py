"""'Needs for you': open needs of the specialist's specialization ranked by the stored match score,
the interest mark, and the customer seeing it on the shortlist."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from matching.models import Interest
from matching.services import matching_run
from matching.services.interest import interest_mark
from needs.models import Need
from tests.factories import ApplicantFactory, ProfileFactory, SpecializationFactory, level
from tests.needs.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    spec = SpecializationFactory()
    profile = ProfileFactory(specialization=spec, level=level("senior"), user__full_name="Sam Senior")
    fits = NeedFactory(specialization=spec, level=level("senior"), title="Senior need")
    stretch = NeedFactory(specialization=spec, level=level("lead"), title="Lead need")
    for need in (fits, stretch):
        matching_run(need_id=need.pk)
    unranked = NeedFactory(specialization=spec, title="Fresh need")  # no matching run yet
    NeedFactory(specialization=spec, title="Paused need", state=Need.State.PAUSED)
    NeedFactory(title="Other specialization")
    return profile, fits, stretch, unranked


def test_ranked_by_the_stored_score_with_the_explanation(client, world):
    profile, fits, stretch, unranked = world
    client.force_login(profile.user)
    page = client.get(reverse("matching:needs_for_you")).content.decode()
    assert page.index("Senior need") < page.index("Lead need") < page.index("Fresh need")
    assert "Paused need" not in page and "Other specialization" not in page
    assert "Senior for a Senior need" in page  # the match's own explanation


def test_interest_is_marked_shown_to_the_customer_and_removed(client, world):
    profile, fits, _stretch, _unranked = world
    client.force_login(profile.user)
    url = reverse("matching:interest", args=[fits.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # idempotent
    assert Interest.objects.filter(need=fits, specialist=profile.user).count() == 1
    client.force_login(fits.customer)
    shortlist = client.get(reverse("needs:detail", args=[fits.pk])).content.decode()
    # the naming rule: no invitation accepted yet, so the first name and an initial
    assert "Sam S." in shortlist and "Sam Senior" not in shortlist and "marked interest" in shortlist
    client.force_login(profile.user)
    client.post(url, {"action": "unmark"})
    assert not Interest.objects.exists()


def test_only_open_needs_of_ones_own_specialization(client, world):
    profile, fits, _stretch, _unranked = world
    other = NeedFactory(title="Elsewhere")
    client.force_login(profile.user)
    assert client.post(reverse("matching:interest", args=[other.pk])).status_code == 404
    fits.state = Need.State.PAUSED
    fits.save(update_fields=["state"])
    assert client.post(reverse("matching:interest", args=[fits.pk])).status_code == 404
    with pytest.raises(ValidationError):
        interest_mark(specialist=profile.user, need=other)
    client.force_login(ApplicantFactory())  # not vetted
    assert client.get(reverse("matching:needs_for_you")).status_code == 403

"""The catalogue's pages read from the replica when one is configured, tested against a second database.

The two databases are made to differ: one profile only on the primary, another only on the replica.
The catalogue and the profile page show the replica's; other reads keep to the primary.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.models import User
from profiles.models import Experience, Profile, ProfileLanguage, ProfileSkill
from tests.factories import ProfileFactory, SpecializationFactory
from tests.needs.factories import ensure_levels
from topfreelancer.replica import REPLICA, replica_reads
from vetting.models import Level, Skill, Specialization

COPIED = (Level, Specialization, Skill, User, Profile, ProfileSkill, ProfileLanguage, Experience)


def copy_to_replica():
    """What streaming replication would have done: the primary's rows on the replica."""
    for model in COPIED:
        rows = list(model.objects.using("default").all())
        model.objects.using(REPLICA).bulk_create(rows, ignore_conflicts=True)


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_the_catalogue_and_profile_pages_read_the_replica_and_the_rest_the_primary(client, settings):
    ensure_levels()
    spec = SpecializationFactory()
    on_primary = ProfileFactory(specialization=spec)
    on_replica = ProfileFactory(specialization=spec)
    copy_to_replica()
    Profile.objects.using(REPLICA).filter(pk=on_primary.pk).delete()
    Profile.objects.using("default").filter(pk=on_replica.pk).delete()
    settings.CATALOGUE_FROM_REPLICA = True
    cache.clear()

    page = client.get(reverse("profiles:catalogue")).content.decode()
    assert reverse("profiles:detail", args=[on_replica.pk]) in page
    assert reverse("profiles:detail", args=[on_primary.pk]) not in page
    assert client.get(reverse("profiles:detail", args=[on_replica.pk])).status_code == 200
    assert client.get(reverse("profiles:detail", args=[on_primary.pk])).status_code == 404

    # Outside those pages, and for accounts always, reads stay on the primary.
    both = [on_primary.pk, on_replica.pk]
    assert list(Profile.objects.filter(pk__in=both)) == [on_primary]
    with replica_reads():
        assert list(Profile.objects.filter(pk__in=both)) == [on_replica]
        assert User.objects.filter(pk=on_primary.user_id).exists()

    settings.CATALOGUE_FROM_REPLICA = False  # no replica: the one database
    cache.clear()
    page = client.get(reverse("profiles:catalogue")).content.decode()
    assert reverse("profiles:detail", args=[on_primary.pk]) in page

"""What the matching hears from the apps below it (connected in MatchingConfig.ready)."""

from needs.models import Need
from profiles.models import Profile
from profiles.money import BASE

from .candidates import candidates_sync
from .services import need_request_matching, profile_rematch


def profile_changed(*, profile, **kwargs) -> None:
    """A profile changed what a match reads: the read model follows in this transaction, then the
    shortlists."""
    if candidates_sync(profile_ids=[profile.pk]):
        profile_rematch(profile_id=profile.pk)


def need_changed(*, need, **kwargs) -> None:
    """A need's content or state changed: an open one is marked pending and ranked on commit."""
    need_request_matching(need=need)


def exchange_rates_changed(**kwargs) -> None:
    """The rates in force moved: every open need with a budget in another currency than the base is
    ranked again (its budget compares differently with every rate). Locks them in id order."""
    budgeted = Need.objects.open().filter(budget_max__isnull=False).exclude(currency=BASE)
    for need in budgeted.select_for_update(no_key=True).order_by("pk"):
        need_request_matching(need=need)


def user_saved(*, instance, created=False, update_fields=None, **kwargs) -> None:
    """An account (de)activated lists or unlists its profile. New accounts and logins are skipped."""
    if created or (update_fields is not None and "is_active" not in update_fields):
        return
    profile_id = Profile.objects.filter(user_id=instance.pk).values_list("pk", flat=True).first()
    if profile_id is not None and candidates_sync(profile_ids=[profile_id]):
        profile_rematch(profile_id=profile_id)

"""A specialist marks interest in an open need of one of their specializations; the customer sees the mark."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from needs.models import Need
from topfreelancer.state import DomainError

from ..models import Interest


def interest_mark(*, specialist, need: Need) -> Interest:
    """Idempotent: a second mark returns the first. Only an open need of a specialization the
    specialist is qualified in, and only for a vetted specialist."""
    profile = getattr(specialist, "profile", None)
    if profile is None or profile.accepted_at is None:
        raise DomainError(_("Only vetted specialists mark interest."))
    qualified = profile.qualifications.filter(specialization_id=need.specialization_id).exists()
    if need.state != Need.State.OPEN or not qualified:
        raise DomainError(_("This need is not open to you."))
    try:
        with transaction.atomic():
            interest, _created = Interest.objects.get_or_create(need=need, specialist=specialist)
    except IntegrityError:  # a concurrent double click
        interest = Interest.objects.get(need=need, specialist=specialist)
    return interest


def interest_unmark(*, specialist, need: Need) -> None:
    Interest.objects.filter(need=need, specialist=specialist).delete()

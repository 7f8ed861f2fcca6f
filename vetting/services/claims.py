"""Claims: a moderator takes an application so two moderators never review it at once."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from topfreelancer import clock, formats

from ..models import Application, Claim, Review, StageKind
from .common import DomainError, audit, check, lock


class ClaimTaken(DomainError):
    """Another moderator holds the application; `holder` says who, `until` till when."""

    def __init__(self, claim: Claim):
        super().__init__(
            _("%(who)s is reviewing this application (until %(until)s).")
            % {"who": claim.moderator, "until": formats.time(claim.expires_at)}
        )
        self.holder = claim.moderator
        self.until = claim.expires_at


def active_claim(application: Application, *, now: datetime | None = None) -> Claim | None:
    claim = Claim.objects.select_related("moderator").filter(application=application).first()
    return claim if claim is not None and claim.active(now) else None


def check_claim(application: Application, actor) -> None:
    """A moderator's move on an application another moderator holds is refused."""
    claim = active_claim(application)
    if claim is not None and claim.moderator_id != getattr(actor, "pk", None):
        raise ClaimTaken(claim)


@transaction.atomic
def application_claim(*, application: Application, moderator, now: datetime | None = None) -> Claim:
    """Take the application for `VETTING_CLAIM_MINUTES`; taking it again renews the claim.

    Locks the application row, so of two moderators taking it at once one gets it and the other
    gets `ClaimTaken` naming the holder. A work sample or interview needing several scorecards is
    refused to a moderator who already scored it while it still waits for the others.
    """
    now = now or clock.now()
    application = lock(application)
    stage = check(application, "claim")
    check_claim(application, moderator)
    if (
        stage.kind in (StageKind.WORK_SAMPLE, StageKind.INTERVIEW)
        and Review.objects.filter(application=application, stage=stage, reviewer=moderator).exists()
        and Review.objects.filter(application=application, stage=stage).count() < stage.reviews_needed
    ):
        raise DomainError(_("You have scored this already: it waits for another moderator's review."))
    claim, _created = Claim.objects.update_or_create(
        application=application,
        defaults={
            "moderator": moderator,
            "claimed_at": now,
            "expires_at": now + timedelta(minutes=settings.VETTING_CLAIM_MINUTES),
        },
    )
    audit(application, actor=moderator, action="claim", before=(application.status, stage))
    return claim


@transaction.atomic
def application_release(*, application: Application, moderator) -> bool:
    """Give the application back to the pool. Idempotent: False when the moderator held nothing."""
    application = lock(application)
    deleted, _detail = Claim.objects.filter(application=application, moderator=moderator).delete()
    if deleted:
        audit(
            application,
            actor=moderator,
            action="release",
            before=(application.status, application.current_stage),
        )
    return bool(deleted)

"""Work-sample submissions and moderators' scorecards."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import Claim, Review, WorkSubmission
from .applications import panel_verdict
from .claims import check_claim
from .common import DomainError, audit, check, lock


@transaction.atomic
def work_submit(*, application, applicant, text: str = "", link: str = "", file=None) -> WorkSubmission:
    """Hand in the work sample once; a moderator then scores it against the rubric."""
    application = lock(application)
    if application.applicant_id != applicant.pk:
        raise DomainError(_("This is not your application."))
    stage = check(application, "work_submit")
    if WorkSubmission.objects.filter(application=application, stage=stage).exists():
        raise DomainError(_("You already submitted the work sample."))
    if not (text.strip() or link.strip() or file):
        raise DomainError(_("Give an answer, a link or a file."))
    submission = WorkSubmission(application=application, stage=stage, text=text, link=link)
    if file:
        submission.original_name = file.name[-200:]
        submission.file = file
    submission.save()
    before = (application.status, stage)
    audit(application, actor=applicant, action="work_submit", before=before)
    return submission


@transaction.atomic
def review_submit(*, application, reviewer, scores: dict[int, int], private_note: str = "") -> Review:
    """Record (or revise) one moderator's scorecard for the current stage.

    Refused while another moderator holds the application. When the stage then waits for other
    moderators (more scorecards, a third review or a lead), the reviewer's claim ends so the next
    one can take it.
    """
    application = lock(application)
    stage = check(application, "review_submit")
    check_claim(application, reviewer)
    criteria = list(stage.criteria.all())
    if not criteria:
        raise DomainError(_("This stage has no rubric criteria."))
    clean = {}
    for criterion in criteria:
        value = scores.get(criterion.pk, scores.get(str(criterion.pk)))
        if value is None or not 1 <= int(value) <= criterion.max_score:
            raise DomainError(
                _("Score “%(name)s” from 1 to %(max)d.")
                % {"name": criterion.name, "max": criterion.max_score}
            )
        clean[str(criterion.pk)] = int(value)
    percent = Decimal(100 * sum(clean.values()) / sum(c.max_score for c in criteria)).quantize(Decimal("0.1"))
    review, _created = Review.objects.update_or_create(
        application=application,
        stage=stage,
        reviewer=reviewer,
        defaults={"scores": clean, "percent": percent, "private_note": private_note},
    )
    audit(
        application,
        actor=reviewer,
        action="review",
        before=(application.status, stage),
        detail={"percent": str(percent)},
    )
    try:
        panel_verdict(application, stage, reviewer)
    except DomainError:
        # It waits for more scorecards, a third review or a lead: the next person may take it.
        Claim.objects.filter(application=application, moderator=reviewer).delete()
    return review

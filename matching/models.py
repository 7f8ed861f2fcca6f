from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .scoring import COMPONENTS


def _unit_interval(field: str) -> Q:
    return Q(**{f"{field}__gte": 0.0, f"{field}__lte": 1.0})


class MatchQuerySet(models.QuerySet):
    def for_customer(self, customer):
        return self.filter(need__customer=customer)

    def ranked(self):
        return self.order_by("-score", "pk")

    def visible(self):
        return self.filter(dismissed_at__isnull=True)


class Match(models.Model):
    """A scored (need, profile) pair: the score, its components in [0, 1] and the facts behind them.

    Written by `matching.services.matching_run` with an upsert on (need, profile); the explanation
    is built from `facts` in the reader's language (matching/explain.py).
    """

    need = models.ForeignKey("needs.Need", on_delete=models.CASCADE, related_name="matches")
    profile = models.ForeignKey("profiles.Profile", on_delete=models.CASCADE, related_name="matches")
    rank = models.PositiveIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    level_fit = models.FloatField(_("level fit"))
    skill_fit = models.FloatField(_("skill coverage"))
    availability_fit = models.FloatField(_("availability"))
    rate_fit = models.FloatField(_("rate"))
    language_fit = models.FloatField(_("language"))
    timezone_fit = models.FloatField(_("time zone"))
    facts = models.JSONField(default=dict)
    computed_at = models.DateTimeField(_("computed at"))
    # The customer's own choice survives re-runs: the upsert never touches it.
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["need", "rank"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["need", "profile"], name="match_need_profile_unique"),
            models.CheckConstraint(condition=_unit_interval("score"), name="match_score_unit"),
            *[
                models.CheckConstraint(condition=_unit_interval(f"{name}_fit"), name=f"match_{name}_fit_unit")
                for name in COMPONENTS
            ],
        ]
        indexes = [models.Index(fields=["need", "-score"], name="match_need_score_idx")]

    def __str__(self) -> str:
        return f"{self.need} / {self.profile} ({self.score:.2f})"

    @property
    def score_percent(self) -> int:
        return round(self.score * 100)

    @property
    def explanation(self) -> str:
        from .explain import explain

        return explain(self.facts)


class InvitationQuerySet(models.QuerySet):
    def for_customer(self, customer):
        return self.filter(need__customer=customer)

    def for_specialist(self, user):
        return self.filter(specialist=user)


class Invitation(models.Model):
    """A customer invites a specialist to a need; contacts are shared only on acceptance."""

    class State(models.TextChoices):
        SENT = "sent", pgettext_lazy("invitation", "Waiting for an answer")
        ACCEPTED = "accepted", pgettext_lazy("invitation", "Accepted")
        DECLINED = "declined", pgettext_lazy("invitation", "Declined")

    need = models.ForeignKey("needs.Need", on_delete=models.CASCADE, related_name="invitations")
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations_received"
    )
    message = models.TextField(_("message"), help_text=_("Markdown."))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.SENT)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["need", "specialist"], name="invitation_need_specialist_unique"),
            models.CheckConstraint(
                condition=Q(state__in=["sent", "accepted", "declined"]), name="invitation_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(state="sent") | Q(responded_at__isnull=False), name="invitation_answer_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.need} -> {self.specialist}"

    @property
    def is_accepted(self) -> bool:
        return self.state == self.State.ACCEPTED


class RunHeartbeat(models.Model):
    """The pulse of a need's matching run: written when the run starts and every few seconds while it
    works (matching.heartbeat), from its own connection, so it is seen while the run's transaction is
    still open. A "running" need whose pulse stopped is taken for a killed worker and re-sent."""

    need = models.OneToOneField("needs.Need", on_delete=models.CASCADE, primary_key=True, related_name="+")
    beat_at = models.DateTimeField(_("last heartbeat"))

    class Meta:
        verbose_name = _("run heartbeat")
        verbose_name_plural = _("run heartbeats")

    def __str__(self) -> str:
        return f"{self.need_id} @ {self.beat_at:%H:%M:%S}"

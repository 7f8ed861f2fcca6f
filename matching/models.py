from django.conf import settings
from django.core.exceptions import ValidationError
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


class EngagementQuerySet(models.QuerySet):
    def for_user(self, user):
        """The engagements `user` is a party to: as the need's customer or as the specialist."""
        return self.filter(Q(need__customer=user) | Q(specialist=user))


class Engagement(models.Model):
    """What an accepted invitation opens: the specialist working on the need.

    One per invitation; it moves through `matching.services.engagements` (active, paused, ended).
    """

    class State(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("engagement", "Active")
        PAUSED = "paused", pgettext_lazy("engagement", "Paused")
        ENDED = "ended", pgettext_lazy("engagement", "Ended")

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="engagement")
    need = models.ForeignKey("needs.Need", on_delete=models.CASCADE, related_name="engagements")
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="engagements"
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.ACTIVE)
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["active", "paused", "ended"]), name="engagement_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(state="ended", ended_at__isnull=False)
                | (~Q(state="ended") & Q(ended_at__isnull=True)),
                name="engagement_ended_has_time",
            ),
        ]
        indexes = [models.Index(fields=["specialist", "state"], name="engagement_specialist_idx")]

    def __str__(self) -> str:
        return f"{self.need} / {self.specialist}"

    def clean(self):
        if (self.state == self.State.ENDED) != (self.ended_at is not None):
            raise ValidationError(_("An engagement has an end time exactly when it has ended."))


class EngagementEvent(models.Model):
    """Audit: every move of an engagement, who made it and when."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_state = models.CharField(max_length=8, blank=True)
    to_state = models.CharField(max_length=8)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("engagement event")
        verbose_name_plural = _("engagement events")

    def __str__(self) -> str:
        return f"{self.engagement}: {self.from_state or '-'} -> {self.to_state}"

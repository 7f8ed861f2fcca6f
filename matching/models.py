from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from topfreelancer.markup import RenderedHTMLField
from topfreelancer.text import MESSAGE_MAX, CappedTextField

from .fields import SetField
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
        indexes = [
            models.Index(fields=["need", "-score"], name="match_need_score_idx"),
            # An incremental update reads the last places of each shortlist it may enter.
            models.Index(fields=["need", "rank"], name="match_need_rank_idx"),
        ]

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
    message = CappedTextField(_("message"), max_length=MESSAGE_MAX, help_text=_("Markdown."))
    message_html = RenderedHTMLField(source="message")
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


class CandidateQuerySet(models.QuerySet):
    def scorable(self):
        """The rows a run ranks: listed, with open hours (the hard filters)."""
        return self.filter(listed=True, hours_per_week__gt=0)


class Candidate(models.Model):
    """The matching's read model: one row per (specialization, profile) with exactly the score's inputs.

    Written by matching.candidates in the transaction of every profile change (profiles sends
    `profile_changed`), so a run reads this narrow table only, never the wide profile rows.
    A profile that stops being listed keeps its row with `listed=False` until its change has been
    applied to the shortlists (`applied_version == version`): the pending work is in the database.
    """

    profile = models.ForeignKey("profiles.Profile", on_delete=models.CASCADE, related_name="+")
    specialization = models.ForeignKey(
        "vetting.Specialization", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    listed = models.BooleanField(default=True)
    level = models.ForeignKey("vetting.Level", on_delete=models.PROTECT, related_name="+", db_index=False)
    hours_per_week = models.PositiveSmallIntegerField(default=0)
    available_from = models.DateField(null=True, blank=True)
    rate_min = models.PositiveIntegerField(null=True, blank=True)
    rate_max = models.PositiveIntegerField(null=True, blank=True)
    currency = models.CharField(max_length=3)
    # The profile's rate_min in US cents by the exchange rates (profiles.money): the rate fit's input.
    rate_min_base_cents = models.PositiveBigIntegerField(null=True, blank=True)
    utc_offset = models.SmallIntegerField(null=True, blank=True)
    skills = SetField()
    verified_skills = SetField()
    # Spoken at scoring.LANGUAGE_MIN_PROFICIENCY or better.
    languages = SetField(base="varchar(8)")
    # Aggregated feedback of completed engagements, when there is enough; None is neutral.
    track_record = models.FloatField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    applied_version = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField()

    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("matching candidate")
        verbose_name_plural = _("matching candidates")
        constraints = [
            models.UniqueConstraint(
                fields=["specialization", "profile"], name="candidate_spec_profile_unique"
            ),
        ]
        indexes = [
            # A run's rows: one specialization's scorable candidates.
            models.Index(
                fields=["specialization", "level"],
                name="candidate_scorable_idx",
                condition=Q(listed=True, hours_per_week__gt=0),
            ),
            # The sweep: changes not yet applied to the shortlists.
            models.Index(
                fields=["changed_at"],
                name="candidate_unapplied_idx",
                condition=Q(applied_version__lt=models.F("version")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} in {self.specialization_id} (v{self.version})"

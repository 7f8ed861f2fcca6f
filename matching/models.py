import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from topfreelancer import clock
from topfreelancer.markup import RenderedHTMLField
from topfreelancer.text import MESSAGE_MAX, CappedTextField, SingleLineCharField
from vetting.uploads import extension_of

from .explain import explain
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


COMPONENT_LABELS = {
    "level": _("Level"),
    "skill": _("Skills"),
    "availability": _("Availability"),
    "rate": _("Rate"),
    "language": _("Language"),
    "timezone": _("Time zone"),
    "track_record": _("Track record"),
}


class Match(models.Model):
    """A scored (need, profile) pair: the score, its components in [0, 1] and the facts behind them.

    Written by `matching.services.matching_run` with an upsert on (need, profile); the explanation
    is built from `facts` in the reader's language (matching/explain.py).
    """

    need = models.ForeignKey(
        "needs.Need", on_delete=models.CASCADE, related_name="matches", verbose_name=_("need")
    )
    profile = models.ForeignKey(
        "profiles.Profile", on_delete=models.CASCADE, related_name="matches", verbose_name=_("profile")
    )
    rank = models.PositiveIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    level_fit = models.FloatField(_("level fit"))
    skill_fit = models.FloatField(_("skill coverage"))
    availability_fit = models.FloatField(_("availability"))
    rate_fit = models.FloatField(_("rate"))
    language_fit = models.FloatField(_("language"))
    timezone_fit = models.FloatField(_("time zone"))
    track_record_fit = models.FloatField(_("track record"))
    facts = models.JSONField(default=dict, verbose_name=_("facts"))
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
    def scores(self) -> list[tuple[str, float]]:
        """(label, value) per component, in COMPONENTS order: the shortlist's score meters."""
        return [(COMPONENT_LABELS[name], getattr(self, f"{name}_fit")) for name in COMPONENTS]

    @property
    def explanation(self) -> str:
        return explain(self.facts)


class RunnerUp(models.Model):
    """A candidate ranked just below a need's shortlist: places TOP_N + 1 onwards, at most RESERVE.

    Only the order is kept (score, level fit, profile). Written by full runs with the shortlist and
    kept exact by incremental updates (matching.services.updates): the runners-up of a need are the
    next best candidates after its shortlist, in order, though there may be fewer than RESERVE of
    them. When a member leaves, the first runner-up takes its place; only an empty reserve costs a
    scoring pass over the need's candidates.
    """

    need = models.ForeignKey(
        "needs.Need", on_delete=models.CASCADE, related_name="runners_up", verbose_name=_("need")
    )
    profile = models.ForeignKey(
        "profiles.Profile", on_delete=models.CASCADE, related_name="+", verbose_name=_("profile")
    )
    score = models.FloatField(_("score"))
    level_fit = models.FloatField(_("level fit"))

    class Meta:
        verbose_name = _("runner-up")
        verbose_name_plural = _("runners-up")
        constraints = [
            models.UniqueConstraint(fields=["need", "profile"], name="runnerup_need_profile_unique"),
        ]
        indexes = [
            models.Index(fields=["need", "-score", "-level_fit", "profile"], name="runnerup_need_order_idx")
        ]

    def __str__(self) -> str:
        return f"{self.need_id} / {self.profile_id} ({self.score:.2f})"


# A match's one move the customer makes: dismissed (from -> allowed tos), checked by
# `matching.services.invitations` (topfreelancer.state.check_move).
MATCH_TRANSITIONS: dict[bool, frozenset[bool]] = {False: frozenset({True}), True: frozenset({False})}


class MatchEvent(models.Model):
    """Audit: the customer dismissed a match from the shortlist, or restored it."""

    class Kind(models.TextChoices):
        DISMISS = "dismiss", _("dismissed")
        RESTORE = "restore", _("restored")

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events", verbose_name=_("match"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    at = models.DateTimeField(_("at"), default=clock.now, editable=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("match event")
        verbose_name_plural = _("match events")

    def __str__(self) -> str:
        return f"{self.match}: {self.get_kind_display()}"


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
        WITHDRAWN = "withdrawn", pgettext_lazy("invitation", "Withdrawn")
        EXPIRED = "expired", pgettext_lazy("invitation", "Expired")

    need = models.ForeignKey(
        "needs.Need", on_delete=models.CASCADE, related_name="invitations", verbose_name=_("need")
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="invitations_received",
        verbose_name=_("specialist"),
    )
    message = CappedTextField(_("message"), max_length=MESSAGE_MAX, help_text=_("Markdown."))
    message_html = RenderedHTMLField(source="message", verbose_name=_("message (HTML)"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SENT)
    created_at = models.DateTimeField(_("sent at"), default=clock.now, editable=False)
    # When it stopped waiting: answered, withdrawn by the customer, or expired.
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["need", "specialist"], name="invitation_need_specialist_unique"),
            models.CheckConstraint(
                condition=Q(state__in=["sent", "accepted", "declined", "withdrawn", "expired"]),
                name="invitation_state_valid",
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

    @property
    def is_waiting(self) -> bool:
        """Sent and not answered yet: the specialist may answer, the customer may withdraw it."""
        return self.state == self.State.SENT


# The moves of an invitation (from -> allowed tos), checked by `matching.services.invitations`.
INVITATION_TRANSITIONS: dict[str, frozenset[str]] = {
    Invitation.State.SENT: frozenset(
        {
            Invitation.State.ACCEPTED,
            Invitation.State.DECLINED,
            Invitation.State.WITHDRAWN,
            Invitation.State.EXPIRED,
        }
    ),
    Invitation.State.ACCEPTED: frozenset(),
    Invitation.State.DECLINED: frozenset(),
    Invitation.State.WITHDRAWN: frozenset(),
    Invitation.State.EXPIRED: frozenset(),
}


class InvitationEvent(models.Model):
    """Audit: every move of an invitation (sending it included: from "" to sent), who made it, when."""

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="events", verbose_name=_("invitation")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    from_state = models.CharField(_("from state"), max_length=10, blank=True)
    to_state = models.CharField(_("to state"), max_length=10)
    at = models.DateTimeField(_("at"), default=clock.now, editable=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("invitation event")
        verbose_name_plural = _("invitation events")

    def __str__(self) -> str:
        return f"{self.invitation}: {self.from_state or '-'} -> {self.to_state}"


class NeedRanking(models.Model):
    """Matching's state for one need: whether its shortlist is waiting, being ranked or done. Every
    request bumps `version`, recorded in the transaction of the change that caused it; a run that
    finishes with an older version leaves the ranking pending (the newer request's task runs again).
    Written by matching.services (runs and updates); a need that is not open has an idle ranking."""

    class State(models.TextChoices):
        IDLE = "idle", _("Not matched")
        PENDING = "pending", _("Waiting to be ranked")
        RUNNING = "running", _("Ranking specialists")
        DONE = "done", _("Ranked")

    need = models.OneToOneField(
        "needs.Need",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="ranking",
        verbose_name=_("need"),
    )
    state = models.CharField(_("matching"), max_length=8, choices=State.choices, default=State.IDLE)
    version = models.PositiveIntegerField(default=0, verbose_name=_("matching version"))
    requested_at = models.DateTimeField(null=True, blank=True, verbose_name=_("matching requested at"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("matching started at"))
    matched_at = models.DateTimeField(null=True, blank=True, verbose_name=_("matched at"))
    # The score of the last candidate on the need's list (its shortlist, then its runners-up):
    # a changed profile scoring below it stays off the list, so an update reads only the lists it
    # can enter. Null when the list holds every candidate (fewer than TOP_N) or is not known.
    list_floor = models.FloatField(null=True, blank=True, verbose_name=_("lowest score on the list"))

    class Meta:
        verbose_name = _("need ranking")
        verbose_name_plural = _("need rankings")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["idle", "pending", "running", "done"]), name="ranking_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["state", "requested_at"], name="ranking_sweep_idx")]

    def __str__(self) -> str:
        return f"{self.need_id}: {self.state}"

    @property
    def is_matching(self) -> bool:
        return self.state in {self.State.PENDING, self.State.RUNNING}

    @property
    def ranked_just_now(self) -> bool:
        return bool(self.matched_at) and (clock.now() - self.matched_at).total_seconds() < 60


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
    """The matching's read model: one row per qualification (specialization, profile) with exactly the
    score's inputs, the level being that qualification's.

    Written by matching.candidates in the transaction of every profile change (profiles sends
    `profile_changed`), so a run reads this narrow table only, never the wide profile rows.
    A profile that stops being listed (or a specialization it no longer holds) keeps its row with
    `listed=False` until its change has been applied to the shortlists (`applied_version ==
    version`): the pending work is in the database.
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

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="engagement", verbose_name=_("invitation")
    )
    need = models.ForeignKey(
        "needs.Need", on_delete=models.CASCADE, related_name="engagements", verbose_name=_("need")
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="engagements",
        verbose_name=_("specialist"),
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.ACTIVE)
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    # Set when either party asks moderators for help: only then may a moderator read the conversation.
    help_requested_at = models.DateTimeField(_("help requested at"), null=True, blank=True)

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


# The moves of an engagement (from -> allowed tos), checked by `matching.services.engagements`.
ENGAGEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    Engagement.State.ACTIVE: frozenset({Engagement.State.PAUSED, Engagement.State.ENDED}),
    Engagement.State.PAUSED: frozenset({Engagement.State.ACTIVE, Engagement.State.ENDED}),
    Engagement.State.ENDED: frozenset(),
}


class EngagementEvent(models.Model):
    """Audit: every move of an engagement, a request for help, and every moderator's reading."""

    class Kind(models.TextChoices):
        MOVE = "move", _("state change")
        HELP = "help", _("help requested")
        MODERATOR_READ = "read", _("read by a moderator")
        FEEDBACK_FLAG = "flag", _("feedback flagged")

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="events", verbose_name=_("engagement")
    )
    kind = models.CharField(max_length=4, choices=Kind.choices, default=Kind.MOVE, verbose_name=_("kind"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    from_state = models.CharField(max_length=8, blank=True, verbose_name=_("from state"))
    to_state = models.CharField(max_length=8, blank=True, verbose_name=_("to state"))
    at = models.DateTimeField(default=clock.now, editable=False, verbose_name=_("at"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("engagement event")
        verbose_name_plural = _("engagement events")

    def __str__(self) -> str:
        if self.kind != self.Kind.MOVE:
            return f"{self.engagement}: {self.get_kind_display()}"
        return f"{self.engagement}: {self.from_state or '-'} -> {self.to_state}"


class Conversation(models.Model):
    """The thread between a need's customer and an invited specialist, one per invitation.

    Before acceptance it holds questions on the invitation; after, the engagement's talk. Each side's
    reading and the last digest emailed to it are kept here (two parties, so two pairs of columns).
    """

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="conversation")
    created_at = models.DateTimeField(default=clock.now, editable=False)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)
    customer_read_at = models.DateTimeField(default=clock.now)
    specialist_read_at = models.DateTimeField(default=clock.now)
    customer_notified_at = models.DateTimeField(null=True, blank=True)
    specialist_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return str(self.invitation)


def attachment_upload_to(_instance, filename: str) -> str:
    # Never the user's file name: a random one, keeping only the checked extension.
    return f"matching/attachments/{uuid.uuid4().hex}.{extension_of(filename) or 'bin'}"


class Message(models.Model):
    """One message: its Markdown source and the sanitized HTML rendered once, when it is saved."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = CappedTextField(_("message"), max_length=MESSAGE_MAX, blank=True)
    body_html = RenderedHTMLField(source="body")
    attachment = models.FileField(_("attachment"), upload_to=attachment_upload_to, blank=True)
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.CheckConstraint(condition=~Q(body="") | ~Q(attachment=""), name="message_not_empty"),
        ]
        indexes = [models.Index(fields=["conversation", "created_at"], name="message_conversation_idx")]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"

    def clean(self):
        if not self.body.strip() and not self.attachment:
            raise ValidationError(_("Write a message or attach a file."))


class LevelFit(models.TextChoices):
    """The product's ground truth: how the specialist's work compares with the need's level."""

    BELOW = "below", _("Below the need's level")
    AT = "at", _("At the need's level")
    ABOVE = "above", _("Above the need's level")


def _one_to_five(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 1, f"{field}__lte": 5})


class CheckIn(models.Model):
    """The weekly question to the customer of an active engagement: is the level right?"""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="checkins")
    week = models.DateField(_("week of"))  # the Monday
    answer = models.CharField(_("answer"), max_length=5, choices=LevelFit.choices, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-week"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(fields=["engagement", "week"], name="checkin_once_a_week"),
            models.CheckConstraint(
                condition=Q(answer="", answered_at__isnull=True)
                | Q(answer__in=["below", "at", "above"], answered_at__isnull=False),
                name="checkin_answer_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.engagement} {self.week}: {self.answer or '-'}"


FEEDBACK_FINAL_AFTER_DAYS = 14
FEEDBACK_COMMENT_MAX = 2000


class Feedback(models.Model):
    """One side's structured feedback on an ended engagement; it can be changed for 14 days."""

    class Side(models.TextChoices):
        CUSTOMER = "customer", _("customer")
        SPECIALIST = "specialist", _("specialist")

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("engagement")
    )
    side = models.CharField(max_length=10, choices=Side.choices, verbose_name=_("side"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("author")
    )
    # the customer's
    level_fit = models.CharField(_("level fit"), max_length=5, choices=LevelFit.choices, blank=True)
    quality = models.PositiveSmallIntegerField(_("quality of the work"), null=True, blank=True)
    communication = models.PositiveSmallIntegerField(_("communication"), null=True, blank=True)
    would_hire_again = models.BooleanField(_("would hire again"), null=True, blank=True)
    # the specialist's
    need_clarity = models.PositiveSmallIntegerField(_("clarity of the need"), null=True, blank=True)
    responsiveness = models.PositiveSmallIntegerField(_("customer's responsiveness"), null=True, blank=True)
    comment = CappedTextField(_("comment"), max_length=FEEDBACK_COMMENT_MAX, blank=True)
    created_at = models.DateTimeField(default=clock.now, verbose_name=_("created at"))
    updated_at = models.DateTimeField(default=clock.now, verbose_name=_("updated at"))
    flagged_at = models.DateTimeField(_("flagged to moderators"), null=True, blank=True)
    flag_reason = SingleLineCharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["engagement", "side"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(fields=["engagement", "side"], name="feedback_once_per_side"),
            models.CheckConstraint(
                condition=(
                    Q(side="customer", level_fit__in=["below", "at", "above"])
                    & Q(quality__isnull=False, communication__isnull=False, would_hire_again__isnull=False)
                    & Q(need_clarity__isnull=True, responsiveness__isnull=True)
                )
                | (
                    Q(
                        side="specialist",
                        level_fit="",
                        need_clarity__isnull=False,
                        responsiveness__isnull=False,
                    )
                    & Q(quality__isnull=True, communication__isnull=True, would_hire_again__isnull=True)
                ),
                name="feedback_fields_of_its_side",
            ),
            *[
                models.CheckConstraint(condition=_one_to_five(name), name=f"feedback_{name}_1_to_5")
                for name in ("quality", "communication", "need_clarity", "responsiveness")
            ],
        ]
        indexes = [models.Index(fields=["side", "level_fit"], name="feedback_side_fit_idx")]

    def __str__(self) -> str:
        return f"{self.engagement} ({self.side})"

    def final_at(self):
        return self.created_at + timedelta(days=FEEDBACK_FINAL_AFTER_DAYS)

    def is_final(self, now=None) -> bool:
        return (now or clock.now()) >= self.final_at()


class Interest(models.Model):
    """A specialist says they would like to work on an open need; the customer sees it on the shortlist."""

    need = models.ForeignKey("needs.Need", on_delete=models.CASCADE, related_name="interests")
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interests"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.UniqueConstraint(fields=["need", "specialist"], name="interest_once_per_need"),
        ]

    def __str__(self) -> str:
        return f"{self.specialist} -> {self.need}"

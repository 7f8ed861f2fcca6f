import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from topfreelancer import clock, formats
from topfreelancer.i18n import Translated
from topfreelancer.markup import RenderedHTMLField, render_markdown
from topfreelancer.text import MESSAGE_MAX, TEXT_MAX, WORK_SAMPLE_MAX, CappedTextField, SingleLineCharField

from .reasons import reason_words


class Level(models.Model):
    """One ordered scale for people and needs: Junior < Middle < Senior < Lead (data, not code)."""

    rank = models.PositiveSmallIntegerField(_("rank"), unique=True, help_text=_("Higher means more senior."))
    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_en = SingleLineCharField(_("name (English)"), max_length=64)
    name_ru = SingleLineCharField(_("name (Russian)"), max_length=64)
    description_en = CappedTextField(_("description (English)"), max_length=TEXT_MAX, blank=True)
    description_ru = CappedTextField(_("description (Russian)"), max_length=TEXT_MAX, blank=True)

    name = Translated("name")
    description = Translated("description")

    class Meta:
        ordering = ["rank"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        constraints = [models.CheckConstraint(condition=models.Q(rank__gt=0), name="level_rank_positive")]

    def __str__(self) -> str:
        return self.name


class Specialization(models.Model):
    """What a person does. Each has its own ordered funnel of stages and its own thresholds."""

    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name_en = SingleLineCharField(_("name (English)"), max_length=120)
    name_ru = SingleLineCharField(_("name (Russian)"), max_length=120)
    description_en = CappedTextField(_("description (English)"), max_length=TEXT_MAX, blank=True)
    description_ru = CappedTextField(_("description (Russian)"), max_length=TEXT_MAX, blank=True)
    is_technical = models.BooleanField(_("technical"), default=True)
    is_active = models.BooleanField(_("accepting applications"), default=True)
    reapply_cooldown_days = models.PositiveSmallIntegerField(_("reapply cooldown (days)"), default=90)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    name = Translated("name")
    description = Translated("description")

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("specialization")
        verbose_name_plural = _("specializations")

    def __str__(self) -> str:
        return self.name


class StageKind(models.TextChoices):
    SCREENING = "screening", _("Screening")
    SKILL_TEST = "skill_test", _("Skill test")
    WORK_SAMPLE = "work_sample", _("Work sample")
    INTERVIEW = "interview", _("Interview")


class Stage(models.Model):
    """One step of a specialization's funnel. Thresholds and time limits are per stage (data)."""

    specialization = models.ForeignKey(
        Specialization, on_delete=models.CASCADE, related_name="stages", verbose_name=_("specialization")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=16, choices=StageKind.choices)
    name_en = SingleLineCharField(_("name (English)"), max_length=120)
    name_ru = SingleLineCharField(_("name (Russian)"), max_length=120)
    instructions_en = CappedTextField(
        _("instructions (English)"), max_length=TEXT_MAX, blank=True, help_text=_("Markdown.")
    )
    instructions_ru = CappedTextField(
        _("instructions (Russian)"), max_length=TEXT_MAX, blank=True, help_text=_("Markdown.")
    )
    instructions_html_en = RenderedHTMLField(
        source="instructions_en", verbose_name=_("instructions (English, HTML)")
    )
    instructions_html_ru = RenderedHTMLField(
        source="instructions_ru", verbose_name=_("instructions (Russian, HTML)")
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        help_text=_(
            "Skill test: share of correct answers. Reviews: average rubric score as a share of the maximum."
        ),
    )
    question_count = models.PositiveSmallIntegerField(_("questions per attempt"), default=10)
    time_limit_minutes = models.PositiveSmallIntegerField(_("time limit (minutes)"), default=20)
    min_years = models.PositiveSmallIntegerField(
        _("minimum years of experience"),
        default=0,
        help_text=_("Screening: applications below fail automatically."),
    )
    expire_after_days = models.PositiveSmallIntegerField(
        _("expires after (days)"),
        default=30,
        help_text=_("An application idle this long at this stage expires."),
    )
    target_days = models.PositiveSmallIntegerField(
        _("moderator target (days)"),
        default=3,
        help_text=_("An item waiting for a moderator longer than this shows as late in the queue."),
    )
    reviews_needed = models.PositiveSmallIntegerField(
        _("reviews needed"),
        default=1,
        help_text=_("Work sample and interview: scorecards from this many different moderators."),
    )

    name = Translated("name")
    instructions = Translated("instructions")
    instructions_html = Translated("instructions_html")

    class Meta:
        ordering = ["specialization", "position"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [
            models.UniqueConstraint(fields=["specialization", "position"], name="stage_position_unique"),
            models.CheckConstraint(condition=models.Q(pass_mark__lte=100), name="stage_pass_mark_max_100"),
            models.CheckConstraint(
                condition=models.Q(time_limit_minutes__gt=0), name="stage_time_limit_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(reviews_needed__gte=1), name="stage_reviews_needed_min"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.specialization}: {self.position}. {self.name}"

    # The kind as flags, so templates never compare it with a string literal.
    @property
    def is_screening(self) -> bool:
        return self.kind == StageKind.SCREENING

    @property
    def is_skill_test(self) -> bool:
        return self.kind == StageKind.SKILL_TEST

    @property
    def is_work_sample(self) -> bool:
        return self.kind == StageKind.WORK_SAMPLE

    @property
    def is_interview(self) -> bool:
        return self.kind == StageKind.INTERVIEW


class ScreeningQuestion(models.Model):
    specialization = models.ForeignKey(
        Specialization,
        on_delete=models.CASCADE,
        related_name="screening_questions",
        verbose_name=_("specialization"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_en = SingleLineCharField(_("question (English)"), max_length=300)
    text_ru = SingleLineCharField(_("question (Russian)"), max_length=300)
    required = models.BooleanField(_("required"), default=True)

    text = Translated("text")

    class Meta:
        ordering = ["specialization", "position", "pk"]
        verbose_name = _("screening question")
        verbose_name_plural = _("screening questions")

    def __str__(self) -> str:
        return self.text


class Skill(models.Model):
    """What a specialist can do (Python, Figma); a test question names the one it verifies."""

    name = SingleLineCharField(_("name"), max_length=80, unique=True)
    # Indexed for search beside the name, so a Russian query finds an English skill and back.
    name_ru = SingleLineCharField(_("name (Russian)"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    # The name every page shows: Russian on Russian pages, English when there is none.
    local_name = Translated("name", fallback="name")

    class Meta:
        # The table keeps the name it had in profiles (the model moved here in issue 10): renaming it
        # would make vetting's migrations wait for profiles' migrations that build and query it.
        db_table = "profiles_skill"
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.local_name


class Question(models.Model):
    """A skill-test question from a specialization's bank; each attempt draws a random subset."""

    specialization = models.ForeignKey(
        Specialization, on_delete=models.CASCADE, related_name="questions", verbose_name=_("specialization")
    )
    skill = models.ForeignKey(
        Skill,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vetting_questions",
        verbose_name=_("skill checked"),
    )
    text_en = CappedTextField(_("question (English)"), max_length=TEXT_MAX)
    text_ru = CappedTextField(_("question (Russian)"), max_length=TEXT_MAX)
    is_active = models.BooleanField(_("in use"), default=True)

    text = Translated("text")

    class Meta:
        ordering = ["specialization", "pk"]
        verbose_name = _("test question")
        verbose_name_plural = _("test questions")

    def __str__(self) -> str:
        return Truncator(self.text).chars(80)


class Choice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    text_en = SingleLineCharField(_("answer (English)"), max_length=300)
    text_ru = SingleLineCharField(_("answer (Russian)"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)

    text = Translated("text")

    class Meta:
        ordering = ["question", "pk"]
        verbose_name = _("answer choice")
        verbose_name_plural = _("answer choices")

    def __str__(self) -> str:
        return self.text


class RubricCriterion(models.Model):
    """A criterion of a work-sample rubric or an interview scorecard, scored 1..max_score."""

    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("stage")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_en = SingleLineCharField(_("name (English)"), max_length=160)
    name_ru = SingleLineCharField(_("name (Russian)"), max_length=160)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=5)

    name = Translated("name")

    class Meta:
        ordering = ["stage", "position", "pk"]
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        constraints = [
            models.CheckConstraint(condition=models.Q(max_score__gt=0), name="criterion_max_positive")
        ]

    def __str__(self) -> str:
        return self.name


class RubricAnchor(models.Model):
    """What one score of one criterion means: an observable behaviour, not an adjective."""

    criterion = models.ForeignKey(
        RubricCriterion, on_delete=models.CASCADE, related_name="anchors", verbose_name=_("rubric criterion")
    )
    score = models.PositiveSmallIntegerField(_("score"))
    text_en = models.CharField(_("what it looks like (English)"), max_length=300)
    text_ru = models.CharField(_("what it looks like (Russian)"), max_length=300)

    text = Translated("text")

    class Meta:
        ordering = ["criterion", "score"]
        verbose_name = _("rubric anchor")
        verbose_name_plural = _("rubric anchors")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "score"], name="anchor_once_per_score"),
            models.CheckConstraint(condition=models.Q(score__gt=0), name="anchor_score_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class ReasonTemplate(models.Model):
    """A kind, clear explanation sent with a rejection. Empty specialization: usable for all."""

    specialization = models.ForeignKey(
        Specialization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reason_templates",
        verbose_name=_("specialization"),
    )
    code = models.SlugField(_("code"), max_length=64)
    title_en = SingleLineCharField(_("title (English)"), max_length=120)
    title_ru = SingleLineCharField(_("title (Russian)"), max_length=120)
    text_en = CappedTextField(_("text (English)"), max_length=MESSAGE_MAX)
    text_ru = CappedTextField(_("text (Russian)"), max_length=MESSAGE_MAX)

    title = Translated("title")
    text = Translated("text")

    class Meta:
        ordering = ["code"]
        verbose_name = _("reason template")
        verbose_name_plural = _("reason templates")

    def __str__(self) -> str:
        return self.title


def _words(text: str) -> str:
    return " ".join(text.split())


class ApplicationStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


# The moves of an application's status (from -> allowed tos), checked by `vetting.services` when a
# stage ends the application (topfreelancer.state.check_move). Within the open status it moves from
# stage to stage: which actions each stage kind allows is `vetting.services.common.TRANSITIONS`.
APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    ApplicationStatus.OPEN: frozenset(
        {
            ApplicationStatus.ACCEPTED,
            ApplicationStatus.REJECTED,
            ApplicationStatus.WITHDRAWN,
            ApplicationStatus.EXPIRED,
        }
    ),
    ApplicationStatus.ACCEPTED: frozenset(),
    ApplicationStatus.REJECTED: frozenset(),
    ApplicationStatus.WITHDRAWN: frozenset(),
    ApplicationStatus.EXPIRED: frozenset(),
}


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ApplicationStatus.OPEN)

    def of(self, user):
        return self.filter(applicant=user)


class Application(models.Model):
    """One applicant's pass through one specialization's funnel. Changed only by vetting.services."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    specialization = models.ForeignKey(
        Specialization,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("specialization"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.OPEN
    )
    current_stage = models.ForeignKey(
        Stage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="current_applications",
        verbose_name=_("current stage"),
    )
    stage_entered_at = models.DateTimeField(_("in this stage since"), default=clock.now)
    created_at = models.DateTimeField(_("applied"), default=clock.now, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    level = models.ForeignKey(
        Level,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned level"),
    )
    # Screening form
    headline = SingleLineCharField(_("headline"), max_length=160)
    summary = CappedTextField(_("about you"), help_text=_("Markdown."), max_length=TEXT_MAX)
    years_experience = models.PositiveSmallIntegerField(_("years of experience"))
    answers = models.JSONField(_("screening answers"), default=dict, blank=True)
    # Interview
    interview_at = models.DateTimeField(_("interview slot"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = pgettext_lazy("model", "applications")
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "specialization"],
                condition=models.Q(status="open"),
                name="application_one_open_per_specialization",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open", closed_at__isnull=True)
                | (~models.Q(status="open") & models.Q(closed_at__isnull=False)),
                name="application_closed_at_iff_closed",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="accepted") | models.Q(level__isnull=False),
                name="application_accepted_has_level",
            ),
        ]
        indexes = [models.Index(fields=["status", "stage_entered_at"], name="application_queue_idx")]
        permissions = [("resolve_disagreement", _("Can decide when reviewers disagree"))]

    def __str__(self) -> str:
        return f"{self.applicant} · {self.specialization}"

    @property
    def status_text(self) -> str:
        """The status as its badge reads it: "Accepted · Senior" once accepted."""
        if self.status == ApplicationStatus.ACCEPTED and self.level_id:
            return _("Accepted · %(level)s") % {"level": self.level}
        return self.get_status_display()

    @property
    def is_open(self) -> bool:
        return self.status == ApplicationStatus.OPEN

    @property
    def reapply_at(self):
        """When the applicant may apply to this specialization again (None: no cooldown follows)."""
        if self.status not in (ApplicationStatus.REJECTED, ApplicationStatus.EXPIRED) or not self.closed_at:
            return None
        return self.closed_at + timedelta(days=self.specialization.reapply_cooldown_days)

    def clean(self):
        super().clean()
        if (
            self.status == ApplicationStatus.OPEN
            and Application.objects.open()
            .filter(applicant_id=self.applicant_id, specialization_id=self.specialization_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(_("You already have an application in progress for this specialization."))


class ScreeningExperience(models.Model):
    """A resume-style entry given at screening (copied into the profile on acceptance)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="experiences")
    organization = SingleLineCharField(_("organization or project"), max_length=160)
    role = SingleLineCharField(_("your role"), max_length=120)
    years = models.PositiveSmallIntegerField(_("years"), default=1)
    description = CappedTextField(
        _("task, team and your contribution"), help_text=_("Markdown."), max_length=MESSAGE_MAX
    )

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("experience entry")
        verbose_name_plural = _("experience entries")

    def __str__(self) -> str:
        return f"{self.role}, {self.organization}"


class Claim(models.Model):
    """A moderator has taken an application; it is theirs until `expires_at`, then back in the pool."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="claim",
        verbose_name=_("application"),
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("moderator")
    )
    claimed_at = models.DateTimeField(_("claimed"), default=clock.now)
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("claimed_at")), name="claim_expires_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.moderator}"

    def active(self, now=None) -> bool:
        return self.expires_at > (now or clock.now())


class Outcome(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Not passed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class StageResult(models.Model):
    """How one application left one stage: the single source of the funnel statistics."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="results")
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="results", verbose_name=_("stage")
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    reason = CappedTextField(_("reason (shown to the applicant)"), max_length=MESSAGE_MAX, blank=True)
    reason_html = RenderedHTMLField(source="reason")
    reason_template = models.ForeignKey(
        ReasonTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A reason the system wrote (vetting.reasons): worded when shown, in the reader's language.
    reason_code = models.CharField(_("reason code"), max_length=32, blank=True)
    reason_params = models.JSONField(_("reason figures"), default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    entered_at = models.DateTimeField(_("entered the stage"))
    decided_at = models.DateTimeField(_("decided"), default=clock.now, db_index=True)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["application", "stage__position"]
        verbose_name = _("stage result")
        verbose_name_plural = _("stage results")
        constraints = [
            models.UniqueConstraint(fields=["application", "stage"], name="stage_result_once_per_stage"),
            models.CheckConstraint(
                condition=models.Q(decided_at__gte=models.F("entered_at")), name="stage_result_after_entry"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage}: {self.get_outcome_display()}"

    @property
    def reason_text(self) -> str:
        """The reason in the reader's (active) language: a system reason is worded now, a template's
        text is read from the template unless the moderator wrote their own words."""
        if self.reason_code and (words := reason_words(self.reason_code, self._reason_figures())):
            return words
        template = self.reason_template
        if template is not None and _words(self.reason) in {
            _words(template.text_en),
            _words(template.text_ru),
        }:
            return template.text
        return self.reason

    @property
    def reason_shown_html(self):
        """`reason_text` as HTML: the stored rendering when it is the moderator's own words."""
        text = self.reason_text
        return self.reason_html if text == self.reason else render_markdown(text)

    def _reason_figures(self) -> dict:
        return {"stage": self.stage.name, **self.reason_params}


class TestAttempt(models.Model):
    """A timed skill-test attempt; the deadline is fixed on the server when it starts."""

    __test__ = False  # not a pytest class

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attempts")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    question_ids = models.JSONField(default=list)
    answers = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(default=clock.now)
    deadline = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("test attempt")
        verbose_name_plural = _("test attempts")
        constraints = [
            models.UniqueConstraint(fields=["application", "stage"], name="attempt_once_per_stage"),
            models.CheckConstraint(
                condition=models.Q(deadline__gt=models.F("started_at")), name="attempt_deadline"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def clock_left(self) -> str:
        return formats.duration(self.seconds_left())

    def seconds_left(self, now=None) -> int:
        now = now or clock.now()
        return max(0, int((self.deadline - now).total_seconds()))


def submission_upload_to(_instance, filename: str) -> str:
    # Never the user's file name: a random one, keeping only a checked extension.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"vetting/submissions/{uuid.uuid4().hex}.{extension}"


class WorkSubmission(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="submissions")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    text = CappedTextField(_("answer"), max_length=WORK_SAMPLE_MAX, blank=True, help_text=_("Markdown."))
    text_html = RenderedHTMLField(source="text")
    link = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=submission_upload_to, blank=True)
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("work sample")
        verbose_name_plural = _("work samples")
        constraints = [
            models.UniqueConstraint(fields=["application", "stage"], name="submission_once_per_stage"),
            models.CheckConstraint(
                condition=~models.Q(text="") | ~models.Q(link="") | ~models.Q(file=""),
                name="submission_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.submitted_at:%Y-%m-%d}"


class Review(models.Model):
    """One moderator's scorecard of a work sample or interview. Notes are private to moderators."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+", verbose_name=_("stage"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reviewer")
    )
    scores = models.JSONField(_("scores"), default=dict, help_text=_("criterion id -> score"))
    percent = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=1)
    private_note = CappedTextField(_("private note (moderators only)"), max_length=MESSAGE_MAX, blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["application", "stage", "created_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage", "reviewer"], name="review_once_per_reviewer"
            ),
            models.CheckConstraint(
                condition=models.Q(percent__gte=0, percent__lte=100), name="review_percent_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.percent}%"


class AuditEntry(models.Model):
    """Who did what to an application, when: written by every service, never edited."""

    ACTIONS = {
        "create": _("applied"),
        "screening_rule": _("failed the screening rule"),
        "advance": _("advanced"),
        "accept": _("accepted"),
        "reject": _("rejected"),
        "withdraw": _("withdrew"),
        "expire": _("expired"),
        "attempt_submit": _("submitted the test"),
        "attempt_late": _("submitted the test late"),
        "attempt_expire": _("test time ran out"),
        "work_submit": _("handed in the work sample"),
        "review": _("scored the rubric"),
        "schedule_interview": _("scheduled the interview"),
        "claim": _("took the application"),
        "release": _("gave the application back"),
        # The demo's simulated history
        "demo_passed": _("passed the stage"),
        "demo_failed": _("did not pass the stage"),
        "demo_expired": _("expired"),
        "demo_withdrawn": _("withdrew"),
    }

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="audit")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(max_length=16, blank=True, choices=ApplicationStatus.choices)
    to_status = models.CharField(max_length=16, blank=True, choices=ApplicationStatus.choices)
    from_stage = models.ForeignKey(Stage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    to_stage = models.ForeignKey(Stage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=clock.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit history")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    @property
    def action_label(self) -> str:
        return self.ACTIONS.get(self.action, self.action)

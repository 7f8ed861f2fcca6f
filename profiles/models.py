from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from topfreelancer import clock
from topfreelancer.markup import RenderedHTMLField
from topfreelancer.text import MESSAGE_MAX, TEXT_MAX, CappedTextField, SingleLineCharField
from vetting.models import Skill

from .choices import Currency, Language, Proficiency
from .money import ExchangeRate, base_cents

__all__ = ["ExchangeRate"]  # defined in money.py beside its conversion, registered here


class Synonym(models.Model):
    """Words the catalogue search treats as one (js, JavaScript; фронтенд, frontend), applied when
    a query is read, so editing a group needs no reindex."""

    terms = models.CharField(
        _("terms"),
        max_length=300,
        help_text=_("Two or more words or phrases that mean the same, comma-separated, in any language."),
    )

    class Meta:
        ordering = ["terms"]
        verbose_name = _("search synonym group")
        verbose_name_plural = _("search synonyms")
        constraints = [models.CheckConstraint(condition=Q(terms__contains=","), name="synonym_two_terms")]

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        return list(dict.fromkeys(t.strip().lower() for t in self.terms.split(",") if t.strip()))

    def clean(self):
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": _("Give at least two terms, separated by commas.")})


# The profile's columns the catalogue sorts by, copied into its qualifications (Qualification).
SORT_COPIES = ("last_active_at", "hours_per_week", "rate_min_base_cents")


class ProfileQuerySet(models.QuerySet):
    def listed(self):
        """Public: the owner was accepted by the vetting and published the profile."""
        return self.filter(
            is_published=True, accepted_at__isnull=False, level__isnull=False, user__is_active=True
        )


def _listed_index(fields: list[str], name: str) -> models.Index:
    """An index over listed profiles only (published and accepted): the catalogue's rows."""
    return models.Index(fields=fields, name=name, condition=Q(is_published=True, accepted_at__isnull=False))


class Profile(models.Model):
    """A vetted specialist's resume-style page. The levels come from the vetting, never the owner.

    A person holds one Qualification per specialization the vetting accepted them in, each with its
    own level. `specialization` and `level` are a copy of the primary one, the highest level (the
    earliest granted on a tie), kept by profiles.services.profile_grant: the unfiltered catalogue
    lists each person once and sorts and filters by level on this row's indexes, and "at least
    Senior" in any specialization is the same as the highest level being at least Senior.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    specialization = models.ForeignKey(
        "vetting.Specialization",
        on_delete=models.PROTECT,
        related_name="profiles",
        verbose_name=_("specialization"),
    )
    level = models.ForeignKey(
        "vetting.Level",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("level"),
    )
    # A copy of level.rank, kept by save(): the catalogue's default order needs an index on it.
    level_rank = models.PositiveSmallIntegerField(default=0, editable=False)
    accepted_at = models.DateTimeField(_("accepted by the vetting"), null=True, blank=True)
    headline = SingleLineCharField(_("headline"), max_length=160, blank=True)
    summary = CappedTextField(_("summary"), max_length=TEXT_MAX, blank=True, help_text=_("Markdown."))
    summary_html = RenderedHTMLField(source="summary")
    years_experience = models.PositiveSmallIntegerField(_("years of experience"), default=0)
    hours_per_week = models.PositiveSmallIntegerField(_("available hours per week"), default=0)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    rate_min = models.PositiveIntegerField(_("hourly rate from"), null=True, blank=True)
    rate_max = models.PositiveIntegerField(_("hourly rate to"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.RUB)
    # rate_min in US cents by the exchange rates in force, kept by save() and recomputed when the
    # rates change (profiles.services.exchange_rates_apply): the catalogue's rate filter and sort
    # and matching compare it, so currencies compare through the table and the query stays indexed.
    rate_min_base_cents = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    utc_offset = models.SmallIntegerField(_("time zone (UTC offset, hours)"), null=True, blank=True)
    open_to_ongoing = models.BooleanField(_("interested in ongoing work"), default=True)
    is_published = models.BooleanField(_("published"), default=False)
    last_active_at = models.DateTimeField(_("last active"), default=clock.now, editable=False)
    # The one-time token of the last edit form saved: a double-clicked or replayed save of the
    # same form changes nothing (its new experience entries are not added twice).
    edit_token = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only: headline, skills, summary and experience, kept current by the services
    # (profiles.search.reindex). GIN-indexed by a PostgreSQL-only migration; unused on SQLite.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    # SQLite only (the quick start): the same texts as stems, " <headline and skills> | <the rest> ",
    # kept by the same reindex; unused on PostgreSQL.
    search_text = models.TextField(blank=True, default="", editable=False)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        indexes = [
            # The catalogue's sorts, all over listed profiles only. Within a specialization the
            # catalogue reads the qualifications (Qualification's index for the level order; these
            # with a probe of the qualification per row for the others).
            _listed_index(["-level_rank", "-id"], "profile_listed_level_rank"),
            _listed_index(["-last_active_at", "-id"], "profile_listed_active"),
            _listed_index(["-hours_per_week", "-id"], "profile_listed_hours"),
            _listed_index(["rate_min_base_cents", "-id"], "profile_listed_rate_base"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rate_min__isnull=True)
                | Q(rate_max__isnull=True)
                | Q(rate_min__lte=F("rate_max")),
                name="profile_rate_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(utc_offset__isnull=True) | Q(utc_offset__gte=-12, utc_offset__lte=14),
                name="profile_utc_offset_range",
            ),
            models.CheckConstraint(condition=Q(hours_per_week__lte=80), name="profile_hours_per_week_max"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.specialization})"

    def save(self, *args, **kwargs):
        self.level_rank = self.level.rank if self.level_id else 0
        self.rate_min_base_cents = base_cents(self.rate_min, self.currency)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            if "level" in update_fields:
                update_fields = {*update_fields, "level_rank"}
            if {"rate_min", "currency"} & set(update_fields):
                update_fields = {*update_fields, "rate_min_base_cents"}
            kwargs["update_fields"] = update_fields
        super().save(*args, **kwargs)
        if update_fields is None or set(SORT_COPIES) & set(update_fields):
            self.qualifications.update(**{name: getattr(self, name) for name in SORT_COPIES})

    def clean(self):
        errors = {}
        if self.rate_min is not None and self.rate_max is not None and self.rate_min > self.rate_max:
            errors["rate_max"] = _("The upper rate must not be below the lower one.")
        if self.utc_offset is not None and not -12 <= self.utc_offset <= 14:
            errors["utc_offset"] = _("A UTC offset is between -12 and +14.")
        if self.hours_per_week > 80:
            errors["hours_per_week"] = _("At most 80 hours per week.")
        if errors:
            raise ValidationError(errors)

    @property
    def shown_qualifications(self) -> list:
        """The qualifications in the order a card or page shows them: the primary first, unless a
        specialization filter listed the profile under another (profiles.selectors.with_card_extras)."""
        return self.__dict__.get("_shown_qualifications") or list(self.qualifications.all())

    @shown_qualifications.setter
    def shown_qualifications(self, value: list) -> None:
        self.__dict__["_shown_qualifications"] = value

    @property
    def is_listed(self) -> bool:
        return bool(self.is_published and self.accepted_at and self.level_id and self.user.is_active)


class Qualification(models.Model):
    """One specialization the vetting accepted a person in: its level and its evidence (the accepted
    application, whose passed stages the profile page shows). One per (profile, specialization);
    written only by profiles.services.profile_grant, which also keeps the profile's primary copy
    (Profile.specialization/level: the highest of these) current."""

    # Both looked up through the indexes below (the unique one leads with the profile).
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="qualifications", db_index=False
    )
    specialization = models.ForeignKey(
        "vetting.Specialization",
        on_delete=models.PROTECT,
        related_name="qualifications",
        verbose_name=_("specialization"),
        db_index=False,
    )
    level = models.ForeignKey(
        "vetting.Level", on_delete=models.PROTECT, related_name="qualifications", verbose_name=_("level")
    )
    # A copy of level.rank, kept by save(): the catalogue filtered by a specialization sorts on it.
    level_rank = models.PositiveSmallIntegerField(default=0, editable=False)
    # The evidence: the accepted application that granted it (None for a grant without one).
    application = models.ForeignKey(
        "vetting.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted application"),
    )
    granted_at = models.DateTimeField(_("granted"))
    # Copies of the profile's sort columns (SORT_COPIES), kept by Profile.save() and on creation:
    # the catalogue within a specialization walks these indexes in every order, not all of the
    # profiles' for the few of that specialization.
    last_active_at = models.DateTimeField(null=True, blank=True, editable=False)
    hours_per_week = models.PositiveSmallIntegerField(default=0, editable=False)
    rate_min_base_cents = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-level_rank", "granted_at", "pk"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [
            models.UniqueConstraint(fields=["profile", "specialization"], name="qualification_unique"),
        ]
        indexes = [
            # The catalogue filtered by a specialization: walked in its level order (and by level).
            models.Index(
                fields=["specialization", "-level_rank", "-profile"], name="qualification_spec_rank"
            ),
            models.Index(
                fields=["specialization", "-last_active_at", "-profile"], name="qualification_spec_active"
            ),
            models.Index(
                fields=["specialization", "-hours_per_week", "-profile"], name="qualification_spec_hours"
            ),
            models.Index(
                fields=["specialization", "rate_min_base_cents", "-profile"], name="qualification_spec_rate"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.specialization} ({self.level})"

    def save(self, *args, **kwargs):
        self.level_rank = self.level.rank
        if self._state.adding:
            for name in SORT_COPIES:
                setattr(self, name, getattr(self.profile, name))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "level" in update_fields:
            kwargs["update_fields"] = {*update_fields, "level_rank"}
        super().save(*args, **kwargs)


# The moves of a profile's publication (is_published: from -> allowed tos), checked by
# `profiles.services` (topfreelancer.state.check_move).
PUBLICATION_TRANSITIONS: dict[bool, frozenset[bool]] = {False: frozenset({True}), True: frozenset({False})}


class ProfileEvent(models.Model):
    """Audit: every change to a profile that matters to its owner: the vetting's grant (level and
    specialization), the owner's edits (with the fields that changed), publication and hiding."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("granted by the vetting")
        EDIT = "edit", _("edited")
        PUBLISH = "publish", _("published")
        HIDE = "hide", _("hidden")

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="events", verbose_name=_("profile")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    # What changed: field names for an edit, the granted specialization and level for a grant.
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), default=clock.now, editable=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("profile event")
        verbose_name_plural = _("profile events")

    def __str__(self) -> str:
        return f"{self.profile}: {self.get_kind_display()}"


class ProfileSkill(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="profile_skills")
    verified = models.BooleanField(_("verified by the vetting"), default=False)

    class Meta:
        verbose_name = _("profile skill")
        verbose_name_plural = _("profile skills")
        constraints = [models.UniqueConstraint(fields=["profile", "skill"], name="profile_skill_unique")]
        indexes = [models.Index(fields=["skill", "profile"], name="profileskill_skill_profile")]

    def __str__(self) -> str:
        return str(self.skill)


class ProfileLanguage(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    proficiency = models.PositiveSmallIntegerField(_("proficiency"), choices=Proficiency.choices)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="profile_language_unique")
        ]
        indexes = [models.Index(fields=["language", "profile"], name="profilelang_lang_profile")]

    def __str__(self) -> str:
        return f"{self.get_language_display()} ({self.get_proficiency_display()})"


class Experience(models.Model):
    """One resume entry: not only the result, but the task, the process, the team and the role."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="experiences")
    organization = SingleLineCharField(_("organization or project"), max_length=160)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True, help_text=_("Empty while it goes on."))
    task = CappedTextField(_("the task"), max_length=MESSAGE_MAX)
    process = CappedTextField(_("process and methods"), max_length=MESSAGE_MAX, blank=True)
    team = SingleLineCharField(_("the team"), max_length=200, blank=True)
    team_size = models.PositiveSmallIntegerField(_("team size"), null=True, blank=True)
    role = SingleLineCharField(_("role"), max_length=120)
    contribution = CappedTextField(_("own contribution"), max_length=MESSAGE_MAX)
    outcome = CappedTextField(_("outcome"), max_length=MESSAGE_MAX, blank=True)
    task_html = RenderedHTMLField(source="task")
    process_html = RenderedHTMLField(source="process")
    contribution_html = RenderedHTMLField(source="contribution")
    outcome_html = RenderedHTMLField(source="outcome")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "-started_on"]
        verbose_name = _("experience entry")
        verbose_name_plural = _("experience entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="experience_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}, {self.organization}"

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end cannot be before the start.")})


class Education(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="education")
    institution = SingleLineCharField(_("institution"), max_length=200)
    degree = SingleLineCharField(_("degree or course"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year of graduation"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("education")
        verbose_name_plural = _("education")

    def __str__(self) -> str:
        return self.institution


TRACK_RECORD_MIN = 3  # fewer feedbacks would let a reader identify the customers


class TrackRecord(models.Model):
    """A specialist's completed engagements and their customers' feedback, aggregated.

    Profiles own it; matching keeps it current through `profiles.services.track_record_update`
    (profiles never read matching's tables). Shown only from TRACK_RECORD_MIN feedbacks on.
    """

    profile = models.OneToOneField(Profile, on_delete=models.CASCADE, related_name="track_record")
    completed = models.PositiveIntegerField(_("completed engagements"), default=0)
    feedback_count = models.PositiveIntegerField(_("customers' feedback"), default=0)
    quality_avg = models.FloatField(_("quality"), null=True, blank=True)
    communication_avg = models.FloatField(_("communication"), null=True, blank=True)
    hire_again = models.PositiveIntegerField(_("would hire again"), default=0)
    fit_below = models.PositiveIntegerField(_("below the need's level"), default=0)
    fit_at = models.PositiveIntegerField(_("at the need's level"), default=0)
    fit_above = models.PositiveIntegerField(_("above the need's level"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("track record")
        verbose_name_plural = _("track records")
        constraints = [
            models.CheckConstraint(
                condition=Q(hire_again__lte=F("feedback_count"))
                & Q(feedback_count=F("fit_below") + F("fit_at") + F("fit_above")),
                name="track_record_counts_consistent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile}: {self.completed}"

    @property
    def is_shown(self) -> bool:
        return self.feedback_count >= TRACK_RECORD_MIN

    @property
    def level_fit_percent(self) -> int:
        """The share of customers who found the level right or better."""
        return round(100 * (self.fit_at + self.fit_above) / self.feedback_count) if self.feedback_count else 0

    @property
    def hire_again_percent(self) -> int:
        return round(100 * self.hire_again / self.feedback_count) if self.feedback_count else 0

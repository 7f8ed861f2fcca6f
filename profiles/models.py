from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import Currency, Language, Proficiency


class Skill(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name


class ProfileQuerySet(models.QuerySet):
    def listed(self):
        """Public: the owner was accepted by the vetting and published the profile."""
        return self.filter(
            is_published=True, accepted_at__isnull=False, level__isnull=False, user__is_active=True
        )


class Profile(models.Model):
    """A vetted specialist's resume-style page. The level comes from the vetting, never the owner."""

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
    accepted_at = models.DateTimeField(_("accepted by the vetting"), null=True, blank=True)
    headline = models.CharField(_("headline"), max_length=160, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    years_experience = models.PositiveSmallIntegerField(_("years of experience"), default=0)
    hours_per_week = models.PositiveSmallIntegerField(_("available hours per week"), default=0)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    rate_min = models.PositiveIntegerField(_("hourly rate from"), null=True, blank=True)
    rate_max = models.PositiveIntegerField(_("hourly rate to"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.RUB)
    utc_offset = models.SmallIntegerField(_("time zone (UTC offset, hours)"), null=True, blank=True)
    open_to_ongoing = models.BooleanField(_("interested in ongoing work"), default=True)
    is_published = models.BooleanField(_("published"), default=False)
    last_active_at = models.DateTimeField(_("last active"), auto_now_add=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
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


class ProfileSkill(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="profile_skills")
    verified = models.BooleanField(_("verified by the vetting"), default=False)

    class Meta:
        verbose_name = _("profile skill")
        verbose_name_plural = _("profile skills")
        constraints = [models.UniqueConstraint(fields=["profile", "skill"], name="profile_skill_unique")]

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

    def __str__(self) -> str:
        return f"{self.get_language_display()} ({self.get_proficiency_display()})"


class Experience(models.Model):
    """One resume entry: not only the result, but the task, the process, the team and the role."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="experiences")
    organization = models.CharField(_("organization or project"), max_length=160)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True, help_text=_("Empty while it goes on."))
    task = models.TextField(_("the task"))
    process = models.TextField(_("process and methods"), blank=True)
    team = models.CharField(_("the team"), max_length=200, blank=True)
    team_size = models.PositiveSmallIntegerField(_("team size"), null=True, blank=True)
    role = models.CharField(_("role"), max_length=120)
    contribution = models.TextField(_("own contribution"))
    outcome = models.TextField(_("outcome"), blank=True)
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


class Education(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="education")
    institution = models.CharField(_("institution"), max_length=200)
    degree = models.CharField(_("degree or course"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year of graduation"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("education")
        verbose_name_plural = _("education")

    def __str__(self) -> str:
        return self.institution

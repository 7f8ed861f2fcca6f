from django.db import models
from django.utils.translation import gettext_lazy as _

from topfreelancer.i18n import Translated


class Level(models.Model):
    """One ordered scale for people and needs: Junior < Middle < Senior < Lead (data, not code)."""

    rank = models.PositiveSmallIntegerField(_("rank"), unique=True, help_text=_("Higher means more senior."))
    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=64)
    name_ru = models.CharField(_("name (Russian)"), max_length=64)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)

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
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
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

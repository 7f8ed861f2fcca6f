from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from profiles.choices import Currency
from topfreelancer import clock
from topfreelancer.markup import RenderedHTMLField
from topfreelancer.text import TEXT_MAX, CappedTextField, SingleLineCharField


class NeedQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=Need.State.OPEN)

    def of(self, customer):
        """A customer's own needs: every customer-facing lookup starts here (others get 404)."""
        return self.filter(customer=customer)


class Need(models.Model):
    """A customer's ongoing need. Only open needs are matched (matching keeps its state per need in
    its own table)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    class Duration(models.TextChoices):
        SHORT = "1-3m", _("1 to 3 months")
        MEDIUM = "3-6m", _("3 to 6 months")
        LONG = "6-12m", _("6 to 12 months")
        YEAR = "12m+", _("More than a year")
        OPEN_ENDED = "ongoing", _("Open-ended")

    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="needs", verbose_name=_("customer")
    )
    title = SingleLineCharField(_("title"), max_length=160)
    specialization = models.ForeignKey(
        "vetting.Specialization",
        on_delete=models.PROTECT,
        related_name="needs",
        verbose_name=_("specialization"),
    )
    level = models.ForeignKey(
        "vetting.Level", on_delete=models.PROTECT, related_name="needs", verbose_name=_("required level")
    )
    description = CappedTextField(_("description"), max_length=TEXT_MAX, blank=True, help_text=_("Markdown."))
    description_html = RenderedHTMLField(source="description", verbose_name=_("description (HTML)"))
    must_have_skills = models.ManyToManyField(
        "vetting.Skill", blank=True, related_name="needs_must_have", verbose_name=_("must-have skills")
    )
    nice_to_have_skills = models.ManyToManyField(
        "vetting.Skill", blank=True, related_name="needs_nice_to_have", verbose_name=_("nice-to-have skills")
    )
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), default=20)
    duration = models.CharField(
        _("expected duration"), max_length=8, choices=Duration.choices, default=Duration.MEDIUM
    )
    budget_min = models.PositiveIntegerField(_("hourly budget from"), null=True, blank=True)
    budget_max = models.PositiveIntegerField(_("hourly budget to"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.RUB)
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    utc_offset_min = models.SmallIntegerField(_("time zone from (UTC offset)"), null=True, blank=True)
    utc_offset_max = models.SmallIntegerField(_("time zone to (UTC offset)"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.DRAFT)

    # The create form's one-time token: a double-clicked or replayed form finds this need
    # instead of making a second one (needs.services.need_create).
    form_token = models.UUIDField(null=True, blank=True, editable=False, verbose_name=_("form token"))

    created_at = models.DateTimeField(default=clock.now, editable=False, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = NeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["draft", "open", "paused", "closed"]), name="need_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1, hours_per_week__lte=80), name="need_hours_per_week_range"
            ),
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True)
                | Q(budget_max__isnull=True)
                | Q(budget_min__lte=F("budget_max")),
                name="need_budget_range_ordered",
            ),
            models.CheckConstraint(
                condition=(Q(utc_offset_min__isnull=True) & Q(utc_offset_max__isnull=True))
                | Q(
                    utc_offset_min__isnull=False,
                    utc_offset_max__isnull=False,
                    utc_offset_min__gte=-12,
                    utc_offset_max__lte=14,
                    utc_offset_min__lte=F("utc_offset_max"),
                ),
                name="need_utc_window_valid",
            ),
            models.UniqueConstraint(fields=["customer", "form_token"], name="need_form_token_unique"),
        ]
        indexes = [
            models.Index(fields=["specialization", "state"], name="need_spec_state_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.budget_min is not None and self.budget_max is not None and self.budget_min > self.budget_max:
            errors["budget_max"] = _("The upper budget must not be below the lower one.")
        if (self.utc_offset_min is None) != (self.utc_offset_max is None):
            errors["utc_offset_max"] = _("Give both ends of the time zone window, or neither.")
        elif self.utc_offset_min is not None:
            if not (-12 <= self.utc_offset_min <= 14 and -12 <= self.utc_offset_max <= 14):
                errors["utc_offset_max"] = _("UTC offsets go from -12 to +14.")
            elif self.utc_offset_min > self.utc_offset_max:
                errors["utc_offset_max"] = _("The window must not end before it starts.")
        if self.hours_per_week is not None and not 1 <= self.hours_per_week <= 80:
            errors["hours_per_week"] = _("Between 1 and 80 hours per week.")
        if errors:
            raise ValidationError(errors)


# The moves of a need's state, checked by `needs.services` (topfreelancer.state.check_move).
# Opening works from a draft, and reopens a paused or closed need.
NEED_TRANSITIONS: dict[str, frozenset[str]] = {
    Need.State.DRAFT: frozenset({Need.State.OPEN, Need.State.CLOSED}),
    Need.State.OPEN: frozenset({Need.State.PAUSED, Need.State.CLOSED}),
    Need.State.PAUSED: frozenset({Need.State.OPEN, Need.State.CLOSED}),
    Need.State.CLOSED: frozenset({Need.State.OPEN}),
}


class NeedEvent(models.Model):
    """Audit: every change of a need (its creation, each move of its state, each edit of its
    content with the fields that changed), who made it and when."""

    class Kind(models.TextChoices):
        MOVE = "move", _("state change")
        EDIT = "edit", _("edit")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="events", verbose_name=_("need"))
    kind = models.CharField(max_length=4, choices=Kind.choices, default=Kind.MOVE, verbose_name=_("kind"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    from_state = models.CharField(
        max_length=8, blank=True, choices=Need.State.choices, verbose_name=_("from state")
    )
    to_state = models.CharField(max_length=8, choices=Need.State.choices, verbose_name=_("to state"))
    # An edit: the names of the fields it changed.
    changed = models.JSONField(default=list, blank=True, verbose_name=_("changed fields"))
    at = models.DateTimeField(default=clock.now, editable=False, verbose_name=_("at"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("need event")
        verbose_name_plural = _("need events")

    def __str__(self) -> str:
        if self.kind == self.Kind.EDIT:
            return f"{self.need}: {self.get_kind_display()} ({', '.join(self.changed)})"
        return f"{self.need}: {self.from_state or '-'} -> {self.to_state}"

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.expressions import OrderBy
from django.forms.utils import flatatt
from django.urls import reverse_lazy
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields
from typing_extensions import override

from vetting.models import Level, Skill, Specialization

from .choices import Language
from .models import Profile, ProfileLanguage, ProfileSkill
from .money import base_cents, viewer_currency
from .search import RANK, search

# Filtered by a specialization, a profile is listed under its qualification in it: HELD is that
# qualification (the card shows it first, profiles.selectors.with_card_extras), and every order
# reads the qualification's columns (order_by below), so it walks the qualification's indexes.
HELD = "held_qualification_id"
HELD_COLUMNS = {
    "level_rank": "held_level_rank",
    "last_active_at": "held_last_active_at",
    "hours_per_week": "held_hours_per_week",
    "rate_min_base_cents": "held_rate_min_base_cents",
}

SORTS = {
    # "Best match": the text rank, then level and recency; without a query, the level order.
    "relevance": (F(RANK).desc(), "-level_rank", "-last_active_at", "-id"),
    "level": ("-level_rank", "-id"),
    "availability": ("-hours_per_week", "-id"),
    # Across currencies: the lower rate in US cents by the exchange-rate table (profiles.money).
    "rate": (F("rate_min_base_cents").asc(nulls_last=True), "-id"),
    "active": ("-last_active_at", "-id"),
}


def order_by(queryset: QuerySet, sort: str) -> tuple:
    """The columns of `sort` for this queryset: within a specialization, the held qualification's
    (its level, and its copies of the profile's columns, on its indexes), otherwise the profile's."""
    columns = SORTS[sort]
    if HELD not in queryset.query.annotations:
        return columns
    return tuple(_held_column(column) for column in columns)


def _held_column(column):
    if isinstance(column, str) and column.lstrip("-") in HELD_COLUMNS:
        return column[: len(column) - len(column.lstrip("-"))] + HELD_COLUMNS[column.lstrip("-")]
    if isinstance(column, OrderBy) and getattr(column.expression, "name", None) in HELD_COLUMNS:
        return OrderBy(
            F(HELD_COLUMNS[column.expression.name]),
            descending=column.descending,
            nulls_first=column.nulls_first,
            nulls_last=column.nulls_last,
        )
    return column


class _SharedChoices:
    """A form field whose choices are the cached reference data (reference_choices), never changed
    per form: a form's copy of it shares them instead of deep-copying a tuple per skill (Django
    copies every field for every form; that was 1.8 ms of a catalogue request)."""

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = self._choices
        return result


class ReferenceChoiceFilter(django_filters.ChoiceFilter):
    class field_class(_SharedChoices, filter_fields.ChoiceField):
        pass


class ReferenceMultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    class field_class(_SharedChoices, filter_fields.MultipleChoiceField):
        pass


RATE_MAX_LIMIT = 10_000_000  # per hour, in any currency: beyond it nobody is excluded anyway

SELECTED = {True: " selected", False: ""}


class OnePassSelect(forms.Select):
    """A <select> rendered in one pass: Django's per-option templates made the catalogue's filter
    form cost about as much as the page's queries (bench/README.md)."""

    @override
    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        # Plain string joins over escaped values: format_html per option costs 10x more.
        options = "".join(
            f'<option value="{escape(key)}"{SELECTED[str(key) in chosen]}>{escape(label)}</option>'
            for key, label in self.choices
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{options}</select>')


class OnePassCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in one pass, in the same markup as Django's (a div per choice)."""

    @override
    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        base = self.build_attrs(self.attrs, attrs).get("id", f"id_{name}")
        items = format_html_join(
            "",
            '<div><label for="{}_{}">'
            '<input type="checkbox" name="{}" value="{}" id="{}_{}"{}> {}</label></div>',
            (
                (base, i, name, str(key), base, i, mark_safe(" checked") if str(key) in chosen else "", label)
                for i, (key, label) in enumerate(self.choices)
            ),
        )
        return format_html('<div id="{}">{}</div>', base, items)


class SkillOptions(OnePassCheckboxes):
    """The skills as checkboxes (a plain form without JS), each saying which specializations' listed
    specialists hold it; static/js/chips.js turns them into searchable chips. With a specialization
    chosen the others' skills are rendered hidden and unchecked (the filter leaves them out)."""

    held_by: dict = {}  # skill id -> specialization ids, set per request by CatalogueFilter
    specialization: int | None = None
    texts: dict = {}

    @override
    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        base = self.build_attrs(self.attrs, attrs).get("id", f"id_{name}")
        rows = []
        for i, (key, label) in enumerate(self.choices):
            held = self.held_by.get(key, ())
            offered = self.specialization is None or self.specialization in held
            rows.append(
                (
                    " ".join(map(str, sorted(held))),
                    "" if offered else " hidden",
                    base,
                    i,
                    name,
                    str(key),
                    base,
                    i,
                    " checked" if offered and str(key) in chosen else "",
                    label,
                )
            )
        items = format_html_join(
            "",
            '<div data-specializations="{}"{}><label for="{}_{}">'
            '<input type="checkbox" name="{}" value="{}" id="{}_{}"{}> {}</label></div>',
            ((*row[:8], mark_safe(row[8]), row[9]) for row in rows),
        )
        data = format_html_join(" ", 'data-{}="{}"', sorted(self.texts.items()))
        return format_html('<div id="{}" class="skill-options" data-chips {}>{}</div>', base, data, items)


class CatalogueFilter(django_filters.FilterSet):
    """The catalogue's filters. Every one is a plain WHERE on an indexed column or an EXISTS
    on an indexed child table, so none adds a query or multiplies rows."""

    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("e.g. Django, editing, fintech"),
                # htmx: search as one types, with the rest of the filters
                "hx-get": reverse_lazy("profiles:catalogue"),
                "hx-trigger": "input changed delay:400ms, search",
                "hx-include": "#catalogue-filters",
            }
        ),
    )
    # Their choices are set per request from one reference_choices() read (__init__):
    # no query to render or validate them.
    # Both applied together in split(): one join to the qualification held in the specialization.
    specialization = ReferenceChoiceFilter(
        method="filter_held",
        label=_("Specialization"),
        empty_label=pgettext_lazy("specialization", "Any"),
        widget=OnePassSelect,
    )
    # One level control, "at least": a need's level is the level of problems it holds, and a more
    # senior specialist solves them too (the matching scores how close the level is).
    min_level = ReferenceChoiceFilter(
        method="filter_held",
        label=_("Level"),
        empty_label=_("Any level"),
        widget=OnePassSelect,
    )
    skills = ReferenceMultipleChoiceFilter(
        method="filter_skills",
        label=_("Skills (all of)"),
        widget=SkillOptions,
    )
    languages = django_filters.MultipleChoiceFilter(
        choices=Language.choices,
        method="filter_languages",
        label=_("Languages"),
        widget=OnePassCheckboxes,
    )
    min_hours = django_filters.NumberFilter(
        field_name="hours_per_week",
        lookup_expr="gte",
        label=_("Hours per week, at least"),
        widget=forms.NumberInput(attrs={"min": 0, "max": 80}),
    )
    # In the viewer's currency (its label says which), compared in US cents through the table.
    rate_max = django_filters.NumberFilter(
        method="filter_rate_max",
        label=_("Hourly rate up to"),
        min_value=0,
        max_value=RATE_MAX_LIMIT,
        widget=forms.NumberInput(attrs={"min": 0, "max": RATE_MAX_LIMIT}),
    )
    utc_min = django_filters.NumberFilter(
        field_name="utc_offset",
        lookup_expr="gte",
        label=_("UTC offset from"),
        widget=forms.NumberInput(attrs={"min": -12, "max": 14}),
    )
    utc_max = django_filters.NumberFilter(
        field_name="utc_offset",
        lookup_expr="lte",
        label=_("UTC offset to"),
        widget=forms.NumberInput(attrs={"min": -12, "max": 14}),
    )
    sort = django_filters.ChoiceFilter(
        choices=[
            ("relevance", _("Best match")),
            ("level", _("Level")),
            ("availability", _("Availability")),
            ("rate", _("Rate")),
            ("active", _("Recently active")),
        ],
        method="filter_sort",
        label=_("Sort by"),
        empty_label=None,
        widget=OnePassSelect,
    )

    REFERENCE_CHOICES = {
        "specialization": "specialization",
        "min_level": "min_level",
        "skills": "skill",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reference = reference_choices()
        for name, key in self.REFERENCE_CHOICES.items():
            self.filters[name].extra["choices"] = self.reference[key]
        self.ignored_skills = []
        self.currency = viewer_currency()
        self.filters["rate_max"].label = _("Hourly rate up to (%(currency)s)") % {"currency": self.currency}

    def filter_q(self, queryset, _name, value):
        return search(queryset, value)

    def filter_held(self, queryset, _name, _value):
        return queryset  # specialization and level: together in _held()

    def filter_queryset(self, queryset):
        base, related = self.split(queryset)
        return base.filter(*related)

    def split(self, queryset) -> tuple[QuerySet, list]:
        """The profiles filtered on their own columns and their qualification (and searched), and
        apart the conditions on their child tables (skills, languages), which
        profiles.selectors.catalogue_listing applies: the planner misjudges how many profiles those
        keep (bench/README.md)."""
        self.related = []
        return self._held(super().filter_queryset(queryset)), self.related

    def _held(self, queryset) -> QuerySet:
        """Within a specialization: everybody qualified in it, at least at the level asked, each
        annotated with that qualification and its columns (HELD, HELD_COLUMNS: the card and the
        orders read them). One filter() call, so both conditions and the annotations share one join
        (unique per profile and specialization: no row is repeated). Without one: the primary
        level, the highest the person holds, so "at least" means "in some specialization"."""
        data = self.form.cleaned_data
        rank = self.reference["level_rank"][int(data["min_level"])] if data.get("min_level") else None
        if not data.get("specialization"):
            return queryset if rank is None else queryset.filter(level_rank__gte=rank)
        held = {"qualifications__specialization_id": int(data["specialization"])}
        if rank is not None:
            held["qualifications__level_rank__gte"] = rank
        copies = {alias: F(f"qualifications__{name}") for name, alias in HELD_COLUMNS.items()}
        return queryset.filter(**held).annotate(**{HELD: F("qualifications__id")}, **copies)

    def filter_rate_max(self, queryset, _name, value):
        cents = base_cents(value, self.currency)
        if cents is None:  # no rate for the viewer's currency in the table: nothing to compare
            return queryset
        return queryset.filter(rate_min_base_cents__lte=cents)

    @property
    def form(self):
        form = super().form
        widget = form.fields["skills"].widget
        widget.held_by = self.reference["skill_specializations"]
        widget.specialization = self._chosen_specialization(form)
        widget.texts = SKILL_CHIP_TEXTS
        return form

    def _chosen_specialization(self, form) -> int | None:
        value = form.data.get("specialization") if form.is_bound else None
        choices = {str(pk): pk for pk, _name in self.reference["specialization"]}
        return choices.get(value)

    def filter_skills(self, queryset, _name, value):
        """Profiles holding every chosen skill. With a specialization chosen, a skill none of its
        listed specialists holds is left out (said above the results), never an empty page."""
        specialization = self._chosen_specialization(self.form)
        held_by = self.reference["skill_specializations"]
        names = dict(self.reference["skill"])
        kept = []
        for skill_id in value:
            if specialization is None or specialization in held_by.get(int(skill_id), ()):
                kept.append(skill_id)
            else:
                self.ignored_skills.append(names.get(int(skill_id), skill_id))
        self.related += [
            Exists(ProfileSkill.objects.filter(profile=OuterRef("pk"), skill_id=pk)) for pk in kept
        ]
        return queryset

    def filter_languages(self, queryset, _name, value):
        self.related += [
            Exists(ProfileLanguage.objects.filter(profile=OuterRef("pk"), language=code)) for code in value
        ]
        return queryset

    def filter_sort(self, queryset, _name, _value):
        return queryset  # applied by the view after filtering (default sort too)


# The chips' words, read by static/js/chips.js from the options' data attributes ("%s": the skill).
SKILL_CHIP_TEXTS = {
    "placeholder": _("Type to find a skill"),
    "remove": _("Remove %s"),
    "added": _("%s added"),
    "removed": _("%s removed"),
    "chosen": _("Chosen skills"),
    "none": _("No matching skill"),
}

CHOICES_TIMEOUT = 300  # seconds; a save or delete in this process clears them at once


def _choices_key(language: str) -> str:
    return f"profiles:catalogue-choices:v2:{language}"


def reference_choices() -> dict:
    """The catalogue's options in the active language: specializations, levels (and their ranks),
    skills, and which specializations' listed specialists hold each skill (a specialization's skills,
    which the skills filter offers when it is chosen). Read once and cached: rendering and validating
    them per request cost as much as the page's own queries (bench/README.md). Saving or deleting a
    specialization, level or skill clears the cache (profiles.apps); with a per-process cache other
    processes see the change, and every process a profile's new skill, within CHOICES_TIMEOUT."""
    key = _choices_key(get_language() or settings.LANGUAGE_CODE)
    choices = cache.get(key)
    if choices is None:
        levels = list(Level.objects.all())
        choices = {
            "specialization": [(s.pk, s.name) for s in Specialization.objects.all()],
            # "Middle or higher"; the lowest level is what "Any level" already shows.
            "min_level": [
                (level.pk, _("%(level)s or higher") % {"level": level.name}) for level in levels[1:]
            ],
            "level_rank": {level.pk: level.rank for level in levels},
            "skill": sorted(
                ((s.pk, s.local_name) for s in Skill.objects.only("name", "name_ru")),
                key=lambda choice: choice[1].casefold(),
            ),
            "skill_specializations": skill_specializations(),
        }
        cache.set(key, choices, CHOICES_TIMEOUT)
    return choices


def skill_specializations() -> dict[int, set[int]]:
    """Skill id -> the specializations whose listed specialists hold it. One query (an index scan
    of profile skills joined to listed profiles), cached with the other choices."""
    held_by: dict[int, set[int]] = {}
    pairs = (
        ProfileSkill.objects.filter(profile__in=Profile.objects.listed())
        .values_list("skill_id", "profile__qualifications__specialization_id")
        .distinct()
    )
    for skill_id, specialization_id in pairs:
        held_by.setdefault(skill_id, set()).add(specialization_id)
    return held_by


def clear_reference_choices(**kwargs) -> None:
    cache.delete_many([_choices_key(code) for code, _name in settings.LANGUAGES])


def sort_key(data) -> str:
    value = data.get("sort") if data else None
    return value if value in SORTS else "relevance"

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef
from django.forms.utils import flatatt
from django.urls import reverse_lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vetting.models import Level, Specialization

from .choices import Language
from .models import ProfileLanguage, ProfileSkill, Skill
from .search import search

SORTS = {
    "level": ("-level_rank", "-id"),
    "availability": ("-hours_per_week", "-id"),
    "rate": (F("rate_min").asc(nulls_last=True), "-id"),
    "active": ("-last_active_at", "-id"),
}


class OnePassSelect(forms.Select):
    """A <select> (or <select multiple>) rendered in one pass: Django's per-option templates made
    the catalogue's filter form cost about as much as the page's queries (bench/README.md)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        multiple = mark_safe(" multiple") if self.allow_multiple_selected else ""
        return format_html(
            '<select name="{}"{}{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            multiple,
            options,
        )


class OnePassSelectMultiple(OnePassSelect, forms.SelectMultiple):
    pass


class OnePassCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in one pass, in the same markup as Django's (a div per choice)."""

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
    specialization = django_filters.ModelChoiceFilter(
        queryset=Specialization.objects.all(),
        label=_("Specialization"),
        empty_label=pgettext_lazy("specialization", "Any"),
        widget=OnePassSelect,
    )
    min_level = django_filters.ModelChoiceFilter(
        queryset=Level.objects.all(),
        method="filter_min_level",
        label=_("Level at least"),
        empty_label=_("Any"),
    )
    level = django_filters.ModelChoiceFilter(
        queryset=Level.objects.all(),
        label=_("Exactly this level"),
        empty_label=_("Any"),
        widget=OnePassSelect,
    )
    skills = django_filters.ModelMultipleChoiceFilter(
        queryset=Skill.objects.all(),
        method="filter_skills",
        label=_("Skills (all of)"),
        widget=OnePassSelectMultiple(attrs={"size": 6}),
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
    rate_max = django_filters.NumberFilter(
        field_name="rate_min",
        lookup_expr="lte",
        label=_("Hourly rate up to"),
        widget=forms.NumberInput(attrs={"min": 0}),
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

    ID_PARAMS = ("specialization", "level", "min_level", "skills")

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # Ids that no database column can hold are dropped, not looked up (SQLite raises
            # OverflowError past 64 bits): a forged query string shows the unfiltered page.
            data = data.copy()
            for key in self.ID_PARAMS:
                data.setlist(key, [v for v in data.getlist(key) if is_db_id(v)])
        super().__init__(data, *args, **kwargs)

    def filter_q(self, queryset, name, value):
        return search(queryset, value)

    def filter_min_level(self, queryset, name, value):
        return queryset.filter(level__rank__gte=value.rank)

    def filter_skills(self, queryset, name, value):
        for skill in value:
            queryset = queryset.filter(
                Exists(ProfileSkill.objects.filter(profile=OuterRef("pk"), skill=skill))
            )
        return queryset

    def filter_languages(self, queryset, name, value):
        for code in value:
            queryset = queryset.filter(
                Exists(ProfileLanguage.objects.filter(profile=OuterRef("pk"), language=code))
            )
        return queryset

    def filter_sort(self, queryset, name, value):
        return queryset  # applied by the view after filtering (default sort too)


def is_db_id(value) -> bool:
    value = str(value).strip()
    return value.isascii() and value.isdigit() and int(value) < 2**63


def sort_key(data) -> str:
    value = data.get("sort") if data else None
    return value if value in SORTS else "level"

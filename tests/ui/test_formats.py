"""Format by locale (topfreelancer.formats): each formatter in English and Russian."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import formats as django_formats
from django.utils import translation

from topfreelancer import formats

NN = "\u202f"  # narrow no-break space
NB = "\u00a0"  # no-break space


@pytest.mark.parametrize(
    ("lang", "args", "kwargs", "expected"),
    [
        ("ru", (5500, 7000, "RUB"), {"per_hour": True}, f"5{NN}500–7{NN}000{NB}₽/ч"),
        ("en", (43, 62, "USD"), {"per_hour": True}, "$43–62/h"),
        ("en", (5500, 7000, "RUB"), {"per_hour": True}, f"5,500–7,000{NB}₽/h"),
        ("ru", (43, 62, "USD"), {"per_hour": True}, f"43–62{NB}$/ч"),
        ("en", (40, 60, "EUR"), {}, "€40–60"),
        ("en", (43, None, "USD"), {"per_hour": True}, "from $43/h"),
        ("ru", (None, 7000, "RUB"), {"per_hour": True}, f"до 7{NN}000{NB}₽/ч"),
        ("ru", (3000, None, "RUB"), {}, f"от 3{NN}000{NB}₽"),
        ("en", (50, 50, "USD"), {"per_hour": True}, "$50/h"),
        ("en", (None, None, "USD"), {}, "by agreement"),
        ("ru", (None, None, "USD"), {}, "по договорённости"),
    ],
)
def test_money_range(lang, args, kwargs, expected):
    with translation.override(lang):
        assert formats.money_range(*args, **kwargs) == expected


def test_money_and_numbers():
    with translation.override("ru"):
        assert formats.money(Decimal("1234567.5"), "RUB") == f"1{NN}234{NN}567,50{NB}₽"
        assert formats.number(-5) == "−5"
    with translation.override("en"):
        assert formats.money(Decimal("1234567.5"), "RUB") == f"1,234,567.50{NB}₽"
        assert formats.money(Decimal("12.00"), "USD", per_hour=True) == "$12/h"


@pytest.mark.parametrize(
    ("lang", "expected_date", "expected_datetime", "expected_month"),
    [
        ("en", "30 Nov 2026", "30 Nov 2026, 16:34", "Nov 2026"),
        ("ru", "30 ноября 2026", "30 ноября 2026, 16:34", "ноябрь 2026"),
    ],
)
def test_one_date_format_per_language(lang, expected_date, expected_datetime, expected_month):
    moment = datetime(2026, 11, 30, 16, 34, tzinfo=UTC)
    with translation.override(lang):
        assert formats.date(date(2026, 11, 30)) == expected_date
        assert formats.date(moment) == expected_date
        assert formats.date_time(moment) == expected_datetime
        assert formats.month_year(date(2026, 11, 1)) == expected_month
        assert formats.time(moment) == formats.time(time(16, 34)) == "16:34"
        # Django's own formats (the admin, a bare |date) agree, and none ends in a full stop.
        for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT"):
            assert django_formats.date_format(moment, name) == expected_date
        assert django_formats.date_format(moment, "DATETIME_FORMAT") == expected_datetime
        assert not django_formats.date_format(moment, "SHORT_DATETIME_FORMAT").endswith(".")


def test_day_month():
    with translation.override("en"):
        assert formats.day_month(date(2026, 3, 2)) == "2 Mar"
    with translation.override("ru"):
        assert formats.day_month(date(2026, 3, 2)) == "2 марта"


@pytest.mark.parametrize(
    ("seconds", "expected"), [(874, "14:34"), (5, "0:05"), (0, "0:00"), (3725, "1:02:05"), (-3, "0:00")]
)
def test_duration_is_mm_ss(seconds, expected):
    for lang in ("en", "ru"):
        with translation.override(lang):
            assert formats.duration(seconds) == expected


def test_utc_offsets_one_way():
    assert formats.utc_offset(3) == "UTC+3"
    assert formats.utc_offset(-5) == "UTC−5"
    assert formats.utc_offset(0) == "UTC+0"
    assert formats.utc_offset(Decimal("5.5")) == "UTC+5:30"
    assert formats.utc_offset(None) == ""
    assert formats.utc_window(2, 5) == "UTC+2 … UTC+5"
    assert formats.utc_window(3, 3) == "UTC+3"


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", "English, German, Chinese"), ("ru", "английский, немецкий, китайский")]
)
def test_language_names_not_codes(lang, expected):
    with translation.override(lang):
        assert formats.language_names(["en", "de", "zh"]) == expected
        assert formats.language_name("xx") == "XX"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "30 Nov 2026|$43–62/h|UTC−2|Russian|14:34"),
        ("ru", f"30 ноября 2026|43–62{NB}$/ч|UTC−2|русский|14:34"),
    ],
)
def test_template_filters(lang, expected):
    template = Template(
        "{% load formats %}{{ day|as_date }}|{% money_range 43 62 'USD' per_hour=True %}|"
        "{{ -2|as_utc_offset }}|{{ 'ru'|as_language }}|{{ 874|as_duration }}"
    )
    with translation.override(lang):
        assert template.render(Context({"day": date(2026, 11, 30)})) == expected

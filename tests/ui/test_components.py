"""The shared components are the only copies: no app draws its own field, card, meter, badge,
date or money, and the components render in both of their uses."""

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from matching.models import Match
from tests.factories import ProfileFactory, ProfileSkillFactory
from topfreelancer.templatetags.components import status_tone

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [
    *ROOT.glob("*/templates/**/*.html"),
    *ROOT.glob("*/templates/**/*.txt"),
    *ROOT.glob("templates/**/*.html"),
]
COMPONENTS = ROOT / "templates" / "components"


def outside_components(pattern: str) -> list[str]:
    regex = re.compile(pattern)
    return [
        str(path.relative_to(ROOT))
        for path in TEMPLATES
        if COMPONENTS not in path.parents and regex.search(path.read_text())
    ]


@pytest.mark.parametrize(
    ("what", "pattern"),
    [
        ("a form field drawn by hand", r"label_tag|_field\.html|includes/field\.html"),
        ("a meter outside score_meters.html", r"<meter"),
        ("a profile card outside profile_card.html", r"profile-card-title|profiles/_card\.html"),
        ("a date format of its own (use |as_date and friends)", r"\|date:(?!['\"]c['\"])|\|time:"),
        ("a UTC offset formatted by hand", r"UTC\{|stringformat:\"\+d\""),
        ("money formatted by hand", r"\{\{ *\w+\.currency *\}\}|_rate(_amount)?\.html"),
        (
            "a status badge of its own",
            r"_state_badge|_invitation_badge|_engagement_badge|status_badge\.html\" *%\}",
        ),
    ],
)
def test_no_copy_of_a_component_is_left(what, pattern):
    assert not outside_components(pattern), what


def test_status_tones_are_one_table():
    assert [status_tone(s) for s in ("open", "active", "paused", "declined", "closed", "draft")] == [
        "ok",
        "ok",
        "warn",
        "bad",
        "muted",
        "",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_profile_card_in_the_catalogue_and_in_a_shortlist(language, rf):
    profile = ProfileFactory(rate_min=5500, rate_max=7000, currency="RUB", utc_offset=-5)
    ProfileSkillFactory(profile=profile, verified=True)
    match = Match(
        profile=profile,
        rank=1,
        score=0.56,
        level_fit=1,
        skill_fit=0.5,
        availability_fit=0.75,
        rate_fit=1,
        language_fit=1,
        timezone_fit=0,
        track_record_fit=0.62,
        facts={},
        computed_at=timezone.now(),
    )
    with translation.override(language):
        card = render_to_string("components/profile_card.html", {"profile": profile}, request=rf.get("/"))
        shortlisted = render_to_string(
            "components/profile_card.html", {"profile": profile, "match": match, "compact": True}
        )
    assert card.count('class="card profile-card"') == 1 and "skill-chip" in card and "<meter" not in card
    assert "match-row" in shortlisted and shortlisted.count("<meter") == 7 and "skill-chip" not in shortlisted
    assert 'title="56%"' not in shortlisted and ">56<" in shortlisted  # the score, then the meters' own
    for html in (card, shortlisted):
        assert "UTC−5" in html
        assert ("5\u202f500–7\u202f000\u00a0₽/ч" if language == "ru" else "≈ $69–88/h") in html

"""Customer pages for needs: create (with the level helper), edit, move, and access by owner only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matching.models import Match, NeedRanking
from matching.services import matching_run
from needs.level_helper import suggest_level
from needs.models import Need
from tests.factories import (
    ApplicantFactory,
    CustomerFactory,
    ProfileFactory,
    SkillFactory,
    SpecializationFactory,
    SuperuserFactory,
    level,
    ranking_state,
    set_ranking,
)
from tests.needs.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(client):
    user = CustomerFactory()
    client.force_login(user)
    return user


def form_data(spec, **extra):
    data = {
        "title": "Someone to carry our mobile releases",
        "specialization": spec.pk,
        "level": level("senior").pk,
        "description": "We ship **weekly**. <script>alert(1)</script>",
        "hours_per_week": 20,
        "duration": "6-12m",
        "budget_min": 2000,
        "budget_max": 3500,
        "currency": "RUB",
        "languages": ["ru"],
        "utc_offset_min": "2",
        "utc_offset_max": "5",
        "start_date": "",
    }
    data.update(extra)
    return data


def test_customer_posts_a_need_and_sees_the_ranked_shortlist(
    client, customer, django_capture_on_commit_callbacks
):
    spec = SpecializationFactory()
    skill = SkillFactory()
    profile = ProfileFactory(specialization=spec, level=level("senior"), headline="Release captain")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("needs:create"), form_data(spec, must_have_skills=[skill.pk]))
    need = Need.objects.get(customer=customer)
    assert response.status_code == 302 and response.url == reverse("needs:detail", args=[need.pk])
    assert need.state == Need.State.OPEN and ranking_state(need) == NeedRanking.State.DONE  # eager
    assert list(need.must_have_skills.all()) == [skill]

    page = client.get(response.url).content.decode()
    assert "Release captain" in page
    assert "Senior for a Senior need; 0 of 1 must-have skill (0 verified)" in page
    assert "<strong>weekly</strong>" in page and "<script>alert(1)</script>" not in page
    assert reverse("matching:invite", args=[need.pk, profile.pk]) in page
    assert "hx-trigger" not in page  # done: no polling


def test_pending_need_page_polls_and_the_partial_stops_when_done(client, customer):
    need = NeedFactory(customer=customer)
    set_ranking(need, state=NeedRanking.State.PENDING)
    page = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and "Ranking specialists" in page
    set_ranking(need, state=NeedRanking.State.DONE)
    partial = client.get(
        reverse("needs:detail", args=[need.pk]), headers={"HX-Request": "true", "HX-Target": "shortlist"}
    ).content.decode()
    assert partial.lstrip().startswith('<section id="shortlist"')
    assert "hx-trigger" not in partial and "<html" not in partial


def test_save_as_draft_is_not_ranked(client, customer):
    spec = SpecializationFactory()
    ProfileFactory(specialization=spec)
    client.post(reverse("needs:create"), form_data(spec, save_draft="1"))
    need = Need.objects.get(customer=customer)
    assert need.state == Need.State.DRAFT and not need.matches.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"budget_min": 5000, "budget_max": 1000}, "budget_max"),
        ({"utc_offset_min": "6", "utc_offset_max": "2"}, "utc_offset_max"),
        ({"utc_offset_min": "6", "utc_offset_max": ""}, "utc_offset_max"),
        ({"hours_per_week": 120}, "hours_per_week"),
        ({"title": ""}, "title"),
        ({"level": ""}, "level"),
    ],
)
@pytest.mark.usefixtures("customer")
def test_bad_input_gets_a_form_error_not_a_500(client, extra, field):
    spec = SpecializationFactory()
    response = client.post(reverse("needs:create"), form_data(spec, **extra))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Need.objects.exists()


@pytest.mark.usefixtures("customer")
def test_same_skill_cannot_be_must_and_nice(client):
    spec, skill = SpecializationFactory(), SkillFactory()
    response = client.post(
        reverse("needs:create"), form_data(spec, must_have_skills=[skill.pk], nice_to_have_skills=[skill.pk])
    )
    assert "nice_to_have_skills" in response.context["form"].errors


@pytest.mark.usefixtures("customer")
def test_level_helper_without_js_rerenders_with_the_suggestion_applied(client):
    spec = SpecializationFactory()
    data = form_data(spec, level="", suggest="1")
    data.update({"helper-novelty": "3", "helper-autonomy": "3", "helper-scope": "2", "helper-stakes": "4"})
    response = client.post(reverse("needs:create"), data)
    assert response.status_code == 200
    assert not Need.objects.exists()
    form = response.context["form"]
    assert not form.is_bound  # no errors shown for a suggestion
    assert str(form.initial["level"]) == str(level("senior").pk)
    assert form.initial["title"] == "Someone to carry our mobile releases"
    page = response.content.decode()
    assert "Suggested level: Senior" in page and "new problems without a ready solution" in page


@pytest.mark.usefixtures("customer")
def test_level_helper_htmx_returns_the_suggestion_fragment(client):
    response = client.post(
        reverse("needs:level_suggest"),
        {"helper-novelty": "1", "helper-autonomy": "2", "helper-scope": "1"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="level-suggestion"')
    assert "Suggested level: Junior" in page and f'data-use-level="{level("junior").pk}"' in page


def test_suggest_level_rules():
    assert suggest_level({}) is None
    assert suggest_level({"novelty": 1, "autonomy": 1, "scope": 1, "stakes": 1}).level.code == "junior"
    assert suggest_level({"novelty": 2, "autonomy": 3}).level.code == "senior"  # halves round up
    assert suggest_level({"novelty": 4, "autonomy": 4, "scope": 4, "stakes": 3}).level.code == "lead"
    middle = suggest_level({"novelty": 2, "autonomy": 2, "scope": 1, "stakes": 2})
    assert middle.level.code == "middle" and len(middle.reasons) == 3


def test_edit_reranks_and_transitions(client, customer, django_capture_on_commit_callbacks):
    spec = SpecializationFactory()
    ProfileFactory(specialization=spec, level=level("middle"))
    need = NeedFactory(customer=customer, specialization=spec, level=level("senior"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("needs:edit", args=[need.pk]), form_data(spec, level=level("middle").pk)
        )
    assert response.status_code == 302
    assert Match.objects.get(need=need).level_fit == 1.0
    client.post(reverse("needs:transition", args=[need.pk, "pause"]))
    assert Need.objects.get(pk=need.pk).state == Need.State.PAUSED
    client.post(reverse("needs:transition", args=[need.pk, "close"]))
    assert Need.objects.get(pk=need.pk).state == Need.State.CLOSED
    response = client.post(reverse("needs:transition", args=[need.pk, "pause"]), follow=True)
    assert Need.objects.get(pk=need.pk).state == Need.State.CLOSED
    assert "cannot be moved" in response.content.decode()
    client.post(reverse("needs:transition", args=[need.pk, "reopen"]))
    assert Need.objects.get(pk=need.pk).state == Need.State.OPEN
    assert client.post(reverse("needs:transition", args=[need.pk, "explode"])).status_code == 404


def test_list_shows_only_own_needs(client, customer):
    mine = NeedFactory(customer=customer, title="Mine")
    NeedFactory(title="Someone else's")
    page = client.get(reverse("needs:list")).content.decode()
    assert "Mine" in page and "Someone else&#x27;s" not in page and "Someone else's" not in page
    assert reverse("needs:detail", args=[mine.pk]) in page


@pytest.mark.usefixtures("customer")
def test_another_customer_gets_404_on_a_need_its_edit_moves_and_matches(client):
    spec = SpecializationFactory()
    profile = ProfileFactory(specialization=spec)
    theirs = NeedFactory(specialization=spec)

    matching_run(need_id=theirs.pk)
    match = Match.objects.get(need=theirs)
    assert client.get(reverse("needs:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("needs:edit", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("needs:edit", args=[theirs.pk]), form_data(spec)).status_code == 404
    assert client.post(reverse("needs:transition", args=[theirs.pk, "close"])).status_code == 404
    assert client.post(reverse("matching:match_toggle", args=[match.pk, "dismiss"])).status_code == 404
    assert client.get(reverse("matching:invite", args=[theirs.pk, profile.pk])).status_code == 404
    assert Need.objects.get(pk=theirs.pk).state == Need.State.OPEN
    assert Match.objects.get(pk=match.pk).dismissed_at is None


def test_needs_pages_are_for_customers(client):
    assert client.get(reverse("needs:list")).status_code == 302  # to login
    client.force_login(ApplicantFactory())
    assert client.get(reverse("needs:list")).status_code == 403
    assert client.get(reverse("needs:create")).status_code == 403


def test_dismiss_hides_and_the_filter_shows_it_again(client, customer):
    spec = SpecializationFactory()
    profile = ProfileFactory(specialization=spec, headline="The dismissed one")
    need = NeedFactory(customer=customer, specialization=spec)

    matching_run(need_id=need.pk)
    match = Match.objects.get(need=need, profile=profile)
    client.post(reverse("matching:match_toggle", args=[match.pk, "dismiss"]))
    url = reverse("needs:detail", args=[need.pk])
    assert "The dismissed one" not in client.get(url).content.decode()
    assert "The dismissed one" in client.get(url + "?dismissed=1").content.decode()
    client.post(reverse("matching:match_toggle", args=[match.pk, "restore"]))
    assert "The dismissed one" in client.get(url).content.decode()


@pytest.mark.usefixtures("customer")
def test_dashboard_sends_customers_to_their_needs(client):
    assert client.get(reverse("dashboard")).url == reverse("needs:list")


def test_admin_lists_needs_and_requeues_open_ones(client, django_capture_on_commit_callbacks):
    need = NeedFactory(title="Admin sees me")
    client.force_login(SuperuserFactory())
    assert "Admin sees me" in client.get("/admin/needs/need/").content.decode()
    assert client.get(f"/admin/needs/need/{need.pk}/change/").status_code == 200
    assert client.get("/admin/matching/match/").status_code == 200
    assert client.get("/admin/matching/invitation/").status_code == 200
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/admin/needs/need/", {"action": "rerank", "_selected_action": [need.pk]})
    assert ranking_state(need) == NeedRanking.State.PENDING
    assert len(callbacks) == 1


def test_the_shortlist_says_when_the_need_was_ranked(client, customer):
    need = NeedFactory(customer=customer)
    url = reverse("needs:detail", args=[need.pk])
    set_ranking(need, state=NeedRanking.State.DONE, matched_at=timezone.now())
    assert "ranked just now" in client.get(url).content.decode()
    set_ranking(need, state=NeedRanking.State.DONE, matched_at=timezone.now() - timedelta(hours=3))
    page = client.get(url).content.decode()
    assert "ranked 3\xa0hours ago" in page and "ranked just now" not in page
    set_ranking(need, state=NeedRanking.State.RUNNING)
    page = client.get(url).content.decode()
    assert "Ranking specialists" in page and "hours ago" not in page


def test_the_list_of_needs_shows_which_are_being_ranked(client, customer):
    ranking = NeedFactory(customer=customer, title="Being ranked")
    set_ranking(ranking, state=NeedRanking.State.RUNNING)
    ranked = NeedFactory(customer=customer, title="Ranked")
    set_ranking(ranked, state=NeedRanking.State.DONE)
    NeedFactory(customer=customer, title="Never asked")  # no ranking row: not "being ranked"
    page = client.get(reverse("needs:list")).content.decode()
    rows = {
        row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in page.split('<li class="card need-row">')[1:]
    }
    assert ["ranking specialists…" in rows[title] for title in ("Being ranked", "Ranked", "Never asked")] == [
        True,
        False,
        False,
    ]


def test_the_needs_admin_shows_matchings_state(client):
    client.force_login(SuperuserFactory())
    need = NeedFactory(title="Admin need")
    set_ranking(need, state=NeedRanking.State.PENDING, version=4)
    NeedFactory(title="Unranked need")
    listing = client.get(reverse("admin:needs_need_changelist")).content.decode()
    assert "Waiting to be ranked" in listing and "Not matched" in listing
    filtered = client.get(reverse("admin:needs_need_changelist"), {"ranking__state": "pending"})
    assert "Admin need" in filtered.content.decode() and "Unranked need" not in filtered.content.decode()
    page = client.get(reverse("admin:needs_need_change", args=[need.pk])).content.decode()
    assert "Waiting to be ranked" in page and "Matching version" in page

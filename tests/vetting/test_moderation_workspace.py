"""The moderator's workspace: the queue on the admin home, claims, the one decision page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ApplicantFactory, ModeratorFactory, SuperuserFactory, level
from topfreelancer.state import DomainError
from vetting import services
from vetting.models import Application, ApplicationStatus, AuditEntry, Claim, RubricAnchor
from vetting.selectors import moderator_queue

from .factories import apply, make_funnel, score, to_interview, to_work_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def funnel():
    return make_funnel(slug="backend")


@pytest.fixture
def moderator():
    return ModeratorFactory(full_name="Mod One")


def handed_in(funnel, moderator):
    application = to_work_sample(funnel, moderator)
    services.work_submit(application=application, applicant=application.applicant, text="My **solution**")
    return application


def decide(client, application, move, **data):
    return client.post(
        reverse("admin:vetting_application_change", args=[application.pk]), {"move": move, **data}
    )


def test_admin_home_leads_with_the_queue_oldest_first_late_in_colour(client, funnel, moderator):
    apply(funnel, ApplicantFactory(full_name="Fresh Fiona"))
    old = apply(funnel, ApplicantFactory(full_name="Old Oleg"))
    Application.objects.filter(pk=old.pk).update(stage_entered_at=timezone.now() - timedelta(days=5))
    client.force_login(moderator)
    body = client.get(reverse("admin:index")).content.decode()
    queue = body[body.index('id="vt-queue"') :]
    assert queue.index("Old Oleg") < queue.index("Fresh Fiona")
    assert "5.0 of 3 days" in queue and "vt-late" in queue
    assert "1 late" in queue
    assert body.index('id="vt-queue"') < body.index('class="app-vetting')  # the queue leads the page
    # counts per stage and specialization
    assert f'<th scope="row">{funnel.specialization}</th><td class="num">2</td>' in queue


def test_queue_holds_only_work_waiting_for_a_moderator(funnel, moderator):
    to_work_sample(funnel, moderator)  # the work sample is not handed in yet: the applicant's move
    apply(funnel, years=0)  # failed the screening rule: closed
    ready = handed_in(funnel, moderator)
    queue = moderator_queue(user=moderator)
    ids = [row["application"].pk for section in queue["sections"] for row in section["items"]]
    assert ids == [ready.pk]


def test_claim_shows_to_others_and_lapses_back_to_the_pool(client, funnel, moderator, settings):
    application = apply(funnel)
    other = ModeratorFactory(full_name="Mod Two")
    services.application_claim(application=application, moderator=moderator)
    client.force_login(other)
    body = client.get(reverse("admin:index")).content.decode()
    assert "taken by Mod One" in body
    response = client.post(reverse("admin:vetting_application_claim", args=[application.pk]), follow=True)
    assert "Mod One is reviewing this application" in response.content.decode()
    response = decide(client, application, "advance")
    assert "Mod One is reviewing this application" in response.content.decode()
    application.refresh_from_db()
    assert application.current_stage == funnel.screening
    # The claim lapses after VETTING_CLAIM_MINUTES: the item is back in the pool.
    Claim.objects.filter(application=application).update(
        claimed_at=timezone.now() - timedelta(minutes=settings.VETTING_CLAIM_MINUTES + 1),
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    assert "taken by" not in client.get(reverse("admin:index")).content.decode()
    client.post(reverse("admin:vetting_application_claim", args=[application.pk]))
    assert Claim.objects.get(application=application).moderator == other


def test_a_work_sample_needing_two_reviews_is_never_offered_twice_to_one_moderator(funnel, moderator):
    funnel.work_sample.reviews_needed = 2
    funnel.work_sample.save()
    application = handed_in(funnel, moderator)
    services.application_claim(application=application, moderator=moderator)
    score(application, moderator, 4)
    assert not Claim.objects.filter(application=application).exists()  # back in the pool for another
    assert moderator_queue(user=moderator)["total"] == 0
    assert moderator_queue(user=ModeratorFactory())["total"] == 1
    with pytest.raises(DomainError, match="scored this already"):
        services.application_claim(application=application, moderator=moderator)
    with pytest.raises(DomainError, match="2 different moderators; it has 1"):
        services.application_advance(application=application, actor=moderator)


def test_disagreement_is_shown_and_waits_for_a_third_review_or_a_lead(client, funnel, moderator):
    funnel.work_sample.reviews_needed = 2
    funnel.work_sample.save()
    application = handed_in(funnel, moderator)
    second = ModeratorFactory()
    score(application, moderator, 5)
    score(application, second, 2)
    [row] = moderator_queue(user=ModeratorFactory())["sections"][0]["items"]
    assert row["disagreement"]
    assert moderator_queue(user=moderator)["total"] == 0  # a reviewer cannot settle their own dispute
    client.force_login(second)
    response = decide(client, application, "advance")
    assert "third review or a lead" in response.content.decode()
    lead = SuperuserFactory()
    assert moderator_queue(user=lead)["total"] == 1
    client.force_login(lead)
    when = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = decide(client, application, "advance", interview_at=when)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.current_stage == funnel.interview and application.interview_at is not None
    entry = AuditEntry.objects.get(application=application, action="advance", from_stage=funnel.work_sample)
    assert entry.detail["disagreement"] == "lead" and entry.actor == lead


def test_one_page_shows_the_evidence_and_anchors_beside_the_inputs(client, funnel, moderator):
    application = handed_in(funnel, moderator)
    criterion = funnel.work_sample.criteria.first()
    RubricAnchor.objects.create(
        criterion=criterion,
        score=5,
        text_en="Handles every edge case unprompted",
        text_ru="Сам учёл все крайние случаи",
    )
    client.force_login(moderator)
    body = client.get(reverse("admin:vetting_application_change", args=[application.pk])).content.decode()
    for text in [
        "Backend developer",  # headline
        "Because.",  # screening answer
        "Developer, Acme",  # experience
        "4 of 4 right",  # the test, question by question
        "Question",
        "<strong>solution</strong>",  # the work sample
        "Handles every edge case unprompted",  # the anchor beside its radio
        "Audit history",
        "applied",  # the audit action, in words
        "Thank you for your time",  # the reason template, as the applicant will read it
        'value="advance"',
        'value="reject"',
    ]:
        assert text in body, text


def test_reason_is_previewed_in_the_applicants_language(client, funnel, moderator):
    application = apply(funnel, ApplicantFactory(language="ru"))
    client.force_login(moderator)
    body = client.get(reverse("admin:vetting_application_change", args=[application.pk])).content.decode()
    assert "Спасибо за ваше время" in body and 'lang="ru"' in body
    response = decide(client, application, "reject")
    assert "Choose the reason" in response.content.decode()
    decide(client, application, "reject", reason_template=funnel.reason.pk)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.results.get().reason.startswith("Спасибо")


def test_a_decision_opens_the_next_item_of_my_queue_taken_for_me(client, funnel, moderator):
    first, second = apply(funnel), apply(funnel)
    Application.objects.filter(pk=first.pk).update(stage_entered_at=timezone.now() - timedelta(days=2))
    client.force_login(moderator)
    response = client.post(reverse("admin:vetting_application_next"))
    assert response["Location"] == reverse("admin:vetting_application_change", args=[first.pk])
    response = decide(client, first, "advance")
    assert response["Location"] == reverse("admin:vetting_application_change", args=[second.pk])
    assert Claim.objects.get(application=second).moderator == moderator
    assert not Claim.objects.filter(application=first).exists()  # a decision ends the claim
    response = decide(client, second, "advance")
    assert response["Location"] == reverse("admin:index")


def test_score_and_accept_in_one_post_and_bad_input_is_a_form_error(client, funnel, moderator):
    application = to_interview(funnel, ModeratorFactory())
    client.force_login(moderator)
    criteria = list(funnel.interview.criteria.all())
    when = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    assert decide(client, application, "schedule", interview_at="tomorrow").status_code == 200
    assert decide(client, application, "schedule", interview_at=when).status_code == 302
    partial = {f"c_{criteria[0].pk}": 4}
    response = decide(client, application, "accept", level=level("senior").pk, **partial)
    assert "Score every criterion" in response.content.decode()
    response = decide(client, application, "accept", **{f"c_{c.pk}": 4 for c in criteria})
    assert "Choose the level" in response.content.decode()
    response = decide(client, application, "bogus")
    assert response.status_code == 200
    decide(client, application, "accept", level=level("senior").pk, **{f"c_{c.pk}": 4 for c in criteria})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED and application.level == level("senior")
    assert application.reviews.get(stage=funnel.interview, reviewer=moderator).percent == 80


def test_the_list_opens_on_open_applications(client, funnel, moderator):
    open_one = apply(funnel, ApplicantFactory(full_name="Still Open"))
    apply(funnel, ApplicantFactory(full_name="Closed Carl"), years=0)  # fails the screening rule
    client.force_login(moderator)
    url = reverse("admin:vetting_application_changelist")
    body = client.get(url).content.decode()
    assert "Still Open" in body and "Closed Carl" not in body
    body = client.get(url + "?status__exact=all").content.decode()
    assert "Still Open" in body and "Closed Carl" in body
    assert open_one.is_open


def test_admin_pages_read_right_in_russian(client, funnel, moderator):
    application = apply(funnel)
    client.force_login(moderator)
    ru = {"HTTP_ACCEPT_LANGUAGE": "ru"}
    body = client.get(reverse("admin:vetting_application_changelist"), **ru).content.decode()
    assert "Выберите заявку для изменения" in body
    body = client.get(reverse("admin:vetting_stage_changelist"), **ru).content.decode()
    assert "Выберите этап для просмотра" in body
    body = client.get(reverse("admin:index"), **ru).content.decode()
    assert "Моя очередь" in body and "Рассмотреть" in body
    body = client.get(
        reverse("admin:vetting_application_change", args=[application.pk]), **ru
    ).content.decode()
    for text in ("Журнал действий", "подана", "Перевести дальше", "Или отклонить"):
        assert text in body, text
    assert 'rel="icon"' in body  # admin pages have the site's favicon


def test_the_queue_costs_the_same_queries_for_many_items(client, funnel, moderator):
    apply(funnel)
    client.force_login(moderator)
    url = reverse("admin:index")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(6):
        handed_in(funnel, moderator)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)

"""Admin: moderators see and do only what their group grants (OWASP ASVS 8.2.1, 8.2.2).

A moderator reviews applications but cannot change the funnel configuration, the level of an
accepted specialist outside the service, or anyone's permissions; customers and applicants
never get past the admin login.
"""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from accounts.models import MODERATORS_GROUP
from tests.factories import (
    ApplicantFactory,
    CustomerFactory,
    ModeratorFactory,
    ProfileFactory,
    SuperuserFactory,
    UserFactory,
    level,
)
from tests.vetting.factories import apply, make_funnel
from vetting.models import Application, Level, Specialization, Stage

from .test_permission_matrix import walk

pytestmark = pytest.mark.django_db


def admin_urls():
    """Every admin URL, with 1 for each path argument."""
    for route, name in walk():
        if route.startswith("admin/") and name:
            route = route[len("admin/") :].lstrip("^").rstrip("$")
            if "(?P<url>" in route:
                continue  # the catch-all redirect
            if route.startswith("(?P<app_label>"):
                yield name, "/admin/vetting/"
                continue
            yield name, "/admin/" + re.sub(r"<[^>]+>", "1", route)


@pytest.mark.parametrize("factory", [CustomerFactory, ApplicantFactory, ProfileFactory])
def test_customers_and_applicants_never_get_past_the_admin_login(client, factory):
    made = factory()
    client.force_login(getattr(made, "user", made))
    apply(make_funnel(slug="backend"))
    seen = 0
    for name, url in admin_urls():
        if name in {"admin:login", "admin:logout", "admin:jsi18n"}:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, (name, url, method, response.status_code)
            assert response["Location"].startswith("/admin/login/"), (name, url)
            seen += 1
    assert seen > 50


@pytest.fixture
def moderator():
    return ModeratorFactory()


def test_moderator_permissions_come_only_from_the_group(moderator):
    group = Group.objects.get(name=MODERATORS_GROUP)
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert moderator.get_all_permissions() == {f"{app}.{code}" for app, code in granted}
    assert not moderator.is_superuser
    # Never: users, groups, permissions, or changing the funnel's configuration.
    forbidden = {("accounts", c) for c in ("add_user", "change_user", "delete_user")} | {
        ("auth", c) for c in ("add_group", "change_group", "delete_group", "change_permission")
    }
    for model in (
        "level",
        "specialization",
        "stage",
        "question",
        "choice",
        "rubriccriterion",
        "reasontemplate",
    ):
        forbidden |= {("vetting", f"{verb}_{model}") for verb in ("add", "change", "delete")}
    assert not granted & forbidden, granted & forbidden


def test_moderator_cannot_change_funnel_configuration(client, moderator):
    funnel = make_funnel(slug="backend")
    client.force_login(moderator)
    stage = funnel.skill_test
    for name, obj in [
        ("vetting_stage", stage),
        ("vetting_specialization", funnel.specialization),
        ("vetting_level", level("senior")),
        ("vetting_reasontemplate", funnel.reason),
    ]:
        change = reverse(f"admin:{name}_change", args=[obj.pk])
        assert client.post(change, {"pass_mark": 1, "rank": 99, "slug": "x"}).status_code == 403, name
        assert client.post(reverse(f"admin:{name}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
        assert client.get(reverse(f"admin:{name}_add")).status_code == 403, name
    stage.refresh_from_db()
    assert stage.pass_mark == 75
    assert Level.objects.get(code="senior").rank != 99
    assert Specialization.objects.filter(slug="backend").exists()
    assert Stage.objects.filter(pk=stage.pk).exists()


def test_moderator_cannot_change_users_groups_or_permissions(client, moderator):
    victim = CustomerFactory()
    client.force_login(moderator)
    for url in [
        reverse("admin:accounts_user_change", args=[moderator.pk]),
        reverse("admin:accounts_user_change", args=[victim.pk]),
        reverse("admin:accounts_user_add"),
        reverse("admin:auth_group_add"),
        reverse("admin:auth_group_change", args=[Group.objects.get(name=MODERATORS_GROUP).pk]),
        reverse("admin:auth_user_password_change", args=[victim.pk]),
    ]:
        response = client.post(url, {"is_superuser": "on", "is_staff": "on", "permissions": [1, 2, 3]})
        assert response.status_code == 403, url
    moderator.refresh_from_db()
    assert not moderator.is_superuser
    group = Group.objects.get(name=MODERATORS_GROUP)
    assert not group.permissions.filter(codename="change_user").exists()
    assert Permission.objects.filter(codename="change_user").exists()


def test_moderator_cannot_change_an_accepted_level_through_the_change_form(client, moderator):
    application = apply(make_funnel(slug="backend"))

    Application.objects.filter(pk=application.pk).update(
        status="accepted", level=level("junior"), closed_at=timezone.now()
    )
    client.force_login(moderator)
    url = reverse("admin:vetting_application_change", args=[application.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"level": level("lead").pk, "status": "open", "applicant": moderator.pk})
    application.refresh_from_db()
    assert application.level == level("junior")
    assert application.status == "accepted"
    assert application.applicant != moderator


def test_superuser_can_change_what_moderators_cannot(client):
    """The checks above are not vacuous: the same URLs open for a superuser."""
    funnel = make_funnel(slug="backend")
    client.force_login(SuperuserFactory())
    assert client.get(reverse("admin:vetting_stage_change", args=[funnel.skill_test.pk])).status_code == 200
    assert client.get(reverse("admin:accounts_user_add")).status_code == 200


def test_the_moderation_pages_open_to_moderators_only(client, moderator):
    """The queue's moves, the decision page and the statistics: staff outside the Moderators
    group get 403 (customers and applicants are sent to the login, above)."""
    application = apply(make_funnel(slug="backend"))
    decide = reverse("admin:vetting_application_change", args=[application.pk])
    stats = reverse("admin:vetting_application_stats")
    moves = [
        reverse("admin:vetting_application_claim", args=[application.pk]),
        reverse("admin:vetting_application_release", args=[application.pk]),
        reverse("admin:vetting_application_next"),
    ]
    client.force_login(UserFactory(role="", is_staff=True))
    assert client.get(decide).status_code == 403
    assert client.get(stats).status_code == 403
    assert "vt-queue" not in client.get(reverse("admin:index")).content.decode()
    for url in moves:
        assert client.post(url).status_code == 403, url
    assert client.post(decide, {"move": "advance"}).status_code == 403
    application.refresh_from_db()
    assert application.current_stage.kind == "screening" and not hasattr(application, "claim")
    client.force_login(moderator)
    assert client.get(decide).status_code == 200
    assert client.get(stats).status_code == 200
    assert "vt-queue" in client.get(reverse("admin:index")).content.decode()
    for url in moves:
        assert client.get(url).status_code == 403, url  # moves are POST only
        assert client.post(url).status_code == 302, url

"""Every URL of the site against every role (OWASP ASVS 8.2.1, 8.2.2, 8.3.1).

The URLconf is walked, so a new view cannot be forgotten: a URL without a row in EXPECTED fails
`test_every_url_has_an_expectation`. Each row says what every role gets:
200, "login" (302 to the login page), "302" (another redirect), 403, 404 or 405.
Objects of one user requested by another give 404, never 403 (no existence leak).

Admin (/admin/...) and allauth (/accounts/...) URLs are exempt here with the reason in EXEMPT;
admin has its own tests in test_admin_permissions.py.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .world import ROLES, build_world

pytestmark = pytest.mark.django_db

# Prefixes left out of the matrix, with the reason.
EXEMPT_PREFIXES = {
    "admin/": "Django admin: its own permission model, tested in test_admin_permissions.py",
    "accounts/": "allauth's login, sign-up, password and email views: public forms or login-only "
    "account pages maintained upstream; sign-up and login are fuzzed in test_fuzz_forms.py",
}


@dataclass
class Probe:
    method: str
    kwargs: Callable = field(default=lambda _world: {})
    data: dict = field(default_factory=dict)
    # Statuses per role; a role not listed gets `default`.
    expected: dict = field(default_factory=dict)
    default: object = None

    @property
    def name(self):
        return next(name for name, probe in EXPECTED.items() if probe is self)

    def expectation(self, role):
        return self.expected.get(role, self.default)


ANON = {"anonymous": "login"}
APPLICANTS = [r for r in ROLES if r.startswith("applicant_")]
NON_CUSTOMERS_403 = {r: 403 for r in ROLES if r not in {"anonymous", "customer_a", "customer_b"}}


def only(owner, ok=200, other=404, **extra):
    """An object of `owner`: the owner gets `ok`, every other logged-in role `other`, anonymous login."""
    return {**dict.fromkeys(ROLES, other), **ANON, owner: ok, **extra}


def customers(ok_a, b=404):
    """A customer's object: customer A owns it, customer B gets 404, other roles 403 (customers' pages)."""
    return {**NON_CUSTOMERS_403, **ANON, "customer_a": ok_a, "customer_b": b}


def applicants(ok):
    """A page of applicants and specialists: other roles get 403, anonymous login."""
    return {**dict.fromkeys(ROLES, 403), **ANON, **dict.fromkeys([*APPLICANTS, "specialist"], ok)}


PUBLIC = dict.fromkeys(ROLES, 200)

EXPECTED: dict[str, Probe] = {
    "home": Probe("get", expected=PUBLIC),
    "healthz": Probe("get", expected=PUBLIC),
    "set_language": Probe("post", data={"language": "ru", "next": "/"}, expected=dict.fromkeys(ROLES, "302")),
    # Each role is sent to its home page: staff without a role to the admin.
    "dashboard": Probe("get", expected={**dict.fromkeys(ROLES, "302"), **ANON}),
    # --- vetting ---
    "vetting:selection": Probe("get", expected=PUBLIC),
    "vetting:my_applications": Probe("get", expected=applicants(200)),
    "vetting:apply": Probe(
        "get",
        kwargs=lambda w: {"slug": w.specialization.slug},
        expected={
            **applicants(200),
            "applicant_new": 200,
            "applicant_rejected": 200,  # shows when they may apply again
            "specialist": 200,
            # An open application: sent to it.
            "applicant_screening": "302",
            "applicant_skill_test": "302",
            "applicant_work_sample": "302",
            "applicant_interview": "302",
        },
    ),
    "vetting:application_detail": Probe(
        "get", kwargs=lambda w: {"pk": w.app_skill_test.pk}, expected=only("applicant_skill_test")
    ),
    "vetting:attempt_start": Probe(
        "post",
        kwargs=lambda w: {"pk": w.app_skill_test.pk},
        # The attempt exists: the owner is sent to it.
        expected=only("applicant_skill_test", ok="302"),
    ),
    "vetting:attempt": Probe(
        "get", kwargs=lambda w: {"pk": w.attempt.pk}, expected=only("applicant_skill_test")
    ),
    "vetting:work_submit": Probe(
        "post",
        kwargs=lambda w: {"pk": w.app_work_sample.pk},
        data={"text": "Again"},
        # Already submitted: a form error on the owner's page.
        expected=only("applicant_work_sample", ok=400),
    ),
    "vetting:withdraw": Probe(
        "post", kwargs=lambda w: {"pk": w.app_screening.pk}, expected=only("applicant_screening", ok="302")
    ),
    "vetting:submission_file": Probe(
        "get",
        kwargs=lambda w: {"pk": w.submission.pk},
        expected=only("applicant_work_sample", moderator=200, superuser=200),
    ),
    # --- needs ---
    "needs:list": Probe("get", expected=customers(200, b=200)),
    "needs:create": Probe("get", expected=customers(200, b=200)),
    "needs:level_suggest": Probe("post", expected=customers(200, b=200)),
    "needs:detail": Probe("get", kwargs=lambda w: {"pk": w.need_a.pk}, expected=customers(200)),
    "needs:edit": Probe("get", kwargs=lambda w: {"pk": w.need_a.pk}, expected=customers(200)),
    "needs:transition": Probe(
        "post", kwargs=lambda w: {"pk": w.need_a.pk, "action": "pause"}, expected=customers("302")
    ),
    # --- profiles ---
    "profiles:catalogue": Probe("get", expected=PUBLIC),
    "profiles:detail": Probe("get", kwargs=lambda w: {"pk": w.profile.pk}, expected=PUBLIC),
    # Another specialist's profile that is not published: nobody else sees it (staff use the admin).
    "profiles:detail#hidden": Probe(
        "get", kwargs=lambda w: {"pk": w.hidden_profile.pk}, expected=dict.fromkeys(ROLES, 404)
    ),
    # The specialist's own pages: everyone else is told why (the one refusal page), not a 404.
    "profiles:mine": Probe("get", expected=only("specialist", other=403)),
    "profiles:edit": Probe("get", expected=only("specialist", other=403)),
    "profiles:experience_form": Probe("get", expected=only("specialist", other=403)),
    "profiles:publish": Probe(
        "post", data={"action": "hide"}, expected=only("specialist", ok="302", other=403)
    ),
    # --- matching ---
    "matching:invitations": Probe("get", expected=applicants(200)),
    "matching:invitation_answer": Probe(
        "post",
        kwargs=lambda w: {"pk": w.invitation.pk, "answer": "accept"},
        expected={**applicants(404), "specialist": "302"},
    ),
    "matching:invitation_withdraw": Probe(
        "post", kwargs=lambda w: {"pk": w.invitation.pk}, expected=customers("302")
    ),
    "matching:invite": Probe(
        "get",
        kwargs=lambda w: {"need_pk": w.need_a.pk, "profile_pk": w.profile.pk},
        expected=customers(200),
    ),
    # The invite form of a profile's page, on a page of its own (GET, or a refused POST).
    "matching:invite_from_profile": Probe(
        "get", kwargs=lambda w: {"profile_pk": w.profile.pk}, expected=customers(200, b=200)
    ),
    "matching:engagements": Probe(
        "get", expected={**dict.fromkeys(ROLES, 200), **ANON, "moderator": 403, "superuser": 403}
    ),
    # A party's object: customer A and the specialist; every other role 404 (staff included).
    "matching:engagement": Probe(
        "get", kwargs=lambda w: {"pk": w.engagement.pk}, expected={**only("specialist"), "customer_a": 200}
    ),
    "matching:engagement_move": Probe(
        "post",
        kwargs=lambda w: {"pk": w.engagement.pk, "action": "pause"},
        expected={**only("specialist", ok="302"), "customer_a": "302", "moderator": 403, "superuser": 403},
    ),
    # The invitation's thread before acceptance: the two parties; moderators have no business there.
    "matching:conversation": Probe(
        "get", kwargs=lambda w: {"pk": w.invitation.pk}, expected={**only("specialist"), "customer_a": 200}
    ),
    # After acceptance the parties are sent to the engagement; moderators read it only because it is
    # flagged for help (unflagged: 404, tested in tests/matching/test_conversations.py).
    "matching:conversation#flagged": Probe(
        "get",
        kwargs=lambda w: {"pk": w.engagement.invitation_id},
        expected={**only("specialist", ok="302"), "customer_a": "302", "moderator": 200, "superuser": 200},
    ),
    "matching:message_create": Probe(
        "post",
        kwargs=lambda w: {"pk": w.invitation.pk},
        data={"body": "A question"},
        expected={**only("specialist", ok="302"), "customer_a": "302"},
    ),
    "matching:message_attachment": Probe(
        "get",
        kwargs=lambda w: {"pk": w.message.pk},
        expected={**only("specialist"), "customer_a": 200, "moderator": 200, "superuser": 200},
    ),
    "matching:engagement_help": Probe(
        "post",
        kwargs=lambda w: {"pk": w.engagement.pk},
        expected={**only("specialist", ok="302"), "customer_a": "302"},
    ),
    "matching:feedback": Probe(
        "get",
        kwargs=lambda w: {"pk": w.engagement_ended.pk},
        expected={**only("specialist"), "customer_a": 200},
    ),
    "matching:feedback_flag": Probe(
        "post",
        kwargs=lambda w: {"pk": w.feedback.pk},
        data={"reason": "Unfair"},
        expected={**only("specialist", ok="302"), "customer_a": "302"},
    ),
    # The customer's one click; the specialist of the engagement has no say here.
    "matching:checkin_answer": Probe(
        "post", kwargs=lambda w: {"pk": w.checkin.pk, "answer": "at"}, expected=only("customer_a", ok="302")
    ),
    # Vetted specialists only: applicants still in the funnel get 403 with the reason.
    "matching:needs_for_you": Probe("get", expected={**applicants(403), "specialist": 200}),
    "matching:interest": Probe(
        "post", kwargs=lambda w: {"need_pk": w.need_a.pk}, expected={**applicants(403), "specialist": "302"}
    ),
    "matching:match_toggle": Probe(
        "post", kwargs=lambda w: {"pk": w.match.pk, "action": "dismiss"}, expected=customers("302")
    ),
}


def walk(resolver=None, prefix="", namespace=None):
    """(route, name) of every URL pattern, recursively through includes."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from walk(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name


def covered_routes():
    routes = {}
    for route, name in walk():
        route = route.lstrip("^")
        if any(route.startswith(p) for p in EXEMPT_PREFIXES):
            continue
        routes[route] = name
    return routes


def test_every_url_has_an_expectation():
    routes = covered_routes()
    unnamed = [route for route, name in routes.items() if not name]
    assert not unnamed, f"name these URLs so the matrix can cover them: {unnamed}"
    names = {key.split("#")[0] for key in EXPECTED}  # name#variant: the same URL with another object
    missing = sorted(set(routes.values()) - names)
    assert not missing, f"URLs without a row in EXPECTED (add what each role gets): {missing}"
    stale = sorted(names - set(routes.values()))
    assert not stale, f"rows in EXPECTED for URLs that no longer exist: {stale}"


def test_every_row_covers_every_role():
    for name, probe in EXPECTED.items():
        unknown = [r for r in ROLES if probe.expectation(r) is None]
        assert not unknown, f"{name}: no expectation for {unknown}"


def outcome(response):
    if response.status_code in (301, 302):
        login = resolve_url(settings.LOGIN_URL)
        return "login" if response["Location"].split("?")[0] == login else "302"
    return response.status_code


def request_as(client, world, role, probe: Probe, name: str | None = None):
    client.logout()
    if role != "anonymous":
        client.force_login(world.users[role])
    url = reverse((name or probe.name).split("#")[0], kwargs=probe.kwargs(world))
    return outcome(getattr(client, probe.method)(url, probe.data))


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.usefixtures("tmp_media")
def test_matrix(name, client):
    world = build_world()
    probe = EXPECTED[name]
    wrong = {}
    for role in ROLES:
        with transaction.atomic():  # each role sees the world untouched by the previous one
            got = request_as(client, world, role, probe)
            transaction.set_rollback(True)
        if got != probe.expectation(role):
            wrong[role] = f"expected {probe.expectation(role)}, got {got}"
        # A role refused the page is refused a POST to it too (405 is as good: nothing runs).
        if probe.method == "get" and probe.expectation(role) in ("login", 403, 404):
            with transaction.atomic():
                posted = request_as(client, world, role, Probe("post", probe.kwargs), name=name)
                transaction.set_rollback(True)
            if posted not in (probe.expectation(role), 405):
                wrong[f"{role} (POST)"] = f"expected {probe.expectation(role)}, got {posted}"
    assert not wrong, f"{probe.method.upper()} {name}: {wrong}"


def test_the_bench_bare_view_is_not_routed_in_normal_settings(client):
    """bench/bare.py is routed only when a load run starts the server with BENCH_BARE_VIEW=1."""
    assert all(not route.startswith("bench/") for route, _ in walk())
    assert client.get("/bench/bare/").status_code == 404

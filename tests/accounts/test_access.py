import pytest
from django.urls import reverse
from django.views.defaults import server_error

from tests.factories import CustomerFactory, ModeratorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["dashboard", "account_email", "account_change_password"])
def test_anonymous_is_sent_to_login_from_account_pages(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_customer_cannot_reach_admin(client):
    client.force_login(CustomerFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_moderator_sees_only_what_the_group_grants(client):
    moderator = ModeratorFactory()
    client.force_login(moderator)
    index = client.get("/admin/")
    assert index.status_code == 200
    assert moderator.is_moderator
    # may look users up, may not change them or touch groups
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    user_change = client.get(reverse("admin:accounts_user_change", args=[moderator.pk]))
    assert user_change.status_code == 200 and b'name="_save"' not in user_change.content
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert client.get(reverse("admin:accounts_user_add")).status_code == 403
    assert not moderator.has_perm("accounts.change_user")
    assert not moderator.has_perm("auth.change_permission")


def test_signup_preselects_the_role_from_the_link(client):
    response = client.get(reverse("account_signup") + "?role=applicant")
    assert (
        b'value="applicant" checked' in response.content
        or b'checked value="applicant"' in response.content
        or response.context["form"].initial.get("role") == "applicant"
    )


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}


def test_a_page_of_another_role_says_whose_it_is_in_the_users_language(client):
    client.force_login(CustomerFactory(language="ru"))
    response = client.get(reverse("vetting:my_applications"), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 403
    assert "Эта страница для соискателей и специалистов." in response.content.decode()
    assert f'href="{reverse("dashboard")}"' in response.content.decode()  # a way back home


def test_an_unknown_address_gets_the_sites_own_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content and b'class="site-header"' in response.content


def test_a_server_error_gets_a_page_that_needs_no_context(client):
    response = server_error(client.get("/").wsgi_request)
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


def test_a_signup_link_for_the_other_role_is_refused_with_the_reason(client):
    client.force_login(CustomerFactory())
    response = client.get(reverse("account_signup") + "?role=applicant")
    assert response.status_code == 403
    assert b"You are signed in as a customer" in response.content
    assert reverse("account_logout").encode() in response.content
    # the customer's own role: allauth sends a logged-in user home, as before
    assert client.get(reverse("account_signup") + "?role=customer").status_code == 302

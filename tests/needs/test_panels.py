"""The need page draws the panels of the apps above it (needs.panels): matching fills it without needs
importing matching."""

import pytest
from django.urls import reverse
from django.utils.html import format_html

from needs import panels
from tests.factories import CustomerFactory
from tests.matching.factories import InvitationFactory
from tests.needs.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(monkeypatch):
    """The real registry (matching's panels included), restored after the test."""
    monkeypatch.setattr(panels, "_panels", dict(panels._panels))


@pytest.fixture
def owner(client):
    customer = CustomerFactory()
    client.force_login(customer)
    return customer


@pytest.mark.usefixtures("registry")
def test_a_registered_panel_is_drawn_in_its_slot_and_refreshed_alone(client, owner):
    need = NeedFactory(customer=owner, title="Release captain")
    panels.register_panel(
        "notes", slot="side", render=lambda _request, need: format_html('<p id="notes">{}</p>', need.title)
    )
    url = reverse("needs:detail", args=[need.pk])

    page = client.get(url).content.decode()
    assert '<p id="notes">Release captain</p>' in page
    assert page.index('<p id="notes">') > page.index('id="shortlist"')  # the side comes after the main
    fragment = client.get(url, headers={"HX-Request": "true", "HX-Target": "notes"}).content.decode()
    assert fragment == '<p id="notes">Release captain</p>'
    unknown = client.get(url, headers={"HX-Request": "true", "HX-Target": "nothing"}).content.decode()
    assert "<html" in unknown and '<p id="notes">' in unknown


def test_matching_registers_the_shortlist_and_the_invitations():
    assert panels.panel("shortlist").slot == "main"
    assert panels.panel("invitations").slot == "side"


def test_the_invitations_panel_appears_with_the_first_invitation(client, owner):
    need = NeedFactory(customer=owner)
    url = reverse("needs:detail", args=[need.pk])
    assert "invitation-mini" not in client.get(url).content.decode()
    InvitationFactory(need=need)
    assert "invitation-mini" in client.get(url).content.decode()


def test_an_unknown_slot_is_refused():
    with pytest.raises(ValueError, match="unknown slot"):
        panels.register_panel("x", slot="footer", render=lambda _request, _need: "")

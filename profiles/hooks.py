"""What higher apps add to a profile's page, without profiles importing them.

A profile leads somewhere that profiles does not know: a customer invites the specialist to a need
(matching), a visitor is shown how to post one, a profile opened from a shortlist links back to it
(needs). Those apps register their part here in their AppConfig.ready(); the profile's view asks.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

# `provider(request, profile) -> (url, label) | None`: where the page's back link leads.
BackLink = Callable[[HttpRequest, object], tuple[str, str] | None]
# `provider(request, profile) -> SafeString`: a rendered panel for this viewer, "" for none.
Panel = Callable[[HttpRequest, object], SafeString]

_back_links: list[BackLink] = []
_panels: list[Panel] = []


def register_back_link(provider: BackLink) -> None:
    if provider not in _back_links:
        _back_links.append(provider)


def register_panel(provider: Panel) -> None:
    if provider not in _panels:
        _panels.append(provider)


def back_link(request: HttpRequest, profile) -> tuple[str, str] | None:
    """The first registered back link that applies to this request (a shortlist the viewer owns)."""
    for provider in _back_links:
        if link := provider(request, profile):
            return link
    return None


def panels(request: HttpRequest, profile) -> list[SafeString]:
    """The registered panels this viewer gets on the profile's page, in registration order."""
    return [html for provider in _panels if (html := provider(request, profile))]

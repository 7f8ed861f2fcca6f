"""matching's panels on the customer's need page (registered in needs.panels by MatchingConfig.ready)."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from needs.models import Need
from needs.panels import register_panel

from .selectors import need_invitations, need_ranking, shortlist


def shortlist_panel(request: HttpRequest, need: Need) -> str:
    """The ranked matches (with the dismissed ones on ?dismissed=1); polls itself while ranking."""
    show_dismissed = request.GET.get("dismissed") == "1"
    ranking = need_ranking(need=need)
    context = {
        "need": need,
        "ranking": ranking,
        "ranking_now": need.state == Need.State.OPEN and ranking.is_matching,
        "matches": shortlist(need=need, include_dismissed=show_dismissed),
        "show_dismissed": show_dismissed,
    }
    return render_to_string("matching/_need_shortlist.html", context, request)


def invitations_panel(request: HttpRequest, need: Need) -> str:
    """The invitations sent for the need, newest first; nothing before the first."""
    invitations = list(need_invitations(need=need))
    if not invitations:
        return ""
    return render_to_string("matching/_need_invitations.html", {"invitations": invitations}, request)


def register() -> None:
    register_panel("shortlist", slot="main", render=shortlist_panel)
    register_panel("invitations", slot="side", render=invitations_panel)

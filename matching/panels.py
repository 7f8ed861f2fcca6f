"""matching's panels on the customer's need page (registered in needs.panels by MatchingConfig.ready)."""

import hashlib

from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from needs.models import Need
from needs.panels import register_panel
from profiles.rendered import context_stamp

from .selectors import need_invitations, need_ranking, shortlist

# Where a cached card takes this response's CSRF token (a token is masked anew for every response).
CSRF_MARK = "csrf-token-of-this-response"


def shortlist_panel(request: HttpRequest, need: Need) -> str:
    """The ranked matches (with the dismissed ones on ?dismissed=1); polls itself while ranking.
    Each card is cached under everything it is drawn from (attach_match_cards)."""
    show_dismissed = request.GET.get("dismissed") == "1"
    ranking = need_ranking(need=need)
    context = {
        "need": need,
        "ranking": ranking,
        "ranking_now": need.state == Need.State.OPEN and ranking.is_matching,
        "matches": attach_match_cards(
            shortlist(need=need, include_dismissed=show_dismissed), need=need, show_dismissed=show_dismissed
        ),
        "show_dismissed": show_dismissed,
        "csrf_mark": CSRF_MARK,
    }
    html = render_to_string("matching/_need_shortlist.html", context, request)
    return mark_safe(html.replace(CSRF_MARK, get_token(request)))  # our rendering and a token


def _row(instance) -> tuple:
    """Every value read of a row (None for none): a card's key changes with any of them."""
    if instance is None:
        return ()
    unread = instance.get_deferred_fields()
    fields = instance._meta.concrete_fields
    return tuple(getattr(instance, f.attname) for f in fields if f.attname not in unread)


def attach_match_cards(matches: list, *, need: Need, show_dismissed: bool) -> list:
    """Give each match its `card_key` and, when the cache holds it, its `card_html` (one round trip
    for the shortlist; profiles.templatetags.cards draws and stores the others). A key is a digest
    of every value the card is drawn from: the match, the profile, its owner, its qualifications,
    the invitation and the interest, the need's state, the page's language, reference generation
    and rates (profiles.rendered.context_stamp), and the dismissed view. Nothing is invalidated:
    a change makes a new key. The cards hold a mark, not a CSRF token (shortlist_panel)."""
    stamp = (context_stamp(), need.pk, need.state, need.specialization_id, show_dismissed)
    for match in matches:
        profile = match.profile
        parts = (
            stamp,
            _row(match),
            _row(profile),
            _row(profile.user),
            [_row(q) for q in profile.qualifications.all()],
            _row(match.invitation),
            match.interested,
        )
        match.card_key = "matching:card:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    found = cache.get_many([match.card_key for match in matches]) if matches else {}
    for match in matches:
        match.card_html = found.get(match.card_key)
    return matches


def invitations_panel(request: HttpRequest, need: Need) -> str:
    """The invitations sent for the need, newest first; nothing before the first."""
    invitations = list(need_invitations(need=need))
    if not invitations:
        return ""
    return render_to_string("matching/_need_invitations.html", {"invitations": invitations}, request)


def register() -> None:
    register_panel("shortlist", slot="main", render=shortlist_panel)
    register_panel("invitations", slot="side", render=invitations_panel)

"""The one naming rule, and the initials avatar drawn from it.

Another person is "Sam S." (first name and the initial of the last) until an invitation between
the two is accepted; then, and to themselves, "Sam Specialist". The email never stands in for a
name: it is a contact, shared only on acceptance.
"""

from django.utils.html import format_html
from django.utils.translation import gettext as _

AVATAR_COLOURS = 8  # .avatar-0 ... .avatar-7 in site.css: white initials at 4.5:1 or more on each

# Who has a relation that reveals full names lives in a higher app (an accepted invitation, in
# matching), which registers its answer here in its AppConfig.ready(): lower apps ask this module.
_revealers = []


def register_revealer(revealer) -> None:
    """`revealer(*, viewer, user_ids) -> set[int]`: the ids among user_ids the viewer sees by full name."""
    if revealer not in _revealers:
        _revealers.append(revealer)


def names_revealed(*, viewer, user_ids) -> set[int]:
    """Which of these people the viewer sees by full name: themselves, and whoever a registered
    relation reveals. No query for a visitor."""
    user_ids = set(user_ids)
    if not viewer.is_authenticated or not user_ids:
        return set()
    revealed = {viewer.pk} & user_ids
    for revealer in _revealers:
        revealed |= revealer(viewer=viewer, user_ids=user_ids - revealed)
    return revealed


def person_name(user, *, revealed: bool = False) -> str:
    words = (user.full_name or "").split()
    if not words:
        return _("Member %(number)d") % {"number": user.pk}
    if revealed or len(words) == 1:
        return " ".join(words)
    return f"{words[0]} {words[-1][0]}."


def initials(user) -> str:
    words = (user.full_name or "").split()
    if not words:
        return "#"
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


def avatar_svg(user, *, size: int = 40) -> str:
    """A server-drawn avatar: the initials on a colour chosen by the id (no inline style: CSP)."""
    return format_html(
        '<svg class="avatar avatar-{}" width="{}" height="{}" viewBox="0 0 40 40" aria-hidden="true" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg"><circle cx="20" cy="20" r="20"/>'
        '<text x="20" y="20" dy=".35em" text-anchor="middle">{}</text></svg>',
        user.pk % AVATAR_COLOURS,
        size,
        size,
        initials(user),
    )

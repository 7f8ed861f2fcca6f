"""What higher apps draw on a customer's need page.

needs sits below matching, so it cannot ask matching for a shortlist. matching registers panels here
in its AppConfig.ready() instead: each has a name (the id of the element it renders, which htmx names
as its target to refresh it alone), a slot ("main" column or "side") and a function of the request
and the need that returns the panel's HTML. The page renders them server-side, in registration order.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from .models import Need

SLOTS = ("main", "side")


@dataclass(frozen=True)
class Panel:
    name: str
    slot: str
    render: Callable[[HttpRequest, Need], str]


_panels: dict[str, Panel] = {}


def register_panel(name: str, *, slot: str, render: Callable[[HttpRequest, Need], str]) -> None:
    """Draw `render(request, need)` in `slot` of every need page (again under the same name: replaced)."""
    if slot not in SLOTS:
        raise ValueError(f"unknown slot {slot!r}: one of {SLOTS}")
    _panels[name] = Panel(name=name, slot=slot, render=render)


def panel(name: str) -> Panel | None:
    return _panels.get(name)


def render_panels(request: HttpRequest, need: Need) -> dict[str, list[str]]:
    """Every registered panel's HTML, by slot."""
    drawn: dict[str, list[str]] = {slot: [] for slot in SLOTS}
    for registered in _panels.values():
        drawn[registered.slot].append(registered.render(request, need))
    return drawn

"""The level helper: a few questions about the need suggest a level, and say why.

Each answer sits on the same 1..4 scale as the levels (junior..lead). The suggestion is the
rounded mean (halves round up: when in doubt, do not under-staff); the reasons are the answers
that pull it up to that level.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from vetting.models import Level

QUESTIONS = {
    "novelty": (
        _("How new are the problems?"),
        [
            (1, _("Typical tasks with known solutions")),
            (2, _("Mostly known tasks, now and then a new one")),
            (3, _("New problems without a ready solution")),
            (4, _("Deciding which problems to solve at all")),
        ],
    ),
    "autonomy": (
        _("How much autonomy and ownership do you expect?"),
        [
            (1, _("Works from detailed instructions")),
            (2, _("Works on their own on assigned tasks")),
            (3, _("Owns the result from start to finish")),
            (4, _("Sets the direction for others")),
        ],
    ),
    "scope": (
        _("How wide is the scope?"),
        [
            (1, _("One narrow area")),
            (2, _("A feature or a section")),
            (3, _("A whole product, channel or publication")),
            (4, _("Several products or a team")),
        ],
    ),
    "stakes": (
        _("What does a mistake cost?"),
        [
            (1, _("Little: easy to redo")),
            (2, _("Noticeable, but contained")),
            (3, _("Costly for the business")),
            (4, _("Critical: money, reputation or safety")),
        ],
    ),
}


@dataclass
class Suggestion:
    level: Level
    reasons: list[str]


def suggest_level(answers: dict[str, int]) -> Suggestion | None:
    """The suggested level for answers given by question name (1..4); None if nothing was answered."""
    values = {name: int(value) for name, value in answers.items() if name in QUESTIONS and value}
    if not values:
        return None
    mean = sum(values.values()) / len(values)
    step = int(mean + 0.5)
    levels = list(Level.objects.order_by("rank"))
    level = levels[max(0, min(len(levels) - 1, step - 1))]
    reasons = [str(dict(QUESTIONS[name][1])[value]) for name, value in values.items() if value >= step]
    return Suggestion(level=level, reasons=reasons)

"""State changes of needs. Every change sends `need_changed` in its transaction (the matching ranks
an open need again on commit)."""

from collections.abc import Iterable
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .models import Need, NeedEvent
from .signals import need_changed

State = Need.State
# Allowed moves: (from, to). Reopening works from paused and closed.
TRANSITIONS = {
    State.DRAFT: {State.OPEN, State.CLOSED},
    State.OPEN: {State.PAUSED, State.CLOSED},
    State.PAUSED: {State.OPEN, State.CLOSED},
    State.CLOSED: {State.OPEN},
}
EDITABLE_FIELDS = [
    "title",
    "specialization",
    "level",
    "description",
    "hours_per_week",
    "duration",
    "budget_min",
    "budget_max",
    "currency",
    "languages",
    "utc_offset_min",
    "utc_offset_max",
    "start_date",
]


def _set_skills(need: Need, must_have_skills: Iterable, nice_to_have_skills: Iterable) -> None:
    must = list(must_have_skills)
    need.must_have_skills.set(must)
    need.nice_to_have_skills.set([skill for skill in nice_to_have_skills if skill not in must])


def need_create(
    *,
    customer,
    fields: dict,
    must_have_skills: Iterable = (),
    nice_to_have_skills: Iterable = (),
    open_now: bool = True,
    form_token: UUID | None = None,
) -> Need:
    """Create a need as a draft, or open it at once (then its matching run is published on commit).

    Idempotent per `form_token` (the create form's one-time token): a replay or a concurrent
    double submit of the same form returns the need the first one created, and writes nothing.
    """
    if not customer.is_customer:
        raise ValidationError(_("Only customers can post needs."))
    if form_token is not None and (earlier := _need_of_token(customer, form_token)):
        return earlier
    try:
        with transaction.atomic():
            need = Need(
                customer=customer,
                form_token=form_token,
                **{name: fields[name] for name in EDITABLE_FIELDS if name in fields},
            )
            need.full_clean(exclude=["customer"])
            need.save()  # a concurrent twin waits here on the unique token, then fails
            _set_skills(need, must_have_skills, nice_to_have_skills)
            NeedEvent.objects.create(need=need, actor=customer, from_state="", to_state=need.state)
            if open_now:
                _move(need=need, actor=customer, target=State.OPEN)
    except IntegrityError:
        if form_token is None or not (earlier := _need_of_token(customer, form_token)):
            raise
        return earlier
    return need


def _need_of_token(customer, form_token: UUID) -> Need | None:
    return Need.objects.filter(customer=customer, form_token=form_token).first()


def need_update(
    *,
    need: Need,
    actor,  # noqa: ARG001 - unused until need edits are audited (issue 10, one way to change state)
    fields: dict,
    must_have_skills: Iterable = (),
    nice_to_have_skills: Iterable = (),
) -> Need:
    """Edit a need's content; an open need is re-ranked on commit."""
    with transaction.atomic():
        need.refresh_from_db(from_queryset=Need.objects.select_for_update())
        for name in EDITABLE_FIELDS:
            if name in fields:
                setattr(need, name, fields[name])
        need.full_clean(exclude=["customer"])
        need.save()
        _set_skills(need, must_have_skills, nice_to_have_skills)
        need_changed.send(sender=Need, need=need)
    return need


def _move(*, need: Need, actor, target: str) -> Need:
    need.refresh_from_db(from_queryset=Need.objects.select_for_update())
    if need.state == target:
        return need
    if target not in TRANSITIONS[need.state]:
        raise ValidationError(
            _("A %(state)s need cannot be moved to %(target)s.")
            % {"state": need.get_state_display().lower(), "target": State(target).label.lower()}
        )
    previous = need.state
    need.state = target
    if target != State.OPEN:
        need.matching_state = Need.MatchingState.IDLE
    need.save(update_fields=["state", "matching_state", "updated_at"])
    NeedEvent.objects.create(need=need, actor=actor, from_state=previous, to_state=target)
    need_changed.send(sender=Need, need=need)
    return need


@transaction.atomic
def need_open(*, need: Need, actor) -> Need:
    """Publish a draft, or reopen a paused or closed need: it becomes open and its matching run is
    published on commit."""
    return _move(need=need, actor=actor, target=State.OPEN)


@transaction.atomic
def need_pause(*, need: Need, actor) -> Need:
    """Pause an open need: it keeps its matches but is not re-ranked until reopened."""
    return _move(need=need, actor=actor, target=State.PAUSED)


@transaction.atomic
def need_close(*, need: Need, actor) -> Need:
    return _move(need=need, actor=actor, target=State.CLOSED)

"""State changes of needs. Every change sends `need_changed` in its transaction (the matching ranks
an open need again on commit)."""

from collections.abc import Iterable
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from topfreelancer.state import DomainError, check_move, lock

from .models import NEED_TRANSITIONS, Need, NeedEvent
from .signals import need_changed

State = Need.State
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
        raise DomainError(_("Only customers can post needs."))
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
                need = _move(need=need, actor=customer, target=State.OPEN)
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
    actor,
    fields: dict,
    must_have_skills: Iterable = (),
    nice_to_have_skills: Iterable = (),
) -> Need:
    """Edit a need's content, audited with the fields that changed; an open need is re-ranked on
    commit. An edit that changes nothing writes nothing."""
    with transaction.atomic():
        locked = lock(need)
        before = _content(locked)
        for name in EDITABLE_FIELDS:
            if name in fields:
                setattr(locked, name, fields[name])
        locked.full_clean(exclude=["customer"])
        locked.save()
        _set_skills(locked, must_have_skills, nice_to_have_skills)
        after = _content(locked)
        changed = sorted(name for name in after if after[name] != before[name])
        if changed:
            NeedEvent.objects.create(
                need=locked,
                kind=NeedEvent.Kind.EDIT,
                actor=actor,
                from_state=locked.state,
                to_state=locked.state,
                changed=changed,
            )
            need_changed.send(sender=Need, need=locked)
    return locked


def _content(need: Need) -> dict:
    """What an edit may change: the editable fields and both skill lists."""
    return {
        **{name: getattr(need, name) for name in EDITABLE_FIELDS},
        "must_have_skills": set(need.must_have_skills.values_list("pk", flat=True)),
        "nice_to_have_skills": set(need.nice_to_have_skills.values_list("pk", flat=True)),
    }


def _move(*, need: Need, actor, target: str) -> Need:
    need = lock(need)
    if need.state == target:
        return need
    check_move(
        NEED_TRANSITIONS,
        need.state,
        target,
        message=_("A %(state)s need cannot be moved to %(target)s.")
        % {"state": need.get_state_display().lower(), "target": State(target).label.lower()},
    )
    previous = need.state
    need.state = target
    need.save(update_fields=["state", "updated_at"])
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

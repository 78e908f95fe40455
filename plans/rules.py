"""Pure rules of the year's workflow: how a plan moves through its life, and how a reporting period does.

No database here: each rule takes plain values and answers, so the tables can be read (and tested) on their
own.

A plan's life, as councils run it::

    draft → submitted → approved (by a committee, on a date) → published → archived
              ↘ back to draft (the owner withdraws it, or the performance team sends it back)

- The plan's **owner**, or a **manager** of the plan's unit, submits a draft for approval, and may take a
  submitted plan back to draft to change it.
- The **performance team** does every other step: records the committee's approval, publishes and
  archives. It may also do the owner's steps.
- Once approved (and afterwards), the plan's **structure is locked**: its tasks and indicators are not
  deleted, and a change to a task, indicator or target needs a reason, kept in the audit trail.

A reporting period's life: scheduled → open (returns are due) → closed (returns are read-only) → published
(committee reports snapshot it).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.db.models import TextChoices

from serviceplans.periods import PeriodKind


class PlanStatus(TextChoices):
    """A plan's status: the value stored, and the word every page, paper and e-mail shows for it."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for approval"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class Who(StrEnum):
    OWNER = "owner"  # the plan's owner or a manager of its unit
    PERFORMANCE = "performance"  # the performance team


@dataclass(frozen=True)
class PlanStep:
    action: str
    verb: str  # the button's words
    done: str  # the confirmation's words
    sources: frozenset[PlanStatus]
    target: PlanStatus
    who: frozenset[Who]


PLAN_STEPS: dict[str, PlanStep] = {
    step.action: step
    for step in (
        PlanStep(
            "submit",
            "Submit for approval",
            "submitted for approval",
            frozenset({PlanStatus.DRAFT}),
            PlanStatus.SUBMITTED,
            frozenset({Who.OWNER, Who.PERFORMANCE}),
        ),
        PlanStep(
            "return_to_draft",
            "Return to draft",
            "returned to draft",
            frozenset({PlanStatus.SUBMITTED}),
            PlanStatus.DRAFT,
            frozenset({Who.OWNER, Who.PERFORMANCE}),
        ),
        PlanStep(
            "approve",
            "Record approval",
            "recorded as approved",
            frozenset({PlanStatus.SUBMITTED}),
            PlanStatus.APPROVED,
            frozenset({Who.PERFORMANCE}),
        ),
        PlanStep(
            "publish",
            "Publish",
            "published",
            frozenset({PlanStatus.APPROVED}),
            PlanStatus.PUBLISHED,
            frozenset({Who.PERFORMANCE}),
        ),
        PlanStep(
            "archive",
            "Archive",
            "archived",
            frozenset({PlanStatus.APPROVED, PlanStatus.PUBLISHED}),
            PlanStatus.ARCHIVED,
            frozenset({Who.PERFORMANCE}),
        ),
    )
}

LOCKED_STATUSES = frozenset({PlanStatus.APPROVED, PlanStatus.PUBLISHED, PlanStatus.ARCHIVED})


class IllegalTransition(ValueError):
    """A step that the object's current state does not allow; the message says why, in plain words."""


class PeriodNotForThis(IllegalTransition):
    """An update or value for a period of the wrong kind or year for the task or indicator (a monthly period
    on a quarterly plan, a 2026/27 period on a 2027/28 task)."""


class PeriodPublished(IllegalTransition):
    """A change to a return for a period that is published: committees have seen it."""


class PlanStructureLocked(IllegalTransition):
    """Deleting a task or indicator of an approved (or later) plan."""


def plan_step_allowed(action: str, status: str, *, is_owner: bool, is_performance: bool) -> bool:
    """May someone take the plan ``action`` from ``status``? ``is_owner`` means the plan's owner or a manager
    of its unit; ``is_performance`` means the performance team (who may do everything the table allows)."""
    step = PLAN_STEPS.get(action)
    if step is None or status not in step.sources:
        return False
    return (is_performance and Who.PERFORMANCE in step.who) or (is_owner and Who.OWNER in step.who)


def plan_step_check(action: str, status: str) -> PlanStep:
    """The step, or :class:`IllegalTransition` saying why a plan in ``status`` cannot take it."""
    step = PLAN_STEPS.get(action)
    if step is None:
        raise IllegalTransition(f"“{action}” is not a step in a plan's life.")
    if status not in step.sources:
        allowed = " or ".join(sorted(s.value for s in step.sources))
        raise IllegalTransition(f"A plan that is {status} cannot be {step.done}: it must be {allowed} first.")
    return step


def carry_forward_check(status: str, *, next_plan_exists: bool) -> None:
    """Next year's plan is started from an approved (or published, or archived) plan, once: raise
    :class:`IllegalTransition` saying why not."""
    if status not in LOCKED_STATUSES:
        raise IllegalTransition(
            f"Next year's plan can only be started from an approved plan: this one is {status}."
        )
    if next_plan_exists:
        raise IllegalTransition("Next year's plan has already been started from this plan.")


def plan_structure_locked(status: str) -> bool:
    """Approved (and later) plans keep their tasks and indicators; changes need a reason."""
    return status in LOCKED_STATUSES


# -- reporting periods -------------------------------------------------------------------------------------


class PeriodState(TextChoices):
    """A reporting period's state, and its word."""

    SCHEDULED = "scheduled", "Scheduled"
    OPEN = "open", "Open for returns"
    CLOSED = "closed", "Closed"
    PUBLISHED = "published", "Published"


PERIOD_STEPS: dict[str, tuple[PeriodState, PeriodState, str]] = {
    "open": (PeriodState.SCHEDULED, PeriodState.OPEN, "opened"),
    "close": (PeriodState.OPEN, PeriodState.CLOSED, "closed"),
    "publish": (PeriodState.CLOSED, PeriodState.PUBLISHED, "published"),
}


def period_step_check(action: str, state: str) -> PeriodState:
    """The state a period moves to, or :class:`IllegalTransition` saying why it cannot: periods are opened
    when scheduled, closed when open and published when closed, in that order only."""
    source, target, done = PERIOD_STEPS[action]
    if state != source:
        raise IllegalTransition(
            f"A period that is {state} cannot be {done}: it must be {source.value} first."
        )
    return target


#: Returns are due this many days after a period ends, unless the performance team says otherwise.
DEFAULT_DEADLINE_DAYS = 30


def default_deadline(period_end: date, days: int = DEFAULT_DEADLINE_DAYS) -> date:
    """The return deadline: ``days`` after the period ends, moved back to a Friday if it falls at a weekend."""
    deadline = period_end + timedelta(days=days)
    while deadline.weekday() >= 5:
        deadline -= timedelta(days=1)
    return deadline


# -- an officer's return for a period ----------------------------------------------------------------------


class ReturnState(TextChoices):
    """An officer's return's state, and its word."""

    NOT_STARTED = "not_started", "Not submitted"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    SENT_BACK = "sent_back", "Sent back"


#: action → (states it may be taken from, state it leads to, words for a refusal)
RETURN_STEPS: dict[str, tuple[frozenset[ReturnState], ReturnState, str]] = {
    "submit": (
        frozenset({ReturnState.NOT_STARTED, ReturnState.SENT_BACK}),
        ReturnState.SUBMITTED,
        "submitted",
    ),
    "approve": (frozenset({ReturnState.SUBMITTED}), ReturnState.APPROVED, "approved"),
    "send_back": (
        frozenset({ReturnState.SUBMITTED, ReturnState.APPROVED}),
        ReturnState.SENT_BACK,
        "sent back",
    ),
}

_RETURN_WORDS = {
    ReturnState.NOT_STARTED: "not submitted yet",
    ReturnState.SUBMITTED: "already submitted",
    ReturnState.APPROVED: "already approved",
    ReturnState.SENT_BACK: "sent back",
}


def return_period_check(kind: str, label: str = "") -> None:
    """:class:`IllegalTransition` unless the period is a quarter: returns are made for quarters only, and a
    month's, half-year's or year's updates and values belong to the return for the quarter holding its last
    day (:func:`serviceplans.periods.return_period`), so nobody has two returns for the same months."""
    if kind != PeriodKind.QUARTER:
        where = f" {label}" if label else " this period"
        raise IllegalTransition(
            f"Returns are made for quarters: the updates for{where} belong to the return for the quarter it "
            "ends in."
        )


def return_step_check(action: str, state: str) -> ReturnState:
    """The state an officer's return moves to, or :class:`IllegalTransition` saying why it cannot.

    An officer submits a return that is not started or was sent back; the manager approves a submitted
    return, or sends back a submitted (or approved) one with a comment saying why."""
    sources, target, done = RETURN_STEPS[action]
    if state not in sources:
        raise IllegalTransition(
            f"This return cannot be {done}: it is {_RETURN_WORDS.get(ReturnState(state), state)}."
        )
    return target


#: A manager's decision on a return, and the period states it may be taken in: a return is approved until
#: its period is published (committees have seen it then), and sent back only while the officer can still
#: change it (the period is open).
RETURN_DECISION_PERIOD_STATES: dict[str, frozenset[PeriodState]] = {
    "approve": frozenset({PeriodState.OPEN, PeriodState.CLOSED}),
    "send_back": frozenset({PeriodState.OPEN}),
}


def return_decision_check(action: str, period_state: str) -> None:
    """:class:`IllegalTransition` saying why, when the period's state no longer allows the decision."""
    if period_state in RETURN_DECISION_PERIOD_STATES[action]:
        return
    if action == "send_back":
        raise IllegalTransition(
            "It can no longer be sent back: the period is "
            f"{PeriodState(period_state).value}, so the officer could not change it."
        )
    raise IllegalTransition(f"It can no longer be approved: the period is {PeriodState(period_state).value}.")


def return_decision_allowed(action: str, period_state: str) -> bool:
    return period_state in RETURN_DECISION_PERIOD_STATES.get(action, frozenset())


def return_is_due(state: str | None) -> bool:
    """A return still owed by the officer: never submitted, or sent back to them."""
    return state in (None, ReturnState.NOT_STARTED, ReturnState.SENT_BACK)

"""Who someone is (their roles, officer record, delegations, units and locked returns), and the rules about
periods, returns and plans. The principles are in ``serviceplans.permissions``."""

from datetime import date

from django.db.models import Q

from serviceplans.permissions import Actor, return_lock_key

from .models import Delegation, Officer, OrganisationUnit, ReportingPeriod, Return
from .rules import plan_step_allowed
from .selectors import unit_tree


def actor_for(user, *, today: date | None = None) -> Actor:
    """Read who ``user`` is: their groups, their officer record, delegations to them and units they head."""
    if user is None or not user.is_authenticated:
        return Actor(user_id=None)
    today = today or date.today()
    roles = frozenset(user.groups.values_list("name", flat=True))
    officer = Officer.objects.filter(user=user).only("pk").first()
    if officer is None:
        return Actor(user_id=user.pk, roles=roles, is_superuser=user.is_superuser)
    delegators = (
        Delegation.objects.filter(delegate=officer)
        .filter(
            Q(starts_on__isnull=True) | Q(starts_on__lte=today),
            Q(ends_on__isnull=True) | Q(ends_on__gte=today),
        )
        .order_by()  # not by the officers' names: that joins them twice for ids nobody sorts
    )
    headed = list(OrganisationUnit.objects.filter(head=officer).values_list("pk", flat=True))
    managed: set[int] = set()
    if headed:
        tree = unit_tree(lean=True)
        for unit_id in headed:
            managed |= tree.descendant_ids(unit_id)
    acting_for = frozenset({officer.pk, *delegators.values_list("officer_id", flat=True)})
    locked = (
        Return.objects.filter(
            officer_id__in=acting_for, state__in=[Return.State.SUBMITTED, Return.State.APPROVED]
        )
        .order_by()
        .values_list("officer_id", "period__end_date")
    )
    return Actor(
        user_id=user.pk,
        roles=roles,
        is_superuser=user.is_superuser,
        officer_id=officer.pk,
        acting_for=acting_for,
        managed_units=frozenset(managed),
        locked_returns=frozenset(locked),
    )


def request_actor(request) -> Actor:
    """The actor for ``request.user``, read once per request and kept on the request, so the page and its
    navigation share the same few queries."""
    actor = getattr(request, "_actor", None)
    user_id = getattr(request.user, "pk", None)
    if actor is None or actor.user_id != user_id:
        actor = request._actor = actor_for(request.user)
    return actor


def period_is_open_to(actor: Actor, period: ReportingPeriod) -> bool:
    """Returns for a period can be changed while it is open; once closed only by the performance team (to
    correct them before publishing); once published by no one, because committees have seen them."""
    if period.state == ReportingPeriod.State.PUBLISHED:
        return False
    if actor.runs_everything:
        return True
    return period.state == ReportingPeriod.State.OPEN


def return_is_locked_for(actor: Actor, officer_id: int, period: ReportingPeriod) -> bool:
    """Is ``officer_id``'s return holding ``period`` (its quarter's) submitted (or approved), so read-only to
    them?"""
    return return_lock_key(officer_id, period.end_date) in actor.locked_returns


def can_submit_return(actor: Actor, officer_id: int, period: ReportingPeriod) -> bool:
    """The officer (or their delegate) submits their own return, while the period is open; the performance
    team may submit on anyone's behalf."""
    if period.state != ReportingPeriod.State.OPEN and not actor.runs_everything:
        return False
    return actor.runs_everything or officer_id in actor.acting_for


def can_decide_return(actor: Actor, officer, period: ReportingPeriod | None = None) -> bool:
    """May ``actor`` approve or send back ``officer``'s return? The performance team always; otherwise a
    manager of the officer's unit (its head, or the head of a unit above it), never for their own return."""
    if actor.runs_everything:
        return True
    if actor.officer_id is None or officer.pk == actor.officer_id:
        return False
    return officer.unit_id is not None and officer.unit_id in actor.managed_units


def can_move_plan(actor: Actor, plan, action: str) -> bool:
    """May ``actor`` take the plan ``action`` (submit, approve…) now? See ``plans.rules.PLAN_STEPS``."""
    is_owner = actor.officer_id is not None and (
        plan.owner_id == actor.officer_id or plan.unit_id in actor.managed_units
    )
    return plan_step_allowed(action, plan.status, is_owner=is_owner, is_performance=actor.runs_everything)

"""The pure rules of the year's workflow: one test per rule, named after it."""

from datetime import date

import pytest

from plans.rules import (
    PLAN_STEPS,
    IllegalTransition,
    default_deadline,
    period_step_check,
    plan_step_allowed,
    plan_step_check,
    plan_structure_locked,
    return_is_due,
    return_step_check,
)

STATUSES = ["draft", "submitted", "approved", "published", "archived"]

# (action, from status) → who may take it: "owner" (owner or unit manager), "performance", or both.
ALLOWED = {
    ("submit", "draft"): {"owner", "performance"},
    ("return_to_draft", "submitted"): {"owner", "performance"},
    ("approve", "submitted"): {"performance"},
    ("publish", "approved"): {"performance"},
    ("archive", "approved"): {"performance"},
    ("archive", "published"): {"performance"},
}


@pytest.mark.parametrize("action", sorted(PLAN_STEPS))
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("who", ["owner", "performance", "nobody"])
def test_plan_step_allowed(action, status, who):
    allowed = plan_step_allowed(action, status, is_owner=who == "owner", is_performance=who == "performance")
    assert allowed is (who in ALLOWED.get((action, status), set()))


def test_plan_step_allowed_refuses_unknown_steps():
    assert plan_step_allowed("delete", "draft", is_owner=True, is_performance=True) is False


def test_plan_step_check_explains_a_refusal():
    assert plan_step_check("approve", "submitted").target == "approved"
    with pytest.raises(
        IllegalTransition, match="A plan that is draft cannot be published: it must be approved"
    ):
        plan_step_check("publish", "draft")
    with pytest.raises(IllegalTransition, match="not a step"):
        plan_step_check("explode", "draft")


def test_plan_structure_locked():
    assert [s for s in STATUSES if plan_structure_locked(s)] == ["approved", "published", "archived"]


def test_period_step_check():
    assert period_step_check("open", "scheduled") == "open"
    assert period_step_check("close", "open") == "closed"
    assert period_step_check("publish", "closed") == "published"
    with pytest.raises(
        IllegalTransition, match="A period that is scheduled cannot be closed: it must be open"
    ):
        period_step_check("close", "scheduled")
    with pytest.raises(IllegalTransition):
        period_step_check("publish", "open")


def test_default_deadline():
    assert default_deadline(date(2026, 6, 30)) == date(2026, 7, 30)  # a Thursday
    assert default_deadline(date(2026, 9, 30)) == date(2026, 10, 30)  # a Friday
    assert default_deadline(date(2026, 12, 31)) == date(2027, 1, 29)  # Saturday 30th → Friday
    assert default_deadline(date(2026, 6, 30), days=14) == date(2026, 7, 14)


def test_return_step_check():
    assert return_step_check("submit", "not_started") == "submitted"
    assert return_step_check("submit", "sent_back") == "submitted"
    assert return_step_check("approve", "submitted") == "approved"
    assert return_step_check("send_back", "submitted") == "sent_back"
    assert return_step_check("send_back", "approved") == "sent_back"
    with pytest.raises(IllegalTransition, match="cannot be submitted: it is already submitted"):
        return_step_check("submit", "submitted")
    with pytest.raises(IllegalTransition, match="cannot be approved: it is not submitted yet"):
        return_step_check("approve", "not_started")
    with pytest.raises(IllegalTransition, match="cannot be approved: it is sent back"):
        return_step_check("approve", "sent_back")


def test_return_is_due():
    assert [s for s in (None, "not_started", "submitted", "approved", "sent_back") if return_is_due(s)] == [
        None,
        "not_started",
        "sent_back",
    ]

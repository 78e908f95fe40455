"""The audit trail read from simple_history: who, when, what changed (old → new) and why."""

import pytest

from actions.models import ProgressUpdate, Task
from serviceplans.history import history_entries, person
from tests.factories import PlanSectionFactory, ProgressUpdateFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def saved(instance, user=None, reason=""):
    instance._history_user = user
    instance._change_reason = reason or None  # simple_history keeps it on the instance otherwise
    instance.save()


def test_each_change_is_a_diff_with_who_when_and_why():
    alison = UserFactory(username="ahardy", first_name="Alison", last_name="Hardy")
    task = TaskFactory(text="Roll out food waste", due_date_text="By June")
    other_section = PlanSectionFactory(plan=task.plan, title="Parks")
    task.due_date_text, task.category = "By September", Task.Category.RISK_MANAGEMENT
    saved(task, alison, "Contractor delay agreed by DMT")
    task.section = other_section
    saved(task, alison)
    saved(task, alison)  # nothing changed and no reason: not worth a row

    entries = history_entries(Task.history.filter(id=task.pk).select_related("history_user"))

    assert [(e.who, e.what, e.action) for e in entries] == [
        ("Alison Hardy", "Task", "Changed"),
        ("Alison Hardy", "Task", "Changed"),
        ("System", "Task", "Created"),
    ]
    moved, retimed, _created = entries
    assert [(c.field, c.old, c.new) for c in moved.changes] == [
        ("Section", str(task.section.__class__.objects.exclude(pk=other_section.pk).get()), "Parks")
    ]
    assert [(c.field, c.old, c.new) for c in retimed.changes] == [
        ("Category", "Service improvement", "Risk management"),
        ("Due date as written", "By June", "By September"),
    ]
    assert retimed.reason == "Contractor delay agreed by DMT"


def test_bookkeeping_fields_are_left_out_and_blanks_shown():
    update = ProgressUpdateFactory(commentary="")
    update.commentary, update.version = "Going well.", 2
    update.updated_by = UserFactory()
    saved(update)
    [changed, _created] = history_entries(ProgressUpdate.history.filter(id=update.pk))
    assert [(c.field, c.old, c.new) for c in changed.changes] == [("Commentary", "(blank)", "Going well.")]


def test_history_of_many_objects_costs_the_same_queries(django_assert_num_queries):
    """One query for the records; related names only for fields that changed (none here)."""
    for n in range(5):
        task = TaskFactory()
        task.text = f"Changed {n}"
        task.save()
    with django_assert_num_queries(1):
        entries = history_entries(Task.history.select_related("history_user"), what=lambda r: r.text)
    assert len(entries) == 10


def test_a_person_is_named_by_full_name_then_username():
    assert person(None) == "System"
    assert person(UserFactory(username="kmarsh")) == "kmarsh"
    assert person(UserFactory(username="k2", first_name="Kevin", last_name="Marsh")) == "Kevin Marsh"

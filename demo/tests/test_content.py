"""The demo council's data files (demo/data): read into specs, strict about their fields, and holding together."""

import pytest

from demo import content as c


def test_the_data_files_make_the_whole_council():
    assert (len(c.UNITS), len(c.OFFICERS), len(c.USERS), len(c.PRIORITIES)) == (30, 53, 5, 17)
    assert len(c.PLANS) == 6
    assert sum(len(p.sections) for p in c.PLANS) == 24
    assert len(c.RISKS) == 26
    assert isinstance(c.PLANS[0].sections[0].tasks[0].officers, tuple)  # JSON lists are frozen as tuples


def test_a_field_the_spec_does_not_have_is_refused():
    with pytest.raises(ValueError, match="ObjectiveSpec has no field prioritis"):
        c.spec(c.ObjectiveSpec, {"ref": "1", "text": "To keep the borough clean", "prioritis": ["safe"]})


def test_last_years_sections_share_this_years_objectives():
    last_year = next(p for p in c.PLANS if p.year_offset == -1 and p.key == "community-services-service-plan")
    this_year = next(p for p in c.PLANS if p.previous == last_year.key)
    for old, new in zip(last_year.sections, this_year.sections, strict=True):
        assert old.objectives == new.objectives


def test_shared_text_is_put_into_the_introductions():
    assert all("{department_introduction}" not in p.introduction for p in c.PLANS)
    assert sum(p.introduction.startswith("This Service Plan sets out") for p in c.PLANS) == 5


def test_every_reference_points_at_something_that_exists():
    units = {u.slug for u in c.UNITS}
    officers = {o.key for o in c.OFFICERS}
    priorities = {p.key for p in c.PRIORITIES}
    problems = []

    def check(where, kind, keys, known):
        problems.extend(f"{where}: no {kind} {key!r}" for key in keys if key not in known)

    for unit in c.UNITS:
        check(unit.slug, "unit", [unit.parent] if unit.parent else [], units)
        check(unit.slug, "officer", [unit.head] if unit.head else [], officers)
    for officer in c.OFFICERS:
        check(officer.key, "unit", [officer.unit], units)
    for user in c.USERS:
        check(user.username, "officer", [user.officer] if user.officer else [], officers)
    keys = {p.key for p in c.PLANS}
    assert c.NEXT_PLAN_KEY in keys
    for plan in c.PLANS:
        check(plan.key, "unit", [plan.unit], units)
        check(plan.key, "officer", [plan.owner], officers)
        check(plan.key, "plan", [plan.previous] if plan.previous else [], keys)
        for objective in plan.plan_objectives:
            check(plan.key, "priority", objective.priorities, priorities)
        for section in plan.sections:
            where = f"{plan.key} / {section.title}"
            check(where, "unit", [section.unit], units)
            check(where, "officer", [section.lead, *section.team], officers)
            refs = {o.ref for o in section.objectives} | {"E", "R"}
            for objective in section.objectives:
                check(where, "priority", objective.priorities, priorities)
            for task in section.tasks:
                check(f"{where} / {task.text[:40]}", "objective", [task.objective], refs)
                check(f"{where} / {task.text[:40]}", "officer", task.officers, officers)
                check(f"{where} / {task.text[:40]}", "priority", task.priorities, priorities)
            for indicator in section.indicators:
                check(f"{where} / {indicator.name[:40]}", "officer", indicator.officers, officers)
    for risk in c.RISKS:
        check(risk.reference, "unit", [risk.unit], units)
        check(risk.reference, "officer", risk.owners, officers)
    check("closed risks", "risk", c.CLOSED, {r.reference for r in c.RISKS})
    assert problems == []

"""The builder's working structures: a plan as it is being made, and a task before it is a row."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from actions.models import Task
from plans.models import Plan, PlanSection
from serviceplans.periods import FinancialYear, PeriodKind

from .. import content as c
from .dates import Due, month_of, task_due


@dataclass(eq=False)
class PlanContext:
    spec: c.PlanSpec
    first_year: int
    slug: str
    row: Plan | None = None
    new: bool = False  # made in this run; a plan that already exists is complete and gets no new content
    sections: dict[str, PlanSection] = field(default_factory=dict)

    @property
    def start(self) -> date:
        return FinancialYear(self.first_year).start

    @property
    def end(self) -> date:
        return FinancialYear(self.first_year + self.spec.years - 1).end

    @property
    def period_kind(self) -> PeriodKind:
        return PeriodKind.HALF if self.spec.frequency == "half_yearly" else PeriodKind.QUARTER

    def words(self) -> dict[str, str]:
        return {
            "year": FinancialYear(self.first_year).label,
            "next_year": FinancialYear(self.first_year + 1).label,
            "prev_year": FinancialYear(self.first_year - 1).label,
        }


@dataclass(eq=False)
class TaskDraft:
    plan: PlanContext
    section: c.SectionSpec
    section_number: int
    spec: c.TaskSpec
    text: str
    order: int
    objective_ref: str | None  # "E", "R" or a section objective's ref
    carried_from: TaskDraft | None = None
    row: Task | None = None

    @property
    def rng_key(self) -> str:
        return f"{c.SEED}|task|{self.plan.slug}|{self.section.title}|{self.text}"

    @property
    def due(self) -> Due:
        spec = self.spec if self.carried_from is None else carried_spec(self.spec)
        return task_due(spec, self.plan.first_year, self.plan.spec.years)

    @property
    def start(self) -> date:
        if self.spec.start and not self.carried_from:
            return date(*month_of(self.plan.first_year, self.spec.start), 1)
        return self.plan.start


def carried_spec(spec: c.TaskSpec) -> c.TaskSpec:
    return c.TaskSpec(spec.text, spec.objective, spec.officers, due=spec.carry_due)

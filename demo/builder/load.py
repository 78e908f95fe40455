"""Turn the demo council's words (``demo.content``, read from ``demo/data``) into rows, for the financial year
containing today.

The service is idempotent: every row is looked up by its natural key and only what is missing is created;
nothing that exists is changed (the one exception is a demo user's password, when one is given). Everything
random comes from generators seeded with the row's own key, so the same day gives the same rows, and a
later day only adds the returns that have fallen due since.
"""

from __future__ import annotations

from datetime import date
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from actions.models import ProgressUpdate, Task
from indicators.models import Indicator, IndicatorValue, Target
from indicators.services import indicator_judgements_refresh
from plans.models import PlanSection, ReportingPeriod
from serviceplans.periods import PeriodKind

from .. import content as c
from .indicators import IndicatorSteps
from .organisation import OrganisationSteps
from .plans import PlanSteps
from .summary import DemoSummary
from .tasks import TaskSteps
from .workflow import WorkflowSteps

__all__ = ["DemoSummary", "demo_council_load"]


class _Builder(OrganisationSteps, PlanSteps, TaskSteps, IndicatorSteps, WorkflowSteps):
    """The whole demo council, step by step (each step is in the module of its kind of row)."""

    def run(self) -> DemoSummary:
        self.units_ensure()
        self.officers_ensure()
        self.users_ensure()
        self.priorities_ensure()
        self.frameworks_ensure()
        self.periods_ensure()
        self.plans_ensure()
        self.sections_ensure()
        self.objectives_ensure()
        self.tasks_ensure()
        self.updates_ensure()
        self.indicators_ensure()
        self.targets_ensure()
        self.values_ensure()
        self.returns_ensure()
        self.next_plan_ensure()
        indicator_judgements_refresh(indicator_ids=Indicator.objects.values_list("pk", flat=True))
        self.risks_ensure()  # the risk register (issue 17)
        self.reports_ensure()
        return self.summary()

    def summary(self) -> DemoSummary:
        plans = [p.row for p in self.plans]
        counts = {
            "units": len(self.units),
            "officers": len(self.officers),
            "plans": len(plans),
            "sections": PlanSection.objects.filter(plan__in=plans).count(),
            "tasks": Task.objects.filter(plan__in=plans).count(),
            "indicators": Indicator.objects.filter(plan__in=plans).count(),
            "reporting periods": len(self.periods),
            "progress updates": ProgressUpdate.objects.filter(task__plan__in=plans).count(),
            "indicator values": IndicatorValue.objects.filter(indicator__plan__in=plans).count(),
            "targets": Target.objects.filter(indicator__plan__in=plans).count(),
        }
        created = {
            name: self.created.get(name, 0)
            for name in (*counts, "users", "priorities", "objectives", "reports", "risks")
        }
        kinds = [
            kind.value for kind in (PeriodKind.YEAR, PeriodKind.HALF, PeriodKind.QUARTER, PeriodKind.MONTH)
        ]
        open_rows = sorted(
            (p for p in self.periods.values() if p.state == ReportingPeriod.State.OPEN),
            key=lambda p: (kinds.index(p.kind), p.start_date),
        )
        deadlines = [p.deadline for p in open_rows if p.deadline]
        return DemoSummary(
            council=self.units[c.COUNCIL_SLUG].name,
            financial_year=self.calendar.year.label,
            today=self.today,
            counts=counts,
            created=created,
            open_periods=tuple(p.label for p in open_rows),
            open_deadline=min(deadlines) if deadlines else None,
            usernames=tuple(s.username for s in c.USERS),
            new_users=tuple(self.new_users),
            password_set_for=tuple(self.password_set_for),
            generated_password=self.generated_password,
        )


def demo_council_load(
    *, password: str | None, today: date | None = None, stdout: TextIO | None = None
) -> DemoSummary:
    """Build (or complete) the demo council for the financial year containing ``today``.

    Creates only what is missing, looked up by natural keys, inside one transaction. New demo users get
    ``password``, or one generated password that is reported once in the summary; existing users get
    ``password`` only when it is given and differs from theirs. Writes the summary to ``stdout`` if given.
    """
    builder = _Builder(password=password, today=today or timezone.localdate())
    with transaction.atomic():
        summary = builder.run()
    if stdout is not None:
        for line in summary.lines():
            stdout.write(line + "\n")
    return summary

"""The plans, their sections and objectives: made once, in order, so a plan's previous plan exists first."""

from __future__ import annotations

from datetime import date

from simple_history.utils import bulk_create_with_history

from plans.models import Objective, Plan, PlanSection

from .. import content as c
from .dates import aware, weekday_on_or_before
from .drafts import PlanContext
from .state import BuildState


class PlanSteps(BuildState):
    """Plans, sections and objectives. Only a plan made in this run gets sections and objectives."""

    def plans_ensure(self) -> None:
        self.plans: list[PlanContext] = []
        for spec in c.PLANS:
            first_year = self.this_year + spec.year_offset
            if spec.years == 1:
                slug = f"{spec.key}-{first_year}-{(first_year + 1) % 100:02d}"
            else:
                slug = f"{spec.key}-{first_year}-{first_year + spec.years}"
            self.plans.append(PlanContext(spec, first_year, slug))
        existing = {p.slug: p for p in Plan.objects.filter(slug__in=[p.slug for p in self.plans])}
        created = 0
        for context in self.plans:  # in order, so a previous plan exists before the plan that follows it
            context.row = existing.get(context.slug)
            if context.row is not None:
                continue
            spec = context.spec
            previous = None
            if spec.previous:
                previous = next(
                    (
                        p.row
                        for p in self.plans
                        if p.spec.key == spec.previous and p.first_year == context.first_year - 1
                    ),
                    None,
                )
            unit = self.units[spec.unit]
            plan = Plan(
                title=spec.title,
                slug=context.slug,
                unit=unit,
                first_year=context.first_year,
                years=spec.years,
                reporting_frequency=spec.frequency,
                status=spec.status,
                committee=spec.committee,
                approved_on=weekday_on_or_before(date(context.first_year, *spec.approved)),
                owner=self.officers[spec.owner],
                introduction=spec.introduction.format(unit=unit.name, **context.words()),
                previous_plan=previous,
            )
            plan._history_date = aware(plan.approved_on)
            context.row = bulk_create_with_history([plan], Plan)[0]
            context.new = True
            created += 1
        self.created["plans"] = created

    def sections_ensure(self) -> None:
        rows = [p.row for p in self.plans]
        existing = {(s.plan_id, s.title): s for s in PlanSection.objects.filter(plan__in=rows)}
        new = []
        for context in self.plans:
            for number, spec in enumerate(context.spec.sections, start=1):
                key = (context.row.pk, spec.title)
                section = existing.get(key)
                if section is None:
                    if not context.new:
                        continue
                    section = PlanSection(
                        plan=context.row,
                        title=spec.title,
                        unit=self.units[spec.unit],
                        introduction=spec.introduction,
                        order=number,
                    )
                    new.append(section)
                context.sections[spec.title] = section
        PlanSection.objects.bulk_create(new)
        self.created["sections"] = len(new)

    def objectives_ensure(self) -> None:
        rows = [p.row for p in self.plans]
        existing = {(o.plan_id, o.section_id, o.text): o for o in Objective.objects.filter(plan__in=rows)}
        self.objectives: dict[tuple[int, str | None, str], Objective] = {}
        new: list[tuple[Objective, tuple[str, ...]]] = []

        def ensure(context, section, reference, spec, order):
            row = existing.get((context.row.pk, section.pk if section else None, spec.text))
            if row is None:
                if not context.new:
                    return
                row = Objective(
                    plan=context.row, section=section, reference=reference, text=spec.text, order=order
                )
                new.append((row, spec.priorities))
            self.objectives[(context.row.pk, section.title if section else None, spec.ref)] = row

        for context in self.plans:
            for number, section_spec in enumerate(context.spec.sections, start=1):
                section = context.sections.get(section_spec.title)
                if section is None:
                    continue
                for index, spec in enumerate(section_spec.objectives, start=1):
                    ensure(context, section, f"{number}.{spec.ref}", spec, number * 10 + index)
            for index, spec in enumerate(context.spec.plan_objectives, start=1):
                ensure(context, None, spec.ref, spec, 1000 + index)
        Objective.objects.bulk_create([o for o, _ in new])
        through = Objective.priorities.through
        through.objects.bulk_create(
            [through(objective_id=o.pk, priority_id=self.priorities[k].pk) for o, keys in new for k in keys]
        )
        self.created["objectives"] = len(new)

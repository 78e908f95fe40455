"""A plan as a published document, like the sample plans: a cover, contents, the introduction, then one
chapter per section with its objectives, their task tables and the section's indicator table.

Indicators show their frameworks as X-marks, last year's target and actual (with ★●▲ against the target)
and the targets for the plan's years and the years after it, up to three. Read in a fixed number of
queries; rendered through the same stylesheet and PDF pipeline as committee reports.
"""

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils.text import slugify

from actions.models import Task, TaskOfficer
from indicators.models import Framework, Indicator, IndicatorOfficer
from indicators.performance import IndicatorRecord
from indicators.selectors import indicators_with_record
from plans.models import CouncilSettings, Objective, Plan, PlanSection
from serviceplans.periods import FinancialYear, Period, PeriodKind

from .committee import paragraphs
from .pdf import html_to_pdf
from .rows import due_text

TEMPLATE = "reporting/papers/plan_document.html"


def plan_for_document() -> QuerySet[Plan]:
    """Plans with everything their document shows, prefetched: sections, objectives with their priorities,
    tasks with their officers, and indicators with frameworks, officers, targets and values."""
    return Plan.objects.select_related("unit", "owner").prefetch_related(
        Prefetch("sections", PlanSection.objects.order_by("order", "title", "pk")),
        Prefetch("objectives", Objective.objects.prefetch_related("priorities")),
        Prefetch(
            "tasks",
            Task.objects.order_by("order", "pk").prefetch_related(
                Prefetch("task_officers", TaskOfficer.objects.select_related("officer"))
            ),
        ),
        Prefetch(
            "indicators",
            indicators_with_record()
            .order_by("order", "pk")
            .prefetch_related(
                "frameworks",
                Prefetch("indicator_officers", IndicatorOfficer.objects.select_related("officer")),
            ),
        ),
    )


def _officers(task) -> str:
    if task.responsibility_note:
        return task.responsibility_note
    return ", ".join(link.officer.name for link in task.task_officers.all())


class PlanDocument:
    """One plan, rendered as a document (HTML preview or PDF)."""

    template_name = TEMPLATE

    def __init__(self, plan: Plan):
        self.plan = plan

    @classmethod
    def for_plan(cls, plan: Plan) -> "PlanDocument":
        return cls(plan)

    @property
    def title(self) -> str:
        return f"{self.plan.title} {self.plan.years_label}"

    def filename(self, extension: str) -> str:
        return f"{slugify(self.title)[:80] or 'plan'}.{extension}"

    def target_years(self) -> list[FinancialYear]:
        return [FinancialYear(self.plan.first_year + offset) for offset in range(3)]

    def context(self) -> dict:
        plan = self.plan
        council_settings = CouncilSettings.load()
        last_year = FinancialYear(plan.first_year).previous()
        years = self.target_years()
        objectives_by_section: dict[int | None, list] = {}
        for objective in sorted(plan.objectives.all(), key=lambda o: (o.order, o.reference, o.pk)):
            objectives_by_section.setdefault(objective.section_id, []).append(objective)
        tasks_by_objective: dict[tuple, list] = {}
        for task in plan.tasks.all():
            tasks_by_objective.setdefault((task.section_id, task.objective_id), []).append(task)
        indicators_by_section: dict[int, list] = {}
        used_frameworks: dict[int, Framework] = {}
        for indicator in plan.indicators.all():
            indicators_by_section.setdefault(indicator.section_id, []).append(indicator)
            for framework in indicator.frameworks.all():
                used_frameworks[framework.pk] = framework
        frameworks = sorted(used_frameworks.values(), key=lambda f: (f.order, f.code))

        from risks.selectors import section_risks  # the risk register sits beside reporting

        risks = section_risks(plan, [(s.pk, s.unit_id) for s in plan.sections.all()])
        chapters = []
        for number, section in enumerate(plan.sections.all(), start=1):
            groups = []
            section_objectives = objectives_by_section.get(section.pk, []) + [
                o for o in objectives_by_section.get(None, []) if (section.pk, o.pk) in tasks_by_objective
            ]
            for objective in section_objectives:
                groups.append(
                    {
                        "objective": objective,
                        "priorities": [str(p) for p in objective.priorities.all()],
                        "tasks": [
                            self._task(t) for t in tasks_by_objective.get((section.pk, objective.pk), [])
                        ],
                    }
                )
            other = tasks_by_objective.get((section.pk, None), [])
            if other:
                groups.append({"objective": None, "priorities": [], "tasks": [self._task(t) for t in other]})
            indicators = [
                self._indicator(indicator, frameworks, last_year, years, council_settings)
                for indicator in indicators_by_section.get(section.pk, [])
            ]
            chapters.append(
                {
                    "number": number,
                    "anchor": f"chapter-{number}",
                    "section": section,
                    "introduction": paragraphs(section.introduction),
                    "groups": groups,
                    "indicators": indicators,
                    "risks": risks.get(section.pk, []),
                }
            )
        return {
            "title": self.title,
            "plan": plan,
            "council": settings.COUNCIL_NAME,
            "draft": plan.status == Plan.Status.DRAFT,
            "introduction": paragraphs(plan.introduction),
            "chapters": chapters,
            "frameworks": frameworks,
            "last_year": last_year,
            "years": years,
        }

    @staticmethod
    def _task(task) -> dict:
        return {
            "reference": task.reference,
            "text": task.text,
            "officers": _officers(task),
            "resources": task.resources,
            "due": due_text(task),
            "success_criteria": task.success_criteria,
        }

    @staticmethod
    def _indicator(indicator: Indicator, frameworks, last_year, years, council_settings) -> dict:
        record = IndicatorRecord(
            indicator,
            default_tolerance=council_settings.default_tolerance_percent,
            same_tolerance=council_settings.same_tolerance_percent,
        )
        previous = record.performance(Period(last_year, PeriodKind.YEAR, 1))
        own = {framework.pk for framework in indicator.frameworks.all()}
        targets = []
        for year in years:
            target = record.annual_targets.get(year.start_year)
            if target is None:
                targets.append("–")
            else:
                targets.append(target.text or record.display(target.value))
        return {
            "indicator": indicator,
            "marks": [framework.pk in own for framework in frameworks],
            "officers": ", ".join(link.officer.name for link in indicator.indicator_officers.all()),
            "last_year_target": previous.target_display,
            "last_year_actual": previous.actual_display,
            "last_year_symbol": previous.symbol,
            "targets": targets,
        }

    def html(self, *, preview: dict | None = None) -> str:
        return render_to_string(self.template_name, self.context() | {"preview": preview})

    def pdf(self) -> bytes:
        return html_to_pdf(self.html())

"""Writing an interpreted workbook to the database as a new draft plan, all or nothing (the caller holds
the transaction): see :mod:`.importer` for how units, officers, frameworks and periods are matched."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from actions.models import Milestone, ProgressUpdate, Task, TaskOfficer
from indicators.models import Framework, Indicator, IndicatorOfficer, IndicatorValue, Target
from indicators.services import indicator_judgements_refresh
from indicators.values import ParsedValue, parse_value
from plans.models import Objective, Officer, OrganisationUnit, Plan, PlanSection, ReportingPeriod
from plans.selectors import unit_tree
from serviceplans.periods import FinancialYear, Period

from .columns import STANDARD_FRAMEWORKS
from .reader import Problem
from .result import ImportResult, Refused
from .risks_sheet import write_risks
from .rows import PlanRows
from .wording import header_key, officer_initial_key, officer_key, text_key

__all__ = ["PlanWriter"]

_OBJECTIVE_REF_RE = re.compile(
    r"^(?P<ref>\d{1,3}[a-z]?|[a-z])[.)]\s+(?P<text>\S.*)$", re.IGNORECASE | re.DOTALL
)


class PlanWriter:
    """Writes the interpreted rows as a new draft plan: units, officers, frameworks and periods found or
    created, then sections, objectives, tasks, indicators, targets, progress updates, values and risks,
    in bulk. Called inside the import's transaction, which rolls everything back on any problem."""

    def __init__(self, data: PlanRows, result: ImportResult, user):
        self.data = data
        self.result = result
        self.user = user if user is not None and getattr(user, "is_authenticated", False) else None
        self.today = date.today()

    def unique_unit_slug(self, name: str) -> str:
        base = (slugify(name) or "unit")[:70]
        slug, number = base, 2
        while OrganisationUnit.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug

    def units(self) -> tuple[OrganisationUnit, OrganisationUnit]:
        data = self.data
        if data.council:
            council = (
                OrganisationUnit.objects.filter(parent__isnull=True, name__iexact=data.council).first()
                or OrganisationUnit.objects.filter(
                    kind=OrganisationUnit.Kind.COUNCIL, name__iexact=data.council
                ).first()
            )
            if council is None:
                council = OrganisationUnit.objects.create(
                    name=data.council,
                    kind=OrganisationUnit.Kind.COUNCIL,
                    slug=self.unique_unit_slug(data.council),
                )
                self.result.units_created.append(data.council)
            tree = unit_tree()
            beneath = tree.descendant_ids(council.pk) - {council.pk}
            candidates = [
                unit
                for unit in OrganisationUnit.objects.filter(pk__in=beneath, name__iexact=data.directorate)
                if unit.pk in beneath
            ]
            candidates.sort(key=lambda unit: unit.parent_id != council.pk)
            if candidates:
                return council, candidates[0]
            if text_key(data.directorate) == text_key(council.name):
                return council, council  # a plan for the whole council
            directorate = OrganisationUnit.objects.create(
                name=data.directorate,
                kind=OrganisationUnit.Kind.DIRECTORATE,
                parent=council,
                slug=self.unique_unit_slug(data.directorate),
            )
            self.result.units_created.append(data.directorate)
            return council, directorate
        found = list(OrganisationUnit.objects.filter(name__iexact=data.directorate)[:2])
        if len(found) != 1:
            raise Refused(
                Problem(
                    sheet="Plan",
                    column="Value",
                    value=data.directorate,
                    reason="Give the Council too: "
                    + (
                        "no unit has this name."
                        if not found
                        else "more than one unit has this name, in different councils."
                    ),
                )
            )
        directorate = found[0]
        return directorate.parent or directorate, directorate

    def write(self) -> None:
        data, result, counts = self.data, self.result, self.result.counts
        council, directorate = self.units()
        self.directorate = directorate
        self.officers_read()
        owner = self.officer(data.owner.names[0]) if data.owner.names else None
        plan = Plan.objects.create(
            title=data.title,
            slug=self.unique_plan_slug(directorate.name),
            unit=directorate,
            first_year=data.first_year,
            years=data.years,
            reporting_frequency=data.frequency,
            status=Plan.Status.DRAFT,
            committee=data.committee,
            owner=owner,
        )
        result.plan_slug, result.plan_title, result.plan_id = plan.slug, plan.title, plan.pk

        tree = unit_tree()
        beneath = tree.descendant_ids(directorate.pk)
        units_by_name: dict[str, OrganisationUnit] = {}
        for unit_id in beneath:
            units_by_name.setdefault(text_key(tree.units[unit_id].name), tree.units[unit_id])
        sections = {
            key: PlanSection(plan=plan, title=title, order=order, unit=units_by_name.get(key))
            for order, (key, title) in enumerate(data.sections.items(), start=1)
        }
        PlanSection.objects.bulk_create(sections.values())
        counts["sections"] = len(sections)

        objectives: dict[tuple[str, str], Objective] = {}
        for task in data.tasks:
            if task.objective and (task.section, text_key(task.objective)) not in objectives:
                match = _OBJECTIVE_REF_RE.match(task.objective)
                reference, text = (match["ref"], match["text"]) if match else ("", task.objective)
                objectives[(task.section, text_key(task.objective))] = Objective(
                    plan=plan,
                    section=sections[task.section],
                    reference=reference,
                    text=text,
                    order=len(objectives) + 1,
                )
        Objective.objects.bulk_create(objectives.values())
        counts["objectives"] = len(objectives)

        order_in_section: dict[str, int] = defaultdict(int)
        tasks = []
        for row in data.tasks:
            order_in_section[row.section] += 1
            due_date = row.due.due_date
            tasks.append(
                Task(
                    plan=plan,
                    section=sections[row.section],
                    objective=objectives.get((row.section, text_key(row.objective)))
                    if row.objective
                    else None,
                    reference=row.reference,
                    category=row.category,
                    text=row.text,
                    risk=row.risk,
                    responsibility_note=row.officers.note,
                    resources=row.resources,
                    due_date=due_date,
                    due_date_text=row.due.text,
                    ongoing=row.due.ongoing,
                    success_criteria=row.success,
                    order=order_in_section[row.section],
                )
            )
        tasks = bulk_create_with_history(tasks, Task, default_user=self.user)
        counts["tasks"] = len(tasks)
        links, milestones = [], []
        for task, row in zip(tasks, data.tasks, strict=True):
            for order, name in enumerate(row.officers.names):
                links.append(TaskOfficer(task=task, officer=self.officer(name), order=order))
            for order, step in enumerate(row.milestones, start=1):
                milestones.append(
                    Milestone(
                        task=task,
                        name=step.name,
                        due_date=step.due_date,
                        due_date_text=step.due_date_text[:100],
                        order=order,
                    )
                )
        TaskOfficer.objects.bulk_create(links)
        Milestone.objects.bulk_create(milestones)
        counts["milestones"] = len(milestones)

        frameworks = self.frameworks()
        order_in_section.clear()
        indicators = []
        for row in data.indicators:
            order_in_section[row.section] += 1
            indicators.append(
                Indicator(
                    plan=plan,
                    section=sections[row.section],
                    name=row.name,
                    reference_code=row.reference,
                    unit=row.unit,
                    decimal_places=row.decimal_places,
                    polarity=row.polarity,
                    tolerance_percent=row.tolerance,
                    order=order_in_section[row.section],
                )
            )
        indicators = bulk_create_with_history(indicators, Indicator, default_user=self.user)
        counts["indicators"] = len(indicators)
        through = Indicator.frameworks.through
        memberships, officer_links, targets = [], [], []
        periods = self.periods()
        values = []
        for indicator, row in zip(indicators, data.indicators, strict=True):
            memberships += [
                through(indicator_id=indicator.pk, framework_id=frameworks[key].pk) for key in row.frameworks
            ]
            for order, name in enumerate(row.officers.names):
                officer_links.append(
                    IndicatorOfficer(indicator=indicator, officer=self.officer(name), order=order)
                )
            for year, value in row.targets.items():
                if value.is_none:
                    continue
                targets.append(
                    Target(
                        indicator=indicator,
                        financial_year=year,
                        value=value.number if value.is_number else None,
                        text="" if value.is_number else value.text,
                    )
                )
            if row.last_actual is not None:
                values.append(
                    self.value(
                        indicator,
                        periods[FinancialYear(data.first_year - 1).period()],
                        row.last_actual,
                        "",
                        "",
                    )
                )
        through.objects.bulk_create(memberships)
        IndicatorOfficer.objects.bulk_create(officer_links)
        bulk_create_with_history(targets, Target, default_user=self.user)
        counts["targets"] = len(targets)

        updates = [
            ProgressUpdate(
                task=tasks[row.task],
                period=periods[row.period],
                percent_complete=row.percent,
                status=row.status,
                commentary=row.commentary,
                updated_by=self.user,
            )
            for row in data.progress
        ]
        bulk_create_with_history(updates, ProgressUpdate, default_user=self.user)
        counts["progress_updates"] = len(updates)
        values += [
            self.value(
                indicators[row.indicator], periods[row.period], row.value, row.no_data_reason, row.commentary
            )
            for row in data.actuals
        ]
        bulk_create_with_history(values, IndicatorValue, default_user=self.user)
        counts["values"] = len(values)
        # The new indicators' judgements are stored like any others (indicators.judgements).
        indicator_judgements_refresh(indicator_ids=[indicator.pk for indicator in indicators])
        counts["risks"] = write_risks(self, plan, sections, tasks, indicators)
        counts["officers_created"] = len(result.officers_created)

    def value(self, indicator, period, parsed: ParsedValue, no_data: str, commentary: str) -> IndicatorValue:
        if parsed.is_text and indicator.unit != Indicator.Unit.TEXT:
            parsed, no_data = parse_value(None), no_data or parsed.text  # words where a number belongs
        return IndicatorValue(
            indicator=indicator,
            period=period,
            value=parsed.number if parsed.is_number else None,
            text_value=parsed.text if parsed.is_text else "",
            no_data_reason="" if not parsed.is_none else (no_data or "Not reported"),
            note=commentary,
            entered_by=self.user,
        )

    def unique_plan_slug(self, unit_name: str) -> str:
        data = self.data
        years = (
            f"{data.first_year}-{(data.first_year + 1) % 100:02d}"
            if data.years == 1
            else f"{data.first_year}-{data.first_year + data.years}"
        )
        base = f"{slugify(unit_name)[:100]}-{years}".strip("-")
        slug, number = base, 2
        taken = set(Plan.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def officers_read(self) -> None:
        self.by_key: dict[str, Officer] = {}
        self.by_initial: dict[str, list[Officer]] = defaultdict(list)
        for officer in Officer.objects.only("pk", "name").order_by("pk"):
            self.remember(officer)

    def remember(self, officer: Officer) -> None:
        self.by_key.setdefault(officer_key(officer.name), officer)
        initial = officer_initial_key(officer.name)
        if initial:
            self.by_initial[initial].append(officer)

    def officer(self, name: str) -> Officer:
        key = officer_key(name)
        if key in self.by_key:
            return self.by_key[key]
        initial = officer_initial_key(name)
        if initial:
            first = key.split()[0]
            candidates = {
                officer.pk: officer
                for officer in self.by_initial.get(initial, [])
                if len(first) == 1 or len(officer_key(officer.name).split()[0]) == 1
            }
            if len(candidates) == 1:
                officer = next(iter(candidates.values()))
                self.by_key[key] = officer
                return officer
        officer = Officer.objects.create(name=name, unit=self.directorate)
        self.result.officers_created.append(name)
        self.remember(officer)
        return officer

    def frameworks(self) -> dict[str, Framework]:
        wanted = {key for row in self.data.indicators for key in row.frameworks}
        found = {header_key(framework.code): framework for framework in Framework.objects.all()}
        for key in sorted(wanted - set(found)):
            code, name = STANDARD_FRAMEWORKS[key]
            found[key] = Framework.objects.create(code=code, name=name)
            self.result.frameworks_created.append(code)
            self.result.warnings.append(
                Problem(
                    sheet="Indicators",
                    value=code,
                    reason="This framework was not in the system: it was created.",
                )
            )
        return found

    def periods(self) -> dict[Period, ReportingPeriod]:
        wanted = {row.period for row in self.data.progress} | {row.period for row in self.data.actuals}
        if any(row.last_actual is not None for row in self.data.indicators):
            wanted.add(FinancialYear(self.data.first_year - 1).period())
        found: dict[Period, ReportingPeriod] = {}
        years = {period.year.start_year for period in wanted}
        for period in ReportingPeriod.objects.filter(financial_year__in=years):
            found[period.period] = period
        for period in sorted(wanted - set(found)):
            state = (
                ReportingPeriod.State.CLOSED if period.end < self.today else ReportingPeriod.State.SCHEDULED
            )
            found[period] = ReportingPeriod.objects.create(
                financial_year=period.year.start_year,
                kind=period.kind.value,
                number=period.number,
                state=state,
            )
            self.result.periods_created.append(period.label)
        return found

"""Indicators, their annual and profiled targets, and the values officers entered, drawn from generators seeded
with each indicator's key."""

from __future__ import annotations

import random
from datetime import timedelta

from simple_history.utils import bulk_create_with_history

from indicators.models import Indicator, IndicatorOfficer, IndicatorValue, Target
from plans.models import ReportingPeriod
from serviceplans.periods import Period, PeriodKind

from .. import content as c
from .dates import Calendar, as_decimal, aware, period_key
from .drafts import PlanContext
from .progress import pick
from .state import BuildState

# How an indicator performs against its target: (weight, bias towards "better").
_FORMS = ((25, 0.04), (35, 0.01), (25, -0.02), (15, -0.07))


def annual_target(spec: c.IndicatorSpec, start_year: int, this_year: int) -> float | None:
    if spec.target is None:
        return None
    value = spec.target + (start_year - this_year) * spec.step
    if spec.unit == "percent":
        value = min(100.0, value)
    return max(0.0, value)


def profiled_target(spec: c.IndicatorSpec, period: Period, this_year: int) -> float | None:
    annual = annual_target(spec, period.year.start_year, this_year)
    if not spec.profile or annual is None or period.kind is not PeriodKind.QUARTER:
        return None
    return spec.profile[period.number - 1] * annual / spec.target


def indicator_periods(spec: c.IndicatorSpec, calendar: Calendar) -> list[Period]:
    kind = {
        "monthly": PeriodKind.MONTH,
        "quarterly": PeriodKind.QUARTER,
        "half_yearly": PeriodKind.HALF,
        "yearly": PeriodKind.YEAR,
    }[spec.frequency]
    return [p for year in calendar.years for p in Period.for_year(year, kind)]


def value_mood(spec: c.IndicatorSpec, period: Period, number: float, expected: float) -> str:
    """Which kind of note suits a value: "better", "worse" or (worse in the winter months) "winter"."""
    if spec.polarity == "closest":
        better = abs(number - expected) <= 0.01 * abs(expected)
    else:
        better = (number >= expected) == (spec.polarity == "higher")
    if better:
        return "better"
    return "winter" if period.end.month in (12, 1, 2) else "worse"


class IndicatorSteps(BuildState):
    """Indicators with their officers and frameworks, their targets, then their values."""

    def indicators_ensure(self) -> None:
        sections = [s for p in self.plans for s in p.sections.values()]
        existing = {(i.section_id, i.name): i for i in Indicator.objects.filter(section__in=sections)}
        self.indicators: list[tuple[Indicator, c.IndicatorSpec, PlanContext, c.SectionSpec]] = []
        new = []
        for context in self.plans:
            for section_spec in context.spec.sections:
                section = context.sections.get(section_spec.title)
                if section is None:
                    continue
                for order, spec in enumerate(section_spec.indicators, start=1):
                    row = existing.get((section.pk, spec.name))
                    if row is None:
                        if not context.new:
                            continue
                        row = Indicator(
                            plan=context.row,
                            section=section,
                            name=spec.name,
                            reference_code=spec.ref,
                            unit=spec.unit,
                            decimal_places=spec.decimals,
                            polarity=spec.polarity,
                            tolerance_percent=as_decimal(spec.tolerance, 2)
                            if spec.tolerance is not None
                            else None,
                            aggregation=spec.aggregation,
                            collection_frequency=spec.frequency,
                            data_only=spec.data_only,
                            definition=spec.definition,
                            order=order,
                        )
                        row._history_date = aware(context.row.approved_on or context.start)
                        new.append((row, spec))
                    self.indicators.append((row, spec, context, section_spec))
        bulk_create_with_history([i for i, _ in new], Indicator)
        officers, links = [], []
        through = Indicator.frameworks.through
        for row, spec in new:
            officers += [
                IndicatorOfficer(indicator=row, officer=self.officers[k], order=n)
                for n, k in enumerate(spec.officers)
            ]
            links += [
                through(indicator_id=row.pk, framework_id=self.frameworks[code].pk)
                for code in spec.frameworks
            ]
        IndicatorOfficer.objects.bulk_create(officers)
        through.objects.bulk_create(links)
        self.created["indicators"] = len(new)

    def targets_ensure(self) -> None:
        rows = [i for i, *_ in self.indicators]
        existing = set(
            Target.objects.filter(indicator__in=rows).values_list(
                "indicator_id", "financial_year", "period_id"
            )
        )
        new = []
        for row, spec, _context, _section in self.indicators:
            if spec.data_only:
                continue
            for offset in range(-1, 3):
                start_year = self.this_year + offset
                if (row.pk, start_year, None) in existing:
                    continue
                target = Target(indicator=row, financial_year=start_year)
                if spec.unit == "text":
                    target.text = spec.text_targets[offset + 1]
                elif spec.future_text and offset > 0:
                    target.text = spec.future_text
                else:
                    target.value = as_decimal(annual_target(spec, start_year, self.this_year), spec.decimals)
                new.append(target)
            if spec.profile:
                for year in self.calendar.years:
                    for period in year.quarters():
                        period_row = self.periods[period_key(period)]
                        if (row.pk, year.start_year, period_row.pk) in existing:
                            continue
                        value = profiled_target(spec, period, self.this_year)
                        new.append(
                            Target(
                                indicator=row,
                                financial_year=year.start_year,
                                period=period_row,
                                value=as_decimal(value, spec.decimals),
                            )
                        )
        bulk_create_with_history(new, Target, batch_size=500)
        self.created["targets"] = len(new)

    def values_ensure(self) -> None:
        calendar = self.calendar
        rows = [i for i, *_ in self.indicators]
        existing = set(
            IndicatorValue.objects.filter(indicator__in=rows).values_list("indicator_id", "period_id")
        )
        demo_officer = next((s.officer for s in c.USERS if s.group == "Officers"), "")
        new = []
        for row, spec, context, section in self.indicators:
            rng = random.Random(f"{c.SEED}|indicator|{context.slug}|{section.title}|{spec.name}")
            weights, biases = zip(*_FORMS, strict=True)
            bias = rng.choices(biases, weights)[0]
            user = self._user_for(spec.officers)
            for index, period in enumerate(indicator_periods(spec, calendar)):
                noise, present_draw, gap_draw, note_draw, pick_draw, day_offset = (
                    rng.gauss(0, 1),
                    rng.random(),
                    rng.random(),
                    rng.random(),
                    rng.random(),
                    rng.randint(3, 30),
                )
                period_row = self.periods[period_key(period)]
                state = period_row.state
                if (row.pk, period_row.pk) in existing or state == ReportingPeriod.State.SCHEDULED:
                    continue
                if period.end >= self.today:
                    continue
                if state == ReportingPeriod.State.OPEN and (
                    present_draw >= 0.55 or spec.officers[:1] == (demo_officer,)
                ):
                    continue
                value = IndicatorValue(indicator=row, period=period_row, entered_by=user)
                if spec.unit == "text":
                    value.text_value = spec.text_values[min(index, len(spec.text_values) - 1)]
                elif gap_draw < 0.03 and state != ReportingPeriod.State.OPEN:
                    value.no_data_reason = pick(pick_draw, c.NO_DATA_REASONS)
                else:
                    number, expected = self._value(spec, period, bias, noise)
                    value.value = as_decimal(number, spec.decimals)
                    if note_draw < 0.2 and not spec.data_only:
                        value.note = pick(
                            pick_draw, c.VALUE_NOTES[value_mood(spec, period, number, expected)]
                        )
                value._history_date = aware(period.end + timedelta(days=day_offset))
                value._history_user = user
                new.append(value)
        bulk_create_with_history(new, IndicatorValue, batch_size=500)
        self.created["indicator values"] = len(new)

    def _value(self, spec: c.IndicatorSpec, period: Period, bias: float, noise: float) -> tuple[float, float]:
        """A plausible actual for the period, and the target it should be read against."""
        if spec.data_only:
            expected = spec.level or 0
            number = expected * (1 + 0.12 * noise)
        else:
            annual = annual_target(spec, period.year.start_year, self.this_year) or 0
            expected = profiled_target(spec, period, self.this_year) or annual
            if spec.aggregation == "sum" and not spec.profile:
                expected = annual / len(Period.for_year(period.year, period.kind))
            if spec.polarity == "closest":
                number = expected * (1 + 0.03 * noise)
            else:
                direction = 1 if spec.polarity == "higher" else -1
                number = expected * (1 + direction * bias + 0.035 * noise)
        if spec.unit == "percent":
            number = min(100.0, number)
        return max(0.0, number), expected

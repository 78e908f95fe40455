"""Turn the demo council's words (``plans.demo.content``) into rows, for the financial year containing today.

The service is idempotent: every row is looked up by its natural key and only what is missing is created;
nothing that exists is changed (the one exception is a demo user's password, when one is given). Everything
random comes from generators seeded with the row's own key, so the same day gives the same rows, and a
later day only adds the returns that have fallen due since.
"""

from __future__ import annotations

import random
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TextIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from actions.models import Milestone, ProgressStatus, ProgressUpdate, Return, Task, TaskOfficer
from actions.selectors import returns_for_period
from actions.services import return_approve, return_send_back, return_submit
from indicators.models import Framework, Indicator, IndicatorOfficer, IndicatorValue, Target
from indicators.services import indicator_judgements_refresh
from plans.models import Objective, Officer, OrganisationUnit, Plan, PlanSection, Priority, ReportingPeriod
from plans.services import plan_carry_forward, plan_submit
from serviceplans.periods import FinancialYear, Period, PeriodKind
from serviceplans.roles import roles_ensure

from . import content as c

__all__ = ["DemoSummary", "demo_council_load"]

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_ABBREVIATIONS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
_ORDINALS = ("first", "second", "third", "fourth")

#: Returns are due this long after a period ends.
RETURN_WINDOW = timedelta(weeks=6)
#: An open period always leaves at least this long to make the returns.
MINIMUM_NOTICE = timedelta(days=7)

_PROFILES = (
    ("on_track", 42),
    ("ahead", 12),
    ("slipping", 18),
    ("stalled", 7),
    ("late_start", 12),
    ("not_applicable", 3),
)
_PROFILE_FACTORS = {
    "on_track": 1.0,
    "ahead": 1.3,
    "slipping": 0.7,
    "stalled": 0.35,
    "late_start": 0.8,
    "not_applicable": 1.0,
}
# How an indicator performs against its target: (weight, bias towards "better").
_FORMS = ((25, 0.04), (35, 0.01), (25, -0.02), (15, -0.07))


# -- the summary ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSummary:
    """What the demo council holds after a load, what this load added, and how to sign in."""

    council: str
    financial_year: str
    today: date
    counts: dict[str, int]
    created: dict[str, int]
    open_periods: tuple[str, ...]
    open_deadline: date | None
    usernames: tuple[str, ...]
    new_users: tuple[str, ...] = ()
    password_set_for: tuple[str, ...] = ()
    generated_password: str | None = None

    @property
    def created_anything(self) -> bool:
        return any(self.created.values())

    def lines(self) -> list[str]:
        def listing(numbers: dict[str, int]) -> str:
            return ", ".join(f"{name} {number:,}" for name, number in numbers.items())

        lines = [
            f"Demo council: {self.council}, financial year {self.financial_year} "
            f"(today {self.today.day} {_MONTH_NAMES[self.today.month - 1]} {self.today.year}).",
            f"  Holds: {listing(self.counts)}.",
        ]
        if self.created_anything:
            lines.append(f"  Added: {listing({k: v for k, v in self.created.items() if v})}.")
        else:
            lines.append("  Nothing added: the demo council was already loaded.")
        if self.open_periods:
            deadline = self.open_deadline
            due = f"{deadline.day} {_MONTH_NAMES[deadline.month - 1]} {deadline.year}" if deadline else "—"
            lines.append(f"  Open for returns: {', '.join(self.open_periods)} (due by {due}).")
        lines.append(
            f"Sign in at {settings.LOGIN_URL} (Django admin at /admin/) as {', '.join(self.usernames)}."
        )
        if self.generated_password:
            lines.append(
                f"  Password for {', '.join(self.new_users)}: {self.generated_password}"
                "  (shown only this once; use --password to choose one)"
            )
        elif self.password_set_for:
            lines.append(f"  Password from --password set for {', '.join(self.password_set_for)}.")
        else:
            lines.append("  The users already exist; their passwords are unchanged.")
        return lines


# -- dates as officers write them -------------------------------------------------------------------------


def _month_of(first_year: int, offset: int) -> tuple[int, int]:
    """(calendar year, month) of a month offset from 1 April of ``first_year`` (1 = April)."""
    index = 3 + offset - 1
    return first_year + index // 12, index % 12 + 1


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def _month_words(first_year: int, offset: int) -> str:
    year, month = _month_of(first_year, offset)
    return f"{_MONTH_NAMES[month - 1]} {year}"


@dataclass(frozen=True)
class _Due:
    text: str
    due_date: date | None
    ongoing: bool = False


def _due(spec: c.TaskSpec, first_year: int, years: int) -> _Due:
    kind, _, number = spec.due.partition(":")
    if kind == "" and spec.milestones:
        text = ", ".join(f"{name} – {_month_words(first_year, offset)}" for name, offset in spec.milestones)
        return _Due(text, _month_end(*_month_of(first_year, max(o for _, o in spec.milestones))))
    if kind == "ongoing":
        return _Due("On-going", None, ongoing=True)
    if kind == "endyear":
        return _Due(f"End of {first_year}", date(first_year, 12, 31))
    if kind == "during":
        last = FinancialYear(first_year + years - 1)
        words = last.label if years == 1 else f"{first_year}–{first_year + years}"
        return _Due(f"Will continue during {words}", last.end)
    year, month = _month_of(first_year, int(number))
    due = _month_end(year, month)
    if kind == "by":
        return _Due(f"By {_MONTH_NAMES[month - 1]} {year}", due)
    if kind == "month":
        return _Due(f"{_MONTH_NAMES[month - 1]} {year}", due)
    if kind == "abbr":
        return _Due(f"{_MONTH_ABBREVIATIONS[month - 1]} {year % 100:02d}", due)
    raise ValueError(f"Unknown due date {spec.due!r}")


def _weekday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _decimal(number: float, places: int) -> Decimal:
    return Decimal(f"{number:.{places}f}")


def _aware(day: date) -> datetime:
    moment = timezone.make_aware(datetime.combine(day, time(10, 30)))
    return min(moment, timezone.now() - timedelta(minutes=5))


# -- the reporting calendar -------------------------------------------------------------------------------


class _Calendar:
    """Last year's and this year's periods and their states, as the performance team would have left them."""

    def __init__(self, today: date):
        self.today = today
        self.year = FinancialYear.containing(today)
        self.years = (self.year.previous(), self.year)
        # The latest quarter that has ended is open for returns; everything before it is closed.
        self.open_quarter = Period.containing(today, PeriodKind.QUARTER).previous()

    def periods(self) -> list[Period]:
        periods = []
        for year in self.years:
            periods += year.months() + year.quarters() + year.halves() + [year.period()]
        return sorted(periods)

    def state(self, period: Period) -> str:
        if period.end >= self.today:
            return ReportingPeriod.State.SCHEDULED
        if period.end >= self.open_quarter.start:
            return ReportingPeriod.State.OPEN
        if period.year == self.years[0]:
            return ReportingPeriod.State.PUBLISHED
        return ReportingPeriod.State.CLOSED

    def deadline(self, period: Period) -> date:
        deadline = period.end + RETURN_WINDOW
        if self.state(period) == ReportingPeriod.State.OPEN:
            deadline = max(deadline, self.today + MINIMUM_NOTICE)
        return deadline


def _key(period: Period) -> tuple[int, str, int]:
    return (period.year.start_year, period.kind.value, period.number)


# -- working structures -----------------------------------------------------------------------------------


@dataclass(eq=False)
class _PlanContext:
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
class _TaskDraft:
    plan: _PlanContext
    section: c.SectionSpec
    section_number: int
    spec: c.TaskSpec
    text: str
    order: int
    objective_ref: str | None  # "E", "R" or a section objective's ref
    carried_from: _TaskDraft | None = None
    row: Task | None = None

    @property
    def rng_key(self) -> str:
        return f"{c.SEED}|task|{self.plan.slug}|{self.section.title}|{self.text}"

    @property
    def due(self) -> _Due:
        spec = self.spec if self.carried_from is None else _carried_spec(self.spec)
        return _due(spec, self.plan.first_year, self.plan.spec.years)

    @property
    def start(self) -> date:
        if self.spec.start and not self.carried_from:
            return date(*_month_of(self.plan.first_year, self.spec.start), 1)
        return self.plan.start


def _carried_spec(spec: c.TaskSpec) -> c.TaskSpec:
    return c.TaskSpec(spec.text, spec.objective, spec.officers, due=spec.carry_due)


@dataclass(frozen=True)
class _Return:
    percent: int
    status: str
    commentary: str
    present_draw: float
    day_offset: int


# -- progress, as officers would have reported it ---------------------------------------------------------


def _fill(template: str, period: Period, start: date) -> str:
    following = period.next()
    next_quarter = Period.containing(following.start, PeriodKind.QUARTER)
    quarter_words = f"the {_ORDINALS[next_quarter.number - 1]} quarter"
    if next_quarter.year != period.year:
        quarter_words += " of next year"
    return template.format(
        month=_MONTH_NAMES[period.end.month - 1],
        next_month=_MONTH_NAMES[following.start.month - 1],
        next_quarter=quarter_words,
        start_month=f"{_MONTH_NAMES[start.month - 1]} {start.year}",
    )


def _pick(rng_value: float, options: tuple[str, ...]) -> str:
    return options[min(int(rng_value * len(options)), len(options) - 1)]


def _commentary_tags(draft: _TaskDraft) -> set[str]:
    """The kinds of phrase that suit a task: "project", "policy" and/or "system"."""
    text = draft.text.lower()
    tags = {tag for tag, words in c.COMMENTARY_TAG_WORDS.items() if any(word in text for word in words)}
    if draft.spec.milestones:
        tags.add("project")
    return tags


def _round5(number: float) -> int:
    return int(max(0, min(100, 5 * round(number / 5))))


def _progress(draft: _TaskDraft, periods: list[Period], start_percent: int = 0) -> list[_Return]:
    """An officer's returns for each period, in order: percent complete rises, status follows the gap
    between actual and expected progress, and the commentary suits the status."""
    rng = random.Random(draft.rng_key)
    names, weights = zip(*_PROFILES, strict=True)
    due = draft.due
    if due.ongoing or draft.spec.category in (c.RM, c.BC):  # continuing work is never dropped
        weights = tuple(0 if name == "not_applicable" else weight for name, weight in _PROFILES)
    profile = draft.spec.profile or rng.choices(names, weights)[0]
    not_applicable_from = 1 + rng.randrange(2)
    start = draft.start
    finish = due.due_date or draft.plan.end
    category = draft.spec.category
    tags = _commentary_tags(draft)

    def phrases(status: str, general_only: bool = False) -> tuple[str, ...]:
        return tuple(
            text for text, tag in c.COMMENTARY[status] if tag == "" or (tag in tags and not general_only)
        )

    returns: list[_Return] = []
    previous = start_percent
    completed = False
    for index, period in enumerate(periods):
        noise, present_draw, text_draw, day_offset = (
            rng.uniform(-6, 6),
            rng.random(),
            rng.random(),
            rng.randint(5, 35),
        )
        if period.end < start:
            expected = 0.0
        else:
            span = max((finish - start).days, 1)
            expected = min(1.0, max(0.0, (period.end - start).days / span))
        expected_percent = start_percent + (100 - start_percent) * expected
        if profile == "late_start" and expected < 0.4:
            raw = float(start_percent)
        else:
            raw = expected_percent * _PROFILE_FACTORS[profile] + noise
        if profile in ("on_track", "ahead", "not_applicable") and expected >= 1 and not due.ongoing:
            raw = 100
        elif profile == "slipping":
            raw = min(raw, 90)
        elif profile == "stalled":
            raw = min(raw, 60)
        percent = _round5(raw)
        if profile not in ("on_track", "ahead", "not_applicable") or due.ongoing:
            percent = min(percent, 95 if not due.ongoing else 100)
        percent = max(percent, previous)

        if profile == "not_applicable" and index >= not_applicable_from:
            status, percent = ProgressStatus.NOT_APPLICABLE, previous
            text = draft.spec.na_reason or _pick(text_draw, phrases("not_applicable"))
        elif completed:
            status, percent = ProgressStatus.COMPLETED, 100
            text = _pick(text_draw, phrases("completed_again"))
        elif percent >= 100 and not due.ongoing:
            status, completed = ProgressStatus.COMPLETED, True
            text = _pick(text_draw, phrases("completed"))
        elif percent == start_percent and (period.end < start or expected < 0.35):
            status = ProgressStatus.NOT_STARTED if start_percent == 0 else ProgressStatus.AMBER
            text = _pick(text_draw, phrases("not_started" if start_percent == 0 else "amber"))
        else:
            gap = expected_percent - percent
            if gap <= 12:
                status = ProgressStatus.GREEN
                if category in (c.RM, c.BC):
                    pool = phrases(category)
                elif category == c.ED:
                    pool = phrases(category) + phrases("green", general_only=True)
                else:
                    pool = phrases("ongoing" if due.ongoing else "green")
                text = _pick(text_draw, pool)
            elif gap <= 30:
                status, text = ProgressStatus.AMBER, _pick(text_draw, phrases("amber"))
            else:
                status, text = ProgressStatus.RED, _pick(text_draw, phrases("red"))
        text = _fill(text, period, start)
        if index == 0 and draft.carried_from is not None:
            text = c.CARRIED_FORWARD_PREFIX.format(**draft.plan.words()) + text
        returns.append(_Return(percent, status, text, present_draw, day_offset))
        previous = percent
    return returns


# -- indicator values -------------------------------------------------------------------------------------


def _annual_target(spec: c.IndicatorSpec, start_year: int, this_year: int) -> float | None:
    if spec.target is None:
        return None
    value = spec.target + (start_year - this_year) * spec.step
    if spec.unit == "percent":
        value = min(100.0, value)
    return max(0.0, value)


def _profiled_target(spec: c.IndicatorSpec, period: Period, this_year: int) -> float | None:
    annual = _annual_target(spec, period.year.start_year, this_year)
    if not spec.profile or annual is None or period.kind is not PeriodKind.QUARTER:
        return None
    return spec.profile[period.number - 1] * annual / spec.target


def _indicator_periods(spec: c.IndicatorSpec, calendar: _Calendar) -> list[Period]:
    kind = {
        "monthly": PeriodKind.MONTH,
        "quarterly": PeriodKind.QUARTER,
        "half_yearly": PeriodKind.HALF,
        "yearly": PeriodKind.YEAR,
    }[spec.frequency]
    return [p for year in calendar.years for p in Period.for_year(year, kind)]


def _mood(spec: c.IndicatorSpec, period: Period, number: float, expected: float) -> str:
    """Which kind of note suits a value: "better", "worse" or (worse in the winter months) "winter"."""
    if spec.polarity == "closest":
        better = abs(number - expected) <= 0.01 * abs(expected)
    else:
        better = (number >= expected) == (spec.polarity == "higher")
    if better:
        return "better"
    return "winter" if period.end.month in (12, 1, 2) else "worse"


# -- the builder ------------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, *, password: str | None, today: date):
        self.password = password
        self.today = today
        self.calendar = _Calendar(today)
        self.this_year = self.calendar.year.start_year
        self.created: dict[str, int] = defaultdict(int)
        self.users: dict[str, object] = {}
        self.user_of_officer: dict[str, object] = {}
        self.new_users: list[str] = []
        self.password_set_for: list[str] = []
        self.generated_password: str | None = None

    # -- reference data ---------------------------------------------------------------------------------

    def units_ensure(self) -> None:
        existing = {u.slug: u for u in OrganisationUnit.objects.filter(slug__in=[s.slug for s in c.UNITS])}
        self.units: dict[str, OrganisationUnit] = dict(existing)
        self.new_units: list[tuple[OrganisationUnit, c.UnitSpec]] = []
        sibling_order: dict[str | None, int] = defaultdict(int)
        for spec in c.UNITS:
            sibling_order[spec.parent] += 1
            if spec.slug in existing:
                continue
            unit = OrganisationUnit.objects.create(
                slug=spec.slug,
                name=spec.name or settings.COUNCIL_NAME,
                short_name=spec.short_name,
                kind=spec.kind,
                parent=self.units[spec.parent] if spec.parent else None,
                order=sibling_order[spec.parent],
            )
            self.units[spec.slug] = unit
            self.new_units.append((unit, spec))
        self.created["units"] = len(self.new_units)

    def officers_ensure(self) -> None:
        emails = [s.email for s in c.OFFICERS]
        existing: dict[str, Officer] = {}
        for officer in Officer.objects.filter(email__in=emails).order_by("id"):
            existing.setdefault(officer.email, officer)
        new = [
            Officer(name=s.name, job_title=s.job_title, email=s.email, phone=s.phone, unit=self.units[s.unit])
            for s in c.OFFICERS
            if s.email not in existing
        ]
        Officer.objects.bulk_create(new)
        by_email = {**existing, **{o.email: o for o in new}}
        self.officers: dict[str, Officer] = {s.key: by_email[s.email] for s in c.OFFICERS}
        self.officer_specs = {s.key: s for s in c.OFFICERS}
        self.created["officers"] = len(new)
        # Heads are set on units made in this run only: an existing unit's head is the council's business.
        for unit, spec in self.new_units:
            unit.head = self.officers[spec.head] if spec.head else None
        OrganisationUnit.objects.bulk_update([u for u, _ in self.new_units], ["head"])

    def users_ensure(self) -> None:
        groups = roles_ensure()
        User = get_user_model()
        existing = {u.username: u for u in User.objects.filter(username__in=[s.username for s in c.USERS])}
        missing = [s for s in c.USERS if s.username not in existing]
        chosen = self.password
        if missing and chosen is None:
            chosen = self.generated_password = secrets.token_urlsafe(9)
        # One hash for every demo account made now: hashing is deliberately slow.
        encoded = make_password(chosen) if missing else None
        for spec in missing:
            officer = self.officers.get(spec.officer) if spec.officer else None
            user = User.objects.create(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=officer.email if officer else f"{spec.username}@{c.EMAIL_DOMAIN}",
                is_staff=spec.is_staff,
                is_superuser=spec.is_superuser,
                password=encoded,
            )
            existing[spec.username] = user
            self.new_users.append(spec.username)
        if self.password is not None:
            checked: dict[str, bool] = {}
            stale = []
            for spec in c.USERS:
                user = existing[spec.username]
                if spec.username in self.new_users:
                    continue
                if user.password not in checked:
                    checked[user.password] = check_password(self.password, user.password)
                if not checked[user.password]:
                    stale.append(user)
            if stale:
                encoded = make_password(self.password)
                for user in stale:
                    user.password = encoded
                    user.save(update_fields=["password"])
            self.password_set_for = [s.username for s in c.USERS if s.username in self.new_users] + [
                u.username for u in stale
            ]
        for spec in c.USERS:
            user = existing[spec.username]
            if spec.group:
                user.groups.add(groups[spec.group])
            if spec.officer:
                officer = self.officers[spec.officer]
                if officer.user_id is None and not Officer.objects.filter(user=user).exists():
                    officer.user = user
                    officer.save(update_fields=["user"])
                if officer.user_id == user.pk:
                    self.user_of_officer[spec.officer] = user
        self.users = existing
        self.created["users"] = len(self.new_users)

    def priorities_ensure(self) -> None:
        existing = {(p.kind, p.title): p for p in Priority.objects.all()}
        new = []
        for order, spec in enumerate(c.PRIORITIES, start=1):
            if (spec.kind, spec.title) not in existing:
                priority = Priority(
                    kind=spec.kind,
                    code=spec.code,
                    title=spec.title,
                    description=spec.description,
                    first_year=self.this_year - spec.years_before,
                    order=order,
                )
                existing[(spec.kind, spec.title)] = priority
                new.append(priority)
        Priority.objects.bulk_create(new)
        self.priorities = {s.key: existing[(s.kind, s.title)] for s in c.PRIORITIES}
        self.created["priorities"] = len(new)

    def frameworks_ensure(self) -> None:
        codes = sorted(
            {code for plan in c.PLANS for s in plan.sections for i in s.indicators for code in i.frameworks}
        )
        existing = {f.code: f for f in Framework.objects.filter(code__in=codes)}
        for code in codes:
            if code not in existing:  # normally preloaded by a migration
                existing[code] = Framework.objects.create(code=code, name=code)
        self.frameworks = existing

    def periods_ensure(self) -> None:
        calendar = self.calendar
        years = [y.start_year for y in calendar.years]
        existing = {
            (p.financial_year, p.kind, p.number): p
            for p in ReportingPeriod.objects.filter(financial_year__in=years)
        }
        new = []
        for period in calendar.periods():
            if _key(period) in existing:
                continue
            row = ReportingPeriod(
                financial_year=period.year.start_year,
                kind=period.kind.value,
                number=period.number,
                start_date=period.start,
                end_date=period.end,
                deadline=calendar.deadline(period),
                state=calendar.state(period),
            )
            existing[_key(period)] = row
            new.append(row)
        ReportingPeriod.objects.bulk_create(new)
        self.periods = existing
        self.created["reporting periods"] = len(new)

    # -- plans ------------------------------------------------------------------------------------------

    def plans_ensure(self) -> None:
        self.plans: list[_PlanContext] = []
        for spec in c.PLANS:
            first_year = self.this_year + spec.year_offset
            if spec.years == 1:
                slug = f"{spec.key}-{first_year}-{(first_year + 1) % 100:02d}"
            else:
                slug = f"{spec.key}-{first_year}-{first_year + spec.years}"
            self.plans.append(_PlanContext(spec, first_year, slug))
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
                approved_on=_weekday_on_or_before(date(context.first_year, *spec.approved)),
                owner=self.officers[spec.owner],
                introduction=spec.introduction.format(unit=unit.name, **context.words()),
                previous_plan=previous,
            )
            plan._history_date = _aware(plan.approved_on)
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

    # -- tasks ------------------------------------------------------------------------------------------

    def _generic_tasks(self, section: c.SectionSpec, index: int) -> list[c.TaskSpec]:
        words = {**asdict(section.terms), "name": section.title}
        lead = self.officer_specs[section.lead]
        equality, equality_success = c.EQUALITY_TASKS[index % len(c.EQUALITY_TASKS)]
        continuity, continuity_success = c.CONTINUITY_TASKS[(index + 1) % len(c.CONTINUITY_TASKS)]
        risk, treatment, treatment_success = c.RISK_TASKS[index % len(c.RISK_TASKS)]
        note = (
            f"Overall {lead.initialled}, but each team leader for work in their areas"
            if index % 3 == 1
            else ""
        )
        return [
            c.TaskSpec(
                equality.format(**words),
                "E",
                (section.lead,),
                due="by:9" if index % 2 else "during",
                success=equality_success,
                category=c.ED,
                priorities=("inclusive",),
            ),
            c.TaskSpec(
                continuity.format(**words),
                "R",
                (section.lead, *section.team[:1]),
                due=f"month:{5 + index % 6}",
                success=continuity_success,
                category=c.BC,
                note=note,
            ),
            c.TaskSpec(
                treatment.format(**words),
                "R",
                (section.lead,),
                due="ongoing",
                success=treatment_success,
                category=c.RM,
                risk=risk.format(**words),
            ),
        ]

    def task_drafts(self) -> list[_TaskDraft]:
        drafts: list[_TaskDraft] = []
        by_plan: dict[tuple[str, int], list[_TaskDraft]] = {}
        generic_index = 0
        for context in self.plans:
            plan_drafts: list[_TaskDraft] = []
            words = context.words()
            previous = by_plan.get((context.spec.previous, context.first_year - 1), [])
            for number, section in enumerate(context.spec.sections, start=1):
                specs = list(section.tasks)
                carried: list[_TaskDraft] = []
                for old in previous:
                    if old.section.title == section.title and self._unfinished(old):
                        carried.append(old)
                generic = []
                if section.terms is not None:
                    generic = self._generic_tasks(section, generic_index)
                    generic_index += 1
                for order, spec in enumerate(specs + [old.spec for old in carried] + generic, start=1):
                    old = next((o for o in carried if o.spec is spec), None)
                    text = spec.text.format(**words)
                    plan_drafts.append(
                        _TaskDraft(
                            context, section, number, spec, text, order, spec.objective, carried_from=old
                        )
                    )
            by_plan[(context.spec.key, context.first_year)] = plan_drafts
            drafts += plan_drafts
        return drafts

    def _unfinished(self, draft: _TaskDraft) -> bool:
        periods = Period.for_year(draft.plan.first_year, draft.plan.period_kind)
        last = _progress(draft, periods)[-1]
        return last.status not in (ProgressStatus.COMPLETED, ProgressStatus.NOT_APPLICABLE)

    def tasks_ensure(self) -> None:
        self.drafts = self.task_drafts()
        sections = [s for p in self.plans for s in p.sections.values()]
        existing = {(t.section_id, t.text): t for t in Task.objects.filter(section__in=sections)}
        created = 0
        for context in self.plans:  # plan by plan, so carried-forward tasks can point back
            new: list[tuple[Task, _TaskDraft]] = []
            for draft in (d for d in self.drafts if d.plan is context):
                section = context.sections.get(draft.section.title)
                draft.row = existing.get((section.pk, draft.text)) if section else None
                if draft.row is not None or not context.new:
                    continue
                if draft.carried_from is not None and draft.carried_from.row is None:
                    continue  # last year's plan was not the demo's, so there is nothing to carry forward
                spec, due = draft.spec, draft.due
                objective_section = None if draft.objective_ref in ("E", "R") else draft.section.title
                objective = self.objectives.get((context.row.pk, objective_section, draft.objective_ref))
                task = Task(
                    plan=context.row,
                    section=section,
                    objective=objective,
                    reference=f"{draft.section_number}.{draft.order}",
                    category=spec.category,
                    text=draft.text,
                    risk=spec.risk,
                    responsibility_note=spec.note,
                    resources=spec.resources,
                    budget=Decimal(spec.budget) if spec.budget is not None else None,
                    start_date=draft.start if (spec.start and not draft.carried_from) else None,
                    due_date=due.due_date,
                    due_date_text=due.text,
                    ongoing=due.ongoing,
                    success_criteria=spec.success.format(**context.words()),
                    order=draft.order,
                    carried_forward_from=draft.carried_from.row if draft.carried_from else None,
                )
                task._history_date = _aware(context.row.approved_on or context.start)
                new.append((task, draft))
                draft.row = task
            bulk_create_with_history([t for t, _ in new], Task)
            self._task_children([(t, d) for t, d in new])
            created += len(new)
        self.drafts = [d for d in self.drafts if d.row is not None]
        self.created["tasks"] = created

    def _task_children(self, new: list[tuple[Task, _TaskDraft]]) -> None:
        officers, milestones, priorities = [], [], []
        through = Task.priorities.through
        for task, draft in new:
            for order, key in enumerate(draft.spec.officers):
                officers.append(TaskOfficer(task=task, officer=self.officers[key], order=order))
            if not draft.carried_from:
                for order, (name, offset) in enumerate(draft.spec.milestones):
                    due = _month_end(*_month_of(draft.plan.first_year, offset))
                    milestones.append(
                        Milestone(
                            task=task,
                            name=name,
                            due_date=due,
                            due_date_text=_month_words(draft.plan.first_year, offset),
                            done=due < self.today - timedelta(days=14),
                            done_on=due - timedelta(days=3)
                            if due < self.today - timedelta(days=14)
                            else None,
                            order=order,
                        )
                    )
            for key in draft.spec.priorities:
                priorities.append(through(task_id=task.pk, priority_id=self.priorities[key].pk))
        TaskOfficer.objects.bulk_create(officers)
        Milestone.objects.bulk_create(milestones)
        through.objects.bulk_create(priorities)

    def _user_for(self, officer_keys: Iterable[str]):
        return next((self.user_of_officer[k] for k in officer_keys if k in self.user_of_officer), None)

    def updates_ensure(self) -> None:
        tasks = [d.row for d in self.drafts]
        existing = set(ProgressUpdate.objects.filter(task__in=tasks).values_list("task_id", "period_id"))
        demo_officer = next((s.officer for s in c.USERS if s.group == "Officers"), "")
        own_tasks = [d for d in self.drafts if d.spec.officers[:1] == (demo_officer,)]
        new = []
        for draft in self.drafts:
            context = draft.plan
            periods = [
                p
                for offset in range(context.spec.years)
                for p in Period.for_year(context.first_year + offset, context.period_kind)
            ]
            start_percent = 0
            if draft.carried_from is not None:
                old = draft.carried_from
                start_percent = _progress(old, Period.for_year(old.plan.first_year, old.plan.period_kind))[
                    -1
                ].percent
            returns = _progress(draft, periods, start_percent)
            user = self._user_for(draft.spec.officers)
            for period, made in zip(periods, returns, strict=True):
                row = self.periods.get(_key(period))
                if row is None or (draft.row.pk, row.pk) in existing:
                    continue
                # Returns follow the period as the database has it, so a later run never puts returns in a
                # period the performance team has not opened.
                state = row.state
                if state == ReportingPeriod.State.SCHEDULED or period.end >= self.today:
                    continue
                if state == ReportingPeriod.State.OPEN:
                    # About half the returns are in; the demo officer still has some to make.
                    present = made.present_draw < 0.5
                    if draft in own_tasks:
                        present = own_tasks.index(draft) % 2 == 1
                else:
                    present = made.present_draw < 0.93
                if not present:
                    continue
                update = ProgressUpdate(
                    task=draft.row,
                    period=row,
                    percent_complete=made.percent,
                    status=made.status,
                    commentary=made.commentary,
                    updated_by=user,
                )
                update._history_date = _aware(period.end + timedelta(days=made.day_offset))
                update._history_user = user
                new.append(update)
        bulk_create_with_history(new, ProgressUpdate, batch_size=500)
        self.created["progress updates"] = len(new)

    # -- indicators -------------------------------------------------------------------------------------

    def indicators_ensure(self) -> None:
        sections = [s for p in self.plans for s in p.sections.values()]
        existing = {(i.section_id, i.name): i for i in Indicator.objects.filter(section__in=sections)}
        self.indicators: list[tuple[Indicator, c.IndicatorSpec, _PlanContext, c.SectionSpec]] = []
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
                            tolerance_percent=_decimal(spec.tolerance, 2)
                            if spec.tolerance is not None
                            else None,
                            aggregation=spec.aggregation,
                            collection_frequency=spec.frequency,
                            data_only=spec.data_only,
                            definition=spec.definition,
                            order=order,
                        )
                        row._history_date = _aware(context.row.approved_on or context.start)
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
                    target.value = _decimal(_annual_target(spec, start_year, self.this_year), spec.decimals)
                new.append(target)
            if spec.profile:
                for year in self.calendar.years:
                    for period in year.quarters():
                        period_row = self.periods[_key(period)]
                        if (row.pk, year.start_year, period_row.pk) in existing:
                            continue
                        value = _profiled_target(spec, period, self.this_year)
                        new.append(
                            Target(
                                indicator=row,
                                financial_year=year.start_year,
                                period=period_row,
                                value=_decimal(value, spec.decimals),
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
            for index, period in enumerate(_indicator_periods(spec, calendar)):
                noise, present_draw, gap_draw, note_draw, pick_draw, day_offset = (
                    rng.gauss(0, 1),
                    rng.random(),
                    rng.random(),
                    rng.random(),
                    rng.random(),
                    rng.randint(3, 30),
                )
                period_row = self.periods[_key(period)]
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
                    value.no_data_reason = _pick(pick_draw, c.NO_DATA_REASONS)
                else:
                    number, expected = self._value(spec, period, bias, noise)
                    value.value = _decimal(number, spec.decimals)
                    if note_draw < 0.2 and not spec.data_only:
                        value.note = _pick(pick_draw, c.VALUE_NOTES[_mood(spec, period, number, expected)])
                value._history_date = _aware(period.end + timedelta(days=day_offset))
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
            annual = _annual_target(spec, period.year.start_year, self.this_year) or 0
            expected = _profiled_target(spec, period, self.this_year) or annual
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

    # -- the year's workflow: sign-off of the open quarter's returns, and next year's plan ---------------

    def returns_ensure(self) -> None:
        """A realistic mix of sign-off states in each open quarter, made once: the demo officer's return was
        sent back by the demo manager with a comment, the rest of the manager's team has submitted, a few
        others have submitted, and one has been approved by the performance team. A period whose sign-off
        has started (any return recorded) is left as it is."""
        officer_key = next((s.officer for s in c.USERS if s.group == "Officers"), "")
        manager_key = next((s.officer for s in c.USERS if s.group == "Managers"), "")
        officer, manager = self.officers.get(officer_key), self.officers.get(manager_key)
        performance = self.users.get(next((s.username for s in c.USERS if s.group == "Performance team"), ""))
        created = 0
        for period in sorted(self.periods.values(), key=lambda p: p.start_date):
            if period.state != ReportingPeriod.State.OPEN or period.kind != PeriodKind.QUARTER.value:
                continue
            if Return.objects.filter(period=period).exists():
                continue
            rows = returns_for_period(period)
            team = [r for r in rows if manager is not None and r.officer.unit_id == manager.unit_id]
            others = [r for r in rows if r not in team]
            for row in team:
                if row.officer == manager:
                    continue
                user = self.user_of_officer.get(officer_key) if row.officer == officer else None
                record = return_submit(officer=row.officer, period=period, user=user)
                created += 1
                if row.officer == officer:
                    return_send_back(
                        record=record, user=self.user_of_officer.get(manager_key), comment=c.SENT_BACK_COMMENT
                    )
            for index, row in enumerate(others[::4]):
                record = return_submit(officer=row.officer, period=period, user=None)
                created += 1
                if index == 0:
                    return_approve(record=record, user=performance)
        self.created["returns"] = created

    def next_plan_ensure(self) -> None:
        """Next year's plan for one directorate, started from this year's (unfinished tasks and the
        indicators carried forward) and submitted for approval: made once, with the plan it follows."""
        context = next(
            (p for p in self.plans if p.spec.key == c.NEXT_PLAN_KEY and p.first_year == self.this_year), None
        )
        if context is None or not context.new:
            return
        performance = self.users.get(next((s.username for s in c.USERS if s.group == "Performance team"), ""))
        new = plan_carry_forward(plan=context.row, user=performance)
        plan_submit(plan=new, user=performance)

    def risks_ensure(self) -> None:
        """The risk register (``risks.demo``): made once, risk by risk."""
        from risks.demo import risks_ensure

        self.created["risks"] = risks_ensure(
            units=self.units,
            officers=self.officers,
            periods=self.periods,
            plans=[p.row for p in self.plans if p.row is not None],
            this_year=self.this_year,
            users_of_officers=self.user_of_officer,
            today=self.today,
        )

    def reports_ensure(self) -> None:
        """Committee reports on this year's Environment plan: the first quarter's, published (its period is
        closed), and a draft for the half-year still being reported. Made once."""
        from reporting.models import Report
        from reporting.reports.services import report_create, report_publish

        context = next(
            (p for p in self.plans if p.spec.key == c.NEXT_PLAN_KEY and p.first_year == self.this_year), None
        )
        if context is None or Report.objects.filter(plan=context.row).exists():
            return
        clerk = self.users.get(next((s.username for s in c.USERS if s.group == "Committee clerks"), ""))
        quarter = self.periods.get((self.this_year, PeriodKind.QUARTER.value, 1))
        half = self.periods.get((self.this_year, PeriodKind.HALF.value, 1))
        created = 0
        reported = (ReportingPeriod.State.CLOSED, ReportingPeriod.State.PUBLISHED)
        if quarter is not None and quarter.state in reported:
            meeting = _weekday_on_or_before(quarter.end_date + timedelta(days=75))
            report = report_create(user=clerk, plan=context.row, period=quarter, meeting_date=meeting)
            report_publish(report=report, user=clerk)
            created += 1
        if half is not None and half.state != ReportingPeriod.State.SCHEDULED:
            meeting = _weekday_on_or_before(half.end_date + timedelta(days=75))
            report_create(user=clerk, plan=context.row, period=half, meeting_date=meeting)
            created += 1
        self.created["reports"] = created

    # -- the whole load ---------------------------------------------------------------------------------

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

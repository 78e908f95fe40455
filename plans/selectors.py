"""Reads for plans: every query a page needs, with its joins, in one place."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .models import Officer, OrganisationUnit, Plan, PlanSection, ReportingPeriod


def count_of(related_name: str, model=Plan, *, field: str = "plan") -> Coalesce:
    """How many rows of ``model``'s reverse relation ``related_name`` point at each row, as a correlated
    subquery: one indexed count per row shown, where a ``Count`` over joins multiplies every plan's sections
    by its tasks by its indicators before counting them."""
    related = model._meta.get_field(related_name).related_model
    counted = (
        related._default_manager.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(number=Count("pk"))
        .values("number")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def name_lookup(kind: str, words: str, *, limit: int = 20) -> list[str]:
    """Names of units, officers or plans containing ``words`` (case-insensitive), those starting with them
    first, at most ``limit``, each once."""
    queryset, field = {
        "units": (OrganisationUnit.objects.filter(active=True), "name"),
        "officers": (Officer.objects.filter(active=True), "name"),
        "plans": (Plan.objects.all(), "title"),
    }[kind]
    matching = queryset.filter(**{f"{field}__icontains": words}).order_by(field).values_list(field, flat=True)
    starting = list(matching.filter(**{f"{field}__istartswith": words}).distinct()[:limit])
    rest = list(matching.exclude(**{f"{field}__istartswith": words}).distinct()[:limit])
    return list(dict.fromkeys(starting + rest))[:limit]


def plan_list() -> QuerySet[Plan]:
    """Plans with their unit, and how many sections, tasks and indicators each has (a subquery
    each, so the cost follows the plans shown, not everything the council holds)."""
    return (
        Plan.objects.select_related("unit")
        .annotate(
            section_count=count_of("sections"),
            task_count=count_of("tasks"),
            indicator_count=count_of("indicators"),
        )
        .order_by("-first_year", "unit__name", "title", "pk")
    )


@dataclass(frozen=True, slots=True)
class UnitNode:
    """A unit as the tree's roll-ups, filters and links need it (``unit_tree(lean=True)``): a tuple's cost,
    not a model's, so a county's thousands of units are read quickly on every page that follows the tree."""

    pk: int
    parent_id: int | None
    name: str
    slug: str
    order: int

    @property
    def id(self) -> int:
        return self.pk

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class UnitTree:
    """The whole organisation, read in one query, for roll-ups that follow the tree."""

    units: dict[int, OrganisationUnit | UnitNode]
    children: dict[int | None, list[int]]

    def roots(self) -> list[OrganisationUnit]:
        return [self.units[pk] for pk in self.children.get(None, [])]

    def children_of(self, unit_id: int | None) -> list[OrganisationUnit]:
        return [self.units[pk] for pk in self.children.get(unit_id, [])]

    def descendant_ids(self, unit_id: int) -> set[int]:
        """The unit and every unit beneath it, however deep."""
        found, waiting = set(), [unit_id]
        while waiting:
            current = waiting.pop()
            if current not in found:
                found.add(current)
                waiting.extend(self.children.get(current, []))
        return found

    def ancestors(self, unit_id: int) -> list[OrganisationUnit]:
        """From the top of the tree down to the unit's parent."""
        chain, current = [], self.units[unit_id].parent_id
        while current is not None and current not in {u.pk for u in chain}:
            chain.append(self.units[current])
            current = self.units[current].parent_id
        return list(reversed(chain))

    def rolled_up(self, among: Iterable[int]) -> dict[int, int]:
        """Every unit beneath one of ``among`` (sibling units), or one of them, mapped to that one: what
        :meth:`rolled_up_to` answers for each unit, worked out for them all in one walk down the tree."""
        found: dict[int, int] = {}
        for top in among:
            for unit_id in self.descendant_ids(top):
                found[unit_id] = top
        return found

    def rolled_up_to(self, unit_id: int, among: Iterable[int]) -> int | None:
        """Which of ``among`` (sibling units) ``unit_id`` sits beneath, if any."""
        among = set(among)
        current: int | None = unit_id
        while current is not None:
            if current in among:
                return current
            current = self.units[current].parent_id if current in self.units else None
        return None


def unit_tree(*, lean: bool = False) -> UnitTree:
    """Every unit, in order. ``lean``: as :class:`UnitNode` (id, parent, name, slug, order) rather than
    model instances, for pages that only roll up, filter and link by the tree."""
    ordered = OrganisationUnit.objects.order_by("order", "name")
    if lean:
        units = {
            pk: UnitNode(pk, parent_id, name, slug, order)
            for pk, parent_id, name, slug, order in ordered.values_list(
                "pk", "parent_id", "name", "slug", "order"
            )
        }
    else:
        units = {unit.pk: unit for unit in ordered}
    children: dict[int | None, list[int]] = {}
    for unit in units.values():
        children.setdefault(unit.parent_id, []).append(unit.pk)
    return UnitTree(units=units, children=children)


def open_periods_in_plan(plan: Plan, kind: str) -> list[ReportingPeriod]:
    """The open periods of ``kind`` (month, quarter, half, year) within the financial years ``plan`` covers."""
    return list(
        ReportingPeriod.objects.filter(
            state=ReportingPeriod.State.OPEN,
            kind=kind,
            financial_year__gte=plan.first_year,
            financial_year__lt=plan.first_year + plan.years,
        ).order_by("start_date")
    )


def plan_for_page() -> QuerySet[Plan]:
    """A plan with its unit, owner, the plan it follows, the plans that follow it, and its sections with
    how many tasks and indicators each holds."""
    return Plan.objects.select_related("unit", "owner", "previous_plan").prefetch_related(
        Prefetch(
            "sections",
            PlanSection.objects.select_related("unit")
            .annotate(
                task_count=Count("tasks", distinct=True), indicator_count=Count("indicators", distinct=True)
            )
            .order_by("order", "title"),
        ),
        Prefetch("following_plans", Plan.objects.order_by("first_year")),
    )


def plan_history(plan: Plan) -> QuerySet:
    """Every saved version of the plan, with who saved it."""
    return Plan.history.filter(id=plan.pk).select_related("history_user")


#: The kinds of period, as the Periods page groups them within a year: the longest first.
PERIOD_KIND_GROUPS = [
    ("year", "Whole year"),
    ("half", "Half-years"),
    ("quarter", "Quarters"),
    ("month", "Months"),
]


def periods_by_year() -> list[tuple[int, list[tuple[str, list[ReportingPeriod]]]]]:
    """Every period (the whole year, half-years, quarters and months), grouped by financial year, latest year
    first, and within a year by kind (the longest first), each kind in date order. One query."""
    years: dict[int, dict[str, list[ReportingPeriod]]] = {}
    for period in ReportingPeriod.objects.order_by("-financial_year", "start_date"):
        years.setdefault(period.financial_year, {}).setdefault(period.kind, []).append(period)
    return [
        (year, [(words, kinds[kind]) for kind, words in PERIOD_KIND_GROUPS if kind in kinds])
        for year, kinds in years.items()
    ]


def dashboard_periods() -> list[ReportingPeriod]:
    """Quarters, half-years and years that have been opened at least once, newest first."""
    return list(
        ReportingPeriod.objects.filter(kind__in=["quarter", "half", "year"])
        .exclude(state=ReportingPeriod.State.SCHEDULED)
        .order_by("-end_date", "-start_date")
    )


def default_period(periods: list[ReportingPeriod]) -> ReportingPeriod | None:
    """The latest open period, else the latest one that has been reported on."""
    open_periods = [p for p in periods if p.state == ReportingPeriod.State.OPEN]
    return (open_periods or periods or [None])[0]


# -- returns: one a quarter (serviceplans.periods.return_period) ---------------------------------------------


def in_return(period: ReportingPeriod, quarter: ReportingPeriod) -> bool:
    """Do ``period``'s updates and values belong to the return for ``quarter``? Yes when the quarter holds
    the period's last day (:func:`serviceplans.periods.return_period`)."""
    return quarter.start_date <= period.end_date <= quarter.end_date


#: The kinds of period made in a quarter's return that are closed together: the quarter, and the half-year and
#: the year ending with it (months are opened and closed on their own cycle).
CLOSED_TOGETHER_KINDS = ("quarter", "half", "year")


def periods_closed_with(period: ReportingPeriod) -> QuerySet[ReportingPeriod]:
    """The other periods closed when ``period`` is, those still open: a quarter and the half-year and year
    ending with it are made in one return, so closing one closes the others (as opening a half-year opens its
    quarter). None for a month."""
    if period.kind not in CLOSED_TOGETHER_KINDS:
        return ReportingPeriod.objects.none()
    return (
        ReportingPeriod.objects.filter(
            kind__in=CLOSED_TOGETHER_KINDS, end_date=period.end_date, state=ReportingPeriod.State.OPEN
        )
        .exclude(pk=period.pk)
        .order_by("pk")
    )


def return_members(
    quarter: ReportingPeriod, periods: Iterable[ReportingPeriod] | None = None
) -> list[ReportingPeriod]:
    """The periods whose task updates and indicator values make up the return for ``quarter``: the quarter
    itself, and the months, half-year and year ending in it, each once it has been opened (a period still
    scheduled owes nothing yet: October's value is owed once October is opened, in the return for the quarter
    that is still running). From ``periods`` when they are given (no query), else one query."""
    if periods is None:
        periods = ReportingPeriod.objects.filter(
            end_date__gte=quarter.start_date, end_date__lte=quarter.end_date
        ).exclude(state=ReportingPeriod.State.SCHEDULED)
    members = [
        p
        for p in [quarter, *(p for p in periods if p.pk != quarter.pk)]
        if in_return(p, quarter) and p.state != ReportingPeriod.State.SCHEDULED
    ]
    return sorted(members, key=lambda p: (p.start_date, p.end_date))


def return_quarter(period: ReportingPeriod, periods: Iterable[ReportingPeriod] | None = None):
    """The quarter (a ``ReportingPeriod``) whose return ``period`` belongs to, or None when that quarter has
    not been scheduled. From ``periods`` when given (no query), else one query."""
    if period.kind == "quarter":
        return period
    if periods is None:
        periods = ReportingPeriod.objects.filter(
            kind="quarter", start_date__lte=period.end_date, end_date__gte=period.end_date
        )
    return next((p for p in periods if p.kind == "quarter" and in_return(period, p)), None)

"""The task list's filters, and the read behind them: tasks with their status in a reporting period.

The rules
---------

* **The period** is a filter like the others. Without one, the list shows the dashboard's period (the latest
  open one). Only tasks of plans that cover the period's financial year are listed.
* **The status in the period** is the status of the task's update for the period ending when the chosen
  period ends (so a half-yearly plan's H1 return counts at Q2, as on the dashboard); without one it is
  “No update”.
* **Overdue**: due before the period ends (before today when there is no period) and the latest status
  reported by then is neither completed nor not applicable.
* **Part of the council** means that unit and every unit beneath it. A task belongs to its section's unit,
  else its plan's.
* **Searching** looks in the task, its success criteria and its responsible officers' names.
* **Input that is not valid** is explained on the form and that one filter is ignored, so a mistyped or
  out-of-date link still shows a list.

Every list reads the same fixed queries whatever its length: the periods, the organisation tree and the
choices once each, then the rows with their joins (``tasks_for_list``), never a query per row.
"""

from datetime import date

import django_filters
from django import forms
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils import timezone

from plans.models import ReportingPeriod
from plans.selectors import UnitTree, unit_tree
from reporting.selectors import TASK_STATUS_ORDER, dashboard_periods, default_period
from serviceplans.forms import GovukDateWidget
from serviceplans.status import status_look

from .models import ProgressUpdate, Task, TaskOfficer
from .selectors import tasks_in_scope, with_overdue

NO_UPDATE = "missing"


# -- Reads --------------------------------------------------------------------------------------------------


def tasks_for_list() -> QuerySet[Task]:
    """Tasks with their plan, section, units and responsible officers: one query for the rows and one for
    the officers, however many rows."""
    return tasks_in_scope().prefetch_related(
        Prefetch("task_officers", TaskOfficer.objects.select_related("officer"))
    )


def tasks_with_period_status(
    queryset: QuerySet[Task], period: ReportingPeriod | None, *, today: date
) -> QuerySet[Task]:
    """The tasks of plans covering the period's year, each with ``period_status``, ``period_percent`` and
    ``period_updated_at`` (from its update for the period, or None), ``latest_status`` (the latest reported
    by the period's end), ``is_overdue`` and ``status_rank`` (red first, no update last) for sorting."""
    if period is None:
        queryset = queryset.annotate(
            period_status=Value(None, output_field=CharField()),
            period_percent=Value(None, output_field=IntegerField()),
            period_updated_at=Value(None, output_field=DateTimeField()),
        )
        cutoff = today
    else:
        year = period.financial_year
        this_period = ProgressUpdate.objects.filter(
            task=OuterRef("pk"), period__end_date=period.end_date
        ).order_by("-period__start_date")
        queryset = queryset.filter(
            plan__first_year__lte=year, plan__first_year__gt=year - F("plan__years")
        ).annotate(
            period_status=Subquery(this_period.values("status")[:1]),
            period_percent=Subquery(this_period.values("percent_complete")[:1]),
            period_updated_at=Subquery(this_period.values("updated_at")[:1]),
        )
        cutoff = period.end_date
    return with_overdue(queryset, cutoff).annotate(
        status_rank=Case(
            *[
                When(period_status=key, then=Value(rank))
                for rank, key in enumerate(TASK_STATUS_ORDER)
                if key != NO_UPDATE
            ],
            default=Value(len(TASK_STATUS_ORDER)),
            output_field=IntegerField(),
        ),
    )


# -- Shared by every list -----------------------------------------------------------------------------------


def unit_choices(tree: UnitTree) -> list[tuple[str, str]]:
    """Every unit by slug, in tree order, indented beneath its parent."""
    choices, seen = [], set()

    def add(unit_ids, depth):
        for pk in unit_ids:
            if pk in seen:
                continue
            seen.add(pk)
            unit = tree.units[pk]
            choices.append((unit.slug, "\u00a0\u00a0" * depth + unit.name))
            add(tree.children.get(pk, []), depth + 1)

    add(tree.children.get(None, []), 0)
    return choices


def lookup_input(kind: str) -> forms.TextInput:
    """A text box that filters by name, offered matching names as you type (``static/js/lookup.js`` over
    ``plans:lookup``). Without JavaScript it is a plain text box, and the words typed still filter: lists
    that grow with the council (units, officers, plans) are never sent as thousand-option drop-downs."""
    return forms.TextInput(
        attrs={"data-lookup": reverse_lazy("plans:lookup", args=[kind]), "autocomplete": "off"}
    )


def named(value: str) -> str:
    return " ".join(value.split())


def choose(what: str) -> dict[str, str]:
    return {"invalid_choice": f"Choose {what} from the list"}


def real_date(label: str) -> dict:
    return {
        "widget": GovukDateWidget,
        "input_formats": ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y"],
        "error_messages": {"invalid": f"‘{label}’ must be a real date, like 30 9 2026"},
    }


class ListFilterSet(django_filters.FilterSet):
    """What every list filters by: the reporting period and the part of the council (with everything
    beneath it). The periods and the organisation tree are read once, for the choices and the filtering."""

    period = django_filters.ChoiceFilter(
        label="Reporting period",
        empty_label=None,
        method="filter_period",
        error_messages=choose("a reporting period"),
    )
    unit = django_filters.CharFilter(
        label="Part of the council",
        method="filter_unit",
        help_text="Type part of its name; everything beneath it is included",
        widget=lookup_input("units"),
    )

    #: Search first, then the lists to choose from; groups of checkboxes last (see includes/filter_form.html).
    field_order = ["q", "period", "unit"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        self.periods = dashboard_periods()
        self.tree = unit_tree()
        fallback = default_period(self.periods)
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("period", "").strip() and fallback is not None:
            data["period"] = fallback.label
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.filters["period"].extra["choices"] = [(p.label, f"{p.label} ({p.state})") for p in self.periods]
        self.filters = {name: self.filters[name] for name in self.field_order if name in self.filters} | {
            name: f for name, f in self.filters.items() if name not in self.field_order
        }
        self.unit_ids = {unit.slug: pk for pk, unit in self.tree.units.items()}
        chosen = {p.label: p for p in self.periods}.get(data.get("period", "").strip())
        self.period: ReportingPeriod | None = chosen or fallback

    @property
    def today(self) -> date:
        return timezone.localdate()

    def filter_period(self, queryset, name, value):
        return queryset  # the period shapes the rows themselves: see filter_queryset

    @property
    def form(self):
        form = super().form
        if "unit" in form.fields and self.validate_unit not in form.fields["unit"].validators:
            form.fields["unit"].validators.append(self.validate_unit)
        return form

    def units_named(self, value: str) -> set[int]:
        """A unit's slug (from links), else every unit whose name contains the words, with everything
        beneath each."""
        value = named(value)
        if value in self.unit_ids:
            return self.tree.descendant_ids(self.unit_ids[value])
        wanted, ids = value.casefold(), set()
        for pk, unit in self.tree.units.items():
            if wanted in unit.name.casefold() and pk not in ids:
                ids |= self.tree.descendant_ids(pk)
        return ids

    def validate_unit(self, value: str) -> None:
        if value and not self.units_named(value):
            raise forms.ValidationError("Choose a part of the council from the list: none is called that")

    def filter_unit(self, queryset, name, value):
        ids = self.units_named(value)
        return queryset.filter(
            Q(section__unit_id__in=ids) | Q(section__unit__isnull=True, plan__unit_id__in=ids)
        )


# -- The task list ------------------------------------------------------------------------------------------


def status_choices() -> list[tuple[str, str]]:
    return [(key, status_look(key).word) for key in TASK_STATUS_ORDER]


class TaskFilter(ListFilterSet):
    plan = django_filters.CharFilter(
        label="Plan", method="filter_plan", help_text="Type part of its title", widget=lookup_input("plans")
    )
    officer = django_filters.CharFilter(
        label="Responsible officer",
        method="filter_officer",
        help_text="Type part of their name",
        widget=lookup_input("officers"),
    )
    category = django_filters.ChoiceFilter(
        label="Category",
        choices=Task.Category.choices,
        empty_label="All categories",
        error_messages=choose("a category"),
    )
    due_after = django_filters.DateFilter(
        label="Due on or after", field_name="due_date", lookup_expr="gte", **real_date("Due on or after")
    )
    due_before = django_filters.DateFilter(
        label="Due on or before", field_name="due_date", lookup_expr="lte", **real_date("Due on or before")
    )
    overdue = django_filters.BooleanFilter(
        label="Only overdue tasks", widget=forms.CheckboxInput, method="filter_overdue"
    )
    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        help_text="Words in the task, its success criteria or an officer’s name",
    )
    status = django_filters.MultipleChoiceFilter(
        label="Status in the period",
        choices=status_choices(),
        widget=forms.CheckboxSelectMultiple,
        method="filter_status",
        error_messages={"invalid_choice": "Choose statuses from the list"},
    )

    class Meta:
        model = Task
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

    def filter_queryset(self, queryset):
        queryset = tasks_with_period_status(queryset, self.period, today=self.today)
        return super().filter_queryset(queryset)

    def filter_plan(self, queryset, name, value):
        """A plan's id (from links), else the plans whose title contains the words."""
        value = named(value)
        return (
            queryset.filter(plan_id=value)
            if value.isdigit()
            else queryset.filter(plan__title__icontains=value)
        )

    def filter_officer(self, queryset, name, value):
        """An officer's id (from links), else the officers whose name contains the words."""
        value = named(value)
        officers = {"officer_id": value} if value.isdigit() else {"officer__name__icontains": value}
        return queryset.filter(pk__in=TaskOfficer.objects.filter(**officers).values("task_id"))

    def filter_text(self, queryset, name, value):
        named = TaskOfficer.objects.filter(officer__name__icontains=value).values("task_id")
        return queryset.filter(
            Q(text__icontains=value) | Q(success_criteria__icontains=value) | Q(pk__in=named)
        )

    def filter_status(self, queryset, name, value):
        wanted = Q(period_status__in=[status for status in value if status != NO_UPDATE])
        if NO_UPDATE in value:
            wanted |= Q(period_status__isnull=True)
        return queryset.filter(wanted)

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(is_overdue=True) if value else queryset

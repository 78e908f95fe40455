"""What every list filters by, whatever it lists: the reporting period and the part of the council (with
everything beneath it), and the small pieces every list's filters share (searchable name boxes, real dates,
plain error messages). Each app's own list filters build on :class:`ListFilterSet`.

The periods and the organisation tree are read once per list, whatever its length.
"""

from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils import timezone

from serviceplans.forms import GovukDateWidget, period_choices

from .models import ReportingPeriod
from .selectors import UnitTree, dashboard_periods, default_period, unit_tree

# -- -----------------------------------------------------------------------------------


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


def units_named(tree: UnitTree, value: str) -> set[int]:
    """The units a filter box names, each with everything beneath it: a unit's slug or number (from links),
    else every unit whose name contains the words typed. Empty when none matches."""
    value = named(value)
    if not value:
        return set()
    by_slug = {unit.slug: pk for pk, unit in tree.units.items()}
    if value in by_slug:
        return tree.descendant_ids(by_slug[value])
    if value.isdigit() and int(value) in tree.units:
        return tree.descendant_ids(int(value))
    wanted, ids = value.casefold(), set()
    for pk, unit in tree.units.items():
        if wanted in unit.name.casefold() and pk not in ids:
            ids |= tree.descendant_ids(pk)
    return ids


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
        self.tree = unit_tree(lean=True)
        fallback = default_period(self.periods)
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("period", "").strip() and fallback is not None:
            data["period"] = fallback.label
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.filters["period"].extra["choices"] = period_choices(self.periods)
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
        return units_named(self.tree, value)

    def validate_unit(self, value: str) -> None:
        if value and not self.units_named(value):
            raise forms.ValidationError("Choose a part of the council from the list: none is called that")

    def filter_unit(self, queryset, name, value):
        ids = self.units_named(value)
        return queryset.filter(
            Q(section__unit_id__in=ids) | Q(section__unit__isnull=True, plan__unit_id__in=ids)
        )

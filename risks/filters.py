"""The register's filters: part of the council (and everything beneath it), category, band, owner, overdue
review, status, a heat-map cell, and words. Input that is not valid is explained and that filter ignored."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from plans.filters import choose, unit_choices
from plans.models import Officer
from plans.selectors import unit_tree

from . import rules
from .models import Risk, RiskCategory, RiskOwner
from .selectors import matrix


def band_choices(current: rules.Matrix) -> list[tuple[str, str]]:
    return [(band, rules.band_word(band, current)) for band in rules.BANDS]


class RiskFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="filter_text", help_text="Words in the reference, title, cause or effect"
    )
    unit = django_filters.ChoiceFilter(
        label="Part of the council",
        empty_label="Whole council",
        method="filter_unit",
        error_messages=choose("a part of the council"),
    )
    category = django_filters.ModelChoiceFilter(
        label="Category",
        queryset=RiskCategory.objects.all(),
        empty_label="All categories",
        error_messages=choose("a category"),
    )
    band = django_filters.ChoiceFilter(
        label="Current score",
        empty_label="All scores",
        method="filter_band",
        error_messages=choose("a score"),
    )
    owner = django_filters.ChoiceFilter(
        label="Owner", empty_label="All owners", method="filter_owner", error_messages=choose("an owner")
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=Risk.Status.choices,
        empty_label="Open and closed",
        error_messages=choose("a status"),
    )
    likelihood = django_filters.NumberFilter(
        label="Current likelihood",
        field_name="current_likelihood",
        widget=forms.HiddenInput,
    )
    impact = django_filters.NumberFilter(
        label="Current impact", field_name="current_impact", widget=forms.HiddenInput
    )
    overdue = django_filters.BooleanFilter(
        label="Only risks overdue for review", widget=forms.CheckboxInput, method="filter_overdue"
    )

    class Meta:
        model = Risk
        fields = []

    #: The register lists current scores, not a period's: the Excel download reads this.
    period = None

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.matrix = matrix()
        self.tree = unit_tree(lean=True)
        self.unit_ids = {unit.slug: pk for pk, unit in self.tree.units.items()}
        self.filters["unit"].extra["choices"] = unit_choices(self.tree)
        self.filters["band"].extra["choices"] = band_choices(self.matrix)
        self.filters["owner"].extra["choices"] = [
            (str(pk), name)
            for pk, name in Officer.objects.filter(risk_roles__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("pk", "name")
        ]

    CELL = ("likelihood", "impact")

    def filter_queryset(self, queryset):
        """Every filter but the heat-map cell first (kept as ``without_cell`` for the heat map), then the cell."""
        for name, value in self.form.cleaned_data.items():
            if name not in self.CELL:
                queryset = self.filters[name].filter(queryset, value)
        self.without_cell = queryset
        for name in self.CELL:
            queryset = self.filters[name].filter(queryset, self.form.cleaned_data.get(name))
        return queryset

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(reference__icontains=value)
            | Q(title__icontains=value)
            | Q(cause__icontains=value)
            | Q(effect__icontains=value)
        )

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit_id__in=self.tree.descendant_ids(self.unit_ids[value]))

    def filter_band(self, queryset, name, value):
        low, high = {
            rules.RED: (self.matrix.red_from, self.matrix.max_score),
            rules.AMBER: (self.matrix.amber_from, self.matrix.red_from - 1),
            rules.GREEN: (1, self.matrix.amber_from - 1),
        }[value]
        return queryset.filter(score_value__gte=low, score_value__lte=high)

    def filter_owner(self, queryset, name, value):
        return queryset.filter(pk__in=RiskOwner.objects.filter(officer_id=value).values("risk_id"))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status=Risk.Status.OPEN, review_date__lt=timezone.localdate())


def risks_for_register(data, queryset: QuerySet[Risk]) -> RiskFilter:
    return RiskFilter(data, queryset)

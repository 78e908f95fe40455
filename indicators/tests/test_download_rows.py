"""The indicator download reads its indicators lean (shared plans, sections and periods; frameworks and
officers as names): each row must say exactly what the list's own judged rows say."""

from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse

from indicators.services import indicator_judgements_refresh
from indicators.tables import PagedJudgedRows
from indicators.views import IndicatorListView
from tests.builders import small_council
from tests.factories import (
    FrameworkFactory,
    IndicatorFactory,
    IndicatorOfficerFactory,
    IndicatorValueFactory,
    OfficerFactory,
    PlanSectionFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db]


def the_view(**params) -> tuple[IndicatorListView, object]:
    request = RequestFactory().get(reverse("indicators:indicator-list"), {"format": "xlsx", **params})
    request.user = UserFactory()
    view = IndicatorListView()
    view.setup(request)
    view.filterset = view.get_filterset(view.get_filterset_class())
    view.object_list = view.filterset.qs
    return view, view.get_table().data


@pytest.mark.parametrize("sort", ["", "name", "-reference_code", "unit_name"])
def test_each_downloaded_row_says_what_the_list_says(sort):
    council = small_council(size=3)
    first, second, third = council["indicators"][:3]
    first.frameworks.add(FrameworkFactory(code="AA", order=2), FrameworkFactory(code="ZZ", order=1))
    zoe, adam = OfficerFactory(name="Zoe Wright"), OfficerFactory(name="Adam Ash")
    IndicatorOfficerFactory(indicator=first, officer=zoe, order=0)
    IndicatorOfficerFactory(indicator=first, officer=adam, order=1)
    TargetFactory(indicator=second, financial_year=council["year"], period=council["q2"], value=Decimal(60))
    third.values.filter(period=council["q2"]).update(value=None, no_data_reason="Survey postponed")
    frozen = council["indicators"][3].values.filter(period=council["q2"])  # as judged when published
    frozen.update(target_applied=Decimal(30), tolerance_applied=Decimal(5), note="Frozen")
    words = IndicatorFactory(
        plan=council["plan"],
        section=PlanSectionFactory(plan=council["plan"], unit=None, title="Misc"),
        reference_code="",
    )
    TargetFactory(indicator=words, financial_year=council["year"], value=None, text="Improve")
    IndicatorValueFactory(indicator=words, period=council["q2"], value=None, text_value="Improved")
    # The updates above went round the services: store the judgements afresh, as the services would.
    indicator_judgements_refresh(indicator_ids=[i.pk for i in council["indicators"]] + [words.pk])

    view, data = the_view(sort=sort) if sort else the_view()
    assert isinstance(data, PagedJudgedRows)
    downloaded = list(view.xlsx_rows(data))

    expected = [view.xlsx_row(row) for row in data]  # judged through the models, as the list's pages are
    assert downloaded == expected
    assert len(downloaded) == 7
    assert "ZZ, AA" in [row[2] for row in downloaded]
    assert "Zoe Wright, Adam Ash" in [row[6] for row in downloaded]
    assert "Survey postponed" in [row[9] for row in downloaded]

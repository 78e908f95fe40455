from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from indicators.models import Framework, IndicatorValue
from tests.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


def test_frameworks_are_preloaded():
    assert set(Framework.objects.values_list("code", flat=True)) >= {
        "Comm.",
        "LAA",
        "Corp.",
        "NRF",
        "CPA",
        "BVPI",
        "NI",
    }


def test_an_indicator_belongs_to_several_frameworks():
    indicator = IndicatorFactory()
    indicator.frameworks.set(Framework.objects.filter(code__in=["LAA", "BVPI"]))
    assert sorted(indicator.frameworks.values_list("code", flat=True)) == ["BVPI", "LAA"]


def test_a_target_is_a_number_or_text_never_both_nor_neither():
    TargetFactory(value=Decimal("3.6"))
    TargetFactory(value=None, text="Dependent on available funds")
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetFactory(value=5, text="About five")
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetFactory(value=None, text="")


def test_one_annual_target_per_indicator_and_year():
    target = TargetFactory(financial_year=2008)
    TargetFactory(indicator=target.indicator, financial_year=2009)
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetFactory(indicator=target.indicator, financial_year=2008)


def test_profiled_targets_sit_beside_the_annual_target():
    target = TargetFactory(financial_year=2008, value=100)
    q1 = ReportingPeriodFactory(financial_year=2008, kind="quarter", number=1)
    TargetFactory(indicator=target.indicator, financial_year=2008, period=q1, value=25)
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetFactory(indicator=target.indicator, financial_year=2008, period=q1, value=30)


def test_one_value_per_indicator_and_period():
    value = IndicatorValueFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValueFactory(indicator=value.indicator, period=value.period)


def test_no_value_needs_a_reason():
    IndicatorValueFactory(value=None, no_data_reason="Survey not carried out this year")
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValueFactory(value=None, no_data_reason="")


def test_large_and_fractional_values_are_kept_exactly():
    value = IndicatorValueFactory(value=Decimal("1118000"))
    small = IndicatorValueFactory(value=Decimal("3.6"))
    value.refresh_from_db()
    small.refresh_from_db()
    assert (value.value, small.value) == (Decimal("1118000"), Decimal("3.6"))


def test_a_text_indicator_records_words():
    value = IndicatorValueFactory(indicator=IndicatorFactory(unit="text"), value=None, text_value="Level 3")
    assert value.has_value
    assert not IndicatorValue(value=None, no_data_reason="Not collected").has_value

"""Stored judgements (``indicators.judgements``): after every kind of change the stored judgement of every
period equals what the pure rules say now (``IndicatorRecord.performance``)."""

from contextlib import suppress
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.judgements import (
    judged_periods,
    judgements_for,
    performance_of,
    refresh_all,
    refresh_deferred,
    refresh_for,
)
from indicators.models import Indicator, IndicatorValue, Judgement, Target
from indicators.performance import IndicatorRecord
from indicators.selectors import indicators_with_record
from indicators.services import indicator_judgements_refresh, indicator_value_save
from plans.models import CouncilSettings, ReportingPeriod
from plans.rules import IllegalTransition
from plans.services import period_publish
from serviceplans.periods import FinancialYear, Period, PeriodKind
from tests.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    PlanFactory,
    PlanSectionFactory,
    ReportingPeriodFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2024


def assert_stored_is_pure(indicator_id: int) -> None:
    """Every period of the plan's years (and the year before) is stored, and each stored judgement is what
    the rules say now, frozen exactly when its value carries the target and tolerance fixed at publishing."""
    council = CouncilSettings.load()
    indicator = indicators_with_record().get(pk=indicator_id)
    record = IndicatorRecord(
        indicator,
        default_tolerance=council.default_tolerance_percent,
        same_tolerance=council.same_tolerance_percent,
    )
    stored = {
        (j.financial_year, j.kind, j.number): j for j in Judgement.objects.filter(indicator_id=indicator_id)
    }
    periods = judged_periods(indicator.plan.first_year, indicator.plan.years)
    assert set(stored) == {(p.year.start_year, str(p.kind), p.number) for p in periods}
    for period in periods:
        row = stored[(period.year.start_year, str(period.kind), period.number)]
        assert performance_of(row) == record.performance(period), period.label
        value = record.values.get(period)
        assert row.frozen == (value is not None and value.tolerance_applied is not None)


def _quarter(year: int, number: int) -> ReportingPeriod:
    return ReportingPeriodFactory(financial_year=year, kind="quarter", number=number, state="open")


numbers = st.one_of(
    st.none(),
    st.integers(min_value=-5, max_value=120).map(Decimal),
    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
)
tolerances = st.one_of(st.none(), st.sampled_from([Decimal(0), Decimal("2.5"), Decimal(5), Decimal(20)]))
quarters = st.integers(min_value=1, max_value=4)
steps = st.one_of(
    st.tuples(st.just("value"), quarters, numbers),
    st.tuples(st.just("last_year_value"), quarters, numbers),
    st.tuples(st.just("annual_target"), st.sampled_from([YEAR - 1, YEAR]), numbers),
    st.tuples(st.just("text_target"), st.sampled_from([YEAR - 1, YEAR]), st.just("Dependent on funds")),
    st.tuples(st.just("profiled_target"), quarters, numbers),
    st.tuples(st.just("target_tolerance"), st.sampled_from([YEAR - 1, YEAR]), tolerances),
    st.tuples(st.just("tolerance"), st.just(0), tolerances),
    st.tuples(st.just("polarity"), st.just(0), st.sampled_from(["higher", "lower", "closest"])),
    st.tuples(st.just("aggregation"), st.just(0), st.sampled_from(["sum", "average", "latest"])),
    st.tuples(st.just("data_only"), st.just(0), st.booleans()),
    st.tuples(
        st.just("default_tolerance"), st.just(0), st.sampled_from([Decimal(0), Decimal(5), Decimal(10)])
    ),
    st.tuples(st.just("publish"), quarters, st.just(None)),
)


class Council:
    """One quarterly indicator in a one-year plan, its quarters and last year's, and someone to save values."""

    def __init__(self):
        section = PlanSectionFactory(plan=PlanFactory(first_year=YEAR, years=1))
        self.indicator = IndicatorFactory(
            section=section, plan=section.plan, collection_frequency="quarterly", polarity="higher"
        )
        self.quarters = {n: _quarter(YEAR, n) for n in range(1, 5)}
        self.last_year = {n: _quarter(YEAR - 1, n) for n in range(1, 5)}
        self.user = UserFactory()

    def apply(self, kind: str, key, value) -> None:
        indicator = self.indicator
        if kind == "value":
            period = self.quarters[key]
            current = IndicatorValue.objects.filter(indicator=indicator, period=period).first()
            with suppress(IllegalTransition):  # published: its values can no longer change
                indicator_value_save(
                    indicator=indicator,
                    period=period,
                    user=self.user,
                    value=value,
                    text_value="",
                    no_data_reason="" if value is not None else "Survey not run",
                    note="",
                    seen_version=current.version if current else 0,
                )
        elif kind == "publish":
            period = self.quarters[key]
            if period.state != "published":
                ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")
                period.refresh_from_db()
                self.quarters[key] = period_publish(period=period)
        else:
            # Changes made in admin, or by the workbook import, with the ORM: each then stores the judgements
            # afresh through the service (the admin's own calls are tested below).
            self._change(kind, key, value)
            if kind == "default_tolerance":
                refresh_all()
            else:
                indicator_judgements_refresh(indicator_ids=[indicator.pk])

    def _change(self, kind: str, key, value) -> None:
        indicator = self.indicator
        if kind == "last_year_value":
            IndicatorValue.objects.filter(indicator=indicator, period=self.last_year[key]).delete()
            if value is not None:
                IndicatorValue.objects.create(indicator=indicator, period=self.last_year[key], value=value)
        elif kind in ("annual_target", "text_target"):
            Target.objects.filter(indicator=indicator, financial_year=key, period=None).delete()
            if value is not None:
                number, text = (None, value) if kind == "text_target" else (value, "")
                Target.objects.create(indicator=indicator, financial_year=key, value=number, text=text)
        elif kind == "profiled_target":
            Target.objects.filter(indicator=indicator, period=self.quarters[key]).delete()
            if value is not None:
                Target.objects.create(
                    indicator=indicator, financial_year=YEAR, period=self.quarters[key], value=value
                )
        elif kind == "target_tolerance":
            Target.objects.filter(indicator=indicator, financial_year=key).update(tolerance_percent=value)
        elif kind == "tolerance":
            Indicator.objects.filter(pk=indicator.pk).update(tolerance_percent=value)
        elif kind in ("polarity", "aggregation", "data_only"):
            Indicator.objects.filter(pk=indicator.pk).update(**{kind: value})
        elif kind == "default_tolerance":
            CouncilSettings.objects.filter(pk=CouncilSettings.load().pk).update(
                default_tolerance_percent=value
            )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(steps, min_size=1, max_size=8))
def test_the_stored_judgement_is_always_the_rules_answer(changes):
    """Random sequences of every kind of change (values, last year's values, annual, text and profiled
    targets, tolerances, polarity, aggregation, data only, the council's default tolerance, publishing):
    after each, every stored judgement equals the pure rule's answer."""
    with transaction.atomic():
        council = Council()
        assert_stored_is_pure(council.indicator.pk)
        for kind, key, value in changes:
            council.apply(kind, key, value)
            assert_stored_is_pure(council.indicator.pk)
        transaction.set_rollback(True)


def test_publishing_freezes_the_stored_judgement():
    """Once a period is published a later target change leaves its stored judgement (and the page's) alone,
    as the target and tolerance were fixed on its value; an unpublished period follows the new target."""
    council = Council()
    TargetFactory(indicator=council.indicator, financial_year=YEAR, value=50)
    for n in (1, 2):
        council.apply("value", n, Decimal(49))
    council.apply("publish", 1, None)
    Target.objects.filter(indicator=council.indicator).update(value=40)
    indicator_judgements_refresh(indicator_ids=[council.indicator.pk])
    q1, q2 = (Period(FinancialYear(YEAR), PeriodKind.QUARTER, n) for n in (1, 2))
    judged = judgements_for([council.indicator.pk], q1) | {
        0: judgements_for([council.indicator.pk], q2)[council.indicator.pk]
    }
    assert (judged[council.indicator.pk].rag, judged[0].rag) == ("amber", "green")
    assert Judgement.objects.get(
        indicator=council.indicator, financial_year=YEAR, kind="quarter", number=1
    ).frozen
    assert_stored_is_pure(council.indicator.pk)


def test_a_change_of_plan_years_drops_the_periods_no_longer_judged():
    council = Council()
    plan = council.indicator.plan
    plan.years = 2
    plan.save()
    refresh_for([council.indicator.pk])
    assert Judgement.objects.filter(indicator=council.indicator, financial_year=YEAR + 1).count() == 19
    plan.years = 1
    plan.save()
    refresh_for([council.indicator.pk])
    assert not Judgement.objects.filter(indicator=council.indicator, financial_year=YEAR + 1).exists()
    assert_stored_is_pure(council.indicator.pk)


def test_deferred_refresh_judges_each_indicator_once_at_the_end():
    council = Council()
    with refresh_deferred():
        council.apply("value", 1, Decimal(10))
        council.apply("value", 2, Decimal(20))
        assert (
            Judgement.objects.get(
                indicator=council.indicator, financial_year=YEAR, kind="quarter", number=1
            ).rag
            == "no_data"
        )
        with CaptureQueriesContext(connection) as inside:
            refresh_for([council.indicator.pk])
        assert len(inside) == 0  # only noted
    assert_stored_is_pure(council.indicator.pk)


def test_refresh_costs_the_same_queries_for_one_indicator_or_many():
    """Judging afresh reads in bulk: a chunk of indicators costs a fixed number of queries."""
    section = PlanSectionFactory(plan=PlanFactory(first_year=YEAR, years=1))
    ids = [IndicatorFactory(section=section, plan=section.plan).pk for _ in range(6)]
    for pk in ids:
        IndicatorValueFactory(indicator_id=pk, period=_quarter(YEAR, 1), value=3)
    with CaptureQueriesContext(connection) as one:
        refresh_for(ids[:1])
    with CaptureQueriesContext(connection) as six:
        refresh_for(ids)
    assert len(one) == len(six)


def test_a_period_outside_the_stored_years_is_judged_by_the_same_rules():
    council = Council()
    far = Period(FinancialYear(YEAR - 5), PeriodKind.QUARTER, 1)
    found = judgements_for([council.indicator.pk], far)
    assert str(found[council.indicator.pk].rag) == "no_data"


# -- Every write path in admin stores the judgements afresh ------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _stored_rag(indicator, quarter=1) -> str:
    return Judgement.objects.get(indicator=indicator, financial_year=YEAR, kind="quarter", number=quarter).rag


def test_changing_a_target_in_admin_judges_again(admin_client):
    council = Council()
    council.apply("value", 1, Decimal(49))
    target = TargetFactory(indicator=council.indicator, financial_year=YEAR, value=50)
    assert _stored_rag(council.indicator) == "amber"
    response = admin_client.post(
        reverse("admin:indicators_target_change", args=[target.pk]),
        {"indicator": council.indicator.pk, "financial_year": YEAR, "value": "40", "text": ""},
    )
    assert response.status_code == 302, response.content
    assert _stored_rag(council.indicator) == "green"
    admin_client.post(reverse("admin:indicators_target_delete", args=[target.pk]), {"post": "yes"})
    assert _stored_rag(council.indicator) == "no_target"
    assert_stored_is_pure(council.indicator.pk)


def test_changing_a_value_in_admin_judges_again(admin_client):
    council = Council()
    TargetFactory(indicator=council.indicator, financial_year=YEAR, value=50)
    value = IndicatorValueFactory(indicator=council.indicator, period=council.quarters[1], value=49)
    response = admin_client.post(
        reverse("admin:indicators_indicatorvalue_change", args=[value.pk]),
        {
            "indicator": council.indicator.pk,
            "period": council.quarters[1].pk,
            "value": "60",
            "text_value": "",
        },
    )
    assert response.status_code == 302, response.content
    assert _stored_rag(council.indicator) == "green"


def test_changing_the_polarity_in_admin_judges_again(admin_client):
    council = Council()
    TargetFactory(indicator=council.indicator, financial_year=YEAR, value=50)
    council.apply("value", 1, Decimal(60))
    assert _stored_rag(council.indicator) == "green"
    page = admin_client.get(reverse("admin:indicators_indicator_change", args=[council.indicator.pk]))
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "frameworks"}
    data |= {"polarity": "lower", "section": council.indicator.section_id, "plan": council.indicator.plan_id}
    for formset in page.context["inline_admin_formsets"]:
        prefix, forms = formset.formset.prefix, formset.formset.initial_forms
        data |= {f"{prefix}-TOTAL_FORMS": len(forms), f"{prefix}-INITIAL_FORMS": len(forms)}
        for i, inline_form in enumerate(forms):
            data[f"{prefix}-{i}-id"] = inline_form.instance.pk
            for name, field in inline_form.initial.items():
                if field is not None:
                    data[f"{prefix}-{i}-{name}"] = getattr(field, "pk", field)
    response = admin_client.post(
        reverse("admin:indicators_indicator_change", args=[council.indicator.pk]), data
    )
    if response.status_code != 302:
        problems = [f.formset.errors for f in response.context["inline_admin_formsets"]]
        raise AssertionError((response.context["adminform"].form.errors, problems))
    assert Indicator.objects.get(pk=council.indicator.pk).polarity == "lower"
    assert _stored_rag(council.indicator) == "red"
    assert_stored_is_pure(council.indicator.pk)


# -- Write paths outside this app: the import, and the admin of plans and council settings (plans.hooks) -----


def test_a_workbook_import_stores_the_judgements_of_the_indicators_it_writes():
    from reporting.benchmark import build_council
    from reporting.workbook.export import plan_workbook_bytes
    from reporting.workbook.importer import plan_import

    plan, _period = build_council(tasks=3, indicators=3)
    data = plan_workbook_bytes(plan)
    plan.slug, plan.title = "old-plan", "Old plan"
    plan.save(update_fields=["slug", "title"])
    result = plan_import(workbook_bytes=data, dry_run=False)
    assert result.ok, result.errors
    imported = Indicator.objects.filter(plan_id=result.plan_id)
    assert imported.count() == 3
    for pk in imported.values_list("pk", flat=True):
        assert_stored_is_pure(pk)


def test_changing_the_default_tolerance_in_admin_judges_every_indicator_again(admin_client):
    council = Council()
    TargetFactory(indicator=council.indicator, financial_year=YEAR, value=50)
    council.apply("value", 1, Decimal(49))
    assert _stored_rag(council.indicator) == "amber"
    settings_ = CouncilSettings.load()
    page = admin_client.get(reverse("admin:plans_councilsettings_change", args=[settings_.pk]))
    data = {
        name: value for name, value in page.context["adminform"].form.initial.items() if value is not None
    }
    response = admin_client.post(
        reverse("admin:plans_councilsettings_change", args=[settings_.pk]),
        data | {"default_tolerance_percent": "1"},
    )
    assert response.status_code == 302
    assert _stored_rag(council.indicator) == "red"


def test_changing_a_plans_years_in_admin_judges_its_indicators_again():
    council = Council()
    plan = council.indicator.plan
    from django.contrib.admin.sites import site

    from plans.admin import PlanAdmin  # noqa: PLC0415 - the admin's own save path

    plan.years = 2
    request = type("Request", (), {"user": UserFactory(is_staff=True, is_superuser=True)})()
    form = type("Form", (), {"cleaned_data": {}, "instance": plan, "save_m2m": lambda self: None})()
    PlanAdmin(type(plan), site).save_model(request, plan, form, True)
    assert Judgement.objects.filter(indicator=council.indicator, financial_year=YEAR + 1).count() == 19

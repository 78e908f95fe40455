"""Next year's plan keeps every indicator, with the targets already set for its years (``plans.hooks``:
registered in ``IndicatorsConfig``)."""

from serviceplans.copying import copy_of, recorded_as

from . import judgements
from .models import Indicator, IndicatorOfficer, Target


def carry_indicators_forward(*, plan, new_plan, sections, objectives, user) -> None:
    new_years = range(new_plan.first_year, new_plan.first_year + new_plan.years)
    carried = []
    indicators = Indicator.objects.filter(plan=plan).prefetch_related(
        "indicator_officers", "frameworks", "targets__period"
    )
    for indicator in indicators:
        copy = copy_of(
            indicator, Indicator.CARRIED_FIELDS, plan=new_plan, section=sections[indicator.section_id]
        )
        recorded_as(copy, user, f"Carried forward from {plan}").save()
        carried.append(copy.pk)
        copy.frameworks.set(indicator.frameworks.all())
        IndicatorOfficer.objects.bulk_create(
            IndicatorOfficer(indicator=copy, officer_id=link.officer_id, order=link.order)
            for link in indicator.indicator_officers.all()
        )
        for target in indicator.targets.all():
            if target.financial_year in new_years:
                recorded_as(copy_of(target, Target.CARRIED_FIELDS, indicator=copy), user).save()
    judgements.refresh_for(carried)

"""Factories for the risk register (kept beside the app so merges with tests/factories.py stay simple)."""

import factory

from risks.models import Risk, RiskCategory, RiskOwner, RiskReview
from tests.factories import OfficerFactory, OrganisationUnitFactory, ReportingPeriodFactory


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    unit = factory.SubFactory(OrganisationUnitFactory)
    reference = factory.Sequence(lambda n: f"R{n:03d}")
    title = factory.Sequence(lambda n: f"Risk {n}")
    category = factory.LazyFunction(lambda: RiskCategory.objects.get_or_create(name="Operational")[0])
    inherent_likelihood, inherent_impact = 4, 4
    current_likelihood, current_impact = 3, 4
    target_likelihood, target_impact = 2, 2


class RiskOwnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskOwner

    risk = factory.SubFactory(RiskFactory)
    officer = factory.SubFactory(OfficerFactory)


class RiskReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskReview

    risk = factory.SubFactory(RiskFactory)
    period = factory.SubFactory(ReportingPeriodFactory)
    likelihood, impact = 3, 4
    commentary = "Controls working."

"""Factories for every model, in one place. Each builds a valid row with the fewest choices made."""

import factory
from django.contrib.auth import get_user_model

from actions.models import Milestone, ProgressStatus, ProgressUpdate, Task, TaskOfficer
from indicators.models import Framework, Indicator, IndicatorOfficer, IndicatorValue, Target
from plans.models import Objective, Officer, OrganisationUnit, Plan, PlanSection, Priority, ReportingPeriod


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@millbrook.example.gov.uk")
    password = factory.django.Password("correct-horse-battery")


class OrganisationUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationUnit

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    kind = OrganisationUnit.Kind.SERVICE


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    name = factory.Sequence(lambda n: f"Officer {n}")
    job_title = "Team Leader"
    email = factory.Sequence(lambda n: f"officer{n}@millbrook.example.gov.uk")
    unit = factory.SubFactory(OrganisationUnitFactory)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    kind = Priority.Kind.PLEDGE
    code = factory.Sequence(lambda n: f"Pledge {n}")
    title = "A safer borough"
    first_year = 2008


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod
        django_get_or_create = ["financial_year", "kind", "number"]

    financial_year = 2008
    kind = "quarter"
    number = 2


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Service Plan {n}")
    slug = factory.Sequence(lambda n: f"service-plan-{n}")
    unit = factory.SubFactory(OrganisationUnitFactory)
    first_year = 2008


class PlanSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanSection

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Section {n}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(PlanFactory)
    text = "To encourage investment in the borough to assist regeneration"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    section = factory.SubFactory(PlanSectionFactory)
    plan = factory.SelfAttribute("section.plan")
    text = factory.Sequence(lambda n: f"Review the corporate complaints procedure, stage {n}")


class TaskOfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskOfficer

    task = factory.SubFactory(TaskFactory)
    officer = factory.SubFactory(OfficerFactory)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    task = factory.SubFactory(TaskFactory)
    name = "Business case"


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    task = factory.SubFactory(TaskFactory)
    period = factory.SubFactory(ReportingPeriodFactory)
    percent_complete = 50
    status = ProgressStatus.GREEN
    commentary = "On track."


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework
        django_get_or_create = ["code"]

    code = "LAA"
    name = "Local area agreement"


class JudgedFactory(factory.django.DjangoModelFactory):
    """Stores the indicator's judgements afresh after creating the row, as every service that writes an
    indicator, a target or a value does (``indicators.judgements``). A test that changes such rows with
    the ORM directly calls ``indicators.judgements.refresh_for`` itself."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from indicators.judgements import refresh_for

        row = super()._create(model_class, *args, **kwargs)
        refresh_for([row.pk if isinstance(row, Indicator) else row.indicator_id])
        return row


class IndicatorFactory(JudgedFactory):
    class Meta:
        model = Indicator

    section = factory.SubFactory(PlanSectionFactory)
    plan = factory.SelfAttribute("section.plan")
    name = factory.Sequence(lambda n: f"Percentage of household waste recycled ({n})")
    unit = Indicator.Unit.PERCENT


class IndicatorOfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorOfficer

    indicator = factory.SubFactory(IndicatorFactory)
    officer = factory.SubFactory(OfficerFactory)


class TargetFactory(JudgedFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    financial_year = 2008
    value = 40


class IndicatorValueFactory(JudgedFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.SubFactory(ReportingPeriodFactory)
    value = 38

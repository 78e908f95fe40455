"""Returns are made for quarters only (``serviceplans.periods.return_period``): the returns made so far for a
month, half-year or year are folded into the return for the quarter holding the period's last day (H1 into
Q2, H2 and the year into Q4, a month into its quarter).

Where the officer has a return for that quarter already, the one further along is kept (approved, then
submitted, then sent back, then not submitted), the officer's reasons for gaps and the managers' comments
of both are kept (each marked with its period when both have one), and the folded return's history moves to
the quarter's return, so no step is lost. A quarter that was never scheduled, while a month, half-year or
year ending in it was, is scheduled now, so every period has the return it belongs to."""

import django.db.models.deletion
from django.db import migrations, models

from serviceplans.periods import FinancialYear, Period, PeriodKind

#: How far along a return is: the further one is kept when two are folded together.
RANK = {"approved": 4, "submitted": 3, "sent_back": 2, "not_started": 1}
STEP_FIELDS = ["state", "submitted_at", "submitted_by_id", "decided_at", "decided_by_id"]


def _label(period) -> str:
    return Period(FinancialYear(period.financial_year), PeriodKind(period.kind), period.number).label


def _combined(first: str, first_label: str, second: str, second_label: str) -> str:
    """Both texts, each marked with its period, when both say something different; else the one that does."""
    first, second = first.strip(), second.strip()
    if not first or first == second:
        return second
    if not second:
        return first
    return f"{first_label}: {first}\n\n{second_label}: {second}"


def _quarter_for(apps, period):
    reporting_period = apps.get_model("plans", "ReportingPeriod")
    quarter = Period.containing(period.end_date, PeriodKind.QUARTER)
    row = reporting_period.objects.filter(
        financial_year=quarter.year.start_year, kind="quarter", number=quarter.number
    ).first()
    if row is None:  # the quarter was never scheduled: it is now, in the state of the period folded into it
        row = reporting_period.objects.create(
            financial_year=quarter.year.start_year,
            kind="quarter",
            number=quarter.number,
            start_date=quarter.start,
            end_date=quarter.end,
            deadline=period.deadline,
            state=period.state,
        )
    return row


def schedule_missing_quarters(apps) -> None:
    """Every month, half-year and year has its quarter, for its return to be made in: a quarter never
    scheduled is added, in the state of the half-year or year ending with it (else of the month)."""
    reporting_period = apps.get_model("plans", "ReportingPeriod")
    order = {"year": 0, "half": 1, "month": 2}
    others = sorted(
        reporting_period.objects.exclude(kind="quarter"), key=lambda p: (order.get(p.kind, 3), p.start_date)
    )
    for period in others:
        _quarter_for(apps, period)


def fold_returns_into_quarters(apps, schema_editor):
    schedule_missing_quarters(apps)
    return_model = apps.get_model("plans", "Return")
    history = apps.get_model("plans", "HistoricalReturn")
    for folded in list(
        return_model.objects.exclude(period__kind="quarter")
        .select_related("period")
        .order_by("pk")
        .iterator()
    ):
        quarter = _quarter_for(apps, folded.period)
        kept = return_model.objects.filter(officer_id=folded.officer_id, period=quarter).first()
        if kept is None:
            folded.period = quarter
            folded.save(update_fields=["period"])
            history.objects.filter(id=folded.pk).update(period_id=quarter.pk)
            continue
        quarter_label, folded_label = _label(quarter), _label(folded.period)
        gaps = _combined(kept.gaps_reason, quarter_label, folded.gaps_reason, folded_label)
        comment = _combined(kept.comment, quarter_label, folded.comment, folded_label)
        if RANK.get(folded.state, 0) > RANK.get(kept.state, 0):
            for name in STEP_FIELDS:
                setattr(kept, name, getattr(folded, name))
        kept.gaps_reason, kept.comment = gaps, comment
        if kept.state == "sent_back" and not kept.comment:
            kept.comment = "Sent back."  # (cannot happen: a sent-back return always has its comment)
        history.objects.filter(id=folded.pk).update(id=kept.pk, period_id=quarter.pk)
        folded.delete()
        kept.save()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_return_tables"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalreturn",
            name="period",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Returns are made for quarters; months, half-years and the year belong to the quarter's.",
                limit_choices_to={"kind": "quarter"},
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="plans.reportingperiod",
            ),
        ),
        migrations.AlterField(
            model_name="return",
            name="period",
            field=models.ForeignKey(
                help_text="Returns are made for quarters; months, half-years and the year belong to the quarter's.",
                limit_choices_to={"kind": "quarter"},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="returns",
                to="plans.reportingperiod",
            ),
        ),
        migrations.RunPython(fold_returns_into_quarters, migrations.RunPython.noop),
    ]

"""The year's workflow: sign-off of the open quarter's returns, next year's plan, the risk register and the
committee reports."""

from __future__ import annotations

from datetime import timedelta

from actions.selectors import returns_for_period
from actions.services import return_approve, return_send_back, return_submit
from plans.models import ReportingPeriod, Return
from plans.services import plan_carry_forward, plan_submit
from reporting.models import Report
from reporting.reports.services import report_create, report_publish
from serviceplans.periods import PeriodKind

from .. import content as c
from .dates import weekday_on_or_before
from .risks import risk_register_ensure
from .state import BuildState


class WorkflowSteps(BuildState):
    """Sign-off of the open quarter's returns, next year's plan, the risk register, committee reports."""

    def returns_ensure(self) -> None:
        """A realistic mix of sign-off states in each open quarter, made once: the demo officer's return was
        sent back by the demo manager with a comment, the rest of the manager's team has submitted, a few
        others have submitted, and one has been approved by the performance team. A period whose sign-off
        has started (any return recorded) is left as it is."""
        officer_key = next((s.officer for s in c.USERS if s.group == "Officers"), "")
        manager_key = next((s.officer for s in c.USERS if s.group == "Managers"), "")
        officer, manager = self.officers.get(officer_key), self.officers.get(manager_key)
        performance = self.users.get(next((s.username for s in c.USERS if s.group == "Performance team"), ""))
        created = 0
        for period in sorted(self.periods.values(), key=lambda p: p.start_date):
            if period.state != ReportingPeriod.State.OPEN or period.kind != PeriodKind.QUARTER.value:
                continue
            if Return.objects.filter(period=period).exists():
                continue
            rows = returns_for_period(period)
            team = [r for r in rows if manager is not None and r.officer.unit_id == manager.unit_id]
            others = [r for r in rows if r not in team]
            for row in team:
                if row.officer == manager:
                    continue
                user = self.user_of_officer.get(officer_key) if row.officer == officer else None
                record = return_submit(officer=row.officer, period=period, user=user)
                created += 1
                if row.officer == officer:
                    return_send_back(
                        record=record, user=self.user_of_officer.get(manager_key), comment=c.SENT_BACK_COMMENT
                    )
            for index, row in enumerate(others[::4]):
                record = return_submit(officer=row.officer, period=period, user=None)
                created += 1
                if index == 0:
                    return_approve(record=record, user=performance)
        self.created["returns"] = created

    def next_plan_ensure(self) -> None:
        """Next year's plan for one directorate, started from this year's (unfinished tasks and the
        indicators carried forward) and submitted for approval: made once, with the plan it follows."""
        context = next(
            (p for p in self.plans if p.spec.key == c.NEXT_PLAN_KEY and p.first_year == self.this_year), None
        )
        if context is None or not context.new:
            return
        performance = self.users.get(next((s.username for s in c.USERS if s.group == "Performance team"), ""))
        new = plan_carry_forward(plan=context.row, user=performance)
        plan_submit(plan=new, user=performance)

    def risks_ensure(self) -> None:
        """The risk register (``demo.builder.risks``): made once, risk by risk."""
        self.created["risks"] = risk_register_ensure(
            units=self.units,
            officers=self.officers,
            periods=self.periods,
            plans=[p.row for p in self.plans if p.row is not None],
            this_year=self.this_year,
            users_of_officers=self.user_of_officer,
            today=self.today,
        )

    def reports_ensure(self) -> None:
        """Committee reports on this year's Environment plan: the first quarter's, published (its period is
        closed), and a draft for the half-year still being reported. Made once."""
        context = next(
            (p for p in self.plans if p.spec.key == c.NEXT_PLAN_KEY and p.first_year == self.this_year), None
        )
        if context is None or Report.objects.filter(plan=context.row).exists():
            return
        clerk = self.users.get(next((s.username for s in c.USERS if s.group == "Committee clerks"), ""))
        quarter = self.periods.get((self.this_year, PeriodKind.QUARTER.value, 1))
        half = self.periods.get((self.this_year, PeriodKind.HALF.value, 1))
        created = 0
        reported = (ReportingPeriod.State.CLOSED, ReportingPeriod.State.PUBLISHED)
        if quarter is not None and quarter.state in reported:
            meeting = weekday_on_or_before(quarter.end_date + timedelta(days=75))
            report = report_create(user=clerk, plan=context.row, period=quarter, meeting_date=meeting)
            report_publish(report=report, user=clerk)
            created += 1
        if half is not None and half.state != ReportingPeriod.State.SCHEDULED:
            meeting = weekday_on_or_before(half.end_date + timedelta(days=75))
            report_create(user=clerk, plan=context.row, period=half, meeting_date=meeting)
            created += 1
        self.created["reports"] = created

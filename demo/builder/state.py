"""What the builder's steps share: the day, the calendar, and the rows made or found so far, by natural key.

Each group of steps (``organisation``, ``plans``, ``tasks``, ``indicators``, ``workflow``) is a class built on
:class:`BuildState`; the builder (``load``) is all of them, run in order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from indicators.models import Framework, Indicator
from plans.models import Objective, Officer, OrganisationUnit, Priority, ReportingPeriod

from .. import content as c
from .dates import Calendar
from .drafts import PlanContext, TaskDraft


class BuildState:
    """The state every step reads and fills in."""

    # Filled in by the steps, in the order the builder runs them.
    units: dict[str, OrganisationUnit]
    new_units: list[tuple[OrganisationUnit, c.UnitSpec]]
    officers: dict[str, Officer]
    officer_specs: dict[str, c.OfficerSpec]
    priorities: dict[str, Priority]
    frameworks: dict[str, Framework]
    periods: dict[tuple[int, str, int], ReportingPeriod]
    plans: list[PlanContext]
    objectives: dict[tuple[int, str | None, str], Objective]
    drafts: list[TaskDraft]
    indicators: list[tuple[Indicator, c.IndicatorSpec, PlanContext, c.SectionSpec]]

    def __init__(self, *, password: str | None, today: date):
        self.password = password
        self.today = today
        self.calendar = Calendar(today)
        self.this_year = self.calendar.year.start_year
        self.created: dict[str, int] = defaultdict(int)
        self.users: dict[str, object] = {}
        self.user_of_officer: dict[str, object] = {}
        self.new_users: list[str] = []
        self.password_set_for: list[str] = []
        self.generated_password: str | None = None

    def _user_for(self, officer_keys: Iterable[str]):
        return next((self.user_of_officer[k] for k in officer_keys if k in self.user_of_officer), None)

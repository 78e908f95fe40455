from django.conf import settings

from serviceplans.permissions import Actor, can_run_periods, can_see_signoff
from serviceplans.roles import COMMITTEE_CLERKS

from .permissions import request_actor


def _everyone(actor: Actor) -> bool:
    return True


def _performance_team(actor: Actor) -> bool:
    return actor.runs_everything


#: The main navigation: URL name, words, and who sees the entry (the pages check permission themselves).
NAV_ITEMS = [
    ("home", "My updates", _everyone),
    ("reporting:dashboard", "Dashboard", _everyone),
    ("actions:task-list", "Tasks", _everyone),
    ("indicators:indicator-list", "Indicators", _everyone),
    ("plans:plan-list", "Plans", _everyone),
    ("risks:risk-list", "Risks", _everyone),  # the risk register (issue 17)
    ("reporting:report-list", "Reports", _everyone),
    ("actions:return-list", "Sign-off", can_see_signoff),
    ("plans:period-list", "Periods", can_run_periods),
    ("workbook:import-upload", "Import", _performance_team),
]


def _home_words(actor: Actor) -> str:
    """“My updates” for officers; “Home” for the performance team and clerks, whose home page is theirs
    (the year at a glance, the reports to prepare: reporting.home) rather than returns."""
    if actor.officer_id is None and (actor.runs_everything or COMMITTEE_CLERKS in actor.roles):
        return "Home"
    return "My updates"


def council(request):
    """The council's name for the page header and titles, and the navigation this person may use."""

    def nav_items():
        if not request.user.is_authenticated:
            return []
        actor = request_actor(request)
        return [
            (url_name, _home_words(actor) if url_name == "home" else words)
            for url_name, words, shown_to in NAV_ITEMS
            if shown_to(actor)
        ]

    return {"council_name": settings.COUNCIL_NAME, "nav_items": nav_items}

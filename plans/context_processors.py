from django.conf import settings

from serviceplans.permissions import Actor, can_run_periods, can_see_signoff

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


def council(request):
    """The council's name for the page header and titles, and the navigation this person may use."""

    def nav_items():
        if not request.user.is_authenticated:
            return []
        actor = request_actor(request)
        return [(url_name, words) for url_name, words, shown_to in NAV_ITEMS if shown_to(actor)]

    return {"council_name": settings.COUNCIL_NAME, "nav_items": nav_items}

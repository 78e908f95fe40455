from django.conf import settings

NAV_ITEMS = [
    ("home", "My updates"),
    ("reporting:dashboard", "Dashboard"),
    ("actions:task-list", "Tasks"),
    ("indicators:indicator-list", "Indicators"),
    ("plans:plan-list", "Plans"),
]


def council(request):
    """The council's name for the page header and titles."""
    return {"council_name": settings.COUNCIL_NAME, "nav_items": NAV_ITEMS}

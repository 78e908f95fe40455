"""The people who use the system, as Django groups.

- **Performance team**: sets up the year, runs the reporting cycle and can change everything.
- **Committee clerks**: publish committee papers; read everything, change nothing.
- **Managers**: check their unit's returns (and the units beneath it).
- **Officers**: report progress on the tasks and indicators they are responsible for.
- **Members**: councillors; read only.

Admin (the Django admin site) is for the performance team and superusers: their group carries the model
permissions admin needs. What officers and managers may change is decided object by object elsewhere.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

PERFORMANCE_TEAM = "Performance team"
COMMITTEE_CLERKS = "Committee clerks"
MANAGERS = "Managers"
OFFICERS = "Officers"
MEMBERS = "Members"

ALL_ROLES = [PERFORMANCE_TEAM, COMMITTEE_CLERKS, MANAGERS, OFFICERS, MEMBERS]
PRODUCT_APPS = ["plans", "actions", "indicators", "reporting"]


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Create the groups if missing and give the performance team every permission on the product's data,
    and clerks the view permissions. Safe to run any number of times."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ALL_ROLES}
    product_permissions = Permission.objects.filter(content_type__app_label__in=PRODUCT_APPS)
    groups[PERFORMANCE_TEAM].permissions.add(*product_permissions)
    groups[COMMITTEE_CLERKS].permissions.add(*product_permissions.filter(codename__startswith="view_"))
    return groups

from django.core.management.base import BaseCommand

from serviceplans.roles import roles_ensure


class Command(BaseCommand):
    help = (
        "Create the user groups (performance team, committee clerks, managers, officers, members) and give "
    )
    help += "the performance team and clerks their admin permissions. Safe to run again after every migrate."

    def handle(self, *args, **options):
        groups = roles_ensure()
        self.stdout.write("Groups ready: " + ", ".join(groups))

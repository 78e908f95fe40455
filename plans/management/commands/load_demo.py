"""``python manage.py load_demo [--password PW]``: build the demo council for the current financial year."""

from django.core.management.base import BaseCommand

from plans.demo.builder import demo_council_load


class Command(BaseCommand):
    help = (
        "Load a demo council (units, officers, priorities, plans, tasks, indicators, periods, returns and five "
        "sign-ins) for the financial year containing today. Safe to run again: only what is missing is added."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password for the demo users (admin, performance, clerk, manager, officer). Without it, new "
            "users get a generated password that is printed once, and existing users keep theirs.",
        )

    def handle(self, *args, password=None, **options):
        demo_council_load(password=password, stdout=self.stdout)

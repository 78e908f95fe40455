"""``python manage.py load_demo [--password PW] [--scale N]``: build the demo council for the current
financial year, optionally N times over (for measuring how pages cope with a large council)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.builder import demo_council_load
from demo.scale import demo_council_scale


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
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Make the council N times its size by copying its directorates, officers, plans, tasks, "
            "indicators and returns (bulk inserts; 100 takes about a minute). Default 1: the demo as it is.",
        )

    def handle(self, *args, password=None, scale=1, **options):
        if not 1 <= scale <= 1000:
            raise CommandError("--scale must be between 1 and 1000.")
        demo_council_load(password=password, stdout=self.stdout)
        if scale > 1:
            try:
                summary = demo_council_scale(copies=scale)
            except ValueError as error:
                raise CommandError(str(error)) from error
            for line in summary.lines():
                self.stdout.write(line + "\n")
        # A bulk load: the query planner's statistics are brought up to date with it, as after any big load
        # (SQLite has none until asked; PostgreSQL's autovacuum would get there later). With them it reads
        # the judgements and updates the lists join from their covering indexes instead of the wide rows.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

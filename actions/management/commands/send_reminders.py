"""``python manage.py send_reminders [--date YYYY-MM-DD]``: e-mail today's return reminders (for cron)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from actions.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "E-mail each officer one digest of their due and overdue returns, and each manager the officers in "
        "their units whose returns are late. Safe to run more than once a day: nothing is sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Send as if today were this date (YYYY-MM-DD), for testing or catching up a missed day.",
        )

    def handle(self, *args, date=None, **options):
        today = timezone.localdate()
        if date:
            try:
                today = _parse(date)
            except ValueError as error:
                raise CommandError(f"--date must be a date like 2026-11-23, not {date!r}.") from error
        summary = reminders_send(today=today)
        for line in summary.lines():
            self.stdout.write(line)


def _parse(text: str) -> date:
    return date.fromisoformat(text)

from django.core.management.base import BaseCommand

from indicators.judgements import refresh_all


class Command(BaseCommand):
    help = (
        "Judge every indicator afresh for every period and store the judgements (RAG, symbol, direction, "
        "reason) that lists, the dashboard and the API read. Safe to run at any time."
    )

    def handle(self, *args, **options):
        written = refresh_all()
        self.stdout.write(f"{written} judgements written.")

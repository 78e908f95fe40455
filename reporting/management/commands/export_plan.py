"""``python manage.py export_plan --plan SLUG --format pdf|xlsx --output FILE``"""

from django.core.management.base import BaseCommand, CommandError

from reporting.management.commands.committee_report import write_output
from reporting.reports.plan_document import PlanDocument, plan_for_document
from reporting.workbook.export import plan_workbook_bytes


class Command(BaseCommand):
    help = "Export a plan as a PDF document (cover, contents, a chapter per section) or as Excel (import format)."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="The plan's slug.")
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args, plan, format, output, **options):
        found = plan_for_document().filter(slug=plan).first()
        if found is None:
            raise CommandError(f"There is no plan with the slug “{plan}”.")
        body = PlanDocument.for_plan(found).pdf() if format == "pdf" else plan_workbook_bytes(found)
        write_output(output, body)
        self.stdout.write(f"Wrote {found} ({format.upper()}, {len(body):,} bytes) to {output}")

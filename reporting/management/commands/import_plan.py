"""``python manage.py import_plan FILE [--dry-run]``: import a plan workbook, all or nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reporting.workbook.importer import plan_import


class Command(BaseCommand):
    help = (
        "Import a plan from an Excel workbook (Plan, Tasks, Indicators and optional Progress and Actuals "
        "sheets) as a new draft plan. All or nothing: on any error nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx workbook.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the workbook and show the summary; write nothing."
        )

    def handle(self, *args, file: str, dry_run: bool = False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        if path.stat().st_size > settings.IMPORT_MAX_BYTES:
            raise CommandError(
                f"{file}: the file is larger than the limit of {settings.IMPORT_MAX_BYTES:,} bytes "
                "(IMPORT_MAX_BYTES)."
            )
        result = plan_import(workbook_bytes=path.read_bytes(), dry_run=dry_run)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(f"Error: {error}")
            for warning in result.warnings:
                self.stderr.write(f"Warning: {warning}")
            raise CommandError(f"{len(result.errors)} error(s): nothing was imported.")
        for line in result.summary_lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported “{result.plan_title}” as a draft plan."))

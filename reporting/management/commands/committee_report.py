"""``python manage.py committee_report --plan SLUG --period "2008/09 H1" --format pdf --output FILE``"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.models import OrganisationUnit, Plan, ReportingPeriod
from reporting.reports.committee import CommitteeReport
from reporting.reports.services import report_build
from serviceplans.periods import Period, PeriodParseError

FORMATS = ["pdf", "html", "xlsx"]


class Command(BaseCommand):
    help = (
        "Render a committee progress report for a plan, or a unit and everything beneath it, for a period, "
        "as PDF, HTML or Excel. The texts are written from the data, as for a new report; nothing is saved."
    )

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--plan", help="The plan's slug.")
        scope.add_argument("--unit", help="The unit's slug: its plans and those of every unit beneath it.")
        parser.add_argument("--period", required=True, help='For example "2008/09 H1" or "2008/09 Q2".')
        parser.add_argument("--format", choices=FORMATS, default="pdf")
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument("--committee", default="", help="The committee the report goes to.")
        parser.add_argument("--exceptions-only", action="store_true", help="Only red, amber and missing.")
        parser.add_argument("--no-tasks", action="store_true", help="Leave out the action plan.")
        parser.add_argument("--no-indicators", action="store_true", help="Leave out the indicators.")
        parser.add_argument("--risks", action="store_true", help="Add the risks annex (with its heat map).")

    def handle(self, *args, plan=None, unit=None, period, format, output, **options):
        scope = {}
        if plan:
            scope["plan"] = Plan.objects.filter(slug=plan).select_related("owner").first()
            if scope["plan"] is None:
                raise CommandError(f"There is no plan with the slug “{plan}”.")
        else:
            scope["unit"] = OrganisationUnit.objects.filter(slug=unit).select_related("head").first()
            if scope["unit"] is None:
                raise CommandError(f"There is no unit with the slug “{unit}”.")
        if options["no_tasks"] and options["no_indicators"]:
            raise CommandError("A report needs the tasks, the indicators or both.")
        report = report_build(
            period=reporting_period(period),
            committee=options["committee"],
            include_tasks=not options["no_tasks"],
            include_indicators=not options["no_indicators"],
            exceptions_only=options["exceptions_only"],
            include_risks=options["risks"],
            **scope,
        )
        paper = CommitteeReport.for_report(report)
        body = {"pdf": paper.pdf, "xlsx": paper.xlsx, "html": lambda: paper.html().encode()}[format]()
        write_output(output, body)
        self.stdout.write(f"Wrote {report.title} ({format.upper()}, {len(body):,} bytes) to {output}")


def reporting_period(text: str) -> ReportingPeriod:
    """The reporting period written like “2008/09 H1”, or a CommandError saying what is wrong."""
    try:
        parsed = Period.parse(text)
    except PeriodParseError as error:
        raise CommandError(str(error)) from error
    found = ReportingPeriod.objects.filter(
        financial_year=parsed.year.start_year, kind=parsed.kind.value, number=parsed.number
    ).first()
    if found is None:
        raise CommandError(f"There is no reporting period {parsed.label}: the performance team sets them up.")
    if found.kind not in ("quarter", "half", "year"):
        raise CommandError("Committee reports cover a quarter, a half-year or a year.")
    return found


def write_output(output: str, body: bytes) -> None:
    try:
        Path(output).write_bytes(body)
    except OSError as error:
        raise CommandError(f"Cannot write {output}: {error.strerror}") from error

"""How long the largest realistic committee report takes: ``.venv/bin/python -m reporting.benchmark``.

Builds a council with 500 tasks and 200 indicators (one plan, five sections, ten objectives each, two
officers a task, a return with commentary for every task, targets and values for every indicator) in a
throwaway SQLite file, then renders the committee report for the period as PDF and Excel and prints the
seconds, pages, size and peak memory of each step. It prints figures and asserts nothing; the decision
they support is in docs/adr/0002-report-rendering.md.

Options: ``--tasks N --indicators N`` to change the size, ``--repeat N`` to render N times and report each,
``--tracemalloc`` to also report the peak of Python's own allocations (slower: it traces every one).
"""

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

COMMENTARY = (
    "Work is progressing in line with the project plan. The consultation closed at the end of August and "
    "the responses are being analysed; a report with options goes to Cabinet in November. Spend is within "
    "budget and the main risks are being managed."
)


def _peak_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def _measured(label: str, results: list, use_tracemalloc: bool):
    if use_tracemalloc:
        tracemalloc.start()
    start, cpu_start = time.perf_counter(), time.process_time()
    info: dict = {}
    yield info
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    traced = ""
    if use_tracemalloc:
        traced = f", Python heap peak {tracemalloc.get_traced_memory()[1] / 1e6:.0f} MB"
        tracemalloc.stop()
    extra = ", ".join(f"{key} {value}" for key, value in info.items())
    line = (
        f"{label:<16} {seconds:6.2f} s ({cpu:.2f} s CPU){', ' + extra if extra else ''}, "
        f"peak RSS {_peak_mb():.0f} MB{traced}"
    )
    results.append(line)
    print(line, flush=True)


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def build_council(*, tasks: int, indicators: int, year: int = 2026):
    """A plan with ``tasks`` tasks and ``indicators`` indicators across five sections, with returns."""
    from actions.models import ProgressUpdate, Task, TaskOfficer
    from indicators.judgements import refresh_for
    from indicators.models import Framework, Indicator, IndicatorValue, Target
    from plans.models import Objective, Officer, OrganisationUnit, Plan, PlanSection, ReportingPeriod

    council = OrganisationUnit.objects.create(name="Benchmark Council", kind="council", slug="bench-council")
    directorate = OrganisationUnit.objects.create(
        name="Place", kind="directorate", parent=council, slug="bench-place"
    )
    services = [
        OrganisationUnit.objects.create(name=name, kind="service", parent=directorate, slug=f"bench-{n}")
        for n, name in enumerate(["Waste", "Parks", "Highways", "Planning", "Housing"])
    ]
    officers = Officer.objects.bulk_create(
        [Officer(name=f"Officer {n}", job_title="Team Leader", unit=services[n % 5]) for n in range(40)]
    )
    periods = {
        key: ReportingPeriod.objects.create(financial_year=fy, kind="quarter", number=number, state=state)
        for key, fy, number, state in [
            ("q1", year, 1, "closed"),
            ("q2", year, 2, "closed"),
            ("last_q2", year - 1, 2, "published"),
        ]
    }
    plan = Plan.objects.create(
        title="Place Directorate Service Plan",
        slug="bench-plan",
        unit=directorate,
        first_year=year,
        status="published",
    )
    sections = [
        PlanSection.objects.create(plan=plan, title=service.name, unit=service, order=n)
        for n, service in enumerate(services)
    ]
    objectives = Objective.objects.bulk_create(
        [
            Objective(
                plan=plan,
                section=section,
                reference=f"{s + 1}.{o + 1}",
                text=f"To improve {section.title.lower()} services for residents, objective {o + 1}",
                order=o,
            )
            for s, section in enumerate(sections)
            for o in range(10)
        ]
    )
    statuses = ["green"] * 6 + ["amber", "red", "completed", "not_started"]
    task_rows = Task.objects.bulk_create(
        [
            Task(
                plan=plan,
                section=sections[n % 5],
                objective=objectives[(n % 5) * 10 + (n // 5) % 10],
                reference=f"T{n + 1}",
                text=f"Deliver the improvement programme for {sections[n % 5].title.lower()}, stage {n + 1}, "
                "working with partners and reporting progress to members",
                due_date_text="By March 2027" if n % 3 else "On-going",
                ongoing=n % 3 == 0,
                order=n,
            )
            for n in range(tasks)
        ]
    )
    TaskOfficer.objects.bulk_create(
        [
            TaskOfficer(task=task, officer=officers[(n + k) % len(officers)], order=k)
            for n, task in enumerate(task_rows)
            for k in range(2)
        ]
    )
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                task=task,
                period=periods["q2"],
                percent_complete=50 if statuses[n % 10] != "completed" else 100,
                status=statuses[n % 10],
                commentary=COMMENTARY,
            )
            for n, task in enumerate(task_rows)
        ]
    )
    frameworks = [
        Framework.objects.get_or_create(code=code, defaults={"name": code})[0] for code in ("LAA", "Corp.")
    ]
    indicator_rows = Indicator.objects.bulk_create(
        [
            Indicator(
                plan=plan,
                section=sections[n % 5],
                name=f"Percentage of residents satisfied with the service, measure {n + 1}",
                reference_code=f"LPI {n + 1:03d}",
                unit="percent",
                decimal_places=1,
                order=n,
            )
            for n in range(indicators)
        ]
    )
    Indicator.frameworks.through.objects.bulk_create(
        [
            Indicator.frameworks.through(indicator=indicator, framework=framework)
            for indicator in indicator_rows
            for framework in frameworks
        ]
    )
    Target.objects.bulk_create(
        [
            Target(indicator=i, financial_year=fy, value=Decimal(v))
            for i in indicator_rows
            for fy, v in ((year, 80), (year - 1, 75))
        ]
    )
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(indicator=i, period=periods[key], value=Decimal(value), note=note)
            for n, i in enumerate(indicator_rows)
            for key, value, note in (
                ("last_q2", 74, ""),
                ("q1", 78, ""),
                ("q2", 70 + n % 15, "Satisfaction rose after the new contract began." if n % 2 else ""),
            )
        ]
    )
    refresh_for([indicator.pk for indicator in indicator_rows])  # as every write path does
    return plan, periods["q2"]


def run(*, tasks: int, indicators: int, repeat: int, use_tracemalloc: bool, output: Path | None) -> list[str]:
    from pypdf import PdfReader

    from reporting.reports.committee import CommitteeReport
    from reporting.reports.pdf import render_pdf
    from reporting.reports.services import report_build

    results: list[str] = []
    with _measured("build data", results, False) as info:
        plan, period = build_council(tasks=tasks, indicators=indicators)
        info["tasks"], info["indicators"] = tasks, indicators
    for attempt in range(1, repeat + 1):
        suffix = f" #{attempt}" if repeat > 1 else ""
        with _measured(f"gather + HTML{suffix}", results, use_tracemalloc) as info:
            report = report_build(plan=plan, period=period, committee="Benchmark Committee")
            paper = CommitteeReport.for_report(report)
            html = paper.html()
            info["HTML"] = f"{len(html) / 1e6:.1f} MB"
        with _measured(f"PDF{suffix}", results, use_tracemalloc) as info:
            pdf = render_pdf(CommitteeReport(paper.content).html())  # laid out every time, never a kept PDF
            info["pages"] = len(PdfReader(_bytes_io(pdf)).pages)
            info["size"] = f"{len(pdf) / 1e6:.1f} MB"
        with _measured(f"Excel{suffix}", results, use_tracemalloc) as info:
            xlsx = paper.xlsx()
            info["size"] = f"{len(xlsx) / 1e6:.2f} MB"
    print(f"Finished with {_load()}", flush=True)
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        (output / "benchmark.pdf").write_bytes(pdf)
        (output / "benchmark.xlsx").write_bytes(xlsx)
        (output / "benchmark.html").write_text(html)
        print(f"Wrote benchmark.pdf, benchmark.xlsx and benchmark.html to {output}")
    return results


def _bytes_io(data: bytes):
    from io import BytesIO

    return BytesIO(data)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=500)
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--output", type=Path, help="A folder to write the PDF and Excel files to.")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        # A throwaway database: set before Django reads its settings, removed when we finish.
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'benchmark.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serviceplans.settings")
        # A developer's tool on a throwaway database: the development settings, as before DEBUG was off
        # by default (the figures are WeasyPrint's and openpyxl's, which DEBUG does not change).
        os.environ.setdefault("DEBUG", "true")
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        import django
        from django.core.management import call_command

        django.setup()
        print(f"Migrating a throwaway database in {folder}…", flush=True)
        call_command("migrate", verbosity=0)
        print(
            f"{os.cpu_count()} CPUs, {_load()}; WeasyPrint {__import__('weasyprint').__version__}", flush=True
        )
        run(
            tasks=args.tasks,
            indicators=args.indicators,
            repeat=args.repeat,
            use_tracemalloc=args.tracemalloc,
            output=args.output,
        )


if __name__ == "__main__":
    main()

"""``make bench``: what every main page costs at 1× and 10× the demo council (``.venv/bin/python scripts/bench.py``).

For each size it builds the demo council (``load_demo --scale N``) in its own throwaway SQLite file, then
starts a process for each size, signed in as the performance team through Django's test client, and asks for
every main page and export in them by turns, one request at a time (1×, 10×, 10×, 1×…), so that the sizes are
measured at the same moments; it prints the number of SQL queries, the median milliseconds and the size of the
answer, beside an empty view measured in the same processes (what the middleware, session and sign-in cost
alone).
Then, unless told not to: the committee PDF (500 tasks, 200 indicators) beside bare WeasyPrint on the same
HTML, a 2,000-row plan workbook import, and 20,000-row Excel exports of the task and indicator lists (median
seconds of 3, queries, memory growth and Python heap peak, beside bare openpyxl writing the same rows).

It prints figures and asserts nothing. Options: ``--sizes 1,10,100``, ``--repeat N``, ``--rounds N`` (every
page measured N times over, 3 by default), ``--no-pdf``,
``--no-import``, ``--no-export``, ``--export-rows N``, ``--only PAGE`` (a page's name, repeatable; ``tasks
Excel`` or ``indicators Excel`` also picks the big export), ``--instructions`` (instead of timing, the machine
instructions a request of each ``--only`` page takes at each size, counted by valgrind: the same on a busy
machine as on a quiet one).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Development settings, as `make run` has them (and as every figure in the issues and ADRs was measured): the
# production defaults fail closed without a SECRET_KEY and would redirect the test client to HTTPS.
os.environ.setdefault("DEBUG", "true")
PASSWORD = "bench-password-1"

#: The pages measured, in the order printed.
PAGES = (
    "empty view",
    "My updates",
    "task page",
    "indicator page",
    "tasks list",
    "indicators list",
    "indicators, red and amber",
    "plans list",
    "dashboard",
    "sign-off",
    "council report preview",
    "tasks Excel",
    "indicators Excel",
)
#: The downloads of every row a list holds: their cost follows the rows, so they are printed apart, with the
#: rows they hold and the time a row (the 20,000-row exports below measure them at a county's size).
DOWNLOADS = ("tasks Excel", "indicators Excel")


def _django(database: Path | None) -> None:
    if database is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serviceplans.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _manage(database: Path, *args: str) -> None:
    env = os.environ | {"DATABASE_URL": f"sqlite:///{database}"}
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], check=True, env=env, cwd=ROOT)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the child: one database, every page ------------------------------------------------------------------


def _urls() -> dict[str, str]:
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from actions.models import Task
    from indicators.models import Indicator
    from plans.models import OrganisationUnit, ReportingPeriod
    from reporting.reports.services import report_create

    task = Task.objects.order_by("id").first()
    indicator = Indicator.objects.filter(values__isnull=False).order_by("id").first()
    council = OrganisationUnit.objects.get(parent__isnull=True)
    period = (
        ReportingPeriod.objects.filter(kind="quarter", state="open").order_by("-start_date").first()
        or ReportingPeriod.objects.filter(kind="quarter").order_by("-start_date").first()
    )
    user = get_user_model().objects.get(username="performance")
    report = report_create(user=user, unit=council, period=period, committee="Bench Committee")
    return {
        "empty view": "/__bench_empty__/",
        "My updates": reverse("home"),
        "task page": reverse("actions:task-detail", args=[task.pk]),
        "indicator page": reverse("indicators:indicator-detail", args=[indicator.pk]),
        "tasks list": reverse("actions:task-list"),
        "indicators list": reverse("indicators:indicator-list"),
        "indicators, red and amber": reverse("indicators:indicator-list") + "?rag=red&rag=amber&sort=rag",
        "plans list": reverse("plans:plan-list"),
        "dashboard": reverse("reporting:dashboard"),
        "sign-off": reverse("actions:return-list"),
        "council report preview": reverse("reporting:report-detail", args=[report.pk]),
        "tasks Excel": reverse("actions:task-list") + "?format=xlsx",
        "indicators Excel": reverse("indicators:indicator-list") + "?format=xlsx",
    }


def request_page(database: Path, page: str, requests: int) -> dict:
    """Sign in, ask for ``page`` twice (warm-up), then ``requests`` more times: what the parent runs under
    valgrind, with 0 and with N requests, so the difference is N requests' instructions and nothing else."""
    _django(database)
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    url = _urls()[page]
    client = Client()
    client.force_login(get_user_model().objects.get(username="performance"))
    for _ in range(2 + requests):
        response = client.get(url)
        assert response.status_code == 200, (page, url, response.status_code)
        _body_size(response)
    return {}


def _body(response) -> bytes:
    """A response's body, streamed (the Excel downloads) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def _body_size(response) -> int:
    return len(_body(response))


def serve_pages(database: Path, only: list[str]) -> None:
    """A child that keeps one size's council open: signed in, every page asked for once (warm-up: caches,
    templates, the first query plans), then, for each page name read from stdin, one request timed, its
    queries counted and its size, written back as a JSON line. The parent asks every size's child in turn,
    request by request, so each size is measured at the same moments as the others."""
    # The Excel rows time the writing itself at every size: over EXPORT_BACKGROUND_ROWS a user's download is
    # made by the worker through this same code (the hand-off alone is one COUNT and a redirect).
    os.environ["EXPORT_BACKGROUND_ROWS"] = str(10**9)
    _django(database)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import clear_url_caches, path

    import serviceplans.urls

    setup_test_environment()
    serviceplans.urls.urlpatterns.insert(0, path("__bench_empty__/", lambda request: HttpResponse("")))
    clear_url_caches()
    urls = {name: url for name, url in _urls().items() if not only or name in only or name == "empty view"}
    client = Client()
    client.force_login(get_user_model().objects.get(username="performance"))
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        _body_size(response)
    print(json.dumps(list(urls)), flush=True)
    rows = {name: _rows_in_workbook(client.get(url)) for name, url in urls.items() if name in DOWNLOADS}
    for line in sys.stdin:
        name = line.strip()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(urls[name])
            size = _body_size(response)
            ms = (time.perf_counter() - start) * 1000
        answer = {"ms": ms, "queries": len(queries), "bytes": size, "rows": rows.get(name)}
        print(json.dumps(answer), flush=True)


def _rows_in_workbook(response) -> int:
    """How many rows a download holds (its sheet's rows below the heading)."""
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(_body(response)), read_only=True).active
    return sum(1 for _row in sheet.iter_rows(values_only=True)) - 1


class _PageServer:
    """A ``serve_pages`` child on a working copy of one size's council."""

    def __init__(self, database: Path, only: list[str]):
        self.working = database.with_name(database.stem.replace("demo-", "work-") + database.suffix)
        shutil.copyfile(database, self.working)
        env = os.environ | {"DATABASE_URL": f"sqlite:///{self.working}"}
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--child", "serve", str(self.working), *only],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            cwd=ROOT,
            text=True,
        )
        self.pages = self._answer()

    def _answer(self):
        while True:  # the child's log lines (JSON objects with a "level") are not answers
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("A page server stopped; see the error above.")
            answer = json.loads(line) if line.startswith(("[", "{")) else None
            if isinstance(answer, list) or (isinstance(answer, dict) and "ms" in answer):
                return answer

    def request(self, page: str) -> dict:
        self.process.stdin.write(page + "\n")
        self.process.stdin.flush()
        return self._answer()

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=60)
        self.working.unlink(missing_ok=True)


def measure_pages(folder: Path, sizes: list[int], rounds: int, repeat: int, only: list[str]) -> dict:
    """Every page at every size, ``rounds`` × ``repeat`` requests each, the sizes taking turns request by
    request (1×, 10×, 10×, 1×, …: the order swapped each time, so neither always goes first): a machine
    that runs slower for a while, as this one does for minutes at a time, slows every size alike."""
    servers = {size: _PageServer(folder / f"demo-{size}x.sqlite3", only) for size in sizes}
    results: dict[int, dict] = {size: {} for size in sizes}
    try:
        pages = servers[sizes[0]].pages
        for number in range(1, rounds + 1):
            for page in pages:
                for turn in range(repeat):
                    for size in sizes if turn % 2 == 0 else reversed(sizes):
                        answer = servers[size].request(page)
                        row = results[size].setdefault(page, {"times": []})
                        row["times"].append(answer["ms"])
                        row["queries"], row["bytes"], row["rows"] = (
                            answer["queries"],
                            answer["bytes"],
                            answer["rows"],
                        )
            print(
                f"  round {number} of {rounds}: "
                + ", ".join(
                    f"{page} "
                    + "/".join(f"{statistics.median(results[s][page]['times']):.1f}" for s in sizes)
                    for page in pages
                ),
                flush=True,
            )
    finally:
        for server in servers.values():
            server.close()
    for rows in results.values():
        for row in rows.values():
            row["ms"] = statistics.median(row["times"])
    return results


def measure_pdf() -> dict:
    # PDFs kept by content go to a throwaway folder, so a run never finds one kept by an earlier run.
    kept = tempfile.mkdtemp(prefix="bench-private-")
    os.environ["PRIVATE_STORAGE_DIR"] = kept
    _django(None)
    from django.core.management import call_command
    from weasyprint import HTML

    from reporting.benchmark import build_council
    from reporting.reports.committee import CommitteeReport
    from reporting.reports.pdf import (
        BASE_URL,
        PDF_VARIANT,
        StaticFilesFetcher,
        html_to_pdf,
        pdf_parts,
        render_pdf,
    )
    from reporting.reports.services import report_build

    call_command("migrate", verbosity=0)
    plan, period = build_council(tasks=500, indicators=200)
    start = time.perf_counter()
    report = report_build(plan=plan, period=period, committee="Benchmark Committee")
    paper = CommitteeReport.for_report(report)
    html = paper.html()
    gathered = time.perf_counter() - start
    parts = len(pdf_parts(html))
    start = time.perf_counter()
    render_pdf(html)
    app = time.perf_counter() - start
    start = time.perf_counter()
    HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()).write_pdf(
        pdf_variant=PDF_VARIANT, pdf_tags=True
    )
    bare = time.perf_counter() - start
    html_to_pdf(html)  # rendered and kept
    start = time.perf_counter()
    html_to_pdf(html)  # the same content again: read back
    again = time.perf_counter() - start
    shutil.rmtree(kept, ignore_errors=True)
    return {
        "gather + HTML s": gathered,
        "app PDF s": app,
        "parts": parts,
        "bare WeasyPrint s": bare,
        "unchanged again s": again,
    }


def measure_import() -> dict:
    _django(None)
    from django.core.management import call_command

    from reporting.benchmark import build_council
    from reporting.workbook.export import plan_workbook_bytes
    from reporting.workbook.importer import plan_import

    call_command("migrate", verbosity=0)
    plan, _period = build_council(tasks=1600, indicators=400)
    data = plan_workbook_bytes(plan)
    plan.slug, plan.title = "bench-plan-old", "Old plan"
    plan.save(update_fields=["slug", "title"])
    start = time.perf_counter()
    result = plan_import(workbook_bytes=data, dry_run=False)
    seconds = time.perf_counter() - start
    return {"rows": 2000, "ok": result.ok, "s": seconds, "errors": [str(e) for e in result.errors[:3]]}


EXPORTS = {"tasks": "/tasks/?format=xlsx", "indicators": "/indicators/?format=xlsx"}


def _bare_openpyxl_seconds(data: bytes) -> float:
    """The floor: bare openpyxl (write-only, plain values, no styles) writing the same rows again."""
    from io import BytesIO

    from openpyxl import Workbook, load_workbook

    rows = list(load_workbook(BytesIO(data), read_only=True).active.values)
    start = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sheet")
    for row in rows:
        sheet.append(row)
    with tempfile.TemporaryFile() as output:
        workbook.save(output)
    return time.perf_counter() - start


def measure_export(rows: int, database: Path, kind: str, repeat: int) -> dict:
    """One list's Excel download of ``rows`` rows (tasks and indicators, built once into ``database``):
    the median seconds, the process's memory growth over it, the peak of Python's own allocations, the
    queries, and bare openpyxl writing the same rows as the floor. Written in the request whatever its size:
    over ``EXPORT_BACKGROUND_ROWS`` the worker writes it through this same download."""
    os.environ["EXPORT_BACKGROUND_ROWS"] = str(rows)
    _django(database)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from reporting.benchmark import build_council
    from serviceplans.roles import PERFORMANCE_TEAM, roles_ensure

    setup_test_environment()
    if kind == "build":  # in a process of its own, so that building is not in the others' peak memory
        call_command("migrate", verbosity=0)
        build_council(tasks=rows, indicators=rows)
        groups = roles_ensure()
        user = get_user_model().objects.create_user("performance", password=PASSWORD)
        user.groups.add(groups[PERFORMANCE_TEAM])
        return {}
    client = Client()
    client.force_login(get_user_model().objects.get(username="performance"))
    client.get(EXPORTS[kind].replace("format=xlsx", "page=1"))  # warm-up: the list page, not the export
    before = _peak_mb()
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(EXPORTS[kind])
            data = _body(response)
            times.append(time.perf_counter() - start)
        count = len(queries)  # now: the next request empties the connection's log
    peak = _peak_mb()
    # Again under tracemalloc (slower, so not timed): the peak of Python's own allocations.
    tracemalloc.start()
    _body_size(client.get(EXPORTS[kind]))
    heap = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return {
        "kind": kind,
        "rows": rows,
        "status": response.status_code,
        "s": statistics.median(times),
        "queries": count,
        "MB": len(data) / 1e6,
        "Python heap peak MB": heap,
        "RSS growth MB": peak - before,
        "RSS peak MB": peak,
        "bare openpyxl s": _bare_openpyxl_seconds(data),
    }


# -- the parent: build, run the children, print ----------------------------------------------------------


def _child(*args: str, database: Path | None = None) -> dict:
    env = dict(os.environ)
    if database is None:
        folder = tempfile.mkdtemp(prefix="bench-")
        env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    output = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if database is None:
        shutil.rmtree(folder, ignore_errors=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


REQUESTS_COUNTED = 10


def _instructions(database: Path, page: str, requests: int) -> tuple[int, int]:
    """(every instruction, SQLite's) of a child process asking for ``page``, counted by callgrind."""
    with tempfile.TemporaryDirectory(prefix="bench-calls-") as folder:
        working, out = Path(folder) / "work.sqlite3", Path(folder) / "callgrind.out"
        shutil.copyfile(database, working)
        env = os.environ | {"DATABASE_URL": f"sqlite:///{working}"}
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__]
            + ["--child", "request", str(working), page, str(requests)],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
        )
        total = int(
            next(line for line in out.read_text().splitlines() if line.startswith("summary:")).split()[1]
        )
        annotated = subprocess.run(
            ["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        sqlite = next(
            (
                int(line.split()[0].replace(",", ""))
                for line in annotated.splitlines()
                if ":sqlite3_step " in line
            ),
            0,
        )
    return total, sqlite


def count_instructions(sizes: list[int], pages: list[str], keep: Path | None) -> None:
    """Print each page's instructions a request at each size: a run with 0 requests and one with
    ``REQUESTS_COUNTED`` after the same start, the difference divided by that number."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt install valgrind).")
    folder = keep or Path(tempfile.mkdtemp(prefix="bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for size in sizes:
            database = folder / f"demo-{size}x.sqlite3"
            if not database.exists():
                _manage(database, "migrate", "--verbosity", "0")
                _manage(database, "load_demo", "--password", PASSWORD, "--scale", str(size))
        for page in pages:
            first = None
            for size in sizes:
                database = folder / f"demo-{size}x.sqlite3"
                base, base_sqlite = _instructions(database, page, 0)
                total, sqlite = _instructions(database, page, REQUESTS_COUNTED)
                each, each_sqlite = (
                    (total - base) / REQUESTS_COUNTED,
                    (sqlite - base_sqlite) / REQUESTS_COUNTED,
                )
                first = first or each
                print(
                    f"{page:<24} {size:>4}× {each / 1e6:8.1f} M instructions a request "
                    f"(SQLite {each_sqlite / 1e6:6.1f} M, the rest {(each - each_sqlite) / 1e6:6.1f} M)  "
                    f"{each / first:5.2f}× the first size",
                    flush=True,
                )
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="Go through every page this many times, each time --repeat requests of it at each size (the sizes "
        "taking turns request by request), and print the median of them all.",
    )
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--no-import", action="store_true")
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument("--export-rows", type=int, default=20_000)
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument(
        "--keep", type=Path, help="Keep the scaled databases in this folder (reused if there)."
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="Instead of timing: the machine instructions a request of each --only page (default: the "
        "dashboard) takes at each size, counted by valgrind (the same figure on a busy or a quiet machine; "
        "about two minutes a page and size).",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        kind, *rest = args.child
        if kind == "serve":
            serve_pages(Path(rest[0]), rest[1:])
            return
        if kind == "pdf":
            result = measure_pdf()
        elif kind == "import":
            result = measure_import()
        elif kind == "request":
            result = request_page(Path(rest[0]), rest[1], int(rest[2]))
        else:
            result = measure_export(int(rest[0]), Path(rest[1]), rest[2], int(rest[3]))
        print(json.dumps(result))
        return

    sizes = [int(s) for s in args.sizes.split(",")]
    if args.instructions:
        count_instructions(sizes, args.only or ["dashboard"], args.keep)
        return
    one, five, _ = os.getloadavg()
    print(
        f"{os.cpu_count()} CPUs, load average {one:.2f} / {five:.2f}; "
        f"median of {args.rounds} × {args.repeat} requests each, the sizes taking turns request by request"
    )
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for size in sizes:
            database = folder / f"demo-{size}x.sqlite3"
            if not database.exists():
                start = time.perf_counter()
                _manage(database, "migrate", "--verbosity", "0")
                _manage(database, "load_demo", "--password", PASSWORD, "--scale", str(size))
                print(f"Built the {size}× council in {time.perf_counter() - start:.1f} s", flush=True)
        results = measure_pages(folder, sizes, args.rounds, args.repeat, args.only)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)

    header = f"{'page':<24}" + "".join(f"{f'{s}× q':>7}{f'{s}× ms':>10}{f'{s}× KB':>9}" for s in sizes)
    header += "".join(f"{f'{s}×/1×':>8}" for s in sizes[1:])
    print(header)
    for page in PAGES:
        if page not in results[sizes[0]] or page in DOWNLOADS:
            continue
        line = f"{page:<24}"
        for size in sizes:
            row = results[size][page]
            line += f"{row['queries']:>7}{row['ms']:>10.1f}{row['bytes'] / 1024:>9.0f}"
        for size in sizes[1:]:
            line += f"{results[size][page]['ms'] / results[sizes[0]][page]['ms']:>8.2f}"
        print(line, flush=True)
    downloads = [page for page in DOWNLOADS if page in results[sizes[0]]]
    if downloads:
        print("Downloads of every row (the cost follows the rows: time a row at each size, and its ratio)")
        header = f"{'download':<24}" + "".join(
            f"{f'{s}× rows':>11}{f'{s}× ms':>10}{f'{s}× µs/row':>13}" for s in sizes
        )
        print(header + "".join(f"{f'{s}×/1×':>8}" for s in sizes[1:]))
        for page in downloads:
            each = {
                size: results[size][page]["ms"] * 1000 / max(results[size][page]["rows"], 1) for size in sizes
            }
            line = f"{page:<24}" + "".join(
                f"{results[size][page]['rows']:>11,}{results[size][page]['ms']:>10.1f}{each[size]:>13.0f}"
                for size in sizes
            )
            print(line + "".join(f"{each[size] / each[sizes[0]]:>8.2f}" for size in sizes[1:]), flush=True)

    if not args.no_export:
        folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
        try:
            database = folder / "export.sqlite3"
            _child("export", str(args.export_rows), str(database), "build", "0", database=database)
            wanted = [name for name in args.only if name.endswith(" Excel")]
            for kind in EXPORTS:
                if wanted and f"{kind} Excel" not in wanted:
                    continue
                export = _child(
                    "export",
                    str(args.export_rows),
                    str(folder / "export.sqlite3"),
                    kind,
                    "3",
                    database=folder,
                )
                print(
                    f"Excel export of {export['rows']:,} {kind}: {export['s']:.2f} s (median of 3), "
                    f"{export['queries']} queries, {export['MB']:.1f} MB file, "
                    f"Python heap peak {export['Python heap peak MB']:.0f} MB, "
                    f"process RSS +{export['RSS growth MB']:.0f} MB (peak {export['RSS peak MB']:.0f} MB); "
                    f"bare openpyxl writing the same rows {export['bare openpyxl s']:.2f} s",
                    flush=True,
                )
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    if not args.no_import:
        imported = _child("import")
        print(
            f"Plan workbook import of {imported['rows']:,} rows (1,600 tasks, 400 indicators): "
            f"{imported['s']:.2f} s, ok {imported['ok']} {imported['errors'] or ''}",
            flush=True,
        )
    if not args.no_pdf:
        pdf = _child("pdf")
        print(
            f"Committee PDF, 500 tasks and 200 indicators: gather + HTML {pdf['gather + HTML s']:.2f} s, "
            f"the app's PDF {pdf['app PDF s']:.2f} s (laid out in {pdf['parts']} part(s) at once), bare WeasyPrint on the same HTML {pdf['bare WeasyPrint s']:.2f} s, "
            f"the same content again (kept PDF) {pdf['unchanged again s']:.3f} s",
            flush=True,
        )


if __name__ == "__main__":
    main()

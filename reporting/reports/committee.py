"""The committee paper: the covering report and its annexes, from a report's content.

One class, one path: the content (:func:`report_content`, read live for a draft, or the snapshot of a
published report) → the template context → HTML (the browser preview and the PDF share the template) →
PDF (WeasyPrint) or Excel (openpyxl). A published report is rendered from its snapshot alone, so it reads
the same however the tasks and indicators change afterwards.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.template.loader import render_to_string
from django.utils.text import slugify

from indicators.rules import Direction, Symbol
from serviceplans.charts import Segment, stacked_bar_svg
from serviceplans.status import (
    INDICATOR_RAG_WORDS,
    TASK_STATUS_WORDS,
)

from .content import Scope, report_figures
from .pdf import html_to_pdf
from .prose import TEXT_FIELDS

TEMPLATE = "reporting/papers/committee_report.html"


COVER_SECTIONS = [
    ("purpose", "Purpose"),
    ("background", "Background"),
    ("body", "Progress"),
    ("implications", "Implications"),
    ("recommendation", "Recommendation"),
    ("conclusion", "Conclusion"),
]


def report_content(report) -> dict:
    """What the report shows: its snapshot once published; otherwise read live, with the report's texts."""
    if report.is_published and report.snapshot:
        return report.snapshot
    return report_figures(Scope.of(report)) | {"report": report_cover(report)}


def report_cover(report) -> dict:
    """A draft's cover details and texts, as its content holds them."""
    return {
        "title": report.title,
        "committee": report.committee,
        "meeting_date": report.meeting_date.isoformat() if report.meeting_date else None,
        "report_of": report.report_of,
        "contact_officer": report.contact_officer,
        "texts": {field: getattr(report, field) for field in TEXT_FIELDS},
        "published": False,
        "published_at": None,
        "published_by": "",
    }


def paper_filename(report, extension: str) -> str:
    """The file's name: what the report covers and its period, so each quarter's paper downloads under its
    own name, whatever its title (“environment-service-plan-2026-27-progress-report-2026-27-q2.pdf”).
    ``report`` is a saved report (with its period and plan or unit read) or a paper's content."""
    if isinstance(report, dict):
        scope, period = report["scope"]["slug"], report["period"]["label"]
    else:
        scope = (report.plan or report.unit).slug
        period = report.period.label
    return filename_for(scope, period, extension)


def filename_for(scope_slug: str, period_label: str, extension: str) -> str:
    period = slugify(period_label.replace("/", "-"))
    return f"{slugify(scope_slug)[:80] or 'report'}-progress-report-{period}.{extension}"


def paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; single line breaks stay inside a paragraph."""
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def listed_rows(content: dict) -> int:
    """How many rows the annexes list: every task and indicator, or with “exceptions only” the exceptions."""
    parts = content["parts"]
    return sum(
        len(objective["tasks"]) * bool(parts["tasks"])
        for plan in content["plans"]
        for section in plan["sections"]
        for objective in section["objectives"]
    ) + sum(
        len(section["indicators"]) * bool(parts["indicators"])
        for plan in content["plans"]
        for section in plan["sections"]
    )


def annex_pager(total: int, page: int, size: int) -> dict:
    """Page ``page`` (brought within range) of ``total`` annex rows, ``size`` a page: which rows it shows
    (``first`` to ``last``, counted from 1) and what a pager needs."""
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    numbers = sorted({1, page - 1, page, page + 1, pages} & set(range(1, pages + 1)))
    items = []  # the pages to link to: the first, the last and those beside this one, with gaps between
    for number in numbers:
        if items and number > items[-1]["number"] + 1:
            items.append({"number": None})
        items.append({"number": number, "current": number == page})
    return {
        "items": items,
        "page": page,
        "pages": pages,
        "first": min((page - 1) * size + 1, total),
        "last": min(page * size, total),
        "total": total,
        "previous": page - 1 if page > 1 else None,
        "next": page + 1 if page < pages else None,
    }


@dataclass(frozen=True)
class CoverSection:
    number: int
    heading: str
    paragraphs: list[tuple[str, str]]  # (number such as "2.1", text)


def cover_sections(texts: dict) -> list[CoverSection]:
    """The covering report's numbered sections (“2 Background”, “2.1 …”), skipping empty ones."""
    sections = []
    for field, heading in COVER_SECTIONS:
        parts = paragraphs(texts.get(field, ""))
        if not parts:
            continue
        number = len(sections) + 1
        sections.append(
            CoverSection(number, heading, [(f"{number}.{i}", text) for i, text in enumerate(parts, start=1)])
        )
    return sections


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def indicator_for_template(row: dict) -> dict:
    return row | {
        "last_year_symbol": Symbol(row["last_year_symbol"]),
        "symbol": Symbol(row["symbol"]),
        "direction": Direction(row["direction"]),
    }


def approvals(content: dict) -> list[dict]:
    """The date each plan in the report was approved (a date, or None when it has not been), for the
    covering report's facts; none listed for a report on more than four plans (the background says it)."""
    plans = content["plans"]
    if len(plans) > 4:
        return []
    return [
        {"title": plan["title"], "years": plan["years"], "approved_on": _date(plan.get("approved_on"))}
        for plan in plans
        if "approved_on" in plan
    ]


def _label(name: str, limit: int = 24) -> str:
    """Chart labels have about 24 characters' room before they run into the bars."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


class CommitteeReport:
    """A committee paper rendered from its content (see the module's docstring)."""

    template_name = TEMPLATE

    def __init__(self, content: dict, *, annex_page: int | None = None, window: dict | None = None):
        self.content = content
        #: A preview's page of the annexes, cut from the content (see :meth:`html`) ...
        self.annex_page = annex_page
        #: ... or already read a page at a time (:mod:`.paged`): ``task_plans``, ``indicator_plans`` and
        #: ``annex_pager`` for the template.
        self.window = window

    @classmethod
    def for_report(cls, report) -> "CommitteeReport":
        return cls(report_content(report))

    # -- context -------------------------------------------------------------------------------------------

    @property
    def is_draft(self) -> bool:
        return not self.content["report"]["published"]

    @property
    def title(self) -> str:
        return self.content["report"]["title"]

    def filename(self, extension: str) -> str:
        return paper_filename(self.content, extension)

    def summary_rows(self, limit: int | None = None) -> list[dict]:
        """A row for each section (the first ``limit``), with its counts by status."""
        rows = []
        several_plans = len(self.content["plans"]) > 1
        for plan in self.content["plans"]:
            for section in plan["sections"]:
                if len(rows) == limit:
                    return rows
                name = f"{plan['title']}: {section['title']}" if several_plans else section["title"]
                rows.append(
                    {
                        "name": name,
                        "tasks": [section["task_counts"].get(key, 0) for key in TASK_STATUS_WORDS],
                        "indicators": [
                            section["indicator_counts"].get(key, 0) for key in INDICATOR_RAG_WORDS
                        ],
                        "task_total": sum(section["task_counts"].values()),
                        "indicator_total": sum(section["indicator_counts"].values()),
                    }
                )
        return rows

    def chart_rows(self, limit: int | None = None) -> list[dict]:
        """A bar per section; with several plans, a bar per plan (a bar per section would be too many). The
        first ``limit`` bars."""
        if len(self.content["plans"]) <= 1:
            return [row | {"name": _label(row["name"])} for row in self.summary_rows(limit)]
        rows = []
        for plan in self.content["plans"][:limit]:
            tasks = [sum(s["task_counts"].get(key, 0) for s in plan["sections"]) for key in TASK_STATUS_WORDS]
            indicators = [
                sum(s["indicator_counts"].get(key, 0) for s in plan["sections"])
                for key in INDICATOR_RAG_WORDS
            ]
            rows.append(
                {"name": _label(plan.get("unit") or plan["title"]), "tasks": tasks, "indicators": indicators}
            )
        return rows

    def chart(self, rows: list[dict]):
        content = self.content
        several_plans = len(content["plans"]) > 1
        if content["parts"]["tasks"]:
            title, words, key = (
                f"Task status by {'plan' if several_plans else 'section'}, {content['period']['label']}",
                TASK_STATUS_WORDS,
                "tasks",
            )
        else:
            title, words, key = (
                f"Indicator RAG status by {'plan' if several_plans else 'section'}, {content['period']['label']}",
                INDICATOR_RAG_WORDS,
                "indicators",
            )
        return stacked_bar_svg(
            title,
            [
                (
                    row["name"],
                    [
                        Segment(k, word, count)
                        for (k, word), count in zip(words.items(), row[key], strict=True)
                    ],
                )
                for row in rows
            ],
            width=900,
        )

    def context(self) -> dict:
        content = self.content
        report = content["report"]
        plans = [
            plan
            | {
                "sections": [
                    section | {"indicators": [indicator_for_template(row) for row in section["indicators"]]}
                    for section in plan["sections"]
                ]
            }
            for plan in content["plans"]
        ]
        sections = sum(len(plan["sections"]) for plan in content["plans"])
        cut = {"sections": sections, "bars": len(content["plans"]) if len(content["plans"]) > 1 else sections}
        if self.window is not None or self.annex_page is not None:
            # A paged preview lists the first sections and draws the first bars; the totals count them all.
            rows, chart_rows = self.summary_rows(self.SUMMARY_ROWS), self.chart_rows(self.CHART_BARS)
        else:
            rows, chart_rows = self.summary_rows(), self.chart_rows()
        shown = {"shown": len(rows), "bars_shown": len(chart_rows)}
        summary_cut = cut | shown if (len(rows), len(chart_rows)) != (sections, cut["bars"]) else None
        annexe_number = 0
        annexes = {}
        for part in ("tasks", "indicators", "risks"):
            if content["parts"].get(part) and (part != "risks" or content.get("risks")):
                annexe_number += 1
                annexes[part] = annexe_number
        published_at = report.get("published_at")
        return {
            "content": content,
            "report": report,
            "title": report["title"],
            "council": content["council"],
            "period": content["period"],
            "scope": content["scope"],
            "meeting_date": _date(report.get("meeting_date")),
            "published_at": datetime.fromisoformat(published_at) if published_at else None,
            "draft": self.is_draft,
            "sections": cover_sections(report["texts"]),
            "annexe_list": [
                line.strip() for line in report["texts"].get("annexes", "").splitlines() if line.strip()
            ],
            "annexes": annexes,
            "plans": plans,
            "task_plans": plans,
            "indicator_plans": plans,
            "several_plans": len(plans) > 1,
            "summary_rows": rows,
            "summary_cut": summary_cut,
            "task_words": list(TASK_STATUS_WORDS.items()),
            "indicator_words": list(INDICATOR_RAG_WORDS.items()),
            "task_totals": [content["task_counts"].get(key, 0) for key in TASK_STATUS_WORDS],
            "indicator_totals": [content["indicator_counts"].get(key, 0) for key in INDICATOR_RAG_WORDS],
            "chart": self.chart(chart_rows) if rows else "",
            "symbols": list(Symbol),
            "frameworks": content.get("frameworks", []),
            "signatory": content.get("signatory"),
            "approvals": approvals(content),
            **self.risks_context(),
        }

    def risks_context(self) -> dict:
        """The risks annex: each risk with its band shown in the council's words, and the heat map drawn
        from the annex's own figures (so a published report's map never changes)."""
        annex = self.content.get("risks")
        if not annex:
            return {}
        from collections import Counter

        from risks.heatmap import heat_map_cells, heat_map_svg
        from risks.selectors import band_look, matrix_from_data

        matrix = matrix_from_data(annex["matrix"])
        rows = heat_map_cells(Counter({(lik, imp): n for lik, imp, n in annex["cells"]}), matrix)
        return {
            "risk_rows": [
                row | {"look": band_look(row["band"], matrix), "direction": Direction(row["direction"])}
                for row in annex["risks"]
            ],
            "risk_matrix": matrix,
            "heat_rows": rows,
            "heat_svg": heat_map_svg(
                f"Heat map: the {len(annex['risks'])} risks by likelihood and impact, {self.content['period']['label']}",
                rows,
                links=False,
            ),
        }

    # -- outputs -------------------------------------------------------------------------------------------

    def html(self, *, preview: dict | None = None, annex_page: int | None = None) -> str:
        """The paper as an HTML document. ``preview`` (links and permissions for the toolbar) adds the
        screen stylesheet and the toolbar for the browser; without it, the HTML the PDF is made from.
        ``annex_page`` (previews only) shows the covering report and that page of the annexes' rows."""
        context = self.context()
        annex_page = self.annex_page if annex_page is None else annex_page
        if self.window is not None:
            context |= self.window
        elif annex_page is not None:
            context |= self.annex_window(context["plans"], annex_page)
        context["task_plans"] = self._with_openings(context["task_plans"], "objectives")
        context["indicator_plans"] = self._with_openings(context["indicator_plans"], "indicators")
        return render_to_string(self.template_name, context | {"preview": preview})

    #: Rows of the annexes (tasks, then indicators) on one page of a preview of a big report.
    ANNEX_PAGE_ROWS = 100
    #: Sections in a paged preview's summaries, and bars in its chart: the PDF and workbook have them all.
    SUMMARY_ROWS = 30
    CHART_BARS = 15

    @staticmethod
    def _with_openings(plans: list[dict], rows: str) -> list[dict]:
        """The sections of an annexe (those with ``rows``: objectives or indicators) marked where they
        open: ``opens_plan`` on each plan's first (the plan's heading goes with it), ``new_page`` on every one
        after the annexe's first (it starts a new page, where the PDF may be laid out in a separate part)."""
        marked, seen = [], False
        for plan in plans:
            first = next((n for n, s in enumerate(plan["sections"]) if s[rows]), None)
            sections = []
            for n, section in enumerate(plan["sections"]):
                sections.append(
                    section | {"opens_plan": n == first, "new_page": bool(section[rows]) and seen}
                )
                seen = seen or bool(section[rows])
            marked.append(plan | {"sections": sections})
        return marked

    def annex_window(self, plans: list[dict], page: int) -> dict:
        """The annexes cut to one page of ``ANNEX_PAGE_ROWS`` rows (tasks first, then indicators), with what a
        pager needs: the whole document stays the PDF's."""
        pager = annex_pager(listed_rows(self.content), page, self.ANNEX_PAGE_ROWS)
        start, end = pager["first"] - 1, pager["last"]
        index = 0
        task_plans, indicator_plans = [], []
        if self.content["parts"]["tasks"]:
            for plan in plans:
                sections = []
                for section in plan["sections"]:
                    objectives = []
                    for objective in section["objectives"]:
                        kept = [t for n, t in enumerate(objective["tasks"], index) if start <= n < end]
                        index += len(objective["tasks"])
                        if kept:
                            objectives.append(objective | {"tasks": kept})
                    if objectives:
                        sections.append(section | {"objectives": objectives})
                if sections:
                    task_plans.append(plan | {"sections": sections})
        if self.content["parts"]["indicators"]:
            for plan in plans:
                sections = []
                for section in plan["sections"]:
                    kept = [i for n, i in enumerate(section["indicators"], index) if start <= n < end]
                    index += len(section["indicators"])
                    if kept:
                        sections.append(section | {"indicators": kept})
                if sections:
                    indicator_plans.append(plan | {"sections": sections})
        return {"task_plans": task_plans, "indicator_plans": indicator_plans, "annex_pager": pager}

    def pdf(self) -> bytes:
        return html_to_pdf(self.html())

    def xlsx(self) -> bytes:
        from .excel import committee_workbook_bytes

        return committee_workbook_bytes(self.content)

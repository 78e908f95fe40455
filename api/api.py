"""The JSON API: reads over plans, tasks and indicators with their judgements, and a bulk feed of
indicator values. OpenAPI 3.1 at ``/api/openapi.json``, interactive docs at ``/api/docs``.

Every request is signed with a token (``Authorization: Bearer spt_…``) made by the performance team. A
token sees its part of the council and everything beneath it; only a read-and-write token may post."""

import re
from datetime import UTC, datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Query, Router, Schema, Status
from ninja import Path as PathParam
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import field_validator

from actions.filters import NO_UPDATE
from actions.models import ProgressStatus, Task
from indicators.models import Indicator
from indicators.rules import Rag as RagCode
from plans.models import Plan, ReportingPeriod
from plans.selectors import unit_tree

from . import schemas
from .auth import TokenAuth
from .judgements import exact, judgement
from .pagination import PageParams, page_of, paginate
from .scope import Scope
from .selectors import FilterProblem, Reader, judged_values, values_with_rag
from .services import ValuesRefused, indicator_values_post

API_DESCRIPTION = """
The council's service plans and performance, for other systems: Power BI, a data warehouse, benchmarking,
and feeder systems that post monthly or quarterly figures.

**Signing requests.** Every request needs a token made by the performance team, sent as
`Authorization: Bearer spt_…`. A token sees one part of the council and everything beneath it (or the
whole council); only a *read and write* token may post values. Every value posted is recorded in the audit
trail under the token's name.

**Lists** are in pages (`?page=2&page_size=100`, at most 500 a page) in a stable order (by id), with links
to the next and previous pages. Figures are exact decimals written as strings (`"42.5"`); every status
comes with its words.

**Judgements** (RAG, performance against the target range ★ ● ▲ –, direction of travel) are worked out by
the same rules as the pages and committee papers.

See `docs/api.md` in the source for examples: curl, Power BI and Excel, and a feeder system.
"""

ERRORS = {
    400: schemas.ApiError,
    401: schemas.ApiError,
    403: schemas.ApiError,
    404: schemas.ApiError,
    422: schemas.ApiError,
}


token_auth = TokenAuth()
api = NinjaAPI(
    title="Service plans and performance API",
    version="1",
    description=API_DESCRIPTION,
    auth=token_auth,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
token_auth.bind(api)


def _reader(request) -> Reader:
    """What this request's token may see, with the organisation tree read once."""
    tree = unit_tree()
    return Reader(scope=Scope.of(request.api_token, tree), tree=tree)


# -- errors, always as {"detail": words, "errors": [{"field", "message", "index"}]} --------------------------


@api.exception_handler(AuthenticationError)
def _unauthorised(request, exc):
    return api.create_response(
        request,
        {"detail": "Sign the request with a valid API token: Authorization: Bearer spt_…", "errors": []},
        status=401,
    )


@api.exception_handler(NinjaValidationError)
def _invalid(request, exc):
    problems = []
    for error in exc.errors:
        location = [
            str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "payload")
        ]
        index = None
        if len(location) >= 2 and location[0] == "rows" and location[1].isdigit():
            index, location = int(location[1]), location[2:]
        problems.append(
            {
                "field": ".".join(location) or "request",
                "message": error.get("msg", "Not valid"),
                "index": index,
            }
        )
    return api.create_response(
        request, {"detail": "The request is not valid: see each problem.", "errors": problems}, status=422
    )


@api.exception_handler(FilterProblem)
def _bad_filter(request, exc: FilterProblem):
    return api.create_response(
        request, {"detail": exc.message, "errors": [{"field": exc.field, "message": exc.message}]}, status=422
    )


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return api.create_response(request, {"detail": str(exc), "errors": []}, status=exc.status_code)


def _not_found(what: str, pk: int):
    raise HttpError(404, f"There is no {what} {pk} that this token can see.")


# -- shapes ------------------------------------------------------------------------------------------------


def coded(value: str, label: str) -> dict:
    return {"code": value, "label": label}


def unit_of(row) -> int:
    return row.section.unit_id or row.plan.unit_id


def plan_out(plan: Plan) -> dict:
    return {
        "id": plan.pk,
        "slug": plan.slug,
        "title": plan.title,
        "unit_id": plan.unit_id,
        "first_year": plan.first_year,
        "years": plan.years,
        "years_label": plan.years_label,
        "status": coded(plan.status, plan.get_status_display()),
        "reporting_frequency": plan.reporting_frequency,
        "committee": plan.committee,
        "approved_on": plan.approved_on,
        "owner": plan.owner.name if plan.owner else "",
        "updated_at": plan.updated_at,
    }


def period_out(period: ReportingPeriod) -> dict:
    return {
        "id": period.pk,
        "label": period.label,
        "financial_year": period.financial_year,
        "kind": period.kind,
        "number": period.number,
        "start_date": period.start_date,
        "end_date": period.end_date,
        "deadline": period.deadline,
        "state": coded(period.state, period.get_state_display()),
    }


STATUS_WORDS = dict(ProgressStatus.choices) | {NO_UPDATE: "No update"}


def task_out(task: Task, period: ReportingPeriod | None) -> dict:
    in_period = None
    if period is not None:
        status = task.period_status or NO_UPDATE
        in_period = {
            "period": period.label,
            "status": coded(status, STATUS_WORDS.get(status, status)),
            "percent_complete": task.period_percent,
        }
    return {
        "id": task.pk,
        "plan_id": task.plan_id,
        "section_id": task.section_id,
        "objective_id": task.objective_id,
        "unit_id": unit_of(task),
        "reference": task.reference,
        "category": coded(task.category, task.get_category_display()),
        "text": task.text,
        "officers": [{"id": link.officer_id, "name": link.officer.name} for link in task.task_officers.all()],
        "responsibility_note": task.responsibility_note,
        "resources": task.resources,
        "start_date": task.start_date,
        "due_date": task.due_date,
        "due_date_text": task.due_date_text,
        "ongoing": task.ongoing,
        "success_criteria": task.success_criteria,
        "updated_at": task.updated_at,
        "in_period": in_period,
    }


def indicator_out(indicator: Indicator, performance=None) -> dict:
    return {
        "id": indicator.pk,
        "plan_id": indicator.plan_id,
        "section_id": indicator.section_id,
        "unit_id": unit_of(indicator),
        "name": indicator.name,
        "reference_code": indicator.reference_code,
        "frameworks": [f.code for f in sorted(indicator.frameworks.all(), key=lambda f: (f.order, f.code))],
        "officers": [
            {"id": link.officer_id, "name": link.officer.name} for link in indicator.indicator_officers.all()
        ],
        "unit_of_measure": coded(indicator.unit, indicator.get_unit_display()),
        "decimal_places": indicator.decimal_places,
        "polarity": coded(indicator.polarity, indicator.get_polarity_display()),
        "aggregation": coded(indicator.aggregation, indicator.get_aggregation_display()),
        "collection_frequency": coded(
            indicator.collection_frequency, indicator.get_collection_frequency_display()
        ),
        "data_only": indicator.data_only,
        "definition": indicator.definition,
        "updated_at": indicator.updated_at,
        "judgement": judgement(performance) if performance is not None else None,
    }


# -- filters -----------------------------------------------------------------------------------------------

PeriodLabel = Field(None, max_length=40, description="A reporting period: `2026/27 Q2`, `2026/27 M07`.")
UnitSlug = Field(
    None, max_length=80, description="A part of the council, by slug, with everything beneath it."
)
UpdatedSince = Field(None, description="Only rows changed at or after this time (ISO 8601).")
TaskStatus = Literal["red", "amber", "green", "not_started", "completed", "not_applicable", "missing"]
RagStatus = Literal[tuple(str(r) for r in RagCode)]  # type: ignore[valid-type]


ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}")


class ChangedSince(Schema):
    """``updated_since`` as an ISO 8601 date and time only (never a bare number read as seconds)."""

    updated_since: datetime | None = UpdatedSince

    @field_validator("updated_since", mode="before")
    @classmethod
    def _iso_only(cls, value):
        if value is not None and not (isinstance(value, str) and ISO_DATETIME.match(value)):
            raise ValueError("Write a date and time like 2026-10-01T00:00:00Z")
        return value

    @field_validator("updated_since", mode="after")
    @classmethod
    def _in_utc(cls, value):
        """Compared in UTC (a time without an offset is taken as UTC), so no database sees an odd offset."""
        if value is None:
            return value
        try:
            return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        except (OverflowError, ValueError) as error:
            raise ValueError("Write a date and time like 2026-10-01T00:00:00Z") from error


class PeriodFilters(Schema):
    year: int | None = Field(None, ge=1900, le=2999, description="Financial year: 2026 for 2026/27.")
    kind: Literal["month", "quarter", "half", "year"] | None = None
    state: Literal["scheduled", "open", "closed", "published"] | None = None


class PlanFilters(ChangedSince):
    unit: str | None = UnitSlug
    status: Literal["draft", "submitted", "approved", "published", "archived"] | None = None
    year: int | None = Field(None, ge=1900, le=2999, description="Plans covering this financial year.")


class InPlanFilters(Schema):
    plan: int | None = Field(None, ge=1, le=2**62)
    unit: str | None = UnitSlug


class TaskFilters(ChangedSince):
    period: str | None = PeriodLabel
    unit: str | None = UnitSlug
    plan: int | None = Field(None, ge=1, le=2**62)
    officer: int | None = Field(None, ge=1, le=2**62, description="A responsible officer's id.")
    status: list[TaskStatus] | None = Field(None, description="Status in the period (needs `period`).")
    category: Literal[tuple(Task.Category.values)] | None = None  # type: ignore[valid-type]


class MilestoneFilters(InPlanFilters):
    task: int | None = Field(None, ge=1, le=2**62)


class UpdateFilters(ChangedSince):
    period: str | None = PeriodLabel
    task: int | None = Field(None, ge=1, le=2**62)
    plan: int | None = Field(None, ge=1, le=2**62)
    unit: str | None = UnitSlug
    status: list[Literal[tuple(ProgressStatus.values)]] | None = None  # type: ignore[valid-type]


class IndicatorFilters(ChangedSince):
    period: str | None = Field(None, max_length=40, description="Judge each indicator for this period.")
    unit: str | None = UnitSlug
    plan: int | None = Field(None, ge=1, le=2**62)
    officer: int | None = Field(None, ge=1, le=2**62)
    framework: str | None = Field(None, max_length=20, description="A framework's code, e.g. `NI`.")
    rag: list[RagStatus] | None = Field(None, description="RAG in the period (needs `period`).")


class TargetFilters(InPlanFilters):
    indicator: int | None = Field(None, ge=1, le=2**62)
    year: int | None = Field(None, ge=1900, le=2999)


class ValueFilters(ChangedSince):
    period: str | None = PeriodLabel
    indicator: int | None = Field(None, ge=1, le=2**62)
    plan: int | None = Field(None, ge=1, le=2**62)
    unit: str | None = UnitSlug
    officer: int | None = Field(None, ge=1, le=2**62)
    framework: str | None = Field(None, max_length=20)
    rag: list[RagStatus] | None = None


# -- the council ---------------------------------------------------------------------------------------------

council = Router(tags=["The council"])


@council.get(
    "/units", response={200: page_of(schemas.UnitOut, "UnitPage")} | ERRORS, summary="Parts of the council"
)
def list_units(request: HttpRequest, paging: Query[PageParams]):
    """The organisation units the token can see: its part of the council and everything beneath it."""
    return paginate(request, _reader(request).units(), paging)


@council.get(
    "/periods", response={200: page_of(schemas.PeriodOut, "PeriodPage")} | ERRORS, summary="Reporting periods"
)
def list_periods(request: HttpRequest, filters: Query[PeriodFilters], paging: Query[PageParams]):
    """Months, quarters, half-years and years, with their state: scheduled, open, closed or published."""
    rows = Reader.periods(year=filters.year, kind=filters.kind, state=filters.state)
    page = paginate(request, rows, paging)
    page["results"] = [period_out(p) for p in page["results"]]
    return page


@council.get(
    "/frameworks",
    response={200: page_of(schemas.FrameworkOut, "FrameworkPage")} | ERRORS,
    summary="Performance frameworks",
)
def list_frameworks(request: HttpRequest, paging: Query[PageParams]):
    """The frameworks indicators belong to (Comm., LAA, Corp., NRF, CPA, BVPI, NI…)."""
    return paginate(request, Reader.frameworks(), paging)


# -- plans ---------------------------------------------------------------------------------------------------

plans = Router(tags=["Plans"])


@plans.get("/plans", response={200: page_of(schemas.PlanOut, "PlanPage")} | ERRORS, summary="Plans")
def list_plans(request: HttpRequest, filters: Query[PlanFilters], paging: Query[PageParams]):
    """Service plans and service improvement plans, with their status."""
    rows = _reader(request).plans(**filters.dict())
    page = paginate(request, rows, paging)
    page["results"] = [plan_out(p) for p in page["results"]]
    return page


@plans.get("/plans/{plan_id}", response={200: schemas.PlanOut} | ERRORS, summary="A plan")
def get_plan(request: HttpRequest, plan_id: int = PathParam(..., ge=1, le=2**62)):
    plan = (
        _reader(request)
        .plans(unit=None, status=None, year=None, updated_since=None)
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        _not_found("plan", plan_id)
    return plan_out(plan)


@plans.get(
    "/sections", response={200: page_of(schemas.SectionOut, "SectionPage")} | ERRORS, summary="Plan sections"
)
def list_sections(request: HttpRequest, filters: Query[InPlanFilters], paging: Query[PageParams]):
    """The chapters of plans: usually one service, section or team each."""
    return paginate(request, _reader(request).sections(**filters.dict()), paging)


@plans.get(
    "/objectives",
    response={200: page_of(schemas.ObjectiveOut, "ObjectivePage")} | ERRORS,
    summary="Key objectives",
)
def list_objectives(request: HttpRequest, filters: Query[InPlanFilters], paging: Query[PageParams]):
    return paginate(request, _reader(request).objectives(**filters.dict()), paging)


# -- tasks ---------------------------------------------------------------------------------------------------

tasks = Router(tags=["Tasks"])


@tasks.get("/tasks", response={200: page_of(schemas.TaskOut, "TaskPage")} | ERRORS, summary="Key tasks")
def list_tasks(request: HttpRequest, filters: Query[TaskFilters], paging: Query[PageParams]):
    """Tasks with their responsible officers; with `period`, each task's status in it (the status of its
    update for the period, or `missing`), as on the task list."""
    rows, period = _reader(request).tasks(**filters.dict())
    page = paginate(request, rows, paging)
    page["results"] = [task_out(t, period) for t in page["results"]]
    return page


@tasks.get("/tasks/{task_id}", response={200: schemas.TaskOut} | ERRORS, summary="A task")
def get_task(request: HttpRequest, task_id: int = PathParam(..., ge=1, le=2**62)):
    rows, _period = _reader(request).tasks(
        period=None, unit=None, plan=None, officer=None, status=None, category=None, updated_since=None
    )
    task = rows.filter(pk=task_id).first()
    if task is None:
        _not_found("task", task_id)
    return task_out(task, None)


@tasks.get(
    "/milestones",
    response={200: page_of(schemas.MilestoneOut, "MilestonePage")} | ERRORS,
    summary="Milestones",
)
def list_milestones(request: HttpRequest, filters: Query[MilestoneFilters], paging: Query[PageParams]):
    return paginate(request, _reader(request).milestones(**filters.dict()), paging)


@tasks.get(
    "/progress-updates",
    response={200: page_of(schemas.ProgressUpdateOut, "ProgressUpdatePage")} | ERRORS,
    summary="Progress updates",
)
def list_progress_updates(request: HttpRequest, filters: Query[UpdateFilters], paging: Query[PageParams]):
    """Officers' returns on tasks: percent complete, status and commentary, one per task and period."""
    page = paginate(request, _reader(request).progress_updates(**filters.dict()), paging)
    page["results"] = [
        {
            "id": u.pk,
            "task_id": u.task_id,
            "period_id": u.period_id,
            "period": u.period.label,
            "percent_complete": u.percent_complete,
            "status": coded(u.status, u.get_status_display()),
            "commentary": u.commentary,
            "version": u.version,
            "updated_at": u.updated_at,
        }
        for u in page["results"]
    ]
    return page


# -- indicators ----------------------------------------------------------------------------------------------

indicators = Router(tags=["Indicators"])


@indicators.get(
    "/indicators",
    response={200: page_of(schemas.IndicatorOut, "IndicatorPage")} | ERRORS,
    summary="Indicators",
)
def list_indicators(request: HttpRequest, filters: Query[IndicatorFilters], paging: Query[PageParams]):
    """Performance indicators; with `period`, each judged for it (RAG, against target, direction of
    travel, the reason in words), as on the indicator list."""
    reader = _reader(request)
    wanted = filters.dict()
    period_label, rag = wanted.pop("period"), wanted.pop("rag")
    period = reader.period(period_label) if period_label else None
    if rag and period is None:
        raise FilterProblem("rag", "Choose a period to filter by the RAG status in it.")
    rows = reader.indicators(**wanted)
    if rag:
        rows = reader.indicators_with_rag(rows, period, rag)
    page = paginate(request, rows, paging)
    page["results"] = reader.indicators_judged(page["results"], period, None)
    page["results"] = [indicator_out(row.indicator, row.performance) for row in page["results"]]
    return page


@indicators.get(
    "/indicators/{indicator_id}", response={200: schemas.IndicatorOut} | ERRORS, summary="An indicator"
)
def get_indicator(
    request: HttpRequest,
    indicator_id: int = PathParam(..., ge=1, le=2**62),
    period: str | None = Query(None, max_length=40, description="Judge the indicator for this period."),
):
    reader = _reader(request)
    chosen = reader.period(period) if period else None
    found = list(
        reader.indicators(unit=None, plan=None, officer=None, framework=None, updated_since=None).filter(
            pk=indicator_id
        )
    )
    if not found:
        _not_found("indicator", indicator_id)
    row = reader.indicators_judged(found, chosen, None)[0]
    return indicator_out(row.indicator, row.performance)


@indicators.get(
    "/targets", response={200: page_of(schemas.TargetOut, "TargetPage")} | ERRORS, summary="Targets"
)
def list_targets(request: HttpRequest, filters: Query[TargetFilters], paging: Query[PageParams]):
    """Annual targets, and targets profiled for a period, as numbers or words."""
    from indicators.values import format_value

    page = paginate(request, _reader(request).targets(**filters.dict()), paging)
    page["results"] = [
        {
            "id": t.pk,
            "indicator_id": t.indicator_id,
            "financial_year": t.financial_year,
            "period": t.period.label if t.period_id else None,
            "value": exact(t.value),
            "text": t.text,
            "display": t.text or format_value(t.value, t.indicator.unit, t.indicator.decimal_places),
            "tolerance_percent": exact(t.tolerance_percent),
        }
        for t in page["results"]
    ]
    return page


@indicators.get(
    "/values",
    response={200: page_of(schemas.ValueOut, "ValuePage")} | ERRORS,
    summary="Indicator values, judged",
)
def list_values(request: HttpRequest, filters: Query[ValueFilters], paging: Query[PageParams]):
    """The values reported, each with its judgement for its period: RAG, performance against the target
    range (★ ● ▲ –), direction of travel against the same period last year and the previous period, and
    the reason in words."""
    wanted = filters.dict()
    rag = wanted.pop("rag")
    rows = _reader(request).values(**wanted)
    if rag:
        rows = values_with_rag(rows, rag)
    page = paginate(request, rows, paging)
    page["results"] = judged_values(page["results"], None)
    page["results"] = [_value_out(value, performance) for value, performance in page["results"]]
    return page


def _value_out(value, performance) -> dict:
    return {
        "id": value.pk,
        "indicator_id": value.indicator_id,
        "period_id": value.period_id,
        "period": value.period.label,
        "value": exact(value.value),
        "text_value": value.text_value,
        "display": value.text_value or (performance.actual_display if value.value is not None else "n/a"),
        "no_data_reason": value.no_data_reason,
        "note": value.note,
        "version": value.version,
        "updated_at": value.updated_at,
        "judgement": judgement(performance),
    }


@indicators.post(
    "/values",
    response={200: schemas.ValuesSaved} | ERRORS,
    summary="Post indicator values (all or nothing)",
)
def post_values(request: HttpRequest, payload: schemas.ValuesIn):
    """Save many values at once, checked as the value form checks them: the period must be open and one
    the indicator is collected for; the value is read as people write it; a value that looks like a typo
    needs `"confirm": true`. If any row is wrong nothing is saved, and each problem names its row (`index`,
    from 0). Posting the same values again changes nothing (`unchanged`). Needs a read-and-write token."""
    token = request.api_token
    if not token.can_write:
        raise HttpError(403, f"The token “{token.name}” is read only: it cannot post values.")
    try:
        saved = indicator_values_post(token=token, rows=[row.dict() for row in payload.rows])
    except ValuesRefused as refused:
        problems = [{"field": p.field, "message": p.message, "index": p.index} for p in refused.problems]
        rows_wrong = len({p.index for p in refused.problems})
        return Status(
            422,
            {
                "detail": f"Nothing was saved: {rows_wrong} row{'s' if rows_wrong != 1 else ''} "
                f"{'have' if rows_wrong != 1 else 'has'} problems.",
                "errors": problems,
            },
        )
    counts = {
        outcome: sum(1 for s in saved if s.outcome == outcome)
        for outcome in ("created", "changed", "unchanged")
    }
    return {
        "detail": f"{len(saved)} value{'s' if len(saved) != 1 else ''}: {counts['created']} new, "
        f"{counts['changed']} changed, {counts['unchanged']} unchanged.",
        **counts,
        "rows": [s.__dict__ for s in saved],
    }


api.add_router("/v1", council)
api.add_router("/v1", plans)
api.add_router("/v1", tasks)
api.add_router("/v1", indicators)

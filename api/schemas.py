"""The shapes of the API's requests and responses, as Pydantic models (django-ninja turns them into the
OpenAPI document). Numbers are strings of exact decimals (``"42.5"``), never floats, so no figure is ever
rounded on the way; every status comes with its words."""

from datetime import date, datetime

from ninja import Field, Schema


class Problem(Schema):
    """One thing wrong with a request: where, and what, in words."""

    field: str = Field(description="The parameter or field, e.g. `period` or `value`.")
    message: str
    index: int | None = Field(None, description="For a posted row: its position in `rows`, counting from 0.")


class ApiError(Schema):
    """What went wrong, in words, with each problem listed."""

    detail: str
    errors: list[Problem] = []


class Coded(Schema):
    """A status as a code for machines and words for people."""

    code: str
    label: str


class Rag(Coded):
    description: str


class Symbol(Coded):
    mark: str = Field(description="★ better, ● within, ▲ worse than the target range, – cannot compare.")


class Direction(Coded):
    arrow: str = Field(description="↑ better, → the same, ↓ worse, – cannot compare.")
    description: str


class Named(Schema):
    id: int
    name: str


# -- reference data ------------------------------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    slug: str
    active: bool


class PeriodOut(Schema):
    id: int
    label: str = Field(description="As the council writes it: `2026/27 Q2`, `2026/27 H1`, `2026/27 M07`.")
    financial_year: int = Field(description="Its first calendar year: 2026 for 2026/27.")
    kind: str = Field(description="month, quarter, half or year.")
    number: int
    start_date: date
    end_date: date
    deadline: date | None
    state: Coded


class FrameworkOut(Schema):
    id: int
    code: str
    name: str
    active: bool


# -- plans -----------------------------------------------------------------------------------------------------


class PlanOut(Schema):
    id: int
    slug: str
    title: str
    unit_id: int
    first_year: int
    years: int
    years_label: str
    status: Coded
    reporting_frequency: str
    committee: str
    approved_on: date | None
    owner: str
    updated_at: datetime


class SectionOut(Schema):
    id: int
    plan_id: int
    title: str
    unit_id: int | None
    order: int


class ObjectiveOut(Schema):
    id: int
    plan_id: int
    section_id: int | None
    reference: str
    text: str
    order: int


# -- tasks -----------------------------------------------------------------------------------------------------


class TaskStatusInPeriod(Schema):
    period: str
    status: Coded = Field(description="The status of the update for the period, or `missing`: no update.")
    percent_complete: int | None


class TaskOut(Schema):
    id: int
    plan_id: int
    section_id: int
    objective_id: int | None
    unit_id: int = Field(description="The section's unit, else the plan's.")
    reference: str
    category: Coded
    text: str
    officers: list[Named]
    responsibility_note: str
    resources: str
    start_date: date | None
    due_date: date | None
    due_date_text: str
    ongoing: bool
    success_criteria: str
    updated_at: datetime
    in_period: TaskStatusInPeriod | None = Field(description="Only when a period is chosen.")


class MilestoneOut(Schema):
    id: int
    task_id: int
    name: str
    due_date: date | None
    due_date_text: str
    done: bool
    done_on: date | None
    order: int


class ProgressUpdateOut(Schema):
    id: int
    task_id: int
    period_id: int
    period: str
    percent_complete: int
    status: Coded
    commentary: str
    version: int
    updated_at: datetime


# -- indicators ------------------------------------------------------------------------------------------------


class Judgement(Schema):
    """An indicator judged for a period, by the same rules as the pages and committee papers."""

    period: str
    target: str | None = Field(description="The numeric target for the period, exactly, or null.")
    target_display: str = Field(description="The target as the council writes it, or its words.")
    actual: str | None = Field(description="The actual judged (year to date for cumulative indicators).")
    actual_display: str
    tolerance_percent: str
    rag: Rag
    against_target: Symbol
    direction_last_year: Direction
    direction_previous: Direction
    reason: str = Field(description="The judgement in a sentence.")


class IndicatorOut(Schema):
    id: int
    plan_id: int
    section_id: int
    unit_id: int = Field(description="The section's unit, else the plan's.")
    name: str
    reference_code: str
    frameworks: list[str]
    officers: list[Named]
    unit_of_measure: Coded
    decimal_places: int
    polarity: Coded
    aggregation: Coded
    collection_frequency: Coded
    data_only: bool
    definition: str
    updated_at: datetime
    judgement: Judgement | None = Field(description="Only when a period is chosen.")


class TargetOut(Schema):
    id: int
    indicator_id: int
    financial_year: int
    period: str | None = Field(description="Null for the annual target; the period of a profiled one.")
    value: str | None
    text: str
    display: str
    tolerance_percent: str | None


class ValueOut(Schema):
    id: int
    indicator_id: int
    period_id: int
    period: str
    value: str | None = Field(description="Exactly as stored, e.g. `42.5`; null when text or no data.")
    text_value: str
    display: str
    no_data_reason: str
    note: str
    version: int
    updated_at: datetime
    judgement: Judgement


# -- posting values --------------------------------------------------------------------------------------------


class ValueIn(Schema):
    indicator: int = Field(ge=1, le=2**62, description="The indicator's id.")
    period: str = Field(
        max_length=40, description="The period as the council writes it: `2026/27 Q2`, `2026/27 M07`."
    )
    value: str = Field(
        max_length=100,
        description="As people write it: `42.5%`, `£1,200`, `1.2 million`, or `n/a` (then give a reason).",
    )
    no_data_reason: str = Field("", max_length=300)
    note: str | None = Field(
        None, max_length=4000, description="Commentary. Leave out to keep the commentary already there."
    )
    confirm: bool = Field(
        False,
        description="Set true to confirm a value that looks like a typo (a percentage over 100, ten times "
        "the target or the last value).",
    )


class ValuesIn(Schema):
    rows: list[ValueIn] = Field(min_length=1, max_length=1000)


class ValueSaved(Schema):
    index: int
    indicator_id: int
    period: str
    outcome: str = Field(description="`created`, `changed` or `unchanged` (the same value again).")
    version: int
    display: str


class ValuesSaved(Schema):
    detail: str
    created: int
    changed: int
    unchanged: int
    rows: list[ValueSaved]

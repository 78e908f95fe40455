"""The demo council's words, read from the JSON files in ``demo/data`` into typed, frozen specs.

Pure data, no Django. The files are described in ``demo/data/README.md``: the organisation
(``council.json``), what officers write (``wording.json``), the plans (``plans.json``), one file a plan
section (``sections/``) and the risk register (``risks.json``). Nothing in them names a calendar year:
dates are a month offset from the 1 April on which a plan starts (1 = April of the first year, 12 = March,
13 = April of the second year) and the builder words them as officers do ("By April 2027", "Sept. 26").

Due dates (``TaskSpec.due``):

- ``"by:N"``: "By December 2026"; ``"month:N"``: "December 2026"; ``"abbr:N"``: "Dec. 26";
- ``"endyear"``: "End of 2026" (the December of the plan's first year);
- ``"during"``: "Will continue during 2026/27" (due at the end of the plan's last year);
- ``"ongoing"``: "On-going", with no due date;
- empty with milestones: "Options appraisal – April 2026, Business case – June 2026, …".

Text may use ``{year}`` (the plan's first financial year, "2026/27"), ``{next_year}`` and ``{prev_year}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"

# Task categories (the values of actions.models.Task.Category).
SI = "service_improvement"
ED = "equality_diversity"
RM = "risk_management"
BC = "business_continuity"


@dataclass(frozen=True)
class UnitSpec:
    slug: str
    name: str
    kind: str
    parent: str | None
    head: str = ""
    short_name: str = ""


@dataclass(frozen=True)
class OfficerSpec:
    key: str
    name: str
    job_title: str
    unit: str
    phone: str = ""

    @property
    def email(self) -> str:
        words = self.name.lower().replace("'", "").split()
        return f"{words[0]}.{words[-1]}@{EMAIL_DOMAIN}"

    @property
    def initialled(self) -> str:
        """“A. Hardy”, as plans write a name."""
        words = self.name.split()
        return f"{words[0][0]}. {words[-1]}"


@dataclass(frozen=True)
class PrioritySpec:
    key: str
    kind: str
    code: str
    title: str
    description: str
    years_before: int


@dataclass(frozen=True)
class UserSpec:
    username: str
    first_name: str
    last_name: str
    group: str | None
    officer: str = ""
    is_staff: bool = False
    is_superuser: bool = False


@dataclass(frozen=True)
class ObjectiveSpec:
    ref: str
    text: str
    priorities: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskSpec:
    text: str
    objective: str
    officers: tuple[str, ...]
    due: str = ""
    success: str = ""
    resources: str = "Officer time"
    budget: int | None = None
    category: str = SI
    risk: str = ""
    note: str = ""
    priorities: tuple[str, ...] = ()
    milestones: tuple[tuple[str, int], ...] = ()
    start: int | None = None
    profile: str = ""
    carry_due: str = "by:6"
    na_reason: str = ""


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    ref: str
    unit: str
    target: float | None
    polarity: str = "higher"
    step: float = 0
    frameworks: tuple[str, ...] = ()
    officers: tuple[str, ...] = ()
    frequency: str = "quarterly"
    aggregation: str = "latest"
    decimals: int = 0
    tolerance: float | None = None
    data_only: bool = False
    level: float | None = None
    profile: tuple[float, ...] = ()
    future_text: str = ""
    text_targets: tuple[str, ...] = ()
    text_values: tuple[str, ...] = ()
    definition: str = ""


@dataclass(frozen=True)
class ServiceTerms:
    """Words for the tasks every section has (equality, business continuity, risk)."""

    lc: str
    system: str
    critical: str
    customers: str
    documents: str
    policy: str
    site: str
    lone: str


@dataclass(frozen=True)
class SectionSpec:
    title: str
    unit: str
    lead: str
    team: tuple[str, ...]
    introduction: str
    objectives: tuple[ObjectiveSpec, ...]
    tasks: tuple[TaskSpec, ...]
    indicators: tuple[IndicatorSpec, ...] = ()
    terms: ServiceTerms | None = None


@dataclass(frozen=True)
class PlanSpec:
    key: str
    title: str
    unit: str
    owner: str
    committee: str
    frequency: str
    status: str
    approved: tuple[int, int]
    introduction: str
    sections: tuple[SectionSpec, ...]
    years: int = 1
    year_offset: int = 0
    previous: str = ""
    plan_objectives: tuple[ObjectiveSpec, ...] = field(default=())


@dataclass(frozen=True)
class RiskSpec:
    reference: str
    unit: str  # unit slug
    category: str
    title: str
    cause: str
    effect: str
    owners: tuple[str, ...]  # officer keys
    inherent: tuple[int, int]
    reviews: tuple[tuple[int, int], ...]  # (likelihood, impact), oldest first: the last is the current score
    target: tuple[int, int]
    controls: str
    further_actions: str = ""
    commentary: tuple[str, ...] = ()
    link_task: bool = False
    link_indicator: bool = False


# -- reading the files ------------------------------------------------------------------------------------


def read(name: str) -> Any:
    """One data file, parsed."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _frozen(value: Any) -> Any:
    """JSON lists as tuples, all the way down, so specs stay hashable and immutable."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


def spec[T](kind: type[T], data: dict[str, Any], **nested: Any) -> T:
    """A spec from a JSON object: unknown keys are an error (a misspelt field would silently be default)."""
    names = {f.name for f in fields(kind)}  # type: ignore[arg-type]
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{kind.__name__} has no field {', '.join(sorted(unknown))}: {data}")
    return kind(**{key: _frozen(value) for key, value in data.items() if key not in nested}, **nested)


@cache
def section(name: str) -> SectionSpec:
    """A plan section from ``sections/<name>.json``. ``objectives_from`` names another section whose
    objectives it shares (last year's sections keep this year's objectives)."""
    data = dict(read(f"sections/{name}.json"))
    shared = data.pop("objectives_from", None)
    objectives = (
        section(shared).objectives
        if shared
        else tuple(spec(ObjectiveSpec, o) for o in data.pop("objectives"))
    )
    terms = data.pop("terms", None)
    return spec(
        SectionSpec,
        data,
        objectives=objectives,
        tasks=tuple(spec(TaskSpec, t) for t in data["tasks"]),
        indicators=tuple(spec(IndicatorSpec, i) for i in data.get("indicators", ())),
        terms=spec(ServiceTerms, terms) if terms else None,
    )


def _plans(data: dict[str, Any]) -> tuple[PlanSpec, ...]:
    shared_objectives = tuple(spec(ObjectiveSpec, o) for o in data["plan_objectives"])
    plans = []
    for plan in data["plans"]:
        plan = dict(plan)
        has_plan_objectives = plan.pop("has_plan_objectives", False)
        plans.append(
            spec(
                PlanSpec,
                plan,
                introduction=plan["introduction"].replace(
                    "{department_introduction}", data["department_introduction"]
                ),
                sections=tuple(section(name) for name in plan["sections"]),
                plan_objectives=shared_objectives if has_plan_objectives else (),
            )
        )
    return tuple(plans)


_council = read("council.json")
_wording = read("wording.json")
_plan_data = read("plans.json")
_risk_data = read("risks.json")

#: Seeds every random choice, with the row's own key, so the same day always gives the same council.
SEED: int = _council["seed"]
EMAIL_DOMAIN: str = _council["email_domain"]
COUNCIL_SLUG: str = _council["council_slug"]
UNITS: tuple[UnitSpec, ...] = tuple(spec(UnitSpec, u) for u in _council["units"])
OFFICERS: tuple[OfficerSpec, ...] = tuple(spec(OfficerSpec, o) for o in _council["officers"])
#: The demo sign-ins. The manager heads a service; the officer has tasks and indicators due in the open period.
USERS: tuple[UserSpec, ...] = tuple(spec(UserSpec, u) for u in _council["users"])
PRIORITIES: tuple[PrioritySpec, ...] = tuple(spec(PrioritySpec, p) for p in _council["priorities"])

COMMENTARY: dict[str, tuple[tuple[str, str], ...]] = _frozen(_wording["commentary"])
COMMENTARY_TAG_WORDS: dict[str, tuple[str, ...]] = _frozen(_wording["commentary_tag_words"])
CARRIED_FORWARD_PREFIX: str = _wording["carried_forward_prefix"]
NO_DATA_REASONS: tuple[str, ...] = _frozen(_wording["no_data_reasons"])
VALUE_NOTES: dict[str, tuple[str, ...]] = _frozen(_wording["value_notes"])
EQUALITY_TASKS: tuple[tuple[str, str], ...] = _frozen(_wording["equality_tasks"])
CONTINUITY_TASKS: tuple[tuple[str, str], ...] = _frozen(_wording["continuity_tasks"])
RISK_TASKS: tuple[tuple[str, str, str], ...] = _frozen(_wording["risk_tasks"])
#: What the demo manager wrote when sending the demo officer's return back.
SENT_BACK_COMMENT: str = _wording["sent_back_comment"]

PLANS: tuple[PlanSpec, ...] = _plans(_plan_data)
#: The plan whose next year's plan the demo starts (carried forward) and submits for approval.
NEXT_PLAN_KEY: str = _plan_data["next_plan_key"]

RISKS: tuple[RiskSpec, ...] = tuple(spec(RiskSpec, r) for r in _risk_data["risks"])
#: Risks that were closed, with the reason, so the register shows one.
CLOSED: dict[str, str] = _risk_data["closed"]

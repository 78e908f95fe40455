"""The demo council's risk register: about 25 risks across its directorates, some linked to its tasks and
indicators, with two quarters of reviews. Called by ``plans.demo.builder`` (lazily, as risks sits above it).

Idempotent like the rest of the demo: a risk is looked up by its reference and made once, with its reviews;
nothing that exists is changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from actions.models import Task
from indicators.models import Indicator
from plans.models import Officer, OrganisationUnit, Plan, ReportingPeriod

from .models import Risk, RiskCategory, RiskOwner, RiskReview


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


RISKS: tuple[RiskSpec, ...] = (
    # Chief Executive's
    RiskSpec(
        "CE-01",
        "chief-executives",
        "Strategic",
        "The council's priorities are not delivered within the medium-term budget",
        "Funding falls faster than plans assume.",
        "Pledges missed; loss of public confidence.",
        ("whitfield",),
        (4, 5),
        ((4, 4), (3, 4)),
        (2, 4),
        "Medium-term financial strategy; quarterly performance reports to Cabinet.",
        "Refresh the corporate plan with members in the autumn.",
        ("Budget gap confirmed; savings plan agreed by Cabinet.", "Savings plan on track at mid-year."),
    ),
    RiskSpec(
        "CE-02",
        "economic-development",
        "Partnership",
        "Town centre regeneration partners withdraw",
        "Developer viability falls as build costs rise.",
        "Regeneration scheme stalls; grant has to be returned.",
        ("pritchard",),
        (4, 4),
        ((3, 4), (3, 4)),
        (2, 3),
        "Partnership board meets monthly; funding agreement with milestones.",
        commentary=(
            "Developer confirmed commitment at the board.",
            "No change: viability review due next quarter.",
        ),
        link_task=True,
    ),
    RiskSpec(
        "CE-03",
        "community-safety",
        "Reputational",
        "Anti-social behaviour rises in the town centre at night",
        "Reduced police patrols; late licences.",
        "Residents feel unsafe; complaints rise.",
        ("doyle", "mensah"),
        (4, 3),
        ((4, 3), (3, 3)),
        (2, 2),
        "Joint patrols with police; CCTV monitored until 3am.",
        commentary=("Summer hot-spot operation agreed.", "Incidents down after the summer operation."),
        link_indicator=True,
    ),
    RiskSpec(
        "CE-04",
        "policy-performance",
        "Operational",
        "Performance data is late or wrong in committee reports",
        "Officers miss return deadlines; figures not checked.",
        "Members decide on poor information.",
        ("lawson", "begum"),
        (3, 3),
        ((2, 3), (2, 3)),
        (1, 3),
        "Deadlines in the reporting calendar; sign-off by managers; reminders.",
        commentary=("Reminders now e-mailed automatically.", "All Q returns signed off on time."),
    ),
    RiskSpec(
        "CE-05",
        "democratic-services",
        "Legal",
        "An election is challenged because of an administrative error",
        "Late changes to polling stations; new staff.",
        "Election petition; re-run at great cost.",
        ("shaw",),
        (2, 5),
        ((2, 5), (2, 4)),
        (1, 4),
        "Electoral Commission guidance; checklists; trained presiding officers.",
        commentary=("Polling station review complete.", "Training for all presiding officers booked."),
    ),
    # Corporate Resources
    RiskSpec(
        "CR-01",
        "finance",
        "Financial",
        "Savings needed to balance the budget are not found",
        "Demand for adult and children's services rises; grant cut.",
        "Reserves used; a section 114 notice in the worst case.",
        ("mistry", "rowe"),
        (5, 5),
        ((4, 5), (4, 5)),
        (3, 4),
        "Monthly budget monitoring; savings tracker; reserves policy.",
        "Second round of savings proposals for Cabinet.",
        ("Overspend forecast of £1.2m.", "Forecast overspend cut to £0.8m; still red."),
        link_task=True,
    ),
    RiskSpec(
        "CR-02",
        "revenues-benefits",
        "Financial",
        "Council tax collection falls as household incomes are squeezed",
        "Cost of living; changes to support schemes.",
        "Less income; more arrears to recover.",
        ("harper",),
        (4, 3),
        ((3, 3), (3, 3)),
        (2, 3),
        "Early reminders; payment plans; council tax support scheme.",
        commentary=("Collection 0.4 points behind last year.", "Gap closed to 0.2 points."),
        link_indicator=True,
    ),
    RiskSpec(
        "CR-03",
        "revenues-benefits",
        "Operational",
        "Benefit claims back up after the new system goes live",
        "System changeover; staff turnover.",
        "Claimants wait; hardship and complaints.",
        ("walsh",),
        (4, 4),
        ((4, 3), (3, 3)),
        (2, 2),
        "Parallel running; overtime budget; daily backlog reports.",
        commentary=("Backlog of 900 claims after go-live.", "Backlog down to 300 claims."),
        link_indicator=True,
    ),
    RiskSpec(
        "CR-04",
        "human-resources",
        "Operational",
        "Key posts cannot be filled",
        "Competition from the private sector for planners, engineers and accountants.",
        "Services slow; agency costs.",
        ("ashworth", "adeyemi"),
        (4, 4),
        ((4, 4), (4, 4)),
        (2, 3),
        "Market supplements; apprenticeships; grow-our-own schemes.",
        "Workforce plan for hard-to-fill roles.",
        ("Eleven vacancies over three months old.", "No change: recruitment campaign launched."),
    ),
    RiskSpec(
        "CR-05",
        "customer-services",
        "ICT",
        "A cyber attack takes council systems offline",
        "Phishing; unpatched systems; ransomware.",
        "Services stop; data lost; fines.",
        ("doherty", "hussain"),
        (4, 5),
        ((3, 5), (3, 5)),
        (2, 4),
        "Patching within 14 days; staff training; offline back-ups; cyber insurance.",
        "Test the recovery plan with a rehearsal.",
        ("Phishing test: 6% clicked.", "Rehearsal booked; phishing clicks down to 3%."),
    ),
    RiskSpec(
        "CR-06",
        "legal-procurement",
        "Legal",
        "A procurement is challenged by a losing bidder",
        "New procurement rules; complex tenders.",
        "Contract award delayed; damages.",
        ("oakley",),
        (3, 4),
        ((2, 4), (2, 3)),
        (1, 3),
        "Procurement rules; legal review of all tenders over £500k.",
        commentary=("Training on the new rules complete.", "No challenges this year."),
    ),
    RiskSpec(
        "CR-07",
        "contact-centre",
        "Operational",
        "Calls go unanswered at peak times",
        "Council tax billing and bin changes bring peaks.",
        "Residents cannot get through; complaints.",
        ("hussain",),
        (4, 2),
        ((4, 2), (3, 2)),
        (2, 2),
        "Call-back service; web forms; staff moved at peak times.",
        commentary=("Billing peak: 20% of calls abandoned.", "Abandoned calls down to 9%."),
        link_indicator=True,
    ),
    # Environment and Neighbourhoods
    RiskSpec(
        "EN-01",
        "waste-recycling",
        "Financial",
        "Recycling markets collapse and income from materials falls",
        "World prices for paper and plastics fall.",
        "Budget gap; pressure to landfill.",
        ("hardy",),
        (4, 4),
        ((3, 4), (4, 4)),
        (2, 3),
        "Five-year contract with a price floor; quality checks on loads.",
        "Explore a joint contract with neighbouring councils.",
        ("Prices steady.", "Paper price fell by a third: worse."),
        link_task=True,
        link_indicator=True,
    ),
    RiskSpec(
        "EN-02",
        "waste-recycling",
        "Health and safety",
        "A collection crew member is injured on the round",
        "Reversing vehicles; heavy bins; traffic.",
        "Injury; HSE action; claims.",
        ("pickering", "marsh"),
        (3, 5),
        ((2, 5), (2, 5)),
        (1, 5),
        "Reversing assistants; risk-assessed rounds; cameras on vehicles.",
        commentary=("Two near misses reported.", "Refresher training given to all crews."),
    ),
    RiskSpec(
        "EN-03",
        "waste-recycling",
        "Operational",
        "Garden waste collections stop when the depot lease ends",
        "The landlord wants the site back for housing.",
        "Service suspended; complaints.",
        ("marsh",),
        (3, 4),
        ((3, 4), (3, 3)),
        (1, 3),
        "Lease negotiations; search for another site.",
        commentary=("Landlord has served notice.", "Two sites shortlisted."),
    ),
    RiskSpec(
        "EN-04",
        "parks-open-spaces",
        "Health and safety",
        "Trees fall in storms and hurt someone",
        "Ash dieback; storms.",
        "Injury or death; claims.",
        ("lindley", "price"),
        (3, 5),
        ((3, 4), (2, 4)),
        (2, 3),
        "Tree survey every two years; ash dieback felling programme.",
        commentary=("Survey found 140 trees with ash dieback.", "Felling programme 60% done."),
        link_task=True,
    ),
    RiskSpec(
        "EN-05",
        "highways-transportation",
        "Financial",
        "Winter damage to roads exceeds the repair budget",
        "Freeze-thaw cycles; ageing roads.",
        "Potholes; claims; road closures.",
        ("bates", "shah"),
        (4, 4),
        ((3, 4), (3, 4)),
        (2, 3),
        "Annual condition survey; planned resurfacing; claims team.",
        commentary=("Budget committed by October.", "No change."),
    ),
    RiskSpec(
        "EN-06",
        "environmental-health",
        "Health and safety",
        "A food poisoning outbreak at a registered business",
        "Backlog of inspections after staff shortages.",
        "Illness; loss of trust in the service.",
        ("grant", "turner"),
        (3, 4),
        ((3, 4), (2, 4)),
        (2, 3),
        "Risk-based inspection plan; high-risk premises first.",
        commentary=("Backlog of 80 inspections.", "Backlog cleared for high-risk premises."),
        link_indicator=True,
    ),
    RiskSpec(
        "EN-07",
        "development-management",
        "Legal",
        "Planning appeals are lost and costs awarded",
        "Decisions against officers' advice; weak reasons.",
        "Costs; government intervention.",
        ("riley", "ali"),
        (3, 3),
        ((3, 3), (2, 3)),
        (2, 2),
        "Members' training; legal advice at committee.",
        commentary=("Two appeals lost this quarter.", "No appeals lost."),
    ),
    RiskSpec(
        "EN-08",
        "planning-policy",
        "Strategic",
        "The local plan is found unsound at examination",
        "Housing land supply disputed.",
        "Speculative development; appeals.",
        ("cartwright",),
        (3, 5),
        ((3, 5), (3, 4)),
        (2, 3),
        "Evidence base refreshed; early talks with the inspector.",
        commentary=("Evidence base being refreshed.", "Housing figures agreed with neighbouring councils."),
    ),
    RiskSpec(
        "EN-09",
        "building-control",
        "Reputational",
        "A dangerous structure is not made safe in time",
        "Out-of-hours cover depends on two officers.",
        "Injury; blame.",
        ("peel",),
        (2, 5),
        ((2, 4), (2, 4)),
        (1, 4),
        "Out-of-hours rota; agreement with a neighbouring council.",
        commentary=("Rota covers every night.", "No change."),
    ),
    # Community Services
    RiskSpec(
        "CS-01",
        "housing-options",
        "Financial",
        "Temporary accommodation costs keep rising",
        "More homeless families; few private lets.",
        "Overspend; families in bed and breakfast.",
        ("marshall", "rahman"),
        (5, 4),
        ((5, 4), (5, 4)),
        (3, 3),
        "Prevention fund; leasing scheme with landlords.",
        "Buy homes for temporary accommodation.",
        ("42 families in B&B.", "Still red: 47 families in B&B."),
        link_task=True,
        link_indicator=True,
    ),
    RiskSpec(
        "CS-02",
        "private-sector-housing",
        "Legal",
        "Licensing of houses in multiple occupation falls behind",
        "Staff vacancy; more applications.",
        "Unsafe homes; challenge for delay.",
        ("fletcher", "ho"),
        (3, 3),
        ((3, 3), (2, 3)),
        (1, 3),
        "Online applications; temporary officer.",
        commentary=("60 applications waiting.", "Waiting list halved."),
    ),
    RiskSpec(
        "CS-03",
        "libraries-heritage",
        "Reputational",
        "Library opening hours are cut because of staff shortages",
        "Vacancies; sickness.",
        "Closures at short notice; complaints.",
        ("dunn", "barker"),
        (3, 3),
        ((3, 2), (2, 2)),
        (2, 2),
        "Volunteers; relief staff pool.",
        commentary=("Four unplanned closures.", "No unplanned closures."),
    ),
    RiskSpec(
        "CS-04",
        "leisure-culture",
        "Partnership",
        "The leisure trust cannot meet its energy bills",
        "Energy prices; pool heating.",
        "Centres close; the council asked for more money.",
        ("royle",),
        (4, 4),
        ((4, 4), (3, 4)),
        (2, 3),
        "Open-book accounting; energy saving plan; solar panels.",
        commentary=("Trust asked for £300k.", "Solar panels fitted; request cut to £150k."),
        link_task=True,
    ),
    RiskSpec(
        "CS-05",
        "sports-development",
        "Health and safety",
        "A child is harmed at a holiday activity",
        "Many sessions; casual staff.",
        "Harm; safeguarding failure.",
        ("kendall",),
        (2, 5),
        ((2, 5), (1, 5)),
        (1, 5),
        "DBS checks; safeguarding training; ratios.",
        commentary=("All staff checked.", "Safeguarding audit: no actions."),
    ),
)

#: A risk that was closed, so the register shows one.
CLOSED = {"CE-05": "The election passed without challenge; the risk is carried in next year's register."}


def _quarters_reviewed(periods: dict) -> list[ReportingPeriod]:
    """The two latest quarters that have been reported (closed or published)."""
    reported = (ReportingPeriod.State.CLOSED, ReportingPeriod.State.PUBLISHED)
    quarters = sorted(
        (p for p in periods.values() if p.kind == "quarter" and p.state in reported), key=lambda p: p.end_date
    )
    return quarters[-2:]


def risks_ensure(
    *,
    units: dict,
    officers: dict,
    periods: dict,
    plans: list[Plan],
    this_year: int,
    users_of_officers: dict,
    today: date,
) -> int:
    """Make the register's risks that are missing, with their reviews; returns how many were made."""
    existing = set(
        Risk.objects.filter(reference__in=[s.reference for s in RISKS]).values_list("reference", flat=True)
    )
    quarters = _quarters_reviewed(periods)
    categories = {
        name: RiskCategory.objects.get_or_create(name=name)[0] for name in {s.category for s in RISKS}
    }
    plan_by_unit: dict[int, Plan] = {}
    for plan in plans:
        if plan.first_year == this_year:
            plan_by_unit.setdefault(plan.unit_id, plan)
    made = 0
    for index, spec in enumerate(RISKS):
        if spec.reference in existing or spec.unit not in units:
            continue
        unit: OrganisationUnit = units[spec.unit]
        owners: list[Officer] = [officers[key] for key in spec.owners if key in officers]
        if not owners:
            continue
        plan = _plan_for(unit, units, plan_by_unit)
        current = spec.reviews[-1] if quarters else spec.inherent
        risk = Risk(
            unit=unit,
            plan=plan,
            reference=spec.reference,
            title=spec.title,
            cause=spec.cause,
            effect=spec.effect,
            category=categories[spec.category],
            controls=spec.controls,
            further_actions=spec.further_actions,
            review_date=today + timedelta(days=(index % 5) * 30 - 20),
            inherent_likelihood=spec.inherent[0],
            inherent_impact=spec.inherent[1],
            current_likelihood=current[0],
            current_impact=current[1],
            target_likelihood=spec.target[0],
            target_impact=spec.target[1],
        )
        if spec.reference in CLOSED:
            risk.status, risk.closed_reason, risk.closed_on = (
                Risk.Status.CLOSED,
                CLOSED[spec.reference],
                today,
            )
        risk.save()
        RiskOwner.objects.bulk_create(
            RiskOwner(risk=risk, officer=officer, order=order) for order, officer in enumerate(owners)
        )
        tasks = Task.objects.filter(section__unit=unit, plan__in=plans).order_by("category", "id")
        if spec.link_task:
            task = tasks.filter(category="risk_management").first() or tasks.first()
            if task is not None:
                risk.tasks.add(task)
                if task.objective_id:
                    risk.objectives.add(task.objective_id)
                risk.action_tasks.add(task)
        if spec.link_indicator:
            indicator = Indicator.objects.filter(section__unit=unit, plan__in=plans).order_by("id").first()
            if indicator is not None:
                risk.indicators.add(indicator)
        for (likelihood, impact), period, words in zip(
            spec.reviews[-len(quarters) :] if quarters else (),
            quarters,
            spec.commentary or ("",) * 2,
            strict=False,
        ):
            RiskReview.objects.create(
                risk=risk,
                period=period,
                likelihood=likelihood,
                impact=impact,
                commentary=words or "Controls reviewed; no change.",
                reviewed_by=users_of_officers.get(spec.owners[0]),
            )
        made += 1
    return made


def _plan_for(unit: OrganisationUnit, units: dict, plan_by_unit: dict[int, Plan]) -> Plan | None:
    """This year's plan of the unit or the nearest unit above it."""
    by_id = {u.pk: u for u in units.values()}
    current: OrganisationUnit | None = unit
    while current is not None:
        if current.pk in plan_by_unit:
            return plan_by_unit[current.pk]
        current = by_id.get(current.parent_id)
    return None

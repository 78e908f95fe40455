"""The demo council's words: its units, officers, priorities, plans, objectives, tasks and indicators.

Pure data, no Django. The wording imitates real council service plans and monitoring reports. Nothing here
names a calendar year: dates are written as a month offset from the 1 April on which a plan starts
(1 = April of the first year, 12 = March, 13 = April of the second year) and the builder words them as
officers do ("By April 2027", "Sept. 26", "On-going").

Due dates (``TaskSpec.due``):

- ``"by:N"``: "By December 2026"; ``"month:N"``: "December 2026"; ``"abbr:N"``: "Dec. 26";
- ``"endyear"``: "End of 2026" (the December of the plan's first year);
- ``"during"``: "Will continue during 2026/27" (due at the end of the plan's last year);
- ``"ongoing"``: "On-going", with no due date;
- empty with milestones: "Options appraisal – April 2026, Business case – June 2026, …".

Text may use ``{year}`` (the plan's first financial year, "2026/27"), ``{next_year}`` and ``{prev_year}``.
"""

from dataclasses import dataclass, field

SEED = 20070401
EMAIL_DOMAIN = "millbrook.example.gov.uk"
COUNCIL_SLUG = "millbrook-council"

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


# -- the organisation -------------------------------------------------------------------------------------

UNITS: tuple[UnitSpec, ...] = (
    UnitSpec(COUNCIL_SLUG, "", "council", None, head="whitfield", short_name="Millbrook"),
    # Chief Executive's
    UnitSpec(
        "chief-executives", "Chief Executive's Directorate", "directorate", COUNCIL_SLUG, "whitfield", "CE"
    ),
    UnitSpec(
        "strategy-regeneration",
        "Strategy and Regeneration Division",
        "division",
        "chief-executives",
        "okafor",
        "S&R",
    ),
    UnitSpec("economic-development", "Economic Development", "section", "strategy-regeneration", "pritchard"),
    UnitSpec("community-safety", "Community Safety", "section", "strategy-regeneration", "doyle"),
    UnitSpec("policy-performance", "Policy and Performance", "section", "strategy-regeneration", "lawson"),
    UnitSpec("democratic-services", "Democratic Services", "section", "chief-executives", "fairclough"),
    # Corporate Resources
    UnitSpec(
        "corporate-resources",
        "Corporate Resources Directorate",
        "directorate",
        COUNCIL_SLUG,
        "chandler",
        "CR",
    ),
    UnitSpec("finance", "Finance", "service", "corporate-resources", "mistry"),
    UnitSpec("revenues-benefits", "Revenues and Benefits", "service", "corporate-resources", "bennett"),
    UnitSpec("human-resources", "Human Resources", "service", "corporate-resources", "ashworth", "HR"),
    UnitSpec("customer-services", "Customer Services", "service", "corporate-resources", "doherty"),
    UnitSpec("contact-centre", "Contact Centre", "team", "customer-services", "hussain"),
    UnitSpec("legal-procurement", "Legal and Procurement", "service", "corporate-resources", "greaves"),
    # Environment and Neighbourhoods
    UnitSpec(
        "environment-neighbourhoods",
        "Environment and Neighbourhoods Directorate",
        "directorate",
        COUNCIL_SLUG,
        "brennan",
        "E&N",
    ),
    UnitSpec("street-scene", "Street Scene Division", "division", "environment-neighbourhoods", "cole"),
    UnitSpec("waste-recycling", "Waste and Recycling", "service", "street-scene", "hardy"),
    UnitSpec("parks-open-spaces", "Parks and Open Spaces", "service", "street-scene", "lindley"),
    UnitSpec("highways-transportation", "Highways and Transportation", "service", "street-scene", "bates"),
    UnitSpec(
        "environmental-health",
        "Environmental Health and Licensing",
        "service",
        "environment-neighbourhoods",
        "grant",
    ),
    UnitSpec(
        "planning-building-control",
        "Planning and Building Control Division",
        "division",
        "environment-neighbourhoods",
        "ainsworth",
    ),
    UnitSpec(
        "development-management", "Development Management", "section", "planning-building-control", "riley"
    ),
    UnitSpec("planning-policy", "Planning Policy", "section", "planning-building-control", "cartwright"),
    UnitSpec("building-control", "Building Control", "section", "planning-building-control", "peel"),
    # Community Services
    UnitSpec(
        "community-services", "Community Services Directorate", "directorate", COUNCIL_SLUG, "osei", "CS"
    ),
    UnitSpec("housing-options", "Housing Options", "service", "community-services", "marshall"),
    UnitSpec("private-sector-housing", "Private Sector Housing", "service", "community-services", "fletcher"),
    UnitSpec("libraries-heritage", "Libraries and Heritage", "service", "community-services", "dunn"),
    UnitSpec("leisure-culture", "Leisure and Culture", "service", "community-services", "royle"),
    UnitSpec("sports-development", "Sports Development", "team", "leisure-culture", "kendall"),
)

OFFICERS: tuple[OfficerSpec, ...] = (
    OfficerSpec("whitfield", "Margaret Whitfield", "Chief Executive", "chief-executives", "01632 960001"),
    OfficerSpec(
        "okafor",
        "Daniel Okafor",
        "Director of Strategy and Regeneration",
        "strategy-regeneration",
        "01632 960010",
    ),
    OfficerSpec(
        "pritchard", "Helen Pritchard", "Economic Development Manager", "economic-development", "01632 960114"
    ),
    OfficerSpec("kaur", "Jaspreet Kaur", "Business Support Officer", "economic-development", "01632 960117"),
    OfficerSpec("doyle", "Sean Doyle", "Community Safety Manager", "community-safety", "01632 960121"),
    OfficerSpec("mensah", "Grace Mensah", "Anti-social Behaviour Co-ordinator", "community-safety"),
    OfficerSpec(
        "lawson", "Richard Lawson", "Head of Policy and Performance", "policy-performance", "01632 960130"
    ),
    OfficerSpec("begum", "Nasreen Begum", "Policy and Performance Officer", "policy-performance"),
    OfficerSpec(
        "fairclough", "Janet Fairclough", "Head of Democratic Services", "democratic-services", "01632 960140"
    ),
    OfficerSpec("ellis", "Thomas Ellis", "Senior Committee Clerk", "democratic-services"),
    OfficerSpec("shaw", "Nicola Shaw", "Electoral Services Manager", "democratic-services"),
    OfficerSpec(
        "chandler",
        "Philip Chandler",
        "Director of Corporate Resources",
        "corporate-resources",
        "01632 960200",
    ),
    OfficerSpec(
        "mistry", "Anjali Mistry", "Head of Finance (Section 151 Officer)", "finance", "01632 960210"
    ),
    OfficerSpec("rowe", "Gareth Rowe", "Principal Accountant", "finance"),
    OfficerSpec(
        "bennett", "Carol Bennett", "Head of Revenues and Benefits", "revenues-benefits", "01632 960220"
    ),
    OfficerSpec("walsh", "Michael Walsh", "Benefits Manager", "revenues-benefits"),
    OfficerSpec("harper", "Lisa Harper", "Council Tax and Business Rates Manager", "revenues-benefits"),
    OfficerSpec("ashworth", "Joanne Ashworth", "Head of Human Resources", "human-resources", "01632 960230"),
    OfficerSpec("adeyemi", "Femi Adeyemi", "HR Business Partner", "human-resources"),
    OfficerSpec("doherty", "Karen Doherty", "Customer Services Manager", "customer-services", "01632 960240"),
    OfficerSpec("hussain", "Imran Hussain", "Contact Centre Team Leader", "contact-centre"),
    OfficerSpec(
        "greaves",
        "Stephen Greaves",
        "Head of Legal Services and Monitoring Officer",
        "legal-procurement",
        "01632 960250",
    ),
    OfficerSpec("oakley", "Ruth Oakley", "Procurement Manager", "legal-procurement"),
    OfficerSpec(
        "brennan",
        "Paul Brennan",
        "Director of Environment and Neighbourhoods",
        "environment-neighbourhoods",
        "01632 960300",
    ),
    OfficerSpec("cole", "Martin Cole", "Head of Street Scene", "street-scene", "01632 960305"),
    OfficerSpec("hardy", "Alison Hardy", "Waste and Recycling Manager", "waste-recycling", "01632 960310"),
    OfficerSpec("marsh", "Kevin Marsh", "Recycling Officer", "waste-recycling", "01632 960312"),
    OfficerSpec("pickering", "David Pickering", "Collections and Cleansing Supervisor", "waste-recycling"),
    OfficerSpec(
        "lindley", "Sarah Lindley", "Parks and Open Spaces Manager", "parks-open-spaces", "01632 960320"
    ),
    OfficerSpec("price", "Owen Price", "Parks Development Officer", "parks-open-spaces"),
    OfficerSpec(
        "bates",
        "Christopher Bates",
        "Highways and Transportation Manager",
        "highways-transportation",
        "01632 960330",
    ),
    OfficerSpec("shah", "Priya Shah", "Senior Engineer (Street Lighting)", "highways-transportation"),
    OfficerSpec("foster", "Neil Foster", "Road Safety Officer", "highways-transportation"),
    OfficerSpec(
        "grant",
        "Fiona Grant",
        "Head of Environmental Health and Licensing",
        "environmental-health",
        "01632 960340",
    ),
    OfficerSpec(
        "hollis",
        "Mark Hollis",
        "Principal Environmental Health Officer (Food and Safety)",
        "environmental-health",
    ),
    OfficerSpec("turner", "Amy Turner", "Licensing Manager", "environmental-health"),
    OfficerSpec("wright", "Benjamin Wright", "Pollution Control Officer", "environmental-health"),
    OfficerSpec(
        "ainsworth",
        "Robert Ainsworth",
        "Head of Planning and Building Control",
        "planning-building-control",
        "01632 960350",
    ),
    OfficerSpec("riley", "Claire Riley", "Development Management Manager", "development-management"),
    OfficerSpec("ali", "Hassan Ali", "Principal Planning Officer", "development-management"),
    OfficerSpec("cartwright", "Emma Cartwright", "Planning Policy Manager", "planning-policy"),
    OfficerSpec("lynch", "Joseph Lynch", "Senior Planning Officer (Conservation)", "planning-policy"),
    OfficerSpec("peel", "Graham Peel", "Building Control Manager", "building-control"),
    OfficerSpec(
        "osei", "Sandra Osei", "Director of Community Services", "community-services", "01632 960400"
    ),
    OfficerSpec("marshall", "Wendy Marshall", "Housing Options Manager", "housing-options", "01632 960410"),
    OfficerSpec("rahman", "Tariq Rahman", "Homelessness Prevention Officer", "housing-options"),
    OfficerSpec("fletcher", "Alan Fletcher", "Private Sector Housing Manager", "private-sector-housing"),
    OfficerSpec("ho", "Jenny Ho", "Empty Homes Officer", "private-sector-housing"),
    OfficerSpec(
        "dunn", "Patricia Dunn", "Libraries and Heritage Manager", "libraries-heritage", "01632 960420"
    ),
    OfficerSpec("barker", "Chloe Barker", "Reader Development Librarian", "libraries-heritage"),
    OfficerSpec("royle", "Ian Royle", "Leisure and Culture Manager", "leisure-culture", "01632 960430"),
    OfficerSpec("kendall", "Zoe Kendall", "Sports Development Officer", "sports-development"),
    OfficerSpec("moss", "Leanne Moss", "Arts Development Officer", "leisure-culture"),
)

# The demo sign-ins. The manager heads a service; the officer has tasks and indicators due in the open period.
USERS: tuple[UserSpec, ...] = (
    UserSpec("admin", "Demo", "Administrator", None, is_staff=True, is_superuser=True),
    UserSpec("performance", "Performance", "Team", "Performance team", is_staff=True),
    # Admin is for the performance team (serviceplans.roles): the clerk works from the pages, not admin.
    UserSpec("clerk", "Committee", "Clerk", "Committee clerks"),
    UserSpec("manager", "Alison", "Hardy", "Managers", officer="hardy"),
    UserSpec("officer", "Kevin", "Marsh", "Officers", officer="marsh"),
)

# -- the council's priorities -----------------------------------------------------------------------------

PRIORITIES: tuple[PrioritySpec, ...] = (
    PrioritySpec(
        "healthy",
        "community_theme",
        "",
        "a Healthy Borough",
        "Longer, healthier lives for everyone, and narrowing the gap in health between our wards.",
        3,
    ),
    PrioritySpec(
        "safe",
        "community_theme",
        "",
        "a Safe Borough",
        "Less crime, disorder and anti-social behaviour, and people feeling safe in their homes and streets.",
        3,
    ),
    PrioritySpec(
        "learning",
        "community_theme",
        "",
        "a Learning and Creative Borough",
        "Opportunities for everyone to learn, develop their skills and enjoy culture.",
        3,
    ),
    PrioritySpec(
        "children",
        "community_theme",
        "",
        "a Borough where Children and Young People are Valued",
        "Children and young people who are healthy, safe and achieving.",
        3,
    ),
    PrioritySpec(
        "inclusive",
        "community_theme",
        "",
        "an Inclusive Borough with Stronger Communities",
        "Communities that get on well together and have a say in what happens in their area.",
        3,
    ),
    PrioritySpec(
        "prosperous",
        "community_theme",
        "",
        "an Economically Prosperous Borough",
        "More and better jobs, thriving town centres and residents with the skills to benefit.",
        3,
    ),
    PrioritySpec(
        "good_place",
        "community_theme",
        "",
        "a Borough that is Good to Live in",
        "Clean, green and attractive neighbourhoods with good homes and transport.",
        3,
    ),
    PrioritySpec("p1", "pledge", "Pledge 1", "Better education for all", "", 2),
    PrioritySpec("p2", "pledge", "Pledge 2", "Quality homes for all", "", 2),
    PrioritySpec("p3", "pledge", "Pledge 3", "A clean and healthy Millbrook", "", 2),
    PrioritySpec("p4", "pledge", "Pledge 4", "A safer Millbrook", "", 2),
    PrioritySpec("p5", "pledge", "Pledge 5", "Stronger communities", "", 2),
    PrioritySpec("p6", "pledge", "Pledge 6", "Support for young people", "", 2),
    PrioritySpec(
        "vfm",
        "corporate_objective",
        "A",
        "Improving services to deliver high quality and value for money",
        "Services that compare well with the best, at a cost residents can afford.",
        1,
    ),
    PrioritySpec(
        "customer",
        "corporate_objective",
        "B",
        "Putting customers first",
        "Easy access to services and information, and problems resolved at the first contact.",
        1,
    ),
    PrioritySpec(
        "workforce",
        "corporate_objective",
        "C",
        "A skilled, motivated and diverse workforce",
        "A workforce that reflects the community it serves, well led and well trained.",
        1,
    ),
    PrioritySpec(
        "climate",
        "corporate_objective",
        "D",
        "Reducing our carbon footprint",
        "Cutting the council's own carbon emissions and helping the borough adapt to climate change.",
        1,
    ),
)

# -- the wording of returns -------------------------------------------------------------------------------

# What officers write, by status. Each phrase is tagged with the kind of task it suits: "" (any task),
# "project" (capital works, procurement, anything with a budget or milestones), "policy" (strategies,
# policies, reviews and consultations) or "system" (IT, online services). Placeholders: {month} (the last
# month of the period), {next_month}, {next_quarter} and {start_month}.
COMMENTARY: dict[str, tuple[tuple[str, str], ...]] = {
    "green": (
        ("Good progress this quarter; all milestones met to date.", ""),
        ("Progressing well; early feedback from service users is positive.", ""),
        ("In hand and on schedule. Update to be reported to Members at the next meeting.", ""),
        ("On track and within existing budget; next phase planned for {next_quarter}.", ""),
        ("Ahead of schedule following additional support from the Performance team.", ""),
        ("On track; consultation closes in {next_month}.", "policy"),
        (
            "Work progressing to plan. Draft to be considered by the Directorate Management Team in {next_month}.",
            "policy",
        ),
        ("On track. Lead Member briefed in {month}; report to Cabinet planned for {next_quarter}.", "policy"),
        ("On target. Project board met in {month} and agreed the next stage.", "project"),
        ("On track. Contractor appointed and work starts on site in {next_month}.", "project"),
        ("On track and within budget; spend to date in line with profile.", "project"),
        ("On track. User testing completed in {month}; go-live date confirmed with the supplier.", "system"),
        ("Good progress; staff training sessions held in {month}.", "system"),
    ),
    "amber": (
        ("Delayed by vacancy in the team; recovery plan agreed with the Head of Service.", ""),
        (
            "Slightly behind schedule owing to the late receipt of data from partners. Expected to recover by "
            "{next_quarter}.",
            "",
        ),
        (
            "Progress slower than planned because of competing priorities during the budget round. Remedial "
            "action in place.",
            "",
        ),
        ("Behind profile. Additional officer time allocated from {next_month}.", ""),
        ("Consultation period extended at the request of Members; revised timetable agreed.", "policy"),
        (
            "Supplier delays have put the timetable back by around six weeks; contingency being used.",
            "project",
        ),
        (
            "Tenders came in over budget; value engineering under way before the contract is awarded.",
            "project",
        ),
        (
            "Some slippage while the new system is bedded in; expected to be back on track by {next_quarter}.",
            "system",
        ),
    ),
    "red": (
        (
            "Off track: the project lead has left the council and the post is being recruited to. Revised "
            "completion date to be agreed.",
            "",
        ),
        (
            "No progress this quarter owing to long-term sickness in the team; unlikely to be delivered this year. "
            "Report to DMT in {next_month}.",
            "",
        ),
        (
            "Significantly delayed. Funding bid was unsuccessful and alternative sources are being explored.",
            "project",
        ),
        ("Legal challenge has halted work; awaiting counsel's opinion.", "policy"),
        (
            "Dependent on the new IT system, which the supplier has delayed. Escalated to the Corporate Risk Group.",
            "system",
        ),
    ),
    "completed": (
        ("Completed in {month}.", ""),
        ("Achieved ahead of the target date.", ""),
        ("Complete; benefits now being monitored through the service's performance indicators.", ""),
        ("Completed. Final report noted by Cabinet in {month}.", "policy"),
        ("Completed on time and within budget.", "project"),
        ("Live since {month}; take-up being monitored.", "system"),
    ),
    "completed_again": (
        ("Completed – no further update.", ""),
        ("Completed; benefits being monitored.", ""),
    ),
    "not_started": (
        ("Not yet started; programmed to begin in {start_month}.", ""),
        ("Work not started. Awaiting the outcome of the directorate restructure.", ""),
        ("Not started – dependent on completion of the options appraisal.", "project"),
    ),
    "not_applicable": (
        ("n/a – decision taken to go another way.", ""),
        ("n/a – no longer required following the change in government guidance.", ""),
    ),
    "ongoing": (
        ("On-going. Quarterly review completed and actions up to date.", ""),
        ("Continuing as planned; no issues to report.", ""),
        ("On-going work, delivered within existing resources this quarter.", ""),
    ),
    "equality_diversity": (
        ("On track; progress reported to the Corporate Equalities Group in {month}.", ""),
        ("Good progress. Feedback from the Disability Forum has been built into the work.", ""),
        ("On schedule. Monitoring information collected and being analysed.", ""),
    ),
    "risk_management": (
        (
            "Risk reviewed at the Directorate Management Team in {month}; controls in place and the risk score is "
            "unchanged.",
            "",
        ),
        ("Risk register updated; residual risk reduced from high to medium.", ""),
        ("Controls working; risk will be reviewed again in {next_quarter}.", ""),
    ),
    "business_continuity": (
        ("Business continuity plan reviewed and contact lists updated in {month}.", ""),
        ("Desktop exercise held in {month}; lessons learned being built into the plan.", ""),
        (
            "Plan up to date; critical activities and recovery times confirmed with the Emergency Planning team.",
            "",
        ),
    ),
}

# Words in a task's text that make it a "project", "policy" or "system" task for the tagged phrases.
COMMENTARY_TAG_WORDS: dict[str, tuple[str, ...]] = {
    "project": (
        "refurbish",
        "replace",
        "install",
        "cctv",
        "play area",
        "capital",
        "procure",
        "retender",
        "roll out",
        "resurfac",
        "open a ",
        "build",
        "digitise",
        "sports hall",
        "pitch",
    ),
    "policy": (
        "strategy",
        "policy",
        "review",
        "consult",
        "plan ",
        "plan,",
        "scheme",
        "charging schedule",
        "appraisal",
        "constitution",
        "local plan",
    ),
    "system": (
        "system",
        "online",
        "technology",
        "self-service",
        "electronic",
        "website",
        "portal",
        "wi-fi",
        "e-invoicing",
        "paperless",
        "e-book",
    ),
}

CARRIED_FORWARD_PREFIX = "Carried forward from {prev_year}. "

NO_DATA_REASONS: tuple[str, ...] = (
    "Data not yet available from the Department for Work and Pensions.",
    "Figures delayed by the upgrade of the case management system; to follow next quarter.",
    "Survey not carried out this quarter.",
    "Awaiting validation by the data owner.",
)

VALUE_NOTES: dict[str, tuple[str, ...]] = {
    "better": (
        "Improvement reflects the new online form introduced this year.",
        "Better than target; the extra staff funded from the invest-to-save bid are now in post.",
        "Good performance maintained.",
    ),
    "worse": (
        "Below target owing to vacancies in the team; recruitment under way.",
        "Affected by the system changeover; performance expected to recover next quarter.",
        "Short of target; an improvement plan has been agreed with the Head of Service.",
    ),
    "winter": (
        "Seasonal dip, as expected over the winter months.",
        "Affected by staff sickness over the winter; expected to recover by the year end.",
    ),
}

# Tasks every section has. Placeholders are the section's ServiceTerms fields and {name}.
EQUALITY_TASKS: tuple[tuple[str, str], ...] = (
    (
        "Carry out an equality impact assessment of {policy} and act on its findings",
        "Assessment published on the council website; actions included in next year's plan",
    ),
    (
        "Monitor take-up of {lc} by age, disability, ethnicity and sex, and report any gaps to the Corporate "
        "Equalities Group",
        "Monitoring reported every six months; gaps addressed through targeted action",
    ),
    (
        "Make {documents} available in plain English, easy read, large print and community languages on request",
        "All requests met within ten working days",
    ),
    (
        "Consult the Disability Forum and the Millbrook Multi-Faith Forum on changes to {lc}",
        "Consultation carried out before each change; feedback reported to Members",
    ),
    (
        "Ensure all staff delivering {lc} complete equality and diversity training, including unconscious bias",
        "100% of staff trained by the due date",
    ),
)

CONTINUITY_TASKS: tuple[tuple[str, str], ...] = (
    (
        "Review and test the {name} business continuity plan, including the loss of {system}",
        "Plan tested by a desktop exercise; critical activities restored within the agreed recovery times",
    ),
    (
        "Cross-train staff so that {critical} can continue if key officers are absent",
        "At least two trained officers for every critical activity",
    ),
    (
        "Agree mutual aid arrangements with neighbouring councils for {critical}",
        "Written arrangements in place and tested",
    ),
    (
        "Identify the staff, premises and suppliers needed to maintain {critical} during a pandemic, severe "
        "weather or the loss of {site}",
        "Business impact analysis completed and the plan updated",
    ),
)

RISK_TASKS: tuple[tuple[str, str, str], ...] = (
    (
        "Loss of experienced staff leads to a fall in service standards",
        "Put in place succession planning and a workforce development plan for {lc}",
        "Workforce plan agreed; no critical post vacant for more than three months",
    ),
    (
        "Failure to deliver the budget savings agreed for {name}",
        "Monitor the {name} budget monthly and report variances and remedial action to the Director",
        "Outturn within 1% of budget",
    ),
    (
        "Breach of data protection law involving {customers}' personal data",
        "Complete information governance training for all staff and review data sharing agreements for {lc}",
        "All staff trained; no reportable data breaches",
    ),
    (
        "Injury to staff working alone or out of hours",
        "Review lone working risk assessments and issue personal safety devices to {lone}",
        "Risk assessments reviewed; no lost-time injuries",
    ),
    (
        "Successful legal challenge to council decisions on {lc}",
        "Review procedures and decision records for {lc} against current legislation and guidance",
        "No successful challenges; procedures signed off by Legal Services",
    ),
)

PLAN_OBJECTIVES: tuple[ObjectiveSpec, ...] = (
    ObjectiveSpec(
        "E",
        "To deliver our commitment to equality and diversity in employment and services",
        ("inclusive", "customer"),
    ),
    ObjectiveSpec("R", "To manage risk and keep critical services running in an emergency", ("vfm",)),
)

# -- Chief Executive's Directorate ------------------------------------------------------------------------

ECONOMIC_DEVELOPMENT = SectionSpec(
    "Economic Development",
    "economic-development",
    "pritchard",
    ("kaur",),
    "The section encourages investment in the borough, supports local businesses and helps residents into "
    "work, working closely with the Local Strategic Partnership, Jobcentre Plus and Millbrook College.",
    (
        ObjectiveSpec(
            "1",
            "To encourage investment in the borough to assist regeneration and economic prosperity",
            ("prosperous",),
        ),
        ObjectiveSpec(
            "2",
            "To support business development by improving competitiveness and efficiency",
            ("prosperous",),
        ),
        ObjectiveSpec(
            "3",
            "To enable local people to achieve their full potential by tackling issues of employability",
            ("prosperous", "learning", "p5"),
        ),
    ),
    (
        TaskSpec(
            "Commence implementation of the Riverside Enterprise Zone, including formation of the delivery "
            "partnership",
            "1",
            ("pritchard", "okafor"),
            success="Partnership board in place; 2,000 sq metres of floor space committed by year end",
            resources="£260k growth",
            budget=260000,
            milestones=(
                ("Partnership board established", 3),
                ("Delivery plan approved by Cabinet", 6),
                ("First plots marketed", 11),
            ),
        ),
        TaskSpec(
            "Assist in the development of 20,000 sq metres of new floor space by identifying opportunities "
            "and responding to business enquiries",
            "1",
            ("pritchard",),
            due="during",
            success="20,000 sq metres of commercial floor space completed or under construction",
        ),
        TaskSpec(
            "Agree action plans for the four town centres with traders, landlords and ward councillors",
            "2",
            ("pritchard", "kaur"),
            due="by:9",
            resources="Within existing budget",
            success="Action plans approved for Millbrook, Ashby Cross, Wellgate and Hollin Bridge",
        ),
        TaskSpec(
            "Provide start-up grants and advice through the Millbrook Business Gateway to support 105 new "
            "businesses",
            "2",
            ("kaur",),
            due="ongoing",
            resources="£45,000 from the Local Growth Fund",
            budget=45000,
            success="105 start-ups supported; 80% still trading after 12 months",
        ),
        TaskSpec(
            "Organise four export fora and the Millbrook Business Awards",
            "2",
            ("kaur",),
            due="abbr:12",
            success="80 companies attending the export fora; 20 entries to the Business Awards",
        ),
        TaskSpec(
            "Adopt an Employment and Skills Strategy for the borough with Jobcentre Plus and Millbrook "
            "College",
            "3",
            ("pritchard",),
            due="endyear",
            success="Strategy adopted; 500 residents accessing employment or training via Jobshop Plus",
        ),
        TaskSpec(
            "Include local labour and training clauses in developer agreements on all major schemes",
            "3",
            ("pritchard", "riley"),
            due="by:7",
            note="Economic Development with Development Management",
            success="Clauses included in every section 106 agreement for a major scheme",
        ),
        TaskSpec(
            "Prepare an exit strategy and bids for successor funding for the Business Gateway",
            "2",
            ("pritchard",),
            due="abbr:6",
            category=RM,
            risk="Loss of external funding for business support at the end of the current programme",
            success="Successor funding secured or the service scaled down in a planned way",
        ),
    ),
    (
        IndicatorSpec(
            "New business registration rate (per 10,000 adult population)",
            "NI 171",
            "number",
            48.0,
            step=1.5,
            decimals=1,
            frameworks=("NI", "LAA", "Comm."),
            officers=("kaur",),
            definition="VAT and PAYE registrations in the year per 10,000 residents aged 16 and over.",
        ),
        IndicatorSpec(
            "Overall employment rate (working-age)",
            "NI 151",
            "percent",
            74.0,
            step=0.5,
            decimals=1,
            frameworks=("NI", "LAA", "NRF", "Comm."),
            officers=("pritchard",),
            tolerance=2.5,
            definition="Working-age residents in employment as a percentage of the working-age "
            "population (Annual Population Survey, rolling four quarters).",
        ),
        IndicatorSpec(
            "Jobs created or safeguarded with council support",
            "LPI 01",
            "number",
            250,
            step=25,
            aggregation="sum",
            frameworks=("Corp.", "Comm."),
            officers=("pritchard", "kaur"),
            definition="Full-time equivalent jobs created or safeguarded by businesses the council "
            "has helped, confirmed by the business.",
        ),
        IndicatorSpec(
            "Value of inward investment secured",
            "LPI 02",
            "money",
            12000000,
            step=1000000,
            aggregation="sum",
            frameworks=("Corp.",),
            officers=("pritchard",),
            future_text="Dependent on available funds",
            definition="Private sector capital investment in projects the council has supported.",
        ),
    ),
    ServiceTerms(
        "business support services",
        "the customer relationship database",
        "grant payments to businesses",
        "businesses",
        "grant guidance and application forms",
        "the business grants policy",
        "the Enterprise Centre",
        "officers visiting business premises",
    ),
)

COMMUNITY_SAFETY = SectionSpec(
    "Community Safety",
    "community-safety",
    "doyle",
    ("mensah",),
    "Community Safety supports the Safer Millbrook Partnership and helps every council service meet its duty "
    "under section 17 of the Crime and Disorder Act 1998.",
    (
        ObjectiveSpec(
            "1",
            "To reduce crime and disorder and the fear of crime, working with the Safer "
            "Millbrook Partnership",
            ("safe", "p4"),
        ),
        ObjectiveSpec(
            "2", "To tackle anti-social behaviour and support victims and witnesses", ("safe", "p4", "p5")
        ),
    ),
    (
        TaskSpec(
            "Support the implementation and monitoring of the Safer Millbrook Partnership Plan and refresh "
            "the strategic assessment",
            "1",
            ("doyle",),
            due="by:12",
            success="Strategic assessment agreed by the Partnership Board; priorities refreshed for "
            "{next_year}",
        ),
        TaskSpec(
            "Extend the CCTV network to Wellgate and Hollin Bridge district centres",
            "1",
            ("doyle",),
            resources="£180k capital programme",
            budget=180000,
            milestones=(("Site surveys", 2), ("Contract awarded", 5), ("Cameras live", 9)),
            success="Cameras installed and monitored from the control room; fewer thefts in both centres",
        ),
        TaskSpec(
            "Deliver a targeted burglary reduction campaign in the three wards with the highest rates, "
            "including free door and window locks for vulnerable residents",
            "1",
            ("doyle", "mensah"),
            due="abbr:6",
            resources="£25,000 from the Police and Crime Commissioner",
            budget=25000,
            success="400 homes made more secure; burglary in the three wards down by 10%",
        ),
        TaskSpec(
            "Implement the anti-social behaviour case management system and shared protocol with Millbrook "
            "Homes and the police",
            "2",
            ("mensah", "doyle"),
            due="by:6",
            success="All ASB cases logged on the shared system; victims contacted within 24 hours",
        ),
        TaskSpec(
            "Introduce a Community Trigger process for repeated anti-social behaviour and publish it on the "
            "council website",
            "2",
            ("mensah",),
            due="month:5",
            success="Process agreed with partners and published; all trigger requests answered in 10 days",
        ),
        TaskSpec(
            "Run diversionary activities for young people in hotspot areas during the school holidays",
            "2",
            ("mensah", "kendall"),
            due="during",
            resources="£15,000 from the Partnership budget",
            budget=15000,
            priorities=("children", "p6"),
            success="Reduction in ASB calls in hotspot areas during the holidays",
        ),
        TaskSpec(
            "Agree a pooled budget with partners for the Safer Millbrook Partnership",
            "1",
            ("doyle",),
            due="by:4",
            category=RM,
            risk="Reduction in partnership funding for community safety leaves priorities unfunded",
            success="Pooled budget agreed by the Partnership Board",
        ),
    ),
    (
        IndicatorSpec(
            "Serious acquisitive crime rate (per 1,000 population)",
            "NI 16",
            "number",
            14.5,
            polarity="lower",
            step=-0.5,
            decimals=2,
            frameworks=("NI", "LAA", "Comm.", "NRF"),
            officers=("doyle",),
            aggregation="sum",
            definition="Domestic burglary, vehicle crime and robbery recorded by the police, per "
            "1,000 residents.",
        ),
        IndicatorSpec(
            "Assault with injury crime rate (per 1,000 population)",
            "NI 20",
            "number",
            6.2,
            polarity="lower",
            step=-0.2,
            decimals=2,
            frameworks=("NI", "LAA"),
            officers=("doyle",),
            aggregation="sum",
            definition="Assaults with less serious injury recorded by the police, per 1,000 residents.",
        ),
        IndicatorSpec(
            "Repeat incidents of domestic violence",
            "NI 32",
            "percent",
            27.0,
            polarity="lower",
            step=-1,
            decimals=1,
            frameworks=("NI", "LAA", "Comm."),
            officers=("mensah",),
            tolerance=5,
            definition="Cases heard at the Multi-Agency Risk Assessment Conference that are repeat "
            "cases within 12 months.",
        ),
        IndicatorSpec(
            "Reported incidents of anti-social behaviour",
            "LPI 03",
            "number",
            None,
            polarity="lower",
            frequency="monthly",
            aggregation="sum",
            data_only=True,
            level=420,
            frameworks=("Comm.",),
            officers=("mensah",),
            definition="Incidents of anti-social behaviour reported to the police and the council, "
            "for monitoring only.",
        ),
    ),
    ServiceTerms(
        "victim support and crime prevention services",
        "the anti-social behaviour case management system",
        "the CCTV control room",
        "victims and witnesses",
        "crime prevention leaflets",
        "the anti-social behaviour policy",
        "the CCTV control room",
        "the Neighbourhood Wardens",
    ),
)

POLICY_PERFORMANCE = SectionSpec(
    "Policy and Performance",
    "policy-performance",
    "lawson",
    ("begum",),
    "The section leads the council's performance management framework, the Community Strategy and the "
    "annual service planning round.",
    (
        ObjectiveSpec(
            "1",
            "To lead the council's performance management framework and drive continuous improvement",
            ("vfm",),
        ),
        ObjectiveSpec(
            "2", "To develop the Community Strategy with the Local Strategic Partnership", ("inclusive", "p5")
        ),
    ),
    (
        TaskSpec(
            "Refresh the Sustainable Community Strategy with the Local Strategic Partnership and consult "
            "residents on the priorities",
            "2",
            ("lawson",),
            milestones=(("Consultation", 5), ("Draft strategy to LSP Board", 8), ("Adoption by Council", 11)),
            success="Strategy adopted by Council and all LSP partners",
        ),
        TaskSpec(
            "Implement the new performance management system across all directorates, replacing "
            "spreadsheets and paper returns",
            "1",
            ("lawson", "begum"),
            resources="£38,000 one-off (invest to save)",
            budget=38000,
            due="by:7",
            success="All service plans, tasks and indicators held in the system; returns made online",
        ),
        TaskSpec(
            "Produce quarterly performance reports for Cabinet and scrutiny within six weeks of each "
            "quarter end",
            "1",
            ("begum",),
            due="ongoing",
            success="Every report published within six weeks of the quarter end",
        ),
        TaskSpec(
            "Carry out the residents' survey and publish the results with an action plan",
            "1",
            ("begum",),
            due="by:8",
            resources="£18,500 research budget",
            budget=18500,
            success="At least 1,100 responses; action plan agreed by the Corporate Management Team",
        ),
        TaskSpec(
            "Prepare for the corporate peer challenge and deliver the resulting improvement plan",
            "1",
            ("lawson", "whitfield"),
            due="endyear",
            success="Peer challenge held; improvement plan agreed by Cabinet",
        ),
        TaskSpec(
            "Co-ordinate the service planning round for {next_year}, linking plans to the budget",
            "1",
            ("lawson", "begum"),
            due="by:11",
            note="Performance team with all heads of service",
            success="All service plans approved by committee before 1 April",
        ),
        TaskSpec(
            "Carry out data quality audits on a sample of indicators each quarter",
            "1",
            ("begum",),
            due="ongoing",
            category=RM,
            risk="Poor quality data leads to inaccurate performance reporting to Members",
            success="Six indicators audited each quarter; no qualified indicators",
        ),
    ),
    (
        IndicatorSpec(
            "Equality Framework for Local Government level achieved",
            "LPI 04",
            "text",
            None,
            frameworks=("Corp.", "CPA"),
            officers=("lawson",),
            frequency="quarterly",
            text_targets=("Developing", "Achieving", "Achieving", "Excellent"),
            text_values=(
                "Developing",
                "Developing",
                "Developing",
                "Developing",
                "Developing",
                "Achieving",
                "Achieving",
                "Achieving",
            ),
            definition="The level assessed under the Equality Framework for Local Government: "
            "Developing, Achieving or Excellent.",
        ),
        IndicatorSpec(
            "Performance indicators on or better than target",
            "LPI 05",
            "percent",
            75.0,
            step=2,
            frameworks=("Corp.",),
            officers=("begum",),
            definition="Indicators with a target whose latest value is on or better than target.",
        ),
        IndicatorSpec(
            "Service plan returns submitted by the deadline",
            "LPI 06",
            "percent",
            95.0,
            frameworks=("Corp.",),
            officers=("begum",),
            tolerance=5,
            definition="Task and indicator returns made by the published deadline.",
        ),
    ),
    ServiceTerms(
        "performance and policy support",
        "the performance management system",
        "quarterly performance reporting",
        "survey respondents",
        "performance reports",
        "the consultation and engagement strategy",
        "the Civic Centre",
        "officers running consultation events",
    ),
)

DEMOCRATIC_SERVICES = SectionSpec(
    "Democratic Services",
    "democratic-services",
    "fairclough",
    ("ellis", "shaw"),
    "Democratic Services supports the Council, Cabinet and committees, Members' development, and runs "
    "elections and electoral registration.",
    (
        ObjectiveSpec(
            "1", "To support open, accountable decision making by councillors", ("inclusive", "vfm")
        ),
        ObjectiveSpec(
            "2", "To run elections and keep a complete and accurate electoral register", ("inclusive", "p5")
        ),
    ),
    (
        TaskSpec(
            "Publish all committee papers as accessible documents on the council website",
            "1",
            ("ellis",),
            due="by:6",
            success="All agendas, reports and minutes meet WCAG 2.2 AA; no complaints upheld",
        ),
        TaskSpec(
            "Introduce paperless meetings for councillors, with tablets and training",
            "1",
            ("fairclough", "ellis"),
            resources="£22,000 one-off ICT budget",
            budget=22000,
            milestones=(("Pilot with Cabinet", 4), ("Roll-out to all committees", 9)),
            success="Printing costs for committee papers halved",
        ),
        TaskSpec(
            "Deliver a Member development programme, including induction for newly elected councillors",
            "1",
            ("fairclough",),
            due="during",
            resources="£9,000 training budget",
            budget=9000,
            success="Charter for Member Development retained; 90% of Members attend at least one event",
        ),
        TaskSpec(
            "Carry out the annual canvass and publish the revised electoral register by 1 December",
            "2",
            ("shaw",),
            due="month:9",
            resources="£45,000 canvass budget",
            budget=45000,
            success="Register published on time; registration rate at least 94%",
        ),
        TaskSpec(
            "Review polling districts and polling places and report the outcome to Council",
            "2",
            ("shaw", "fairclough"),
            due="by:10",
            success="Review completed; all polling stations accessible to disabled voters",
        ),
        TaskSpec(
            "Work with schools and youth groups to encourage young people to register to vote",
            "2",
            ("shaw",),
            due="ongoing",
            category=ED,
            priorities=("children", "p6"),
            success="Registration of attainers up on last year",
        ),
        TaskSpec(
            "Test the elections contingency plan, including failure of the electoral management system "
            "and the count venue",
            "2",
            ("shaw",),
            due="by:1",
            start=1,
            category=BC,
            risk="Failure of the electoral management system or the count venue during an election",
            success="Plan tested before the poll; fallback arrangements confirmed with the supplier",
        ),
    ),
    (
        IndicatorSpec(
            "Committee agendas published five clear working days before the meeting",
            "LPI 07",
            "percent",
            100.0,
            frameworks=("Corp.",),
            officers=("ellis",),
            tolerance=2.5,
            definition="Agendas for Council, Cabinet and committee meetings published at least five "
            "clear working days before the meeting.",
        ),
        IndicatorSpec(
            "Minutes published within ten working days of the meeting",
            "LPI 08",
            "percent",
            95.0,
            frameworks=("Corp.",),
            officers=("ellis",),
            definition="Draft minutes published on the website within ten working days.",
        ),
        IndicatorSpec(
            "Eligible residents on the electoral register",
            "LPI 09",
            "percent",
            94.0,
            step=0.5,
            decimals=1,
            frequency="yearly",
            frameworks=("Corp.", "Comm."),
            officers=("shaw",),
            definition="Entries on the register at publication as a percentage of the estimated "
            "eligible population (annual canvass).",
        ),
    ),
    ServiceTerms(
        "democratic and electoral services",
        "the committee management system",
        "the running of elections",
        "electors",
        "election notices and poll cards",
        "the policy on access to meetings",
        "the Town Hall",
        "canvassers",
    ),
)

# -- Corporate Resources Directorate ----------------------------------------------------------------------

FINANCE = SectionSpec(
    "Finance",
    "finance",
    "mistry",
    ("rowe",),
    "Finance is responsible for the council's financial planning, accounts, treasury management and support "
    "to budget holders.",
    (
        ObjectiveSpec("1", "To maintain sound financial management and deliver a balanced budget", ("vfm",)),
        ObjectiveSpec("2", "To deliver efficiency savings that protect front-line services", ("vfm",)),
    ),
    (
        TaskSpec(
            "Prepare the Medium Term Financial Strategy and a balanced budget for {next_year}",
            "1",
            ("mistry", "rowe"),
            milestones=(
                ("Budget strategy to Cabinet", 7),
                ("Draft budget consultation", 10),
                ("Budget and council tax set by Council", 11),
            ),
            success="Balanced budget set; reserves at or above the minimum level",
        ),
        TaskSpec(
            "Close the {prev_year} accounts and publish the draft Statement of Accounts by the statutory "
            "deadline",
            "1",
            ("rowe",),
            due="month:3",
            success="Unqualified audit opinion with no material adjustments",
        ),
        TaskSpec(
            "Identify and deliver efficiency savings of £1.45m contributing to the Medium Term Financial "
            "Strategy",
            "2",
            ("mistry",),
            due="during",
            note="Director of Corporate Resources with all budget holders",
            success="£1.45m of savings delivered and reported to Cabinet",
        ),
        TaskSpec(
            "Introduce purchase cards and e-invoicing to speed up payment of suppliers",
            "2",
            ("rowe",),
            due="abbr:9",
            resources="Within existing budget",
            success="97% of undisputed invoices paid within 30 days",
        ),
        TaskSpec(
            "Review the treasury management strategy in line with the revised CIPFA code",
            "1",
            ("rowe",),
            due="by:11",
            success="Strategy approved by Council before the start of the year",
        ),
        TaskSpec(
            "Introduce monthly budget monitoring for all budget holders through self-service reports",
            "1",
            ("rowe", "mistry"),
            due="by:8",
            success="All budget holders trained and using the reports",
        ),
        TaskSpec(
            "Maintain general reserves at no less than £2.5m and model grant scenarios in the Medium Term "
            "Financial Strategy",
            "1",
            ("mistry",),
            due="ongoing",
            category=RM,
            risk="Reduction in government grant greater than forecast",
            success="Reserves at or above £2.5m throughout the year",
        ),
    ),
    (
        IndicatorSpec(
            "Undisputed invoices paid within 30 days",
            "BV 8",
            "percent",
            97.0,
            decimals=1,
            tolerance=2.5,
            frequency="monthly",
            frameworks=("BVPI", "Corp."),
            officers=("rowe",),
            definition="Invoices for commercial goods and services paid within 30 days of receipt "
            "or within the agreed payment terms.",
        ),
        IndicatorSpec(
            "Net revenue spend against budget",
            "LPI 10",
            "percent",
            100.0,
            polarity="closest",
            decimals=1,
            tolerance=2.5,
            frameworks=("Corp.",),
            officers=("mistry",),
            definition="Projected outturn as a percentage of the net revenue budget.",
        ),
        IndicatorSpec(
            "Efficiency savings delivered",
            "NI 179",
            "money",
            1450000,
            step=150000,
            aggregation="sum",
            frameworks=("NI", "Corp.", "CPA"),
            officers=("mistry",),
            definition="Cash-releasing value for money gains, as reported to government.",
        ),
        IndicatorSpec(
            "Sundry debt more than 90 days old",
            "LPI 11",
            "money",
            380000,
            polarity="lower",
            step=-20000,
            frameworks=("Corp.",),
            officers=("rowe",),
            definition="Value of sundry debtor invoices outstanding more than 90 days at period end.",
        ),
    ),
    ServiceTerms(
        "financial services",
        "the financial ledger",
        "payments to suppliers and payroll",
        "suppliers",
        "the budget book and council tax leaflet",
        "the charging and concessions policy",
        "the Civic Centre",
        "cashiers",
    ),
)

REVENUES_BENEFITS = SectionSpec(
    "Revenues and Benefits",
    "revenues-benefits",
    "bennett",
    ("walsh", "harper"),
    "The service bills and collects council tax and business rates and pays Housing Benefit and Council Tax "
    "Support to around 9,000 households.",
    (
        ObjectiveSpec("1", "To maximise collection of council tax and business rates", ("vfm",)),
        ObjectiveSpec(
            "2",
            "To pay Housing Benefit and Council Tax Support quickly and accurately",
            ("inclusive", "vfm", "p2"),
        ),
    ),
    (
        TaskSpec(
            "Increase take-up of direct debit for council tax through a campaign with the annual bills",
            "1",
            ("harper",),
            due="by:3",
            success="Direct debit payers up from 68% to 72%",
        ),
        TaskSpec(
            "Introduce online council tax accounts so residents can view bills, report changes and apply "
            "for discounts",
            "1",
            ("harper", "doherty"),
            resources="£60,000 (invest to save)",
            budget=60000,
            milestones=(("Supplier module installed", 4), ("Testing completed", 6), ("Go-live", 8)),
            success="5,000 accounts opened in the first six months",
        ),
        TaskSpec(
            "Carry out a single person discount review with a credit reference agency",
            "1",
            ("harper",),
            due="abbr:9",
            resources="£21,000",
            budget=21000,
            success="Review complete; at least £150,000 additional council tax billed",
        ),
        TaskSpec(
            "Reduce the time taken to process new claims and changes by introducing risk-based verification",
            "2",
            ("walsh",),
            due="by:6",
            success="New claims and changes processed in an average of 10 days",
        ),
        TaskSpec(
            "Work with Housing Options and advice agencies to maximise take-up of benefits by older and "
            "disabled residents",
            "2",
            ("walsh", "marshall"),
            due="ongoing",
            category=ED,
            priorities=("inclusive",),
            success="Take-up campaign run in every ward",
        ),
        TaskSpec(
            "Recover Housing Benefit overpayments and reduce the level of outstanding debt",
            "2",
            ("walsh",),
            due="during",
            success="Recovery rate of at least 70% of overpayments identified",
        ),
        TaskSpec(
            "Carry out a 4% quality check of all benefit assessments and act on trends found",
            "2",
            ("walsh",),
            due="ongoing",
            category=RM,
            risk="Loss of subsidy through errors in benefit processing",
            success="Error rate below the subsidy threshold; no loss of subsidy",
        ),
    ),
    (
        IndicatorSpec(
            "Council tax collected",
            "BV 9",
            "percent",
            97.5,
            step=0.2,
            decimals=1,
            tolerance=2.5,
            profile=(29.5, 57.0, 84.5, 97.5),
            frameworks=("BVPI", "Corp.", "CPA"),
            officers=("harper",),
            definition="Council tax collected in the year as a percentage of the net collectable debit "
            "(cumulative, year to date).",
        ),
        IndicatorSpec(
            "Business rates (NNDR) collected",
            "BV 10",
            "percent",
            98.2,
            step=0.1,
            decimals=1,
            tolerance=2.5,
            profile=(31.0, 58.5, 85.0, 98.2),
            frameworks=("BVPI", "Corp."),
            officers=("harper",),
            definition="Non-domestic rates collected as a percentage of the net collectable debit "
            "(cumulative, year to date).",
        ),
        IndicatorSpec(
            "Time taken to process Housing Benefit and Council Tax Support new claims and change "
            "events (days)",
            "NI 181",
            "days",
            10.0,
            polarity="lower",
            step=-0.5,
            decimals=1,
            frequency="monthly",
            aggregation="average",
            frameworks=("NI", "Corp.", "CPA"),
            officers=("walsh",),
            definition="Average calendar days from receipt of all information to the decision.",
        ),
        IndicatorSpec(
            "Housing Benefit claims assessed correctly",
            "BV 79a",
            "percent",
            98.5,
            decimals=1,
            frameworks=("BVPI", "CPA"),
            officers=("walsh",),
            definition="Cases in the quality check sample with the benefit correctly calculated.",
        ),
    ),
    ServiceTerms(
        "the revenues and benefits service",
        "the revenues and benefits system",
        "benefit payments and council tax billing",
        "claimants",
        "benefit claim forms and council tax bills",
        "the council tax discretionary relief policy",
        "the Civic Centre",
        "visiting officers",
    ),
)

HUMAN_RESOURCES = SectionSpec(
    "Human Resources",
    "human-resources",
    "ashworth",
    ("adeyemi",),
    "Human Resources supports managers to recruit, develop and keep a skilled, healthy and diverse workforce.",
    (
        ObjectiveSpec("1", "To develop a skilled, healthy and motivated workforce", ("workforce",)),
        ObjectiveSpec(
            "2", "To build a workforce that reflects the community it serves", ("workforce", "inclusive")
        ),
    ),
    (
        TaskSpec(
            "Develop further attendance management initiatives, including reviewing the occupational "
            "health contract",
            "1",
            ("ashworth", "adeyemi"),
            due="by:10",
            success="Sickness absence reduced to 8.5 days per full-time equivalent",
        ),
        TaskSpec(
            "Introduce a management development programme for all first-line managers",
            "1",
            ("adeyemi",),
            due="endyear",
            resources="£30,000 corporate training budget",
            budget=30000,
            success="120 managers complete the programme",
        ),
        TaskSpec(
            "Complete the equal pay audit and report the action plan to the Employment Committee",
            "2",
            ("ashworth",),
            due="by:9",
            category=ED,
            success="Audit reported; action plan agreed",
        ),
        TaskSpec(
            "Implement HR and payroll self-service for all staff with a council e-mail address",
            "1",
            ("adeyemi", "rowe"),
            resources="£95,000 capital",
            budget=95000,
            milestones=(
                ("System configured", 3),
                ("Pilot in Corporate Resources", 6),
                ("All directorates live", 10),
            ),
            success="Paper forms for leave, expenses and overtime withdrawn",
        ),
        TaskSpec(
            "Refresh the workforce plan, including apprenticeships and succession planning for "
            "hard-to-fill posts",
            "1",
            ("ashworth",),
            due="by:11",
            success="Workforce plan agreed; 15 apprentices in post",
        ),
        TaskSpec(
            "Achieve Disability Confident Leader status",
            "2",
            ("adeyemi",),
            due="by:12",
            category=ED,
            success="Status awarded following external validation",
        ),
    ),
    (
        IndicatorSpec(
            "Working days lost due to sickness absence (per FTE)",
            "BV 12",
            "days",
            8.5,
            polarity="lower",
            step=-0.3,
            decimals=2,
            frameworks=("BVPI", "Corp.", "CPA"),
            officers=("adeyemi",),
            definition="Working days lost to sickness per full-time equivalent employee, rolling 12 months.",
        ),
        IndicatorSpec(
            "Employees with a disability",
            "BV 16a",
            "percent",
            4.0,
            step=0.2,
            decimals=1,
            frameworks=("BVPI", "Corp."),
            officers=("ashworth",),
            definition="Employees declaring that they meet the Equality Act definition of disability.",
        ),
        IndicatorSpec(
            "Employees from black and minority ethnic communities",
            "BV 17a",
            "percent",
            5.5,
            step=0.3,
            decimals=1,
            frameworks=("BVPI", "Corp."),
            officers=("ashworth",),
            definition="Employees from minority ethnic communities as a percentage of the workforce.",
        ),
        IndicatorSpec(
            "Staff turnover",
            "LPI 12",
            "percent",
            10.0,
            polarity="closest",
            decimals=1,
            frameworks=("Corp.",),
            officers=("adeyemi",),
            tolerance=5,
            definition="Leavers in the last 12 months as a percentage of average headcount.",
        ),
    ),
    ServiceTerms(
        "training and development opportunities",
        "the HR and payroll system",
        "the monthly payroll",
        "employees",
        "HR policies and recruitment packs",
        "the recruitment and selection policy",
        "the Civic Centre",
        "officers attending disciplinary hearings off site",
    ),
)

CUSTOMER_SERVICES = SectionSpec(
    "Customer Services",
    "customer-services",
    "doherty",
    ("hussain",),
    "Customer Services runs the Contact Centre, the Civic Centre reception and the council website, and leads "
    "the Customer First programme.",
    (
        ObjectiveSpec(
            "1", "To make council services easy to reach, by phone, online and face to face", ("customer",)
        ),
        ObjectiveSpec("2", "To resolve more enquiries at the first point of contact", ("customer", "vfm")),
    ),
    (
        TaskSpec(
            "Bring Waste and Recycling enquiries into the Contact Centre, with new processes and scripts "
            "agreed with the service",
            "2",
            ("doherty", "hardy"),
            due="month:7",
            success="80% of waste enquiries resolved at the first contact",
        ),
        TaskSpec(
            "Re-write the council website pages for the top twenty services and add online forms for "
            "reporting and requesting services",
            "1",
            ("doherty",),
            milestones=(("Content audit", 2), ("New pages live", 6), ("Online forms live", 9)),
            success="Website visits up 20%; 30% of service requests made online",
        ),
        TaskSpec(
            "Open a customer service point in Wellgate Library in partnership with Libraries and Heritage",
            "1",
            ("doherty", "dunn"),
            due="abbr:6",
            success="Service point open five days a week",
        ),
        TaskSpec(
            "Introduce call-back and queue-busting technology to reduce abandoned calls",
            "2",
            ("hussain",),
            due="by:5",
            resources="£18,000 from the ICT reserve",
            budget=18000,
            success="Abandoned calls below 8%",
        ),
        TaskSpec(
            "Train all Contact Centre advisers in dealing with vulnerable customers and using Language Line",
            "1",
            ("hussain",),
            due="by:4",
            category=ED,
            success="All advisers trained; interpreting available for every call",
        ),
        TaskSpec(
            "Publish customer service standards for every service and report results quarterly",
            "2",
            ("doherty",),
            due="by:3",
            success="Standards published; results in every quarterly report",
        ),
    ),
    (
        IndicatorSpec(
            "Calls to the Contact Centre answered within 20 seconds",
            "LPI 13",
            "percent",
            80.0,
            step=2,
            frequency="monthly",
            aggregation="average",
            frameworks=("Corp.",),
            officers=("hussain",),
            tolerance=5,
            definition="Calls answered by an adviser within 20 seconds of joining the queue.",
        ),
        IndicatorSpec(
            "Enquiries resolved at the first point of contact",
            "LPI 14",
            "percent",
            80.0,
            step=2,
            frameworks=("Corp.",),
            officers=("doherty",),
            definition="Contact Centre enquiries resolved without passing to a back office.",
        ),
        IndicatorSpec(
            "Avoidable contact: customer contact of low or no value",
            "NI 14",
            "percent",
            20.0,
            polarity="lower",
            step=-1,
            decimals=1,
            frameworks=("NI", "Corp."),
            officers=("doherty",),
            definition="Contacts that could have been avoided, such as chasing progress, from the "
            "quarterly sample.",
        ),
        IndicatorSpec(
            "Customers satisfied with the Contact Centre",
            "LPI 15",
            "percent",
            90.0,
            frameworks=("Corp.", "Comm."),
            officers=("hussain",),
            definition="Callers rating the service good or very good in the post-call survey.",
        ),
    ),
    ServiceTerms(
        "customer services",
        "the telephony platform",
        "the Contact Centre",
        "callers",
        "customer leaflets and web pages",
        "the customer access strategy",
        "the Contact Centre at the Civic Centre",
        "advisers working at outreach sessions",
    ),
)

LEGAL_PROCUREMENT = SectionSpec(
    "Legal and Procurement",
    "legal-procurement",
    "greaves",
    ("oakley",),
    "The service provides legal advice to the council and its committees, the Monitoring Officer function and "
    "corporate procurement.",
    (
        ObjectiveSpec("1", "To provide timely and cost-effective legal advice to the council", ("vfm",)),
        ObjectiveSpec(
            "2", "To obtain best value through procurement, supporting local suppliers", ("vfm", "prosperous")
        ),
    ),
    (
        TaskSpec(
            "Review the council's Constitution, including contract procedure rules and the scheme of "
            "delegation",
            "1",
            ("greaves", "fairclough"),
            due="by:8",
            success="Revised Constitution adopted by Council",
        ),
        TaskSpec(
            "Introduce a case management system for legal work, with time recording for client departments",
            "1",
            ("greaves",),
            due="by:9",
            resources="£14,000",
            budget=14000,
            success="All new matters recorded on the system",
        ),
        TaskSpec(
            "Publish a procurement pipeline and run 'Meet the Buyer' events for local small businesses",
            "2",
            ("oakley", "pritchard"),
            due="month:6",
            success="Two events held; spend with local suppliers up to 40%",
        ),
        TaskSpec(
            "Adopt a Social Value Policy and apply it to all contracts over £100,000",
            "2",
            ("oakley",),
            due="by:6",
            success="Policy adopted; social value weighting in every relevant tender",
        ),
        TaskSpec(
            "Publish a contract register and all contracts over £5,000 in line with the Transparency Code",
            "2",
            ("oakley",),
            due="by:3",
            success="Register published and updated quarterly",
        ),
        TaskSpec(
            "Provide training for Members and officers on the Code of Conduct and declarations of interest",
            "1",
            ("greaves",),
            due="ongoing",
            success="All new Members trained within two months",
        ),
    ),
    (
        IndicatorSpec(
            "Freedom of Information requests answered within 20 working days",
            "LPI 16",
            "percent",
            90.0,
            frameworks=("Corp.",),
            officers=("greaves",),
            tolerance=5,
            definition="Requests answered within the statutory time limit.",
        ),
        IndicatorSpec(
            "Freedom of Information requests received",
            "LPI 17",
            "number",
            None,
            aggregation="sum",
            data_only=True,
            level=210,
            frameworks=("Corp.",),
            officers=("greaves",),
            definition="Requests received under the Freedom of Information Act and Environmental "
            "Information Regulations, for monitoring only.",
        ),
        IndicatorSpec(
            "Spend with local suppliers",
            "LPI 18",
            "percent",
            40.0,
            step=2,
            decimals=1,
            frameworks=("Corp.", "Comm."),
            officers=("oakley",),
            definition="Third-party spend with suppliers with a Millbrook postcode.",
        ),
    ),
    ServiceTerms(
        "legal and procurement services",
        "the legal case management system",
        "urgent legal advice and court work",
        "clients",
        "standard contracts and tender documents",
        "the contract procedure rules",
        "the Civic Centre",
        "officers serving notices",
    ),
)

# -- Environment and Neighbourhoods Directorate -----------------------------------------------------------

WASTE_RECYCLING = SectionSpec(
    "Waste and Recycling",
    "waste-recycling",
    "hardy",
    ("marsh", "pickering"),
    "The service collects refuse and recycling from around 48,000 households, cleans the borough's streets and "
    "runs the trade waste service.",
    (
        ObjectiveSpec(
            "1",
            "To increase recycling and reduce the amount of waste sent to landfill",
            ("good_place", "p3", "climate"),
        ),
        ObjectiveSpec("2", "To provide a reliable service and a clean street scene", ("good_place", "p3")),
    ),
    (
        TaskSpec(
            "Roll out the fortnightly kerbside food waste collection to all households",
            "1",
            ("hardy", "marsh"),
            note="Overall A. Hardy, but each team leader for work in their areas",
            resources="£260k growth",
            budget=260000,
            milestones=(("Options appraisal", 1), ("Business case", 3), ("Capital work", 10)),
            priorities=("p3", "climate"),
            success="All households offered a food waste collection; recycling rate of 48%",
        ),
        TaskSpec(
            "Deliver a door-stepping campaign to increase recycling in the ten lowest-performing "
            "collection rounds",
            "1",
            ("marsh",),
            due="abbr:6",
            resources="£12,000 WRAP grant",
            budget=12000,
            success="Participation in the ten rounds up by 15%",
        ),
        TaskSpec(
            "Introduce in-cab technology on all refuse vehicles to record missed bins and report problems "
            "in real time",
            "2",
            ("pickering", "marsh"),
            due="by:9",
            resources="£75,000 capital",
            budget=75000,
            success="Missed bins below 45 per 100,000 collections",
        ),
        TaskSpec(
            "Review the trade waste service, including charges and recycling for businesses",
            "1",
            ("hardy",),
            due="endyear",
            success="Trade recycling offered to all customers; service covers its costs",
        ),
        TaskSpec(
            "Extend recycling facilities to all flats and houses in multiple occupation",
            "1",
            ("marsh",),
            due="by:12",
            resources="£30,000 capital",
            budget=30000,
            success="Communal recycling bins at every block of flats",
        ),
        TaskSpec(
            "Carry out a weekly programme of enforcement against fly-tipping, side waste and littering, "
            "with publicity for prosecutions",
            "2",
            ("pickering",),
            due="ongoing",
            success="Fly-tipping incidents down 10%",
        ),
        TaskSpec(
            "Provide recycling collections from schools and support Eco-Schools projects",
            "1",
            ("marsh",),
            due="during",
            priorities=("children",),
            success="All schools with a recycling collection; ten schools with Eco-Schools awards",
        ),
    ),
    (
        IndicatorSpec(
            "Household waste sent for reuse, recycling and composting",
            "NI 192",
            "percent",
            48.0,
            step=2,
            decimals=1,
            frameworks=("NI", "LAA", "Corp.", "Comm."),
            officers=("marsh",),
            definition="Household waste reused, recycled or composted as a percentage of all household "
            "waste collected (year to date).",
        ),
        IndicatorSpec(
            "Residual household waste per household (kg)",
            "NI 191",
            "number",
            560,
            polarity="lower",
            step=-15,
            aggregation="sum",
            frameworks=("NI", "LAA"),
            officers=("marsh", "hardy"),
            definition="Kilograms of household waste not reused, recycled or composted, per household.",
        ),
        IndicatorSpec(
            "Missed bins per 100,000 collections",
            "LPI 19",
            "number",
            45,
            polarity="lower",
            step=-3,
            frequency="monthly",
            aggregation="average",
            frameworks=("Corp.",),
            officers=("pickering", "marsh"),
            definition="Reported missed collections, confirmed by the crew, per 100,000 scheduled.",
        ),
        IndicatorSpec(
            "Improved street and environmental cleanliness: litter",
            "NI 195",
            "percent",
            7.0,
            polarity="lower",
            step=-0.5,
            decimals=1,
            frameworks=("NI", "LAA", "Comm.", "CPA"),
            officers=("pickering",),
            definition="Relevant land and highways surveyed with unacceptable levels of litter.",
        ),
    ),
    ServiceTerms(
        "the waste and recycling service",
        "the collection management system",
        "refuse and recycling collections",
        "householders",
        "collection calendars and recycling guides",
        "the assisted collections policy",
        "the Millbrook Road depot",
        "enforcement officers",
    ),
)

PARKS = SectionSpec(
    "Parks and Open Spaces",
    "parks-open-spaces",
    "lindley",
    ("price",),
    "The service looks after 42 parks, 18 play areas, allotments and the borough's trees.",
    (
        ObjectiveSpec(
            "1", "To provide safe, clean and attractive parks and open spaces", ("good_place", "healthy")
        ),
        ObjectiveSpec("2", "To involve communities in caring for their green spaces", ("inclusive", "p5")),
    ),
    (
        TaskSpec(
            "Submit Green Flag Award applications for Broadwood Park and Millbrook Memorial Gardens",
            "1",
            ("lindley",),
            due="by:10",
            success="Two new Green Flag Awards",
        ),
        TaskSpec(
            "Refurbish the play area at Ashby Cross Recreation Ground, including equipment accessible to "
            "disabled children",
            "1",
            ("price",),
            resources="£140,000 (section 106 contributions)",
            budget=140000,
            milestones=(
                ("Consultation with children and parents", 3),
                ("Contract awarded", 6),
                ("Play area open", 10),
            ),
            priorities=("children",),
            success="Play area open and rated good in the annual inspection",
        ),
        TaskSpec(
            "Set up Friends groups for five more parks and support them to bid for external funding",
            "2",
            ("price",),
            due="ongoing",
            success="Five new groups; £50,000 external funding secured",
        ),
        TaskSpec(
            "Adopt a Tree Strategy and plant 1,000 trees with schools and community groups",
            "1",
            ("lindley", "price"),
            due="by:12",
            priorities=("climate",),
            success="Strategy adopted; 1,000 trees planted",
        ),
        TaskSpec(
            "Retender the grounds maintenance contract with an outcome-based specification",
            "1",
            ("lindley", "oakley"),
            milestones=(("Specification agreed", 4), ("Tenders evaluated", 8), ("Contract start", 12)),
            success="New contract in place with savings of at least 5%",
        ),
        TaskSpec(
            "Review allotment provision and reduce the waiting list",
            "2",
            ("price",),
            due="endyear",
            success="Waiting list halved",
        ),
    ),
    (
        IndicatorSpec(
            "Parks holding a Green Flag Award",
            "LPI 20",
            "number",
            4,
            step=1,
            frameworks=("Corp.", "Comm."),
            officers=("lindley",),
            definition="Parks with a current Green Flag Award.",
        ),
        IndicatorSpec(
            "Volunteer hours in parks and open spaces",
            "LPI 21",
            "number",
            6000,
            step=500,
            aggregation="sum",
            frameworks=("Comm.",),
            officers=("price",),
            definition="Hours given by Friends groups and other volunteers.",
        ),
        IndicatorSpec(
            "Grounds maintenance inspections meeting the required standard",
            "LPI 22",
            "percent",
            92.0,
            frameworks=("Corp.",),
            officers=("lindley",),
            definition="Monthly inspections of contract work that meet the specification.",
        ),
    ),
    ServiceTerms(
        "the parks service",
        "the grounds maintenance scheduling system",
        "play area inspections and tree emergencies",
        "park users",
        "park guides and event notices",
        "the parks lettings policy",
        "the Broadwood Park depot",
        "rangers",
    ),
)

HIGHWAYS = SectionSpec(
    "Highways and Transportation",
    "highways-transportation",
    "bates",
    ("shah", "foster"),
    "The service maintains 480 km of roads and 14,000 street lights, and leads on road safety and "
    "sustainable travel.",
    (
        ObjectiveSpec("1", "To maintain the highway network in a safe condition", ("safe", "good_place")),
        ObjectiveSpec(
            "2", "To reduce road casualties and promote sustainable travel", ("safe", "healthy", "climate")
        ),
    ),
    (
        TaskSpec(
            "Deliver the highways capital maintenance programme, including resurfacing of the A6120 "
            "Wellgate Road",
            "1",
            ("bates",),
            due="by:12",
            resources="£1.2m capital programme",
            budget=1200000,
            success="Programme delivered on time and within budget",
        ),
        TaskSpec(
            "Replace 1,500 street lights with LED lanterns and a central management system",
            "1",
            ("shah",),
            resources="£850k prudential borrowing (invest to save)",
            budget=850000,
            milestones=(("Phase 1 – main roads", 6), ("Phase 2 – residential streets", 12)),
            priorities=("climate",),
            success="Street lighting energy use down 40%",
        ),
        TaskSpec(
            "Introduce 20 mph zones outside all primary schools",
            "2",
            ("foster",),
            due="by:6",
            priorities=("children", "safe"),
            success="Zones in place at all 31 primary schools",
        ),
        TaskSpec(
            "Deliver Bikeability cycle training to 1,200 pupils",
            "2",
            ("foster",),
            due="during",
            resources="£40,000 Department for Transport grant",
            budget=40000,
            priorities=("children", "healthy"),
            success="1,200 pupils trained",
        ),
        TaskSpec(
            "Carry out the winter service review and agree gritting routes and salt stocks before the winter",
            "1",
            ("bates",),
            due="month:7",
            category=BC,
            risk="Severe winter weather closes main roads and disrupts council services",
            success="Winter service plan approved; 3,000 tonnes of salt in stock by 1 November",
        ),
        TaskSpec(
            "Adopt a Highway Asset Management Plan",
            "1",
            ("bates", "shah"),
            due="endyear",
            success="Plan adopted by Cabinet",
        ),
    ),
    (
        IndicatorSpec(
            "Principal roads where maintenance should be considered",
            "NI 168",
            "percent",
            5.0,
            polarity="lower",
            step=-0.5,
            decimals=1,
            frameworks=("NI", "Corp."),
            officers=("bates",),
            definition="Principal (A) roads in the red condition band from the annual survey.",
        ),
        IndicatorSpec(
            "Average days to repair a street light fault",
            "BV 215a",
            "days",
            3.5,
            polarity="lower",
            decimals=1,
            frequency="monthly",
            aggregation="average",
            frameworks=("BVPI", "Corp."),
            officers=("shah",),
            definition="Average calendar days to repair street light faults under the council's control.",
        ),
        IndicatorSpec(
            "People killed or seriously injured in road traffic collisions",
            "NI 47",
            "number",
            48,
            polarity="lower",
            step=-2,
            aggregation="sum",
            frameworks=("NI", "LAA", "Comm."),
            officers=("foster",),
            definition="People killed or seriously injured on roads in the borough (police STATS19).",
        ),
        IndicatorSpec(
            "Dangerous highway defects made safe within 24 hours",
            "LPI 23",
            "percent",
            98.0,
            decimals=1,
            tolerance=2.5,
            frameworks=("Corp.",),
            officers=("bates",),
            definition="Category 1 defects made safe within 24 hours of being reported.",
        ),
    ),
    ServiceTerms(
        "road safety training and sustainable travel schemes",
        "the highways asset management system",
        "the winter gritting service",
        "road users",
        "roadworks notices",
        "the highways inspection policy",
        "the Millbrook Road depot",
        "highway inspectors",
    ),
)

ENVIRONMENTAL_HEALTH = SectionSpec(
    "Environmental Health and Licensing",
    "environmental-health",
    "grant",
    ("hollis", "turner", "wright"),
    "The service protects public health through food safety, health and safety at work, pollution control "
    "and licensing.",
    (
        ObjectiveSpec(
            "1",
            "To protect public health through food safety, health and safety and pollution control",
            ("healthy", "p3"),
        ),
        ObjectiveSpec("2", "To provide a fair and efficient licensing service", ("safe", "prosperous")),
    ),
    (
        TaskSpec(
            "Complete the food hygiene inspection programme, including all high-risk premises",
            "1",
            ("hollis",),
            due="by:12",
            success="All category A and B premises inspected",
        ),
        TaskSpec(
            "Publish food hygiene ratings for all premises and support low-rated businesses to improve",
            "1",
            ("hollis",),
            due="ongoing",
            success="85% of premises rated 3 or above",
        ),
        TaskSpec(
            "Declare an Air Quality Management Area on the Wellgate Road corridor and adopt an action plan",
            "1",
            ("wright", "bates"),
            milestones=(("Detailed assessment", 3), ("Declaration", 6), ("Action plan adopted", 12)),
            success="Action plan adopted with the Highways service",
        ),
        TaskSpec(
            "Review the Statement of Licensing Policy and the taxi licensing policy",
            "2",
            ("turner",),
            due="by:10",
            success="Both policies adopted by the Licensing Committee after consultation",
        ),
        TaskSpec(
            "Introduce online applications and payments for all licences",
            "2",
            ("turner", "doherty"),
            due="by:8",
            success="60% of applications made online",
        ),
        TaskSpec(
            "Provide food hygiene training in community languages for new food businesses",
            "1",
            ("hollis",),
            due="during",
            category=ED,
            success="Four courses held in Urdu, Polish and Cantonese",
        ),
        TaskSpec(
            "Investigate noise complaints and deliver the out-of-hours noise service",
            "1",
            ("wright",),
            due="ongoing",
            success="Complainants contacted within two working days",
        ),
    ),
    (
        IndicatorSpec(
            "Food establishments broadly compliant with food hygiene law",
            "NI 184",
            "percent",
            90.0,
            step=1,
            decimals=1,
            frameworks=("NI", "Corp."),
            officers=("hollis",),
            definition="Food establishments rated 3 or above (broadly compliant).",
        ),
        IndicatorSpec(
            "Businesses satisfied with regulation services",
            "NI 182",
            "percent",
            80.0,
            frameworks=("NI", "Corp."),
            officers=("grant",),
            definition="Businesses satisfied with their contact with the regulatory services.",
        ),
        IndicatorSpec(
            "Licence applications determined within 28 days",
            "LPI 24",
            "percent",
            95.0,
            frameworks=("Corp.",),
            officers=("turner",),
            tolerance=5,
            definition="Premises and personal licence applications determined within 28 days.",
        ),
    ),
    ServiceTerms(
        "environmental health and licensing services",
        "the regulatory services database",
        "the response to food poisoning outbreaks",
        "licence holders",
        "licensing guidance and application packs",
        "the enforcement policy",
        "the Civic Centre",
        "officers carrying out inspections",
    ),
)

# -- Planning and Building Control (the three-year service improvement plan) ------------------------------

DEVELOPMENT_MANAGEMENT = SectionSpec(
    "Development Management",
    "development-management",
    "riley",
    ("ali",),
    "Development Management decides around 1,400 planning applications a year, gives pre-application advice "
    "and enforces planning control.",
    (
        ObjectiveSpec(
            "1",
            "To decide planning applications quickly and consistently, meeting national targets",
            ("prosperous", "good_place"),
        ),
        ObjectiveSpec(
            "2",
            "To improve the quality of new development and the customer's experience",
            ("good_place", "customer"),
        ),
    ),
    (
        TaskSpec(
            "Introduce electronic receipt, consultation and determination of all planning applications",
            "1",
            ("riley",),
            resources="£120,000 Planning Delivery Grant",
            budget=120000,
            milestones=(
                ("System procured", 6),
                ("Online consultation live", 12),
                ("Paperless working in all teams", 20),
            ),
            success="All applications handled electronically",
        ),
        TaskSpec(
            "Introduce a charged pre-application advice service with published service standards",
            "2",
            ("riley", "ali"),
            due="by:9",
            success="Service launched; income of £40,000 a year",
        ),
        TaskSpec(
            "Review the scheme of delegation so that at least 90% of decisions are delegated to officers",
            "1",
            ("ainsworth", "riley"),
            due="by:15",
            success="Revised scheme adopted by Council",
        ),
        TaskSpec(
            "Clear the backlog of enforcement cases and adopt a Local Enforcement Plan",
            "2",
            ("ali",),
            due="by:21",
            success="No enforcement case older than 12 months",
        ),
        TaskSpec(
            "Set up a Design Review Panel for major schemes",
            "2",
            ("riley",),
            due="by:18",
            success="Panel reviews all major schemes before decision",
        ),
        TaskSpec(
            "Hold agents' and developers' forums twice a year and act on the feedback",
            "2",
            ("ali",),
            due="ongoing",
            success="Satisfaction of agents with the service above 75%",
        ),
    ),
    (
        IndicatorSpec(
            "Major planning applications determined within 13 weeks",
            "NI 157a",
            "percent",
            65.0,
            step=5,
            tolerance=5,
            frameworks=("NI", "BVPI", "CPA", "Corp."),
            officers=("riley",),
            definition="Major applications decided within 13 weeks or an agreed extension of time.",
        ),
        IndicatorSpec(
            "Minor planning applications determined within 8 weeks",
            "NI 157b",
            "percent",
            70.0,
            step=3,
            frameworks=("NI", "BVPI", "CPA"),
            officers=("riley",),
            definition="Minor applications decided within 8 weeks or an agreed extension of time.",
        ),
        IndicatorSpec(
            "Other planning applications determined within 8 weeks",
            "NI 157c",
            "percent",
            80.0,
            step=2,
            frameworks=("NI", "BVPI", "CPA"),
            officers=("ali",),
            definition="Other applications (including householder) decided within 8 weeks.",
        ),
        IndicatorSpec(
            "Planning appeals allowed",
            "BV 204",
            "percent",
            30.0,
            polarity="lower",
            step=-1,
            frameworks=("BVPI", "Corp."),
            officers=("ali",),
            definition="Appeals against refusal of planning permission allowed by the Planning Inspectorate.",
        ),
        IndicatorSpec(
            "Planning fee income",
            "LPI 25",
            "money",
            1250000,
            aggregation="sum",
            frameworks=("Corp.",),
            officers=("ainsworth",),
            definition="Planning application and pre-application fees received.",
        ),
    ),
    ServiceTerms(
        "the development management service",
        "the planning applications system",
        "the determination of planning applications",
        "planning applicants",
        "planning guidance notes",
        "the public speaking at Planning Committee protocol",
        "the Civic Centre",
        "planning enforcement officers",
    ),
)

PLANNING_POLICY = SectionSpec(
    "Planning Policy",
    "planning-policy",
    "cartwright",
    ("lynch",),
    "Planning Policy prepares the Local Plan and supporting documents and looks after the borough's historic "
    "environment.",
    (
        ObjectiveSpec(
            "1",
            "To prepare an up-to-date Local Plan that delivers the homes and jobs the borough needs",
            ("p2", "prosperous", "good_place"),
        ),
        ObjectiveSpec("2", "To protect and enhance the historic environment", ("good_place",)),
    ),
    (
        TaskSpec(
            "Prepare and adopt the Millbrook Local Plan",
            "1",
            ("cartwright", "ainsworth"),
            resources="£180,000 (Local Plan reserve)",
            budget=180000,
            milestones=(
                ("Issues and options consultation", 4),
                ("Publication draft", 16),
                ("Submission to the Secretary of State", 22),
                ("Adoption", 33),
            ),
            success="Local Plan found sound and adopted",
        ),
        TaskSpec(
            "Publish the Strategic Housing Land Availability Assessment and five-year land supply "
            "statement each year",
            "1",
            ("cartwright",),
            due="ongoing",
            success="Five-year supply of deliverable housing land demonstrated",
        ),
        TaskSpec(
            "Adopt a Community Infrastructure Levy charging schedule",
            "1",
            ("cartwright",),
            due="by:30",
            success="Charging schedule approved by the examiner and adopted",
        ),
        TaskSpec(
            "Complete character appraisals and management plans for all 12 conservation areas",
            "2",
            ("lynch",),
            due="by:36",
            success="All 12 appraisals adopted",
        ),
        TaskSpec(
            "Review the Statement of Community Involvement, including ways to reach young people and "
            "minority communities",
            "1",
            ("lynch",),
            due="by:10",
            category=ED,
            success="Revised Statement adopted; consultation responses from under-25s doubled",
        ),
    ),
    (
        IndicatorSpec(
            "Net additional homes provided",
            "NI 154",
            "number",
            420,
            step=20,
            aggregation="sum",
            frameworks=("NI", "LAA", "Comm."),
            officers=("cartwright",),
            definition="Net additional dwellings completed, from building control and site surveys.",
        ),
        IndicatorSpec(
            "New homes built on previously developed land",
            "BV 106",
            "percent",
            60.0,
            frameworks=("BVPI", "Comm."),
            officers=("cartwright",),
            definition="Completed new homes on previously developed (brownfield) land.",
        ),
        IndicatorSpec(
            "Conservation areas with an up-to-date character appraisal",
            "BV 219b",
            "percent",
            40.0,
            step=20,
            frameworks=("BVPI",),
            officers=("lynch",),
            definition="Conservation areas with an appraisal adopted in the last five years.",
        ),
        IndicatorSpec(
            "Local Development Scheme milestones met",
            "BV 200b",
            "text",
            None,
            frameworks=("BVPI", "CPA"),
            officers=("cartwright",),
            text_targets=("Yes", "Yes", "Yes", "Yes"),
            text_values=("Yes", "Yes", "No", "No", "Yes", "Yes", "Yes", "Yes"),
            definition="Whether the milestones in the Local Development Scheme have been met (Yes or No).",
        ),
    ),
    ServiceTerms(
        "planning policy and conservation",
        "the Local Plan consultation system",
        "statutory consultations on the Local Plan",
        "consultees",
        "consultation documents",
        "the Statement of Community Involvement",
        "the Civic Centre",
        "officers on site surveys",
    ),
)

BUILDING_CONTROL = SectionSpec(
    "Building Control",
    "building-control",
    "peel",
    (),
    "Building Control checks building work for compliance with the Building Regulations and deals with "
    "dangerous structures.",
    (ObjectiveSpec("1", "To secure safe, accessible and energy-efficient buildings", ("safe", "climate")),),
    (
        TaskSpec(
            "Introduce electronic submission of building regulations applications through the national "
            "portal",
            "1",
            ("peel",),
            due="by:8",
            success="50% of applications submitted electronically",
        ),
        TaskSpec(
            "Maintain a 24-hour dangerous structures service, with a rota of on-call surveyors and mutual "
            "aid from neighbouring councils",
            "1",
            ("peel",),
            due="ongoing",
            category=BC,
            risk="No surveyor available to deal with a dangerous structure out of hours",
            success="Every call attended within two hours",
        ),
        TaskSpec(
            "Market the service to retain and increase market share against approved inspectors",
            "1",
            ("peel",),
            due="during",
            success="Market share of at least 70%",
        ),
        TaskSpec(
            "Give access advice on all new public buildings with the Millbrook Access Forum",
            "1",
            ("peel",),
            due="ongoing",
            category=ED,
            success="Access Forum consulted on every public building",
        ),
        TaskSpec(
            "Achieve ISO 9001 accreditation for the building control service",
            "1",
            ("peel",),
            due="by:18",
            resources="£6,500",
            budget=6500,
            success="Accreditation awarded",
        ),
    ),
    (
        IndicatorSpec(
            "Full plans applications checked within 15 working days",
            "LPI 26",
            "percent",
            90.0,
            frameworks=("Corp.",),
            officers=("peel",),
            definition="Full plans applications checked and responded to within 15 working days.",
        ),
        IndicatorSpec(
            "Building control market share",
            "LPI 27",
            "percent",
            70.0,
            step=2,
            frameworks=("Corp.",),
            officers=("peel",),
            definition="Applications to the council as a share of all building control work in the borough.",
        ),
        IndicatorSpec(
            "Site inspections carried out on the day requested",
            "LPI 28",
            "percent",
            98.0,
            decimals=1,
            tolerance=2.5,
            frameworks=("Corp.",),
            officers=("peel",),
            definition="Inspections carried out on the day the builder asked for them.",
        ),
    ),
    ServiceTerms(
        "the building control service",
        "the building control database",
        "the dangerous structures service",
        "builders and householders",
        "guidance notes",
        "the building control charges scheme",
        "the Civic Centre",
        "surveyors",
    ),
)

# -- Community Services Directorate -----------------------------------------------------------------------

HOUSING_OPTIONS = SectionSpec(
    "Housing Options",
    "housing-options",
    "marshall",
    ("rahman",),
    "Housing Options gives housing advice, prevents homelessness and manages the housing register with "
    "Millbrook Homes and housing associations.",
    (
        ObjectiveSpec(
            "1", "To prevent homelessness and reduce the use of temporary accommodation", ("inclusive", "p2")
        ),
        ObjectiveSpec("2", "To help residents find a home that meets their needs", ("p2", "good_place")),
    ),
    (
        TaskSpec(
            "Adopt a new Homelessness and Rough Sleeping Strategy following a review of homelessness in "
            "the borough",
            "1",
            ("marshall",),
            milestones=(("Homelessness review", 3), ("Consultation", 6), ("Strategy adopted", 9)),
            success="Strategy adopted by Cabinet",
        ),
        TaskSpec(
            "End the use of bed and breakfast for families with children, except in emergencies and for "
            "no more than six weeks",
            "1",
            ("marshall", "rahman"),
            due="by:6",
            priorities=("children",),
            success="No family in bed and breakfast for more than six weeks",
        ),
        TaskSpec(
            "Expand the rent deposit and landlord incentive scheme to help 120 households into private "
            "rented homes",
            "1",
            ("rahman",),
            due="during",
            resources="£80,000 Homelessness Prevention Grant",
            budget=80000,
            success="120 households helped",
        ),
        TaskSpec(
            "Introduce choice-based lettings with Millbrook Homes and housing associations",
            "2",
            ("marshall",),
            due="endyear",
            success="All social rented lettings advertised",
        ),
        TaskSpec(
            "Provide housing advice surgeries at Hollin Bridge and Wellgate community centres",
            "2",
            ("rahman",),
            due="ongoing",
            category=ED,
            success="Weekly surgeries held in both centres",
        ),
    ),
    (
        IndicatorSpec(
            "Households in temporary accommodation",
            "NI 156",
            "number",
            45,
            polarity="lower",
            step=-5,
            frameworks=("NI", "LAA", "Comm."),
            officers=("marshall",),
            definition="Households in temporary accommodation on the last day of the period.",
        ),
        IndicatorSpec(
            "Homelessness prevented through casework (per 1,000 households)",
            "BV 213",
            "number",
            4.5,
            step=0.25,
            decimals=2,
            aggregation="sum",
            frameworks=("BVPI", "Corp."),
            officers=("rahman",),
            definition="Households whose homelessness was prevented or relieved by casework, per "
            "1,000 households in the borough.",
        ),
        IndicatorSpec(
            "Applicants on the housing register per letting made",
            "LPI 29",
            "ratio",
            9.5,
            polarity="lower",
            step=-0.3,
            decimals=1,
            frameworks=("Corp.",),
            officers=("marshall",),
            definition="Active applicants on the register divided by lettings in the last 12 months.",
        ),
        IndicatorSpec(
            "Average length of stay in bed and breakfast for families (days)",
            "LPI 30",
            "days",
            42,
            polarity="lower",
            step=-7,
            aggregation="average",
            frameworks=("Corp.", "LAA"),
            officers=("rahman",),
            definition="Average days families with children spent in bed and breakfast.",
        ),
    ),
    ServiceTerms(
        "the housing options service",
        "the housing register system",
        "emergency homelessness assessments",
        "housing applicants",
        "housing advice leaflets",
        "the housing allocations policy",
        "the Housing Options office",
        "officers visiting households",
    ),
)

PRIVATE_SECTOR_HOUSING = SectionSpec(
    "Private Sector Housing",
    "private-sector-housing",
    "fletcher",
    ("ho",),
    "The service improves conditions in privately owned and rented homes, licenses houses in multiple "
    "occupation and brings empty homes back into use.",
    (
        ObjectiveSpec("1", "To improve the condition of private sector homes", ("p2", "healthy")),
        ObjectiveSpec("2", "To bring empty homes back into use", ("p2", "good_place")),
    ),
    (
        TaskSpec(
            "Introduce additional licensing of houses in multiple occupation in the Millbrook Central and "
            "Ashby Cross wards",
            "1",
            ("fletcher",),
            milestones=(("Evidence base", 2), ("Consultation", 5), ("Scheme designated", 9)),
            success="Scheme designated; 300 properties licensed in the first year",
        ),
        TaskSpec(
            "Deliver Disabled Facilities Grants and reduce waiting times through a fast-track scheme for "
            "minor adaptations",
            "1",
            ("fletcher",),
            due="during",
            category=ED,
            resources="£1.1m Better Care Fund",
            budget=1100000,
            success="110 grants completed; average of 90 days from approval to completion",
        ),
        TaskSpec(
            "Bring 60 long-term empty homes back into use through advice, loans and enforcement",
            "2",
            ("ho",),
            due="by:12",
            resources="£150,000 empty homes loan fund",
            budget=150000,
            success="60 homes back in use",
        ),
        TaskSpec(
            "Carry out a private sector stock condition survey",
            "1",
            ("fletcher",),
            due="abbr:6",
            resources="£35,000",
            budget=35000,
            success="Survey reported to Cabinet",
        ),
        TaskSpec(
            "Run a Warm Homes campaign with energy advice and insulation grants for households in fuel "
            "poverty",
            "1",
            ("ho",),
            due="month:9",
            priorities=("healthy", "climate"),
            success="400 households given advice; 150 homes insulated",
        ),
    ),
    (
        IndicatorSpec(
            "Long-term empty homes brought back into use",
            "LPI 31",
            "number",
            60,
            step=5,
            aggregation="sum",
            frameworks=("Corp.", "Comm."),
            officers=("ho",),
            definition="Homes empty for more than six months reoccupied as a result of council action.",
        ),
        IndicatorSpec(
            "Disabled Facilities Grants completed",
            "LPI 32",
            "number",
            110,
            aggregation="sum",
            frameworks=("Corp.",),
            officers=("fletcher",),
            definition="Adaptations completed and signed off.",
        ),
        IndicatorSpec(
            "Homes made free of Category 1 hazards",
            "LPI 33",
            "number",
            150,
            aggregation="sum",
            frameworks=("Corp.", "LAA"),
            officers=("fletcher",),
            future_text="Dependent on available funds",
            definition="Private sector homes where council action removed all Category 1 hazards.",
        ),
    ),
    ServiceTerms(
        "private sector housing services",
        "the private sector housing database",
        "emergency repairs and enforcement",
        "tenants and landlords",
        "landlord guides and tenant leaflets",
        "the private sector housing renewal policy",
        "the Civic Centre",
        "officers inspecting properties",
    ),
)

LIBRARIES = SectionSpec(
    "Libraries and Heritage",
    "libraries-heritage",
    "dunn",
    ("barker",),
    "The service runs the Central Library, seven branch libraries, the mobile library, the Millbrook Museum "
    "and the local studies collection.",
    (
        ObjectiveSpec(
            "1",
            "To increase use of libraries as places for reading, learning and information",
            ("learning", "inclusive"),
        ),
        ObjectiveSpec("2", "To care for and promote Millbrook's heritage", ("learning", "good_place")),
    ),
    (
        TaskSpec(
            "Refurbish Wellgate Library as a community hub with a customer service point",
            "1",
            ("dunn", "doherty"),
            resources="£320k capital programme",
            budget=320000,
            milestones=(("Design agreed", 3), ("Works start", 6), ("Library reopens", 11)),
            success="Library reopened; visits up 25% on the year before closure",
        ),
        TaskSpec(
            "Deliver the Summer Reading Challenge with all primary schools and increase participation by 10%",
            "1",
            ("barker",),
            due="abbr:6",
            priorities=("children", "p1"),
            success="2,400 children taking part",
        ),
        TaskSpec(
            "Extend free wi-fi and digital skills sessions to all branch libraries",
            "1",
            ("barker",),
            due="by:9",
            category=ED,
            success="Wi-fi in every library; 600 people helped to get online",
        ),
        TaskSpec(
            "Introduce self-service issue and return in the Central Library",
            "1",
            ("dunn",),
            due="by:5",
            resources="£55,000 (invest to save)",
            budget=55000,
            success="80% of issues self-service",
        ),
        TaskSpec(
            "Digitise the local studies photograph collection and publish it online",
            "2",
            ("barker",),
            due="by:12",
            resources="£48,000 National Lottery Heritage Fund",
            budget=48000,
            success="5,000 images online",
        ),
        TaskSpec(
            "Provide a home library service for housebound residents",
            "1",
            ("barker",),
            due="ongoing",
            category=ED,
            success="Every request for the service met within four weeks",
        ),
    ),
    (
        IndicatorSpec(
            "Visits to libraries",
            "LPI 34",
            "number",
            1118000,
            step=20000,
            aggregation="sum",
            frameworks=("Corp.", "Comm."),
            officers=("dunn",),
            definition="Physical visits to all libraries, from door counters.",
        ),
        IndicatorSpec(
            "Library issues (books and audio-visual)",
            "LPI 35",
            "number",
            820000,
            step=-10000,
            aggregation="sum",
            frameworks=("Corp.",),
            officers=("barker",),
            definition="Loans of books, e-books and audio-visual items.",
        ),
        IndicatorSpec(
            "Active borrowers",
            "LPI 36",
            "number",
            21500,
            step=500,
            frameworks=("Corp.",),
            officers=("dunn",),
            definition="Borrowers who have used their card in the last 12 months.",
        ),
    ),
    ServiceTerms(
        "the library service",
        "the library management system",
        "the Central Library and branch opening",
        "library users",
        "library guides and event leaflets",
        "the library charges and concessions policy",
        "the Central Library",
        "mobile library staff",
    ),
)

LEISURE = SectionSpec(
    "Leisure and Culture",
    "leisure-culture",
    "royle",
    ("kendall", "moss"),
    "The service manages three leisure centres through its contractor, sports development, arts development "
    "and the borough's festivals.",
    (
        ObjectiveSpec(
            "1", "To increase participation in sport and physical activity", ("healthy", "children", "p6")
        ),
        ObjectiveSpec(
            "2", "To provide a high quality arts and cultural programme", ("learning", "inclusive")
        ),
    ),
    (
        TaskSpec(
            "Complete the options appraisal and business case for the replacement of Millbrook Baths",
            "1",
            ("royle",),
            resources="£4.6m capital programme",
            budget=4600000,
            milestones=(("Options appraisal", 1), ("Business case", 3), ("Capital work", 10)),
            success="Business case approved by Cabinet and work started on site",
        ),
        TaskSpec(
            "Introduce a Leisure Pass giving discounted access for residents on low incomes, carers and "
            "disabled people",
            "1",
            ("royle", "kendall"),
            due="by:4",
            category=ED,
            success="2,400 pass holders from priority groups",
        ),
        TaskSpec(
            "Deliver the Active Millbrook programme of community sport in the priority neighbourhoods",
            "1",
            ("kendall",),
            due="ongoing",
            resources="£35,000 Sport England funding",
            budget=35000,
            success="1,500 regular participants",
        ),
        TaskSpec(
            "Stage the Millbrook Festival and the annual Mela in partnership with community groups",
            "2",
            ("moss",),
            due="month:5",
            resources="£60,000 events budget",
            budget=60000,
            priorities=("inclusive", "p5"),
            success="30,000 attendances; 90% of visitors rate it good",
        ),
        TaskSpec(
            "Produce a Cultural Strategy with partners and the arts community",
            "2",
            ("moss", "royle"),
            due="endyear",
            success="Strategy adopted by Cabinet",
        ),
        TaskSpec(
            "Review the leisure management options when the current contract ends, including a leisure trust",
            "1",
            ("royle",),
            due="by:11",
            success="Preferred option agreed by Cabinet",
        ),
    ),
    (
        IndicatorSpec(
            "Adult participation in sport and active recreation",
            "NI 8",
            "percent",
            22.5,
            step=0.5,
            decimals=1,
            frameworks=("NI", "LAA", "Comm."),
            officers=("kendall",),
            definition="Adults taking part in 30 minutes of moderate sport three times a week (Active "
            "Lives survey).",
        ),
        IndicatorSpec(
            "Visits to leisure centres",
            "LPI 37",
            "number",
            1032064,
            step=15000,
            aggregation="sum",
            frameworks=("Corp.", "Comm."),
            officers=("royle",),
            definition="Visits to the three leisure centres, from the contractor's returns.",
        ),
        IndicatorSpec(
            "Cost per visit to leisure centres",
            "LPI 38",
            "money",
            1.85,
            polarity="lower",
            step=-0.05,
            decimals=2,
            frameworks=("Corp.",),
            officers=("royle",),
            definition="Net council subsidy divided by visits.",
        ),
        IndicatorSpec(
            "Attendances at council-supported arts events",
            "LPI 39",
            "number",
            45000,
            step=2500,
            aggregation="sum",
            frameworks=("Comm.",),
            officers=("moss",),
            definition="Attendances at events the council runs or funds.",
        ),
    ),
    ServiceTerms(
        "leisure and cultural services",
        "the leisure booking system",
        "bookings and the running of the leisure centres",
        "leisure centre members",
        "activity programmes",
        "the leisure concessions policy",
        "Millbrook Leisure Centre",
        "sports development officers running evening sessions",
    ),
)

# The plan for the previous financial year whose unfinished tasks are carried forward.
# ``profile`` decides how each ended: "on_track" (completed), "slipping", "stalled" or "not_applicable".
PREVIOUS_COMMUNITY_SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "Housing Options",
        "housing-options",
        "marshall",
        ("rahman",),
        "",
        HOUSING_OPTIONS.objectives,
        (
            TaskSpec(
                "Review the housing allocations policy in line with the revised statutory code",
                "2",
                ("marshall",),
                due="by:9",
                profile="on_track",
                success="Revised policy adopted",
            ),
            TaskSpec(
                "Set up a single homelessness prevention hub with Citizens Advice",
                "1",
                ("marshall", "rahman"),
                due="by:10",
                profile="slipping",
                carry_due="by:6",
                success="Hub open five days a week",
            ),
            TaskSpec(
                "Procure additional self-contained temporary accommodation to reduce reliance on bed and "
                "breakfast",
                "1",
                ("marshall",),
                due="by:12",
                profile="stalled",
                carry_due="abbr:9",
                resources="£400,000 capital",
                budget=400000,
                success="20 additional units",
            ),
            TaskSpec(
                "Introduce a mortgage rescue and repossession prevention service",
                "1",
                ("rahman",),
                due="by:6",
                profile="on_track",
                success="Service in place with the county court",
            ),
            TaskSpec(
                "Implement a new housing register system with online applications",
                "2",
                ("marshall",),
                due="by:8",
                profile="on_track",
                success="70% of applications made online",
            ),
        ),
    ),
    SectionSpec(
        "Private Sector Housing",
        "private-sector-housing",
        "fletcher",
        ("ho",),
        "",
        PRIVATE_SECTOR_HOUSING.objectives,
        (
            TaskSpec(
                "Adopt a Private Sector Housing Renewal Policy",
                "1",
                ("fletcher",),
                due="by:6",
                profile="on_track",
                success="Policy adopted by Cabinet",
            ),
            TaskSpec(
                "Introduce a landlord accreditation scheme with the National Residential Landlords "
                "Association",
                "1",
                ("fletcher",),
                due="by:9",
                profile="slipping",
                carry_due="month:7",
                success="100 landlords accredited",
            ),
            TaskSpec(
                "Take enforcement action on the 20 longest-standing empty properties",
                "2",
                ("ho",),
                due="by:12",
                profile="slipping",
                carry_due="by:9",
                success="All 20 properties reoccupied or subject to a management order",
            ),
            TaskSpec(
                "Clear the backlog of Disabled Facilities Grant applications",
                "1",
                ("fletcher",),
                due="by:9",
                profile="on_track",
                category=ED,
                success="No applicant waiting over six months",
            ),
            TaskSpec(
                "Review the Home Improvement Agency contract",
                "1",
                ("fletcher",),
                due="by:8",
                profile="not_applicable",
                success="Contract renewed or retendered",
                na_reason="n/a – decision taken to go another way: the Home Improvement Agency service is "
                "being brought back in house.",
            ),
        ),
    ),
    SectionSpec(
        "Libraries and Heritage",
        "libraries-heritage",
        "dunn",
        ("barker",),
        "",
        LIBRARIES.objectives,
        (
            TaskSpec(
                "Extend opening hours at the Central Library on Saturdays",
                "1",
                ("dunn",),
                due="by:4",
                profile="on_track",
                success="Open until 5pm on Saturdays",
            ),
            TaskSpec(
                "Apply for accreditation of the Millbrook Museum under the national scheme",
                "2",
                ("barker",),
                due="by:10",
                profile="slipping",
                carry_due="by:8",
                success="Accreditation awarded",
            ),
            TaskSpec(
                "Introduce an e-book and e-audiobook service",
                "1",
                ("barker",),
                due="by:7",
                profile="on_track",
                success="2,000 e-loans a month",
            ),
            TaskSpec(
                "Move the local studies collection to a new archive store",
                "2",
                ("dunn",),
                due="by:11",
                profile="stalled",
                carry_due="endyear",
                resources="£85,000 capital",
                budget=85000,
                success="Collection stored to the national standard",
            ),
        ),
    ),
    SectionSpec(
        "Leisure and Culture",
        "leisure-culture",
        "royle",
        ("kendall", "moss"),
        "",
        LEISURE.objectives,
        (
            TaskSpec(
                "Open the new sports hall at Ashby Cross",
                "1",
                ("royle",),
                due="by:7",
                profile="on_track",
                success="Sports hall open and fully programmed",
            ),
            TaskSpec(
                "Introduce free swimming for under-16s in the school holidays",
                "1",
                ("kendall",),
                due="by:4",
                profile="on_track",
                priorities=("children", "p6"),
                success="10,000 free swims",
            ),
            TaskSpec(
                "Produce an Arts Development Plan",
                "2",
                ("moss",),
                due="by:9",
                profile="not_applicable",
                success="Plan adopted",
                na_reason="n/a – superseded by the Cultural Strategy, to be produced with partners this year.",
            ),
            TaskSpec(
                "Secure funding for a 3G artificial pitch at Broadwood Park",
                "1",
                ("kendall", "royle"),
                due="by:12",
                profile="stalled",
                carry_due="by:10",
                resources="£650,000 (Football Foundation bid)",
                budget=650000,
                success="Funding secured and pitch built",
            ),
        ),
    ),
)

# -- the plans --------------------------------------------------------------------------------------------

_DEPARTMENT_INTRODUCTION = (
    "This Service Plan sets out the key service objectives for achievement in {year} which reflect the "
    "Directorate's priorities. The degree to which these objectives are met will provide an overall "
    "indication of the performance of the {unit} in {year}. It has been developed with the Lead Members and "
    "links each objective to the Community Plan themes, the Council's six Pledges and the Corporate Plan. "
    "The plan is a summary: it does not describe all the work of the Directorate's staff, which is set out in "
    "section plans and individual appraisals."
)

PLANS: tuple[PlanSpec, ...] = (
    PlanSpec(
        "community-services-service-plan",
        "Community Services Directorate Service Plan",
        "community-services",
        "osei",
        "Community Services Scrutiny Committee",
        "quarterly",
        "archived",
        (2, 6),
        _DEPARTMENT_INTRODUCTION,
        PREVIOUS_COMMUNITY_SECTIONS,
        year_offset=-1,
    ),
    PlanSpec(
        "chief-executives-service-plan",
        "Chief Executive's Directorate Service Plan",
        "chief-executives",
        "whitfield",
        "Policy and Resources Committee",
        "quarterly",
        "published",
        (1, 29),
        _DEPARTMENT_INTRODUCTION,
        (ECONOMIC_DEVELOPMENT, COMMUNITY_SAFETY, POLICY_PERFORMANCE, DEMOCRATIC_SERVICES),
        plan_objectives=PLAN_OBJECTIVES,
    ),
    PlanSpec(
        "corporate-resources-service-plan",
        "Corporate Resources Directorate Service Plan",
        "corporate-resources",
        "chandler",
        "Corporate Services Scrutiny Committee",
        "half_yearly",
        "published",
        (1, 29),
        _DEPARTMENT_INTRODUCTION + " Progress on this plan is reported to committee half-yearly.",
        (FINANCE, REVENUES_BENEFITS, HUMAN_RESOURCES, CUSTOMER_SERVICES, LEGAL_PROCUREMENT),
        plan_objectives=PLAN_OBJECTIVES,
    ),
    PlanSpec(
        "environment-neighbourhoods-service-plan",
        "Environment and Neighbourhoods Directorate Service Plan",
        "environment-neighbourhoods",
        "brennan",
        "Environment Scrutiny Committee",
        "quarterly",
        "approved",
        (2, 10),
        _DEPARTMENT_INTRODUCTION,
        (WASTE_RECYCLING, PARKS, HIGHWAYS, ENVIRONMENTAL_HEALTH),
        plan_objectives=PLAN_OBJECTIVES,
    ),
    PlanSpec(
        "community-services-service-plan",
        "Community Services Directorate Service Plan",
        "community-services",
        "osei",
        "Community Services Scrutiny Committee",
        "quarterly",
        "published",
        (2, 5),
        _DEPARTMENT_INTRODUCTION + " Work not finished last year has been carried forward into this plan.",
        (HOUSING_OPTIONS, PRIVATE_SECTOR_HOUSING, LIBRARIES, LEISURE),
        previous="community-services-service-plan",
        plan_objectives=PLAN_OBJECTIVES,
    ),
    PlanSpec(
        "planning-service-improvement-plan",
        "Planning and Building Control Service Improvement Plan",
        "planning-building-control",
        "ainsworth",
        "Cabinet",
        "quarterly",
        "published",
        (3, 9),
        "This Service Improvement Plan sets out the key improvements, changes and priorities for the Planning "
        "and Building Control service over three years, linked to the Community Strategy and Council Plan. It "
        "is not intended to cover the service's core business, which is set out in business unit plans; "
        "rather, it covers the things that will take a significant amount of the Head of Service's attention "
        "to deliver. Progress is reported to Members alongside Council Plan monitoring.",
        (DEVELOPMENT_MANAGEMENT, PLANNING_POLICY, BUILDING_CONTROL),
        years=3,
        year_offset=-1,
        plan_objectives=PLAN_OBJECTIVES,
    ),
)

#: The plan whose next year's plan the demo starts (carried forward) and submits for approval.
NEXT_PLAN_KEY = "environment-neighbourhoods-service-plan"

#: What the demo manager wrote when sending the demo officer's return back.
SENT_BACK_COMMENT = (
    "Thanks Kevin. Two of your task updates are still missing, and the recycling rate needs a sentence on "
    "why it dipped in the autumn. Please add them and submit again."
)

"""Write ``chief-executives-2002-03.xlsx``: the Chief Executive's Directorate Service Plan 2002/03 (a real
council plan, seed 001), transcribed into the plan workbook format.

Transcribed as the plan words it: sections 5 and 6.1–7.1 become sections, the numbered key objectives
become objectives, each key target with a date becomes a task whose Due Date keeps the plan's words, and the
numeric key targets of the Economic Development Section ("650 Business Enquiries") become indicators with a
2002/03 target. Where a task names several dated steps, they are written one after another so that they
become milestones. The plan names no officers, so the Responsible Officer column is empty.

The sheets and headers are the blank template's (``reporting/workbook/columns.py``), so the sample
always matches the format the importer reads.

Run from the project folder: ``.venv/bin/python docs/samples/make_sample_workbook.py``.
"""

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project folder, for its column spec
from reporting.workbook import columns as spec  # noqa: E402 (plain Python: no Django needed)

OUTPUT = Path(__file__).with_name("chief-executives-2002-03.xlsx")

# Plan fields by key (reporting.workbook.columns.PLAN_FIELDS)
PLAN = {
    "council": "Salford City Council",
    "directorate": "Chief Executive's Directorate",
    "title": "Chief Executive's Directorate Service Plan",
    "firstyear": "2002/03",
    "years": 1,
    "reportingfrequency": "Quarterly",
    "planowner": "",
}

CE = "Chief Executive"
ED = "Economic Development Section"
SR = "Strategy and Regeneration Division"
CS = "Community Safety Section"
SEC = "Secretariat"
PP = "Personnel and Performance Division"
EDI = "Equality and diversity"

# (section, category, objective, task, resources, due date as written)
TASKS = [
    (
        CE,
        "",
        "",
        "Ensure the Council responds effectively to the Government's White Paper “Strong Local "
        "Leadership: Quality Public Services”",
        "",
        "",
    ),
    (
        CE,
        "",
        "",
        "See that the Council adopts the principles and fulfils the requirements of Best Value and "
        "Performance Management practice in its approach to meeting the needs of the Salford Community",
        "",
        "",
    ),
    (
        CE,
        "",
        "",
        "Ensure the Council adopts and implements the recommendations of IDeA's Improvement Programme "
        "Peer Review Team, in accordance with the Improvement Plan",
        "",
        "",
    ),
    (
        CE,
        EDI,
        "",
        "See that the Council develops its links with all parts of the community, particularly the "
        "Council's minority ethnic communities, so that effective community relationships are maintained",
        "",
        "",
    ),
    (
        CE,
        "",
        "",
        "Ensure the City Council properly embraces its responsibility and duty to provide for the "
        "economic, social and community well-being of the community",
        "",
        "",
    ),
    (
        CE,
        "",
        "",
        "See that the Council develops systems and processes which re-inforce a sense of corporacy "
        "throughout the organisation",
        "",
        "",
    ),
    (
        CE,
        "",
        "",
        "Ensure that the Council adopts a customer-focussed approach to the delivery of all its services",
        "",
        "",
    ),
    (
        ED,
        "",
        "1. To Encourage Investment in the City to assist regeneration and economic prosperity",
        "Commence implementation of River Irwell Economic Development Zone including formation of the Partnership",
        "",
        "",
    ),
    (
        ED,
        "",
        "1. To Encourage Investment in the City to assist regeneration and economic prosperity",
        "Review of Central Salford Employment Areas to feed into Unitary Development Plan and Neighbourhood "
        "Renewal Strategy",
        "",
        "",
    ),
    (
        ED,
        "",
        "1. To Encourage Investment in the City to assist regeneration and economic prosperity",
        "Assist in development of 20,000 sq metres of new floor space by identifying opportunities and "
        "responding to business enquiries",
        "",
        "",
    ),
    (
        ED,
        "",
        "1. To Encourage Investment in the City to assist regeneration and economic prosperity",
        "Deliver Economic Development aspects of area based initiatives: Cheetham and Broughton SRB, Seedley and "
        "Langworthy SRB, Chapel Street",
        "",
        "",
    ),
    (
        ED,
        "",
        "1. To Encourage Investment in the City to assist regeneration and economic prosperity",
        "Deliver Economic Development aspects of Community Action Plans",
        "",
        "",
    ),
    (
        ED,
        "",
        "1. To Encourage Investment in the City to assist regeneration and economic prosperity",
        "Fund MIDAS to deliver inward investment into the City",
        "",
        "",
    ),
    (
        ED,
        "",
        "2. Support Business Development by improving competitiveness and efficiency",
        "Completed database development",
        "",
        "",
    ),
    (
        ED,
        "",
        "2. Support Business Development by improving competitiveness and efficiency",
        "Approve action Plan for 4 town centres",
        "",
        "",
    ),
    (
        ED,
        "",
        "2. Support Business Development by improving competitiveness and efficiency",
        "Organise 4 Export Fora",
        "",
        "",
    ),
    (
        ED,
        "",
        "2. Support Business Development by improving competitiveness and efficiency",
        "Raise the awareness of business impact on the environment with 100 companies",
        "",
        "",
    ),
    (
        ED,
        "",
        "2. Support Business Development by improving competitiveness and efficiency",
        "Agree Innovation Park Proposal with University",
        "",
        "",
    ),
    (
        ED,
        "",
        "2. Support Business Development by improving competitiveness and efficiency",
        "Through support for Salford Community Venture assist in the creation of 10 Community Enterprises",
        "",
        "",
    ),
    (
        ED,
        "",
        "3. Enabling local people to achieve their full potential by tackling issues of employability",
        "Adoption of Employment Strategy for the City",
        "",
        "",
    ),
    (
        ED,
        "",
        "3. Enabling local people to achieve their full potential by tackling issues of employability",
        "Adoption of Developers Agreements as Council Policy and inclusion within Unitary Development Plan and "
        "as supplementary planning guidance",
        "",
        "",
    ),
    (
        ED,
        "",
        "3. Enabling local people to achieve their full potential by tackling issues of employability",
        "In conjunction with GMPTE submit a successful round 2 urban bus challenge bid",
        "",
        "",
    ),
    (
        ED,
        "",
        "3. Enabling local people to achieve their full potential by tackling issues of employability",
        "Complete feasibility work for childcare provision in Opportunities Centre",
        "",
        "",
    ),
    (
        SR,
        "",
        "a. Policy of Partnership Development",
        "Continue to work closely with the Local Strategic Partnership",
        "",
        "On-going",
    ),
    (
        SR,
        "",
        "a. Policy of Partnership Development",
        "Identify lead officer for the 7 Key Strategic Partnerships",
        "",
        "by July 2002",
    ),
    (
        SR,
        "",
        "a. Policy of Partnership Development",
        "Develop a framework where the Council are fully engaged in the partnership structures",
        "",
        "by December 2002",
    ),
    (
        SR,
        "",
        "a. Policy of Partnership Development",
        "Ensure LSP gain accreditation status by GONW",
        "",
        "by August 2002",
    ),
    (SR, "", "b. Community Plan", "Ensure implementation plan is agreed", "", "by April, 2002"),
    (SR, "", "b. Community Plan", "Agree process and timetable for rationalisation of partnerships", "", ""),
    (
        SR,
        "",
        "b. Community Plan",
        "Agree process and timetable for rationalisation of plans and strategies",
        "",
        "",
    ),
    (
        SR,
        "",
        "c. Neighbourhood Renewal Strategy",
        "Ensure strategic framework is developed and agreed",
        "",
        "by April 2002",
    ),
    (SR, "", "c. Neighbourhood Renewal Strategy", "Develop Public Service Agreements", "", "by May 2002"),
    (
        CS,
        "",
        "Crime Reduction: to effectively respond and reduce incidents of crime and disorder within Salford",
        "Support the implementation and monitoring of the Salford Crime Reduction Strategy 2002-2005",
        "",
        "",
    ),
    (
        CS,
        "",
        "Crime Reduction: to effectively respond and reduce incidents of crime and disorder within Salford",
        "Develop and implement a corporate crime reduction strategy for the authority",
        "",
        "",
    ),
    (
        CS,
        "",
        "Crime Reduction: to effectively respond and reduce incidents of crime and disorder within Salford",
        "Implementation of the Anti Social Behaviour policy re case conferencing",
        "",
        "",
    ),
    (
        CS,
        "",
        "Crime Reduction: to effectively respond and reduce incidents of crime and disorder within Salford",
        "Implementation of the Information Sharing Policy",
        "",
        "",
    ),
    (
        CS,
        EDI,
        "Crime Reduction: to effectively respond and reduce incidents of crime and disorder within Salford",
        "Development and implementation of a policy for responding to incidents of race and hate crime",
        "",
        "",
    ),
    (
        CS,
        "",
        "Crime Reduction: to effectively respond and reduce incidents of crime and disorder within Salford",
        "Implementation and management of the neighbourhood wardens initiatives",
        "",
        "",
    ),
    (
        CS,
        "",
        "Crime Reduction: to effectively respond and reduce incidents of crime and disorder within Salford",
        "Delivery of an effective and efficient Witness Outreach Service",
        "",
        "",
    ),
    (
        CS,
        "",
        "Crime Reduction: to effectively respond and reduce incidents of crime and disorder within Salford",
        "Continue to develop and implement the Best Value (Section 17 and Community Safety) Improvement Plan",
        "",
        "On-going",
    ),
    (
        SEC,
        "",
        "Modernisation - effective working of new democratic structures",
        "Developing of the agenda "
        "planning process linking Cabinet to the work of Directors Team and move to a more strategic approach",
        "",
        "review completed by 30th June, 2002",
    ),
    (
        SEC,
        "",
        "Modernisation - effective working of new democratic structures",
        "Clarity of roles for Cabinet "
        "Members: job descriptions in place for service portfolios and cross-cutting portfolios",
        "",
        "by 31st May, 2002",
    ),
    (
        SEC,
        "",
        "Modernisation - effective working of new democratic structures",
        "Facilitate on-going "
        "briefings and exchanging of information with the City's 3 MP's and appropriate MEP's",
        "",
        "IT systems in place – 31st May 2002 MP's information profiles agreed – 30th June 2002 Systems fully "
        "operational – 30th July 2002 Work replicated for MEP's – 31st December 2002",
    ),
    (
        SEC,
        "",
        "Modernisation - effective working of new democratic structures",
        "To continue to develop a lead member information and briefing service",
        "",
        "Systems in place – 30th April 2002 Cabinet Members' "
        "information requirements reviewed – 31st May 2002 All systems fully operational – 30th June 2002",
    ),
    (
        SEC,
        "",
        "Modernisation - effective working of new democratic structures",
        "Ward boundary changes: "
        "prepare, consult upon, agree and submit proposals to the Commission, then respond to its final "
        "recommendations",
        "",
        "Proposals submitted – 28th August 2002 Response to final recommendations – 31st March 2003",
    ),
    (
        SEC,
        "",
        "Modernisation - effective working of new democratic structures",
        "Response to cross-cutting legislation: implement an action plan and update it every 6 months",
        "",
        "by 30th June, 2002 and update every 6 months",
    ),
    (
        SEC,
        "",
        "To provide on-going Support Services to the Directorate",
        "On-going administration of internal administrative/financial systems, complaints etc",
        "",
        "On-going",
    ),
    (
        PP,
        "",
        "1. Promote a culture that enables, empowers and encourages all employees to realise their full "
        "potential in a safe and healthy working environment",
        "Undertake a Corporate Health Audit of the City "
        "Council's Occupational Health and Safety performance and report on recommendations",
        "",
        "by September 2002",
    ),
    (
        PP,
        "",
        "1. Promote a culture that enables, empowers and encourages all employees to realise their full "
        "potential in a safe and healthy working environment",
        "Develop and implement an Appraisal and Development process for all Chief Officers",
        "",
        "by 1st July, 2002",
    ),
    (
        PP,
        "",
        "1. Promote a culture that enables, empowers and encourages all employees to realise their full "
        "potential in a safe and healthy working environment",
        "Develop a corporate system of internal briefings "
        "for members and staff, including the chief executive's roadshow programme",
        "",
        "by July 2002, and implement throughout 2002",
    ),
    (
        PP,
        "",
        "2. Facilitate the development, through innovation and imagination, of a modern, customer focused "
        "organisation",
        "Facilitate the development of the Authority's corporate message through a range of interventions",
        "",
        "during 2002/2003",
    ),
    (
        PP,
        "",
        "2. Facilitate the development, through innovation and imagination, of a modern, customer focused "
        "organisation",
        "Produce and implement an integrated strategy for City Council communications",
        "",
        "by December, 2002",
    ),
    (
        PP,
        "",
        "3. Promote and sustain the principles of a corporate and cohesive organisation",
        "Re-launch Update as the organisation's single corporate internal briefing resource",
        "",
        "by June, 2002",
    ),
    (
        PP,
        "",
        "4. Ensure the Authority adopts best practice and meets its statutory and contractual obligations",
        "Implement improvements and staffing proposals to enhance the support provided to the overview and "
        "scrutiny function",
        "",
        "by 1st July, 2002",
    ),
    (
        PP,
        "",
        "4. Ensure the Authority adopts best practice and meets its statutory and contractual obligations",
        "Lead and co-ordinate the production of the Strategic and Best Value Performance Plan 2002/2003",
        "",
        "by the end of June 2002",
    ),
    (
        PP,
        "",
        "4. Ensure the Authority adopts best practice and meets its statutory and contractual obligations",
        "Lead and co-ordinate the production of the Summary Plan for 2003/2004",
        "",
        "by the end of March 2003",
    ),
    (
        PP,
        "",
        "4. Ensure the Authority adopts best practice and meets its statutory and contractual obligations",
        "Update and re-issue corporate guidelines on communications issues",
        "",
        "by May 2002",
    ),
    (
        PP,
        "",
        "4. Ensure the Authority adopts best practice and meets its statutory and contractual obligations",
        "Launch a weekly corporate media clippings digest",
        "",
        "by June 2002",
    ),
    (
        PP,
        "",
        "5. Assist the Authority to deliver quality services by advising on the best use of resources and "
        "organisational skills",
        "Develop a strategy to improve recruitment and retention across the City "
        "Council, and for particular skill shortage areas",
        "",
        "by 31st May, 2002",
    ),
    (
        PP,
        "",
        "5. Assist the Authority to deliver quality services by advising on the best use of resources and "
        "organisational skills",
        "Provision of Personnel and HR input for the Joint Review of the Community and Social Services",
        "",
        "by 31st July, 2002",
    ),
    (
        PP,
        "",
        "5. Assist the Authority to deliver quality services by advising on the best use of resources and "
        "organisational skills",
        "Development of a system for the provision of regular management information "
        "in respect of workforce planning to all Directorates",
        "",
        "by 30th April, 2002 and introduction of the new system by 31st June, 2002",
    ),
    (
        PP,
        "",
        "6. Ensure that all Elected Members and employees are aware of and meet the requirements of best "
        "value and performance management",
        "Undertake a ‘taking stock’ evaluation of the ground rules, "
        "standards, frameworks, processes, structures and resources allocated to achieve best value",
        "",
        "by June 2002",
    ),
    (
        PP,
        "",
        "6. Ensure that all Elected Members and employees are aware of and meet the requirements of best "
        "value and performance management",
        "Consider and establish the detailed arrangements to support the "
        "Corporate Planning and Performance Management Model",
        "",
        "by June 2002",
    ),
    (
        PP,
        "",
        "6. Ensure that all Elected Members and employees are aware of and meet the requirements of best "
        "value and performance management",
        "Continue to develop and maintain an integrated, comprehensive management database",
        "",
        "On-going",
    ),
    (
        PP,
        EDI,
        "7. Assist the Authority to meet its commitment to ensure equal opportunity for employees, service "
        "users and all Salford people",
        "Undertake a comprehensive Job Evaluation review and determine a new "
        "equitable pay and grading structure",
        "£184,000 in 2002/03; implementation costs of £1.5M in 2003/04",
        "by 30th September, 2003",
    ),
    (
        PP,
        EDI,
        "7. Assist the Authority to meet its commitment to ensure equal opportunity for employees, service "
        "users and all Salford people",
        "Undertake a range of initiatives designed to promote and facilitate "
        "equality of opportunity in employment and service delivery",
        "",
        "throughout 2002/2003",
    ),
    (
        PP,
        EDI,
        "7. Assist the Authority to meet its commitment to ensure equal opportunity for employees, service "
        "users and all Salford people",
        "Launch and conduct a publicity campaign to promote race equality",
        "",
        "throughout 2002",
    ),
    (
        PP,
        "",
        "8. Promote and sustain positive images of the City and the City Council through effective two-way "
        "internal and external communications",
        "Ensure a detailed plan of action to promote the city is agreed with partners",
        "",
        "by June 2002",
    ),
    (
        PP,
        "",
        "8. Promote and sustain positive images of the City and the City Council through effective two-way "
        "internal and external communications",
        "Implement the city council's integrated communications strategy",
        "",
        "by December 2002",
    ),
    (
        PP,
        "",
        "8. Promote and sustain positive images of the City and the City Council through effective two-way "
        "internal and external communications",
        "Enable a systematic and comprehensive review of the corporate "
        "identity of the city council, including creation of a visual identity for the city",
        "",
        "by May 2002",
    ),
]

# (section, key performance measure, 2002/03 target as the plan writes it)
INDICATORS = [
    (ED, "Potential inward investor enquiries received", "65"),
    (ED, "Jobs created", "1000"),
    (ED, "Business enquiries generated", "650"),
    (ED, "Export fora organised", "4"),
    (ED, "Companies attending export forums", "80"),
    (ED, "Number of companies commencing exporting", "-"),
    (ED, "Number of companies participating in trade missions", "-"),
    (ED, "Companies participating in Salford Export Excellence Awards", "20"),
    (ED, "Jobs safeguarded through Business Security initiatives", "50"),
    (ED, "Premises secured through Business Security initiatives", "120"),
    (ED, "Business start ups supported by Salford Hundred Venture", "105"),
    (ED, "Residents accessing employment or training via Jobshops Plus", "500"),
    (ED, "Residents enrolled on City Pride Community and Environment Employment option of New Deal", "80"),
    (ED, "Unemployed residents accessing employment via wage subsidies", "185"),
    (ED, "Salford residents taking up customised training packages through Jobshop Plus", "100"),
]

YEAR = "2002/03"


def build() -> Workbook:
    workbook = Workbook()
    plan = workbook.active
    plan.title = spec.PLAN
    plan.append(spec.headers(spec.PLAN_SHEET_COLUMNS))
    for field in spec.PLAN_FIELDS:
        if field.in_template:
            plan.append([field.name, PLAN.get(field.key, "")])
    task_headers = spec.headers(spec.TASK_COLUMNS, template=True)
    tasks = workbook.create_sheet(spec.TASKS)
    tasks.append(task_headers)
    for section, category, objective, text, resources, due in TASKS:
        given = {
            "Section": section,
            "Category": category,
            "Objective": objective,
            "Task": text,
            "Resources": resources,
            "Due Date": due,
        }
        tasks.append([given.get(header, "") for header in task_headers])
    frameworks = [code for code, _name in spec.STANDARD_FRAMEWORKS.values()]
    indicator_headers = spec.indicator_headers(frameworks, [YEAR], template=True)
    indicators = workbook.create_sheet(spec.INDICATORS)
    indicators.append(indicator_headers)
    for section, name, target in INDICATORS:
        given = {
            "Section": section,
            "Key Performance Measure": name,
            "Polarity": "Higher is better",
            YEAR: target,
        }
        indicators.append([given.get(header, "") for header in indicator_headers])
    for sheet, columns in (
        (plan, spec.PLAN_SHEET_COLUMNS),
        (tasks, spec.TASK_COLUMNS),
        (indicators, spec.INDICATOR_COLUMNS),
    ):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            sheet.column_dimensions[cell.column_letter].width = spec.width_of(cell.value, columns)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    workbook.properties.title = "Chief Executive's Directorate Service Plan 2002/03"
    return workbook


if __name__ == "__main__":
    build().save(OUTPUT)
    print(f"Wrote {OUTPUT}")

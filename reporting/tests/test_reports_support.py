"""Helpers shared by the committee report tests (no tests here)."""

from io import BytesIO

from pypdf import PdfReader

from plans.models import Officer
from reporting.reports.services import report_create
from serviceplans.roles import COMMITTEE_CLERKS, MANAGERS, MEMBERS, OFFICERS, PERFORMANCE_TEAM, roles_ensure
from tests.factories import OfficerFactory, UserFactory

ROLE_GROUPS = {
    "performance": PERFORMANCE_TEAM,
    "clerk": COMMITTEE_CLERKS,
    "manager": MANAGERS,
    "officer": OFFICERS,
    "member": MEMBERS,
}


def make_report(council, *, period=None, user=None, **fields):
    """A draft report on the small council's plan for Q2 (open) unless told otherwise."""
    fields.setdefault("plan", council["plan"])
    return report_create(
        user=user, period=period or council["q2"], committee="Environment Scrutiny Committee", **fields
    )


def user_with_role(role: str):
    groups = roles_ensure()
    user = UserFactory(username=f"{role}-user")
    user.groups.add(groups[ROLE_GROUPS[role]])
    if role == "manager" and not Officer.objects.filter(user=user).exists():
        OfficerFactory(user=user)
    return user


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, with runs of white space made single spaces."""
    reader = PdfReader(BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_reader(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))

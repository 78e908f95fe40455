"""Who may do what with committee reports (the rest of the product's rules are in
``serviceplans.permissions``).

- **Write** (create, edit the texts, publish): the performance team (and superusers) and committee clerks,
  who produce and publish the papers.
- **Preview drafts** (the HTML preview and the PDF and Excel downloads of a draft): those who write them,
  and managers, who check their services' returns and commentary before the paper goes to committee.
  Officers and members see published papers only: a draft's figures can still change, and members should
  never quote a paper that was not published.
- **Read published reports**: everyone who signs in.
- **Plan documents** (a plan as PDF or Excel) are readable by everyone who signs in, as plans are.
"""

from serviceplans.permissions import Actor, can_write_reports
from serviceplans.roles import MANAGERS


def can_preview_drafts(actor: Actor) -> bool:
    return can_write_reports(actor) or MANAGERS in actor.roles or bool(actor.managed_units)


def can_read_report(actor: Actor, report) -> bool:
    if actor.user_id is None:
        return False
    return report.is_published or can_preview_drafts(actor)

"""Risk reviews in the officer's return: a section on My updates and a count on the sign-off page, added
through ``actions.hooks`` (registered in ``risks.apps``)."""

from django.urls import reverse

from serviceplans.permissions import Actor

from .permissions import can_review_risk
from .selectors import matrix, my_risk_reviews, review_counts


def my_updates_section(actor: Actor, periods) -> dict | None:
    """The risk reviews due from the officer (and those who delegated to them) in the open periods."""
    due = my_risk_reviews(actor.acting_for, periods)
    if not due:
        return None
    for item in due:
        item.can_review = can_review_risk(actor, item.risk, item.period)
    return {
        "template": "risks/_my_reviews.html",
        "to_do": [item for item in due if item.review is None],
        "done": [item for item in due if item.review is not None],
        "total": len(due),
        "matrix": matrix(),
    }


def return_row_extras(period, rows) -> None:
    """“1 of 2 risk reviews” under each officer's task and value counts, linking to their reviews."""
    if period is None or not rows:
        return
    counts = review_counts(period, [row.officer.pk for row in rows], getattr(rows[0], "members", ()))
    for row in rows:
        done, due = counts.get(row.officer.pk, (0, 0))
        if due:
            row.extras.append(
                {
                    "label": f"{done} of {due} risk review{'' if due == 1 else 's'}",
                    "hidden": f" from {row.officer.name}",
                    "url": reverse("risks:return-reviews", args=[period.pk, row.officer.pk]),
                }
            )

"""The demo council has a believable register."""

from datetime import date

import pytest

from demo.builder import demo_council_load
from risks.models import Risk, RiskReview

pytestmark = pytest.mark.django_db


def test_the_demo_register_spans_directorates_with_links_and_two_quarters_of_reviews():
    demo_council_load(password="demo-pass-123", today=date(2026, 11, 23))
    risks = Risk.objects.select_related("unit")
    assert 22 <= risks.count() <= 30
    assert Risk.objects.filter(tasks__isnull=False).exists()
    assert Risk.objects.filter(indicators__isnull=False).exists()
    assert Risk.objects.filter(status="closed").exclude(closed_reason="").exists()
    assert len({r.reference.split("-")[0] for r in risks}) == 4  # one prefix per directorate
    assert RiskReview.objects.values("period").distinct().count() == 2
    assert Risk.objects.filter(risk_owners__officer__user__username="officer").count() >= 2
    for risk in Risk.objects.prefetch_related("reviews__period"):
        latest = max(risk.reviews.all(), key=lambda r: r.period.end_date)
        assert (latest.likelihood, latest.impact) == (risk.current_likelihood, risk.current_impact)

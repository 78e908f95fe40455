"""The pages work under the Content-Security-Policy: GOV.UK Frontend's scripts run (they carry the page's
nonce) and the browser reports no violation on the main pages, the paper preview, admin and the error
pages. Nothing here bypasses the policy (Playwright's bypass_csp is off)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from serviceplans.roles import PERFORMANCE_TEAM
from tests.browser.test_pages import sign_in
from tests.builders import small_council
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Records each violation the browser reports, from before any of the page's own scripts run.
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sample || ''));
});
"""


def test_pages_run_govuk_frontend_with_no_csp_violations(page, live_server):
    council = small_council(size=1)
    user = UserFactory(username="performance", is_staff=True, is_superuser=True)
    user.groups.add(Group.objects.get_or_create(name=PERFORMANCE_TEAM)[0])
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(LISTEN)
    sign_in(page, live_server, username="performance")

    pages = [
        reverse("home"),
        reverse("reporting:dashboard"),
        reverse("actions:task-list"),
        reverse("indicators:indicator-list"),
        reverse("plans:plan-list"),
        reverse("plans:plan-detail", args=[council["plan"].slug]),
        reverse("plans:period-list"),
        reverse("reporting:report-list"),
        reverse("reporting:plan-document-preview", args=[council["plan"].slug]),
        reverse("workbook:import-upload"),
        reverse("admin:index"),
        "/no-such-page/",
    ]
    seen = {}
    for path in pages:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        seen[path] = page.evaluate(
            """() => ({
                violations: window.__cspViolations,
                govukSupported: document.body.classList.contains('govuk-frontend-supported'),
                skipLinkInitialised: !!document.querySelector('[data-govuk-skip-link-init]'),
            })"""
        )

    assert {path: result["violations"] for path, result in seen.items() if result["violations"]} == {}
    assert [text for text in console if "Content Security Policy" in text] == []
    service_pages = [path for path in pages if "admin" not in path and "plan-documents" not in path]
    assert [path for path in service_pages if not seen[path]["govukSupported"]] == []
    assert [path for path in service_pages if not seen[path]["skipLinkInitialised"]] == []


def test_an_inline_script_without_the_nonce_is_refused(page, live_server):
    """The check above can see a violation: one injected without the nonce is reported and does not run."""
    page.add_init_script(LISTEN)
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true';"
        " document.body.appendChild(s); }"
    )

    assert page.evaluate("() => window.__ran === true") is False
    assert any(v.startswith("script-src") for v in page.evaluate("() => window.__cspViolations"))

"""A load test of signed-in users (``make loadtest``; see scripts/loadtest.sh): locust, loopback only.

Each simulated user signs in as one of the demo's officer, manager or performance-team accounts and then,
with a pause of 1–5 s before each page (locust's own "realistic example"; ``LOADTEST_PAUSE=0.5-2`` for a
harsher test), does what people do in a reporting week: My updates most often, the task and
indicator lists with filters, a task or an indicator page, the dashboard, and saving a task update or an
indicator value: the form as it stands, with a percentage, status and commentary or a value filled in
where it is blank (so every save is a real write, and the data stays valid however long the test runs),
then the page the save leads to. A save the application refuses (another simulated user of the same
account saved that task first, so the version is stale) is counted, and printed at the end, not an error.
"""

import html
import os
import random
import re

from gevent.lock import Semaphore
from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "loadtest-password-1")
USERNAMES = ("officer", "manager", "performance")
LINK = re.compile(r'href="(/(?:tasks|indicators)/\d+/)"')
UPDATE_LINK = re.compile(r'href="(/tasks/\d+/update/\d+/)"')
VALUE_LINK = re.compile(r'href="(/indicators/\d+/value/\d+/)"')
FORM = re.compile(r'<form([^>]*method="post"[^>]*)>(.*?)</form>', re.S)
ACTION = re.compile(r'\baction="([^"]*)"')
INPUT = re.compile(r"<input([^>]*)>")
TEXTAREA = re.compile(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', re.S)
SELECT = re.compile(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', re.S)
SELECTED = re.compile(r'<option value="([^"]*)"[^>]*selected')
ATTRIBUTE = re.compile(r'(\w[\w-]*)="([^"]*)"')


#: What an officer types where a form is blank: a task update (percentage, status, commentary) or a value.
FILLED_IN = {
    "percent_complete": "50",
    "status": "green",
    "commentary": "On track: the work is going as planned.",
    "has_value": "yes",
    "value": "42",
}
SAVES = {"written": 0, "refused": 0}
#: Seconds each simulated user pauses before each page, shortest and longest: a person reads a page before the
#: next click. 50 users pausing 1–5 s ask for about 16 pages a second; 0.5–2 s, about 34.
PAUSE = tuple(float(s) for s in os.environ.get("LOADTEST_PAUSE", "1-5").split("-", 1))


def form_fields(page: str, url: str = "") -> dict[str, str]:
    """The fields of the POST form that posts to ``url`` (no action: to the page itself), as they stand:
    inputs, text areas and chosen options. Not the header's sign-out form, which every page has."""
    posting_here = [
        body
        for opening, body in FORM.findall(page)
        if (action := ACTION.search(opening)) is None or (url and html.unescape(action.group(1)) == url)
    ]
    if not posting_here:
        return {}
    body, fields = posting_here[0], {}
    for attributes in INPUT.findall(body):
        attrs = dict(ATTRIBUTE.findall(attributes))
        if "name" not in attrs or attrs.get("type") in ("submit", "button"):
            continue
        if attrs.get("type") in ("radio", "checkbox") and "checked" not in attributes:
            continue
        fields[attrs["name"]] = html.unescape(attrs.get("value", ""))
    for name, text in TEXTAREA.findall(body):
        fields[name] = html.unescape(text.strip())
    for name, options in SELECT.findall(body):
        chosen = SELECTED.search(options)
        if chosen:
            fields[name] = html.unescape(chosen.group(1))
    return fields


class CouncilUser(HttpUser):
    wait_time = between(*PAUSE)
    #: One sign-in per account, shared by the simulated users of that account: people stay signed in, and
    #: fifty password hashes at once (deliberately slow) would measure the hasher, not the pages.
    sessions: dict[str, dict] = {}
    signing_in = {username: Semaphore() for username in USERNAMES}

    def on_start(self):
        self.username = random.choice(USERNAMES)
        with self.signing_in[self.username]:
            self.sign_in()
        # Then as a person would: a pause before each page, the first included. (Without it the users of an
        # account, held while it signs in, would all ask for their first three pages at the same instant.)
        self.wait()
        home = self.client.get("/", name="My updates")
        self.updates = UPDATE_LINK.findall(home.text)
        self.values = VALUE_LINK.findall(home.text)
        self.wait()
        listed = self.client.get("/tasks/", name="tasks list").text
        self.wait()
        listed += self.client.get("/indicators/", name="indicators list").text
        self.pages = LINK.findall(listed) or ["/tasks/"]
        self.wait()

    def sign_in(self):
        cookies = self.sessions.get(self.username)
        if cookies is not None:
            for name, value in cookies.items():
                self.client.cookies.set(name, value)
            return
        login = self.client.get("/accounts/login/", name="sign in (form)")
        token = form_fields(login.text, "/accounts/login/").get("csrfmiddlewaretoken", "")
        self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="sign in",
        )
        self.sessions[self.username] = self.client.cookies.get_dict()

    @task(6)
    def my_updates(self):
        self.client.get("/", name="My updates")

    @task(3)
    def tasks_list(self):
        params = random.choice(
            [
                {},
                {"status": "red"},
                {"q": "plan"},
                {"unit": "environment"},
                {"overdue": "true"},
                {"page": "2"},
            ]
        )
        self.client.get("/tasks/", params=params, name="tasks list")

    @task(3)
    def indicators_list(self):
        params = random.choice([{}, {"sort": "name"}, {"q": "percentage"}, {"rag": "red"}, {"page": "2"}])
        self.client.get("/indicators/", params=params, name="indicators list")

    @task(4)
    def detail_page(self):
        url = random.choice(self.pages)
        self.client.get(url, name="task page" if url.startswith("/tasks/") else "indicator page")

    @task(2)
    def dashboard(self):
        self.client.get("/dashboard/", name="dashboard")

    @task(1)
    def plans(self):
        self.client.get("/plans/", name="plans list")

    @task(2)
    def save(self):
        links = [(url, "save task update") for url in self.updates] + [
            (url, "save indicator value") for url in self.values
        ]
        if not links:
            return
        url, name = random.choice(links)
        page = self.client.get(url, name=name + " (form)")
        fields = form_fields(page.text)
        if not fields:
            return
        for field, typed in FILLED_IN.items():
            if f'name="{field}"' in page.text and not fields.get(field):
                fields[field] = typed
        with self.client.post(url, fields, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code >= 500:
                response.failure(f"{response.status_code}")
            elif response.status_code in (301, 302, 303):
                SAVES["written"] += 1
            else:
                SAVES["refused"] += 1
            after = response.headers.get("Location")
        if after:
            self.client.get(after, name="page after saving")


@events.test_stop.add_listener
def report_saves(**kwargs):
    print(
        f"Saves: {SAVES['written']} written, {SAVES['refused']} refused by the application (a stale version)."
    )

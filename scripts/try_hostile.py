"""Try a running server the way issue #11 did: a value too big to keep, then every page; 20 people saving 20
different task updates at the same moment. Prints what it found; exits 1 if anything broke.

    .venv/bin/python scripts/try_hostile.py http://127.0.0.1:8000 PASSWORD [--sign-in]

``--sign-in`` also tries 30 wrong passwords for ``officer`` (which locks it out for a while).

Uses the demo council's users (``officer`` and ``performance``). Sends traffic to the given address only
(run it against your own server on this machine).
"""

import http.cookiejar
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Session:
    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.csrf()}
            body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode("utf-8", "replace")

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def sign_in(self, username: str, password: str) -> None:
        self.request("/accounts/login/")
        status, _location, _body = self.request(
            "/accounts/login/", {"username": username, "password": password}
        )
        if status != 302:
            raise SystemExit(f"Could not sign in as {username} (HTTP {status})")


def links(body: str, pattern: str) -> list[str]:
    return sorted(set(re.findall(pattern, body)))


def main(base: str, password: str) -> int:
    broken = 0
    officer = Session(base)
    officer.sign_in("officer", password)
    _status, _location, home = officer.request("/")
    value_pages = links(home, r'href="(/indicators/\d+/value/\d+/)"')
    if not value_pages:
        print("No indicator value is due from the officer: nothing to try.")
    else:
        page = value_pages[0]
        status, _location, body = officer.request(
            page, {"value": "10000000000000000", "version": "0", "confirm": "on"}
        )
        refused = "Enter a number between" in body
        print(
            f"1. 10^16 for {page}: HTTP {status}, {'refused with a clear error' if refused else 'NOT refused'}"
        )
        broken += not refused or status >= 500
    performance = Session(base)
    performance.sign_in("performance", password)
    pages = ["/", "/dashboard/", "/indicators/", "/tasks/", "/plans/", "/reports/", "/tasks/returns/"]
    _status, _location, reports = performance.request("/reports/")
    pages += links(reports, r'href="(/reports/\d+/)"')[:3]
    _status, _location, plans = performance.request("/plans/")
    pages += links(plans, r'href="(/plans/[a-z0-9-]+/)"')[:3]
    failures = []
    for path in pages:
        status, _location, _body = performance.request(path)
        if status != 200:
            failures.append((path, status))
    print(f"   then {len(pages)} pages: {len(pages) - len(failures)} answered 200", failures or "")
    broken += bool(failures)

    _status, _location, tasks = performance.request("/tasks/")
    task_ids = links(tasks, r'href="/tasks/(\d+)/"')[:20]
    sessions = [Session(base) for _ in task_ids]
    for session in sessions:
        session.sign_in("performance", password)
    targets = []
    for task_id, session in zip(task_ids, sessions, strict=True):
        _status, _location, page = session.request(f"/tasks/{task_id}/")
        match = re.search(rf'href="(/tasks/{task_id}/update/\d+/)"', page)
        if match:
            _status, _location, form = session.request(match.group(1))
            version = re.search(r'name="version" value="(\d+)"', form)
            targets.append((session, match.group(1), version.group(1) if version else "0"))
    barrier = threading.Barrier(len(targets))

    def save(target):
        session, path, version = target
        barrier.wait()
        data = {
            "percent_complete": "55",
            "status": "green",
            "commentary": "Saved at once",
            "version": version,
        }
        return session.request(path, data)[0]

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(targets)) as pool:
        statuses = list(pool.map(save, targets))
    took = time.perf_counter() - started
    errors = sum(status >= 500 for status in statuses)
    stored = sum(status == 302 for status in statuses)
    print(
        f"2. {len(targets)} sessions saving {len(targets)} different task updates at once: {errors} errors, "
        f"{stored} stored, in {took:.1f} s"
    )
    broken += errors > 0 or stored != len(targets)

    if "--sign-in" in sys.argv:
        # Locks the demo's ``officer`` out for the lock-out time (15 minutes by default).
        guesser = Session(base)
        guesser.request("/accounts/login/")
        answers = [
            guesser.request("/accounts/login/", {"username": "officer", "password": f"guess-{n}"})
            for n in range(30)
        ]
        locked = [n for n, (_status, _location, body) in enumerate(answers, 1) if "Sign-in locked" in body]
        status, _location, body = guesser.request(
            "/accounts/login/", {"username": "officer", "password": password}
        )
        still_locked = "Sign-in locked" in body and status != 302
        print(
            f"3. 30 wrong passwords for officer: locked from attempt {locked[0] if locked else 'never'}; "
            f"the right password then {'is refused until the lock-out ends' if still_locked else 'WORKS'}"
        )
        broken += not locked or not still_locked
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

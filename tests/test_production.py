"""The product as a council would run it: production settings from the environment, static files
collected, gunicorn (with gunicorn.conf.py) in front. Each server is a real process on a free local port.

* plain HTTP is redirected to HTTPS, except the health checks;
* behind a proxy that says https, the sign-in page has HSTS and a CSP whose script-src has no
  'unsafe-inline', and its stylesheet (a hashed, collected file) is served;
* an unknown address gives the 404 page in the service's layout, with the council's name;
* with the database down, /healthz is 200 and /readyz 503.
"""

import http.cookiejar
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
HTTPS = {"X-Forwarded-Proto": "https"}

pytestmark = [
    pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed (make setup)"),
    pytest.mark.one_run,  # gunicorn on its own SQLite file, whichever database the suite runs on
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_environment(**extra) -> dict:
    cleared = {"DEBUG", "DATABASE_URL", "STATICFILES_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in cleared}
    return (
        env
        | {
            "DJANGO_SETTINGS_MODULE": "serviceplans.settings",
            "SECRET_KEY": "a-long-random-key-for-the-production-test-0123456789abcdef",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
            "COUNCIL_NAME": "Borough of Testbridge Council",
            "WEB_CONCURRENCY": "1",
            "GUNICORN_THREADS": "2",
            "GUNICORN_ACCESS_LOG": "",
            "LOG_LEVEL": "WARNING",
        }
        | extra
    )


def get(url: str, headers: dict | None = None):
    """(status, headers, body) without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=20) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class Server:
    def __init__(self, env: dict, log_path: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}"],
            cwd=PROJECT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn stopped: {log_path.read_text()}")
            try:
                if get(self.url + "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"gunicorn did not answer: {log_path.read_text()}")
            time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A migrated SQLite database and collected static files, as `make serve` prepares them."""
    folder = tmp_path_factory.mktemp("production")
    env = production_environment(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}", STATIC_ROOT=str(folder / "static")
    )
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput", "--ignore", "admin"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    server = Server(env, folder / "gunicorn.log")
    server.static_root = folder / "static"
    yield server
    server.stop()
    shutil.rmtree(folder, ignore_errors=True)


def test_health_checks_answer_over_plain_http(site):
    assert get(site.url + "/healthz")[:3:2] == (200, "ok\n")
    assert get(site.url + "/readyz")[:3:2] == (200, "ok\n")


def test_plain_http_is_sent_to_https(site):
    status, headers, _ = get(site.url + "/accounts/login/")

    assert status == 301
    assert headers["Location"] == f"https://127.0.0.1:{site.port}/accounts/login/"


def test_behind_a_proxy_saying_https_the_sign_in_page_has_hsts_and_a_strict_csp(site):
    status, headers, html = get(site.url + "/accounts/login/", HTTPS)
    script_src = next(
        part
        for part in headers["Content-Security-Policy"].split(";")
        if part.strip().startswith("script-src")
    )

    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "'nonce-" in script_src and "'unsafe-inline'" not in script_src
    assert "Secure" in headers["Set-Cookie"]  # the CSRF cookie
    assert headers["X-Request-ID"]
    stylesheet = html.split('<link rel="stylesheet" href="')[1].split('"')[0]
    assert stylesheet.startswith("/static/govuk/govuk-frontend.min.") and stylesheet != (
        "/static/govuk/govuk-frontend.min.css"
    )
    css_status, css_headers, _ = get(site.url + stylesheet, HTTPS)
    assert css_status == 200 and "immutable" in css_headers["Cache-Control"]


def test_an_unknown_address_gives_the_404_page_in_the_layout(site):
    status, _, html = get(site.url + "/no-such-page/", HTTPS)

    assert status == 404
    assert "Page not found" in html and 'class="app-header' in html
    assert "Borough of Testbridge Council" in html
    assert "Traceback" not in html


def test_with_the_database_down_healthz_is_ok_and_readyz_is_not(site, tmp_path):
    closed_port = free_port()  # nothing listens here
    server = Server(
        production_environment(
            DATABASE_URL=f"postgres://app:db-password-xyz@127.0.0.1:{closed_port}/plans",
            STATIC_ROOT=str(site.static_root),
        ),
        tmp_path / "gunicorn.log",
    )
    try:
        healthz = get(server.url + "/healthz")
        readyz = get(server.url + "/readyz")
        signing_in = sign_in(server, "officer", "a-password")
    finally:
        server.stop()

    assert healthz[:3:2] == (200, "ok\n")
    assert readyz[:3:2] == (503, "database unreachable\n")
    # Signing in needs the database: the service's own 500 page, never a debug page with the password.
    assert signing_in[0] == 500
    assert "Sorry, there is a problem with the service" in signing_in[2]
    assert "db-password-xyz" not in signing_in[2] and "Traceback" not in signing_in[2]
    assert "db-password-xyz" not in (tmp_path / "gunicorn.log").read_text()


def sign_in(server, username: str, password: str):
    """Post the sign-in form as a browser behind the HTTPS proxy would (with its CSRF cookie and token)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = server.url + "/accounts/login/"
    with opener.open(urllib.request.Request(url, headers=HTTPS), timeout=20) as response:
        html = response.read().decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    cookie = "; ".join(
        f"{c.name}={c.value}" for c in jar
    )  # secure cookies: the jar will not send them over http
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    request = urllib.request.Request(
        url,
        data=data.encode(),
        headers=HTTPS
        | {
            "Cookie": cookie,
            "Origin": f"https://127.0.0.1:{server.port}",
            "Referer": url.replace("http:", "https:"),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()

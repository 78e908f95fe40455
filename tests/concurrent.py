"""Many people pressing Save at the same moment, through the real (live) server.

Each :class:`Visitor` is a signed-in browser of its own (a session cookie and a CSRF cookie); :func:`post_all`
sends every visitor's POST at the same instant (a barrier releases the threads together) and returns what
the server answered, without following redirects.
"""

from __future__ import annotations

import http.client
import secrets
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.test import Client


@dataclass(frozen=True)
class Answer:
    status: int
    location: str
    body: str


@dataclass(frozen=True)
class Visitor:
    session: str
    csrf: str

    @classmethod
    def signed_in(cls, user) -> Visitor:
        client = Client()
        client.force_login(user)
        # Django accepts the unmasked 32-character secret as the form token when it matches the cookie.
        return cls(session=client.cookies[settings.SESSION_COOKIE_NAME].value, csrf=secrets.token_hex(16))

    def post(self, base_url: str, path: str, data: dict) -> Answer:
        parts = urllib.parse.urlsplit(base_url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf}, doseq=True)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"{settings.SESSION_COOKIE_NAME}={self.session}; {settings.CSRF_COOKIE_NAME}={self.csrf}",
        }
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            return Answer(
                response.status,
                response.getheader("Location", ""),
                response.read().decode("utf-8", "replace"),
            )
        finally:
            connection.close()


def post_all(base_url: str, posts: list[tuple[Visitor, str, dict]]) -> list[Answer]:
    """Send every (visitor, path, data) POST at the same moment; the answers in the same order."""
    barrier = threading.Barrier(len(posts))

    def send(item):
        visitor, path, data = item
        barrier.wait(timeout=30)
        return visitor.post(base_url, path, data)

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        return list(pool.map(send, posts))


def server_errors(answers: list[Answer]) -> list[Answer]:
    return [answer for answer in answers if answer.status >= 500]

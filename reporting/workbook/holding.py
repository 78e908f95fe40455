"""Holding an uploaded workbook between its preview and the confirmation, safely, on any server.

The file goes to Django's ``private`` storage (``STORAGES["private"]``: a private folder by default, or an
S3-compatible bucket; see docs/deploy.md), so whichever app server or worker handles the next step finds
it. It is named by a random token that only the uploader's session and the import's own record know: the
browser never names a file, so nobody can confirm someone else's upload or reach any other path.
Files are deleted when the import is done, when the same person uploads another, and after a day.
The upload is refused before it is held when it is larger than ``IMPORT_MAX_BYTES``.
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from reporting.private_files import private_file_read, private_storage

SESSION_KEY = "workbook_import"
MAX_AGE_SECONDS = 24 * 60 * 60
FOLDER = "workbooks"
_TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")


def _name(token: str) -> str | None:
    if not isinstance(token, str) or not _TOKEN_RE.match(token):
        return None
    return f"{FOLDER}/{token}.xlsx"


def sweep() -> int:
    """Delete held files older than a day; how many went."""
    storage = private_storage()
    cutoff = timezone.now() - timedelta(seconds=MAX_AGE_SECONDS)
    try:
        _folders, files = storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    gone = 0
    for filename in files:
        name = f"{FOLDER}/{filename}"
        try:
            if storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                gone += 1
        except FileNotFoundError:  # pragma: no cover - another process got there first
            pass
    return gone


def hold(session, data: bytes, filename: str) -> str:
    """Keep ``data`` for this session, replacing anything held before; returns the file's token."""
    release(session)
    sweep()
    token = secrets.token_hex(16)
    saved = private_storage().save(_name(token), ContentFile(data))
    if saved != _name(token):  # pragma: no cover - a fresh random token never collides
        raise RuntimeError(f"The upload was stored as {saved}, not under its token.")
    session[SESSION_KEY] = {"token": token, "filename": filename[:200]}
    return token


def held_bytes(token: str) -> bytes | None:
    """The bytes held under ``token`` (for the worker, which has no session), or None."""
    name = _name(token)
    return None if name is None else private_file_read(name)


def held(session) -> tuple[bytes, str] | None:
    """The bytes and file name held for this session, or None."""
    entry = session.get(SESSION_KEY) or {}
    data = held_bytes(entry.get("token", ""))
    if data is None:
        return None
    return data, entry.get("filename", "")


def discard(token: str) -> None:
    """Delete the file held under ``token``, if any."""
    name = _name(token)
    if name is not None:
        private_storage().delete(name)


def release(session) -> None:
    """Forget and delete what this session holds."""
    entry = session.pop(SESSION_KEY, None) or {}
    discard(entry.get("token", ""))

"""Holding an uploaded workbook between its preview and the confirmation, safely.

The file is written to a private folder (``IMPORT_HOLDING_DIR`` if set, else ``serviceplans-workbooks``
in the system's temporary folder), named by a random token that is kept only in the uploader's session:
the browser never names a file, so nobody can confirm someone else's upload or reach any other path.
Files are deleted when the import is confirmed, when the same person uploads another, and after a day.
The upload is refused before it is held when it is larger than ``IMPORT_MAX_BYTES``.
"""

from __future__ import annotations

import re
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings

SESSION_KEY = "workbook_import"
MAX_AGE_SECONDS = 24 * 60 * 60
_TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")


def _folder() -> Path:
    folder = Path(
        getattr(settings, "IMPORT_HOLDING_DIR", "") or Path(tempfile.gettempdir()) / "serviceplans-workbooks"
    )
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _path(token: str) -> Path | None:
    if not isinstance(token, str) or not _TOKEN_RE.match(token):
        return None
    return _folder() / f"{token}.xlsx"


def _sweep() -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for old in _folder().glob("*.xlsx"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:  # pragma: no cover - another process got there first
            pass


def hold(session, data: bytes, filename: str) -> None:
    """Keep ``data`` for this session, replacing anything held before."""
    release(session)
    _sweep()
    token = secrets.token_hex(16)
    path = _path(token)
    path.touch(mode=0o600)
    path.write_bytes(data)
    session[SESSION_KEY] = {"token": token, "filename": filename[:200]}


def held(session) -> tuple[bytes, str] | None:
    """The bytes and file name held for this session, or None."""
    entry = session.get(SESSION_KEY) or {}
    path = _path(entry.get("token", ""))
    if path is None or not path.is_file():
        return None
    return path.read_bytes(), entry.get("filename", "")


def release(session) -> None:
    """Forget and delete what this session holds."""
    entry = session.pop(SESSION_KEY, None) or {}
    path = _path(entry.get("token", ""))
    if path is not None:
        path.unlink(missing_ok=True)

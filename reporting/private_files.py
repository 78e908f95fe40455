"""Files kept between requests (held uploads, rendered PDFs), through Django's ``private`` storage.

``STORAGES["private"]`` is a private folder by default or an S3-compatible bucket (see docs/deploy.md), so
any app server or worker reads what another wrote. Nothing here is served publicly: views check who may
read a file and send its bytes themselves.
"""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    return storages["private"]


def private_file_save(*, folder: str, data: bytes, suffix: str) -> str:
    """Store ``data`` under a new random name in ``folder``; returns the name to keep."""
    return private_storage().save(f"{folder}/{secrets.token_hex(16)}{suffix}", ContentFile(data))


def private_file_read(name: str) -> bytes | None:
    """The bytes stored under ``name``, or None when there is no such file (any more)."""
    if not name:
        return None
    try:
        with private_storage().open(name, "rb") as file:
            return file.read()
    except FileNotFoundError:
        return None


def private_file_delete(name: str) -> None:
    if name:
        private_storage().delete(name)

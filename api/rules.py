"""API tokens as plain rules, with no database.

* **A token is a long random secret** (``secrets.token_urlsafe(32)``, 43 characters) with a short prefix,
  ``spt_``, so a leaked one is recognisable in logs and code. It is shown once, when it is made.
* **Only its SHA-256 hash is kept.** A random secret of 256 bits needs no slow password hash: nobody can
  guess it, so a fast hash is enough and lets each request find its token in one indexed query.
* **The first characters identify it** in lists (``spt_Ab12…``), without revealing it.
* **A token is read only or read and write**: only a read-and-write token may post values.
"""

import hashlib
import secrets

TOKEN_PREFIX = "spt_"
SHOWN_CHARACTERS = 8


def new_token_key() -> str:
    """A fresh secret to give to a system: ``spt_`` and 43 random URL-safe characters."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(key: str) -> str:
    """The SHA-256 of the secret, as 64 hex digits: what is stored and looked up."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def token_hint(key: str) -> str:
    """The first characters of the secret, to recognise a token in a list: ``spt_Ab12…``."""
    return key[:SHOWN_CHARACTERS] + "…"

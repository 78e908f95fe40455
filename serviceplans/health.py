"""Health checks for load balancers and orchestrators: cheap, unauthenticated, allowed over plain HTTP.

* ``/healthz``: the process is up and answering (no database).
* ``/readyz``: the database answers and every migration on disk has been applied; 503 otherwise, so a
  load balancer sends no traffic to a server that cannot serve it.
"""

import functools
import logging

from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _plain(text: str, status: int = 200) -> HttpResponse:
    return HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    return _plain("ok")


@functools.cache
def migrations_on_disk() -> frozenset[tuple[str, str]]:
    """Every migration the code has (read from disk once per process)."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


@never_cache
@require_safe
def readyz(request):
    try:
        applied = set(MigrationRecorder(connection).applied_migrations())
    except DatabaseError:
        logger.warning(
            "Not ready: the database cannot be reached", exc_info=True, extra={"event": "not_ready"}
        )
        return _plain("database unreachable", status=503)
    missing = migrations_on_disk() - applied
    if missing:
        logger.warning("Not ready: %d migrations not applied", len(missing), extra={"event": "not_ready"})
        return _plain(f"{len(missing)} migrations not applied", status=503)
    return _plain("ok")

"""The site's URLs plus views that fail, for the error-page tests."""

from django.core.exceptions import SuspiciousOperation
from django.db import OperationalError
from django.urls import path

from serviceplans.urls import *  # noqa: F403
from serviceplans.urls import urlpatterns as site_urlpatterns


def database_fails(request):
    raise OperationalError('connection to server at "db.internal" failed: password=s3cret-db-password')


def suspicious(request):
    raise SuspiciousOperation("Tampered form")


urlpatterns = [
    path("test-failures/database/", database_fails),
    path("test-failures/suspicious/", suspicious),
    *site_urlpatterns,
]

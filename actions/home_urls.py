"""The home page: an officer's updates to make (``name="home"``, outside the ``actions`` namespace).

Included by the project's URLs by name, so the shared kernel never imports a feature app."""

from django.urls import path

from .views import MyUpdatesView

urlpatterns = [
    path("", MyUpdatesView.as_view(), name="home"),
]

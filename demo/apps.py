from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo council: no models, only the ``load_demo`` command and its data."""

    name = "demo"

from django.apps import AppConfig


class ServiceplansConfig(AppConfig):
    name = "serviceplans"
    verbose_name = "Service plans"

    def ready(self):
        from . import logs, security  # noqa: F401 - connect the sign-in log receivers to their signals

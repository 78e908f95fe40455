from django.apps import AppConfig


class ServiceplansConfig(AppConfig):
    name = "serviceplans"
    verbose_name = "Service plans"

    def ready(self):
        from . import logs  # noqa: F401  (connects the sign-in log receivers)

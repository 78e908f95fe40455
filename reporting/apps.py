from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"

    def ready(self):
        # The clerk's and the performance team's home pages are sections of My updates, added through the
        # hooks in ``actions.hooks`` (actions never imports reporting, which sits above it).
        from actions import hooks
        from serviceplans.downloads import register_background_download

        from . import home
        from .exports.views import queue_list_download

        hooks.register_my_updates_section(home.clerk_home_section)
        hooks.register_my_updates_section(home.performance_home_section)
        # A list's Excel download over EXPORT_BACKGROUND_ROWS rows is made by the worker (reporting.exports).
        register_background_download(queue_list_download)

from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "risks"
    verbose_name = "Risk register"

    def ready(self):
        # Risk reviews join the officer's return: My updates and the sign-off page ask for them through
        # the hooks in ``actions.hooks`` (actions never imports risks, which sits above it).
        from actions import hooks

        from . import returns

        hooks.register_my_updates_section(returns.my_updates_section)
        hooks.register_return_row_extra(returns.return_row_extras)

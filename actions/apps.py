from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"

    def ready(self):
        # plans asks through plans.hooks (it never imports actions): next year's plan keeps the unfinished
        # tasks, and the period pages say how many returns are still owed.
        from plans import hooks

        from .carry_forward import carry_tasks_forward
        from .selectors import returns_outstanding

        hooks.register_carry_forward(carry_tasks_forward)
        hooks.register_returns_outstanding(returns_outstanding)

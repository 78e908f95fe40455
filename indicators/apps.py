from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"

    def ready(self):
        # Plans and periods call us through plans.hooks (plans never imports indicators): next year's plan
        # keeps every indicator, publishing a period freezes its judgements, and a
        # change to a plan or to the council's default tolerance stores its judgements afresh.
        from plans import hooks

        from .carry_forward import carry_indicators_forward
        from .services import indicator_judgements_freeze, judgements_refresh_all, judgements_refresh_for_plan

        hooks.register_carry_forward(carry_indicators_forward)
        hooks.register_period_published(indicator_judgements_freeze)
        hooks.register_plan_changed(judgements_refresh_for_plan)
        hooks.register_settings_changed(judgements_refresh_all)

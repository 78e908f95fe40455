"""Build the demo council: ``demo_council_load`` (in ``load``) runs the steps of each kind of row, one module
each (``organisation``, ``plans``, ``tasks``, ``indicators``, ``workflow``, ``risks``)."""

from .load import DemoSummary, demo_council_load

__all__ = ["DemoSummary", "demo_council_load"]

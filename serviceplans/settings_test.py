"""Settings for the test suite: the development defaults (DEBUG on while the settings load, so the
development secret key, plain static files and no HTTPS redirect), which pytest-django then runs with DEBUG
off. Production settings are tested by loading ``serviceplans.settings`` in a fresh process with the
environment a council would set (serviceplans/tests/test_settings.py, tests/test_production.py).

Set in the environment, so processes the tests start (manage.py, gunicorn) inherit it.
"""

import os

os.environ.setdefault("DEBUG", "true")

from serviceplans.settings import *  # noqa: E402, F403

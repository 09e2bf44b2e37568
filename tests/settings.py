"""The project settings, with a key for the test run (DEBUG stays off, as in production)."""

import os

os.environ.setdefault("SECRET_KEY", "django-insecure-test-suite-only")

from newsroom.settings import *  # noqa: E402, F403

"""The project settings, with a key for the test run (DEBUG stays off, as in production)."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "django-insecure-test-suite-only")

from newsroom.settings import *  # noqa: E402, F403

# Tests render pages without running collectstatic first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files through the finders, as DEBUG does: there is no collected STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True

# The live server's threads must not keep connections open, or PostgreSQL refuses to drop the
# test database at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Without REDIS_URL, each test process keeps its pages in memory: pytest-xdist's workers would
# share (and empty) one another's cache files. The embedded default's file cache is tested by
# tests/processes/test_shared_page_cache.py, whose servers ask for it.
_file_cache = CACHES["default"]["BACKEND"].endswith("FileBasedCache")  # noqa: F405
if _file_cache and not os.environ.get("PADDOCK_TEST_FILE_CACHE"):
    CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405

# Uploaded archives of the test run go to a scratch folder, not to var/ of the checkout.
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="paddock-private-"))

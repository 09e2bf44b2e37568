import importlib
import os
import shutil

import pytest
from django.db import connections

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def browser_page(live_server):
    """A page of Debian's Chromium driven by Playwright; never downloads a browser."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # around it are ordinary synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(locale="fr-FR")
        page.set_default_timeout(15_000)
        yield page
        # Inside Playwright's event loop the ORM hands out connections per context, not per
        # thread: close the ones the test opened there, or PostgreSQL cannot drop the test
        # database at the end of the run.
        connections.close_all()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(autouse=True)
def _roles(request):
    """Browser tests run in transactions that are flushed, groups included: recreate the roles
    exactly as the data migration does."""
    if "live_server" not in request.fixturenames and "browser_page" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    importlib.import_module("articles.migrations.0004_editorial_roles").create_roles(apps, None)
    importlib.import_module("articles.migrations.0018_archivist_role").create_role(apps, None)

"""A season's sheet (calendar, results, standings) is read once and kept in the process until
the registry changes (newsroom/kept_sheets.py): whatever writes the registry — the admin, a
result typed in, the reference loaded again — the next page shows the change."""

import json
import shutil

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.freshness import site_state
from teams.models import Result
from teams.registry import REFERENCE_DIR, load_registry
from tests.articles.factories import UserFactory
from tests.articles.roles import CHIEF, client_for

from .test_query_budgets import LIST_BUDGET

pytestmark = pytest.mark.django_db

SEASON_PAGE = "/championnats/wtcr/2019/"
# The season's sheet: its events, its entries, their drivers, its results and their drivers.
SHEET_QUERIES = 5


def shown(client, url):
    """The page as a reader gets it with no page cached, and its queries (the site's summary
    made current first, as the first request after a change does once for every page)."""
    site_state()
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return html, len(queries)


def standings(html: str) -> str:
    """The drivers' standings table."""
    start = html.index("Classement final")
    return html[start : html.index("</table>", start)]


def test_a_season_sheet_is_read_once_then_again_after_each_registry_write(client, wtcr):
    first, read = shown(client, SEASON_PAGE)
    again, kept = shown(client, SEASON_PAGE)
    assert kept == read - SHEET_QUERIES
    assert standings(again) == standings(first)
    assert standings(first).index("Yann Ehrlacher") < standings(first).index("Kevin Ceccon")

    # A race result corrected: Ceccon won in Hungary, and leads.
    hungary = wtcr["hungary"].results.get()
    hungary.entry = wtcr["2019"].entries.get(number="9")
    hungary.save()
    html, count = shown(client, SEASON_PAGE)
    assert count == read
    assert standings(html).index("Kevin Ceccon") < standings(html).index("Yann Ehrlacher")

    # A driver renamed in the admin's own form.
    ehrlacher = wtcr["ehrlacher"]
    response = client_for(UserFactory(role=CHIEF)).post(
        reverse("admin:teams_driver_change", args=[ehrlacher.pk]),
        {"name": "Yann Ehrlacher Jr", "slug": ehrlacher.slug, "nationality": "FR", "aliases": ""},
    )
    assert response.status_code == 302
    assert "Yann Ehrlacher Jr" in standings(client.get(SEASON_PAGE).content.decode())

    # A race's results removed: Ceccon's win in it no longer counts (68 points, then 43).
    assert ">68<" in standings(html)
    Result.objects.filter(event=wtcr["morocco"], session="course 2").delete()
    html = standings(client.get(SEASON_PAGE).content.decode())
    assert ">68<" not in html and ">43<" in html


def test_a_hub_with_a_kept_season_sheet_costs_a_list_pages_budget(client, wtcr):
    _, read = shown(client, "/championnats/wtcr/")
    html, kept = shown(client, "/championnats/wtcr/")
    assert kept <= LIST_BUDGET < read
    assert "Course de France" in html  # the 2022 calendar, from the kept sheet


def test_the_reference_loaded_again_refreshes_the_cached_pages_it_changed(client, tmp_path):
    """load_registry writes in bulk, which sends no model signal: it announces what it wrote."""
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, reference)
    load_registry(directory=reference)
    hub = client.get("/championnats/wtcr/").content.decode()
    assert "<h1>FIA World Touring Car Cup (WTCR)</h1>" in hub
    assert client.get("/championnats/wtcr/").content.decode() == hub  # from the page cache

    series = json.loads((reference / "championships.json").read_text(encoding="utf-8"))
    for championship in series:
        if championship["slug"] == "wtcr":
            championship["name"] = "Coupe du monde FIA des voitures de tourisme (WTCR)"
    (reference / "championships.json").write_text(json.dumps(series), encoding="utf-8")
    load_registry(directory=reference)

    again = client.get("/championnats/wtcr/").content.decode()
    assert "<h1>Coupe du monde FIA des voitures de tourisme (WTCR)</h1>" in again

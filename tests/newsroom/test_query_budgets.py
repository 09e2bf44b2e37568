"""Every public page costs the same few queries for 1 article as for 30: an article page at
most 6, a list of articles at most 5, each counting the one read of the site's state
(newsroom/freshness.py) that every request makes."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from articles.models import Article, RelatedList
from newsroom.freshness import site_state
from teams.models import Championship
from tests.conftest import make_articles
from tests.teams.factories import (
    CircuitFactory,
    DriverFactory,
    EntryFactory,
    EventFactory,
    ResultFactory,
    SeasonFactory,
)

pytestmark = pytest.mark.django_db

# The state; the page's subject with its article count; the cards; their tags with the lists
# beside them (articles/models/links.py).
LIST_BUDGET = 5
PAGES = [
    "/",
    "/actualites/",
    "/championnats/",
    "/championnats/wtcr/",
    "/constructeurs/",
    "/constructeurs/alfa-romeo/",
    "/equipes/",
    "/equipes/team-mulsanne/",
    "/pilotes/",
    "/pilotes/kevin-ceccon/",
    "/tags/tourisme/",
    "/actualites/archives/",
    "/auteurs/",
    "/auteurs/lea-roux/",
]


@pytest.mark.parametrize("url", PAGES)
def test_list_pages_have_a_fixed_query_budget(client, world, django_user_model, page_budget, url):
    author = django_user_model.objects.create_user("x", first_name="Léa", last_name="Roux")
    for article in make_articles(world, 1):
        article.authors.add(author)
    with page_budget(LIST_BUDGET) as small:
        assert client.get(url).status_code == 200
    for article in make_articles(world, 29):
        article.authors.add(author)
    with page_budget(LIST_BUDGET) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)


# The state; the article with its kept ranking of related articles (articles/models/related.py);
# their cards; everything the page links to with the cards' tags and the bylines' names (one
# query); pictures' renditions when there are pictures. The first view of the day ranks the
# related articles and keeps the ranking: two more.
ARTICLE_BUDGET = 4
FIRST_VIEW_BUDGET = 6


def test_article_page_has_a_fixed_query_budget(client, world, django_user_model, page_budget):
    author = django_user_model.objects.create_user("x", first_name="Léa", last_name="Roux")
    (article,) = make_articles(world, 1)
    article.authors.add(author)
    article.events.add(EventFactory(season=SeasonFactory(championship=world["wtcr"])))
    make_articles(world, 1)
    with page_budget(FIRST_VIEW_BUDGET) as small:
        assert client.get(article.get_absolute_url()).status_code == 200
    with page_budget(ARTICLE_BUDGET):
        assert client.get(article.get_absolute_url()).status_code == 200
    make_articles(world, 29)
    RelatedList.objects.all().delete()  # as the day after
    with page_budget(FIRST_VIEW_BUDGET) as large:
        assert client.get(article.get_absolute_url()).status_code == 200
    with page_budget(ARTICLE_BUDGET):
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(large) == len(small)


def test_the_sites_summary_is_made_once_per_change(world):
    """The menus, the home page's sections, the search filters' choices: read with the state
    by every request (one query), worked out again by the first request after a change."""
    make_articles(world, 3)
    site_state()
    with CaptureQueriesContext(connection) as again:
        assert site_state().menu(Championship)[0].slug == "wtcr"
    assert len(again) == 1
    make_articles(world, 1)
    with CaptureQueriesContext(connection) as remade:
        site_state()
    with CaptureQueriesContext(connection) as after:
        site_state()
    assert len(remade) > 1
    assert len(after) == 1


def test_archive_pages_have_a_fixed_query_budget(client, world, page_budget):
    make_articles(world, 1)
    now = timezone.localtime()
    year, month = f"/actualites/{now.year}/", f"/actualites/{now.year}/{now.month:02d}/"
    for count in (3, 30):
        make_articles(world, count - len(Article.objects.all()))
        with page_budget(LIST_BUDGET):
            assert client.get(year).status_code == 200
        with page_budget(LIST_BUDGET):
            assert client.get(month).status_code == 200


# The state, which counts the published articles once per change (newsroom/freshness.py); the
# cards; their tags.
NEWS_LIST_BUDGET = 3


def test_the_news_list_counts_its_pages_from_the_sites_summary(client, world, page_budget):
    def pages_shown():
        with page_budget(NEWS_LIST_BUDGET):
            html = client.get("/actualites/").content.decode()
        return re.search(r"Page 1 sur (\d+)", html)[1] if "Page 1 sur" in html else "1"

    articles = make_articles(world, 21)
    assert pages_shown() == "2"
    make_articles(world, 20)
    assert pages_shown() == "3"
    services.transition(article=articles[0], name="unpublish", user=None)
    assert pages_shown() == "2"
    # A scheduled article counts when it comes due, with no write at that moment.
    make_articles(world, 1, published_at=timezone.now() + timedelta(hours=1))
    assert pages_shown() == "2"
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert pages_shown() == "3"


def grow_season(season, *, events, drivers):
    """`events` more events and `drivers` more entries, every entry classified in every
    event's race."""
    for _ in range(drivers):
        EntryFactory(season=season, drivers=[DriverFactory()], entry_class="TCR")
    for _ in range(events):
        EventFactory(season=season, circuit=CircuitFactory())
    entries = list(season.entries.all())
    for event in season.events.all():
        event.results.all().delete()
        for position, entry in enumerate(entries, start=1):
            ResultFactory(event=event, entry=entry, position=position)


# What the list pages cost, plus the championship's seasons and the current one's sheet
# (teams/season_sheet.py): its events, entries, their drivers, results and theirs. The sheet
# is read by the first page after a registry write, then kept (tests/newsroom/test_kept_sheets.py:
# a hub then costs a list's budget).
HUB_WITH_SEASON_BUDGET = LIST_BUDGET + 6
# The state; the season with its series; the championship's seasons (the links between them);
# the sheet; the season's news: their count, the cards and their tags.
SEASON_BUDGET = 1 + 1 + 1 + 5 + 3
# The state; the event with its season, series and circuit; its results, their drivers and
# their entries' drivers; its articles: their count, the cards and their tags.
EVENT_BUDGET = 5 + 3


def test_season_pages_have_a_fixed_query_budget(client, world, page_budget):
    season = SeasonFactory(championship=world["wtcr"], year=timezone.localdate().year)
    grow_season(season, events=1, drivers=2)
    event = season.events.get()
    for article in make_articles(world, 2):
        article.events.add(event)
    pages = {
        "/championnats/wtcr/": HUB_WITH_SEASON_BUDGET,
        season.get_absolute_url(): SEASON_BUDGET,
        event.get_absolute_url(): EVENT_BUDGET,
    }
    small = {}
    for url, budget in pages.items():
        with page_budget(budget) as captured:
            assert client.get(url).status_code == 200
        small[url] = len(captured)
    grow_season(season, events=6, drivers=12)
    SeasonFactory(championship=world["wtcr"], year=season.year - 1)
    for article in make_articles(world, 20):
        article.events.add(event)
    for url, budget in pages.items():
        with page_budget(budget) as large:
            html = client.get(url).content.decode()
        assert len(large) == small[url], url
        assert html.count("<tr") > 12  # the grown season is on the page


# The state, the driver or team with its article count, the cards and their tags; the career
# (teams/careers.py): the seasons, their entries, the entries' drivers, the results, their own
# drivers, and the events' days (whether the standings count every event over).
CAREER_BUDGET = 4 + 6
# The state, the drivers with their article counts, the series with entry lists, the seasons of
# the one chosen.
DIRECTORY_BUDGET = 4


def test_careers_and_the_filtered_directory_have_a_fixed_query_budget(client, world, page_budget):
    make_articles(world, 2)
    ceccon = world["ceccon"]
    pages = {
        ceccon.get_absolute_url(): CAREER_BUDGET,
        world["mulsanne"].get_absolute_url(): CAREER_BUDGET,
        "/pilotes/?championnat=wtcr&saison=2019": DIRECTORY_BUDGET,
    }

    def career_season(year):
        season = SeasonFactory(championship=world["wtcr"], year=year, label=str(year))
        entry = EntryFactory(season=season, team=world["mulsanne"], drivers=[ceccon])
        ResultFactory(event=EventFactory(season=season), entry=entry, position=1)
        grow_season(season, events=1, drivers=3)

    career_season(2019)
    small = {}
    for url, budget in pages.items():
        with page_budget(budget) as captured:
            assert client.get(url).status_code == 200
        small[url] = len(captured)
    for year in (2020, 2021, 2022):
        career_season(year)
    for url, budget in pages.items():
        with page_budget(budget) as large:
            html = client.get(url).content.decode()
        assert len(large) == small[url], url
    assert html.count("<li>") > 4  # the 2019 entry list is on the directory page

"""Sitemaps: valid against the sitemaps.org schemas (tests/newsroom/schemas/, copied from
sitemaps.org), published articles only, honest lastmod, a fixed number of queries."""

from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django.utils import timezone
from lxml import etree

from articles.models import Article
from newsroom import sitemaps
from tests.articles.factories import ArticleFactory
from tests.conftest import make_articles
from tests.teams.factories import EventFactory, SeasonFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
SCHEMAS = Path(__file__).parent / "schemas"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


@pytest.fixture(scope="module")
def schemas():
    return {
        name: etree.XMLSchema(etree.parse(str(SCHEMAS / f"{name}.xsd")))
        for name in ("sitemap", "siteindex")
    }


@pytest.fixture
def small_pages(monkeypatch):
    """Two URLs per page, so that a handful of rows already spans several pages."""
    for section in (sitemaps.ArticleSitemap, sitemaps.HubSitemap, sitemaps.TagSitemap):
        monkeypatch.setattr(section, "limit", 2)


def fetch(client, url, schema=None):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    assert not response.cookies
    document = etree.fromstring(response.content)
    if schema is not None:
        schema.assertValid(document)
    return document


def locations(document) -> list[str]:
    return [loc.text for loc in document.iterfind(".//s:loc", NS)]


def paths(document) -> list[str]:
    return [urlsplit(url).path for url in locations(document)]


def lastmods(document) -> dict[str, datetime]:
    return {
        urlsplit(url.findtext("s:loc", namespaces=NS)).path: datetime.fromisoformat(
            url.findtext("s:lastmod", namespaces=NS)
        )
        for url in document.iterfind("s:url", NS)
    }


def crawl(client, schemas) -> list[str]:
    """Every URL listed by the index and its sitemaps, each document checked on the way."""
    index = fetch(client, "/sitemap.xml", schemas["siteindex"])
    found = []
    for url in locations(index):
        assert urlsplit(url).netloc == "testserver"
        page = urlsplit(url)
        schema = None if page.path == "/sitemap-news.xml" else schemas["sitemap"]
        found += paths(fetch(client, f"{page.path}?{page.query}", schema))
    return found


def test_the_index_lists_every_page_of_every_section_and_all_are_valid(
    client, world, schemas, small_pages
):
    articles = make_articles(world, 5)
    index = fetch(client, "/sitemap.xml", schemas["siteindex"])
    assert [urlsplit(url)[2:4] for url in locations(index)] == [
        ("/sitemap-articles.xml", ""),
        ("/sitemap-articles.xml", "p=2"),
        ("/sitemap-articles.xml", "p=3"),
        ("/sitemap-hubs.xml", ""),
        *[("/sitemap-hubs.xml", f"p={n}") for n in range(2, 7)],
        ("/sitemap-tags.xml", ""),
        *[("/sitemap-tags.xml", f"p={n}") for n in range(2, 5)],
        ("/sitemap-news.xml", ""),
    ]
    listed = crawl(client, schemas)
    for article in articles:
        assert listed.count(article.get_absolute_url()) == 2  # articles and news
    for page in ["/", "/actualites/", "/championnats/", "/championnats/wtcr/", "/pilotes/"]:
        assert page in listed
    for page in ["/constructeurs/alfa-romeo/", "/equipes/team-mulsanne/", "/tags/tourisme/"]:
        assert page in listed
    assert all(client.get(path).status_code == 200 for path in set(listed))


def test_sitemaps_list_no_hidden_article_nor_a_hub_or_tag_only_they_fill(
    client, world, hidden, schemas
):
    index = fetch(client, "/sitemap.xml", schemas["siteindex"])
    # Empty sections are left out of the index: a <urlset> needs at least one <url>.
    assert paths(index) == ["/sitemap-hubs.xml"]
    assert paths(fetch(client, "/sitemap-hubs.xml", schemas["sitemap"])) == [
        "/",
        "/actualites/",
        "/championnats/",
        "/constructeurs/",
        "/equipes/",
        "/pilotes/",
    ]
    for section in ("articles", "tags", "news"):
        assert paths(fetch(client, f"/sitemap-{section}.xml")) == []


def test_only_hubs_and_tags_with_published_articles_are_listed(client, world, schemas):
    make_articles(world, 1)
    ArticleFactory(
        title="Brouillon", draft=True, tags=["brouillon"], links={"championships": [world["btcc"]]}
    )
    hubs = paths(fetch(client, "/sitemap-hubs.xml", schemas["sitemap"]))
    assert "/championnats/wtcr/" in hubs and "/championnats/btcc/" not in hubs
    tags = paths(fetch(client, "/sitemap-tags.xml", schemas["sitemap"]))
    assert "/tags/tourisme/" in tags and "/tags/brouillon/" not in tags


def test_a_scheduled_article_enters_the_sitemaps_at_its_time(client, world, schemas):
    at = datetime(2026, 3, 14, 10, 30, tzinfo=PARIS)
    with time_machine.travel(at - timedelta(hours=1), tick=False):
        article = ArticleFactory(
            published_at=at, tags=["tourisme"], links={"championships": [world["wtcr"]]}
        )
        assert article.get_absolute_url() not in crawl(client, schemas)
    with time_machine.travel(at + timedelta(minutes=1), tick=False):
        listed = crawl(client, schemas)
        assert listed.count(article.get_absolute_url()) == 2
        assert "/championnats/wtcr/" in listed and "/tags/tourisme/" in listed


def test_an_article_is_modified_when_published_or_its_text_revised_not_on_other_saves(
    client, schemas
):
    published = datetime(2026, 3, 14, 10, 30, tzinfo=PARIS)
    article = ArticleFactory(published_at=published)
    url = article.get_absolute_url()
    with time_machine.travel(published + timedelta(days=1)):
        article.tags.add("rallye")
        article.save()  # an editorial save: updated_at moves, the text does not
    assert lastmods(fetch(client, "/sitemap-articles.xml", schemas["sitemap"]))[url] == published
    revised = published + timedelta(days=2)
    article.revised_at = revised
    article.save()
    assert lastmods(fetch(client, "/sitemap-articles.xml", schemas["sitemap"]))[url] == revised


def test_a_hub_is_modified_when_its_newest_article_was_published(client, world, schemas):
    now = timezone.now().replace(microsecond=0)
    links = {"championships": [world["wtcr"]]}
    ArticleFactory(published_at=now - timedelta(days=3), links=links)
    ArticleFactory(published_at=now - timedelta(days=1), links=links, tags=["tourisme"])
    ArticleFactory(published_at=now - timedelta(hours=2), links={"championships": [world["btcc"]]})
    dates = lastmods(fetch(client, "/sitemap-hubs.xml", schemas["sitemap"]))
    assert dates["/championnats/wtcr/"] == now - timedelta(days=1)
    assert dates["/championnats/btcc/"] == dates["/"] == now - timedelta(hours=2)
    tags = lastmods(fetch(client, "/sitemap-tags.xml", schemas["sitemap"]))
    assert tags["/tags/tourisme/"] == now - timedelta(days=1)


def test_the_news_sitemap_has_the_last_two_days_with_google_news_details(client, world):
    now = timezone.now()
    recent = ArticleFactory(
        title="Course 1 : victoire & <doublé>\x0b",
        language=Article.Language.ENGLISH,
        published_at=now - timedelta(hours=3),
    )
    ArticleFactory(title="Trop ancien", published_at=now - timedelta(hours=49))
    ArticleFactory(
        title="Archive du mois",
        date_precision=Article.DatePrecision.MONTH,
        published_at=now - timedelta(hours=1),
    )
    ArticleFactory(title="Programmé", published_at=now + timedelta(hours=1))
    document = fetch(client, "/sitemap-news.xml")
    (url,) = document.iterfind("s:url", NS)
    assert url.findtext("s:loc", namespaces=NS) == f"http://testserver{recent.get_absolute_url()}"
    news = url.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Paddock"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Course 1 : victoire & <doublé>"
    published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert abs(published - recent.published_at) < timedelta(seconds=1)


def test_the_news_sitemap_stops_at_its_maximum(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "NEWS_MAX", 3)
    monkeypatch.setattr(sitemaps.NewsSitemap, "limit", 3)
    for hours in range(5):
        ArticleFactory(
            title=f"Brève {hours}", published_at=timezone.now() - timedelta(hours=hours + 1)
        )
    titles = fetch(client, "/sitemap-news.xml").iterfind(".//news:title", NS)
    assert [title.text for title in titles] == ["Brève 0", "Brève 1", "Brève 2"]


@pytest.mark.parametrize(
    "url", ["/sitemap-inconnu.xml", "/sitemap-articles.xml?p=9", "/sitemap-articles.xml?p=x"]
)
def test_an_unknown_section_or_page_is_a_404(client, world, url):
    make_articles(world, 1)
    assert client.get(url).status_code == 404


def count_queries(rf, url) -> int:
    """Queries of the sitemap view alone, without the site's page cache in front of it."""
    match = resolve(urlsplit(url).path)
    request = rf.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = match.func(request, *match.args, **match.kwargs)
        response.render()
    assert response.status_code == 200
    return len(queries)


SITEMAP_BUDGETS = {
    "/sitemap.xml": 12,
    "/sitemap-articles.xml": 2,
    "/sitemap-articles.xml?p=2": 2,
    "/sitemap-hubs.xml": 5,
    "/sitemap-tags.xml": 2,
    "/sitemap-tags.xml?p=2": 2,
    "/sitemap-news.xml": 1,
    "/sitemap-seasons.xml": 2,
}


def test_sitemaps_cost_the_same_queries_for_3_articles_as_for_30(rf, world, small_pages):
    EventFactory(season__championship=world["wtcr"])
    make_articles(world, 3)
    count_queries(rf, "/sitemap.xml")  # content types are looked up once per process
    small = {url: count_queries(rf, url) for url in SITEMAP_BUDGETS}
    make_articles(world, 27)
    EventFactory.create_batch(3, season=SeasonFactory(championship=world["btcc"]))
    assert {url: count_queries(rf, url) for url in SITEMAP_BUDGETS} == small == SITEMAP_BUDGETS


def test_the_seasons_section_lists_every_season_and_event_page(client, world, schemas):
    make_articles(world, 1)
    event = EventFactory(season__championship=world["wtcr"], season__year=2019, slug="maroc")
    EventFactory(season=event.season, slug="hongrie")
    SeasonFactory(championship=world["btcc"], year=2027, status="planned")
    index = paths(fetch(client, "/sitemap.xml", schemas["siteindex"]))
    assert "/sitemap-seasons.xml" in index
    seasons = paths(fetch(client, "/sitemap-seasons.xml", schemas["sitemap"]))
    assert seasons == [
        "/championnats/btcc/2027/",
        "/championnats/wtcr/2019/",
        "/championnats/wtcr/2019/maroc/",
        "/championnats/wtcr/2019/hongrie/",
    ]
    assert all(client.get(path).status_code == 200 for path in seasons)
    # A season renamed moves its address in the cached sitemap.
    event.season.label = "2019-2020"
    event.season.save()
    assert "/championnats/wtcr/2019-2020/" in paths(fetch(client, "/sitemap-seasons.xml"))

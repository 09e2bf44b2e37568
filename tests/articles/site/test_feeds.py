"""RSS and Atom feeds: valid, published articles only, honest dates, a fixed query count."""

from datetime import datetime, timedelta
from html import unescape
from io import BytesIO
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import feedparser
import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django.utils import timezone
from lxml import etree
from PIL import Image as Pillow

from articles.imaging import ensure_renditions
from articles.models import Article, Image
from tests.articles.factories import ArticleFactory
from tests.teams.factories import (
    ChampionshipFactory,
    DriverFactory,
    ManufacturerFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
ENTITY_FEEDS = [
    "/championnats/wtcr/{}/",
    "/constructeurs/alfa-romeo/{}/",
    "/equipes/team-mulsanne/{}/",
    "/tags/tourisme/{}/",
]
FEEDS = [url.format(kind) for url in ["/flux/{}/", *ENTITY_FEEDS] for kind in ("rss", "atom")]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def registry(db):
    wtcr = ChampionshipFactory(slug="wtcr", name="FIA World Touring Car Cup", short_name="WTCR")
    alfa = ManufacturerFactory(slug="alfa-romeo", name="Alfa Romeo")
    mulsanne = TeamFactory(slug="team-mulsanne", name="Team Mulsanne")
    return {"championships": [wtcr], "manufacturers": [alfa], "teams": [mulsanne]}


def linked_article(registry, **fields):
    fields.setdefault("tags", ["tourisme", "titre"])
    fields.setdefault("links", registry)
    return ArticleFactory(primary_championship=registry["championships"][0], **fields)


def hero_image() -> Image:
    out = BytesIO()
    Pillow.new("RGB", (1800, 900), (220, 20, 20)).save(out, "JPEG")
    image = Image(alt_text="Départ de la course à Monza")
    image.file = SimpleUploadedFile("monza.jpg", out.getvalue())
    image.save()
    ensure_renditions(image)
    return image


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_is_well_formed_with_complete_items_on_the_same_host(client, registry, url):
    linked_article(registry, title="Victoire à Monza", byline="Julie Martin")
    response, feed = read(client, url)
    assert response["Content-Type"].startswith(
        "application/atom+xml" if "atom" in url else "application/rss+xml"
    )
    assert feed.feed.title
    assert urlsplit(feed.feed.link).netloc == "testserver"
    (entry,) = feed.entries
    assert entry.title == "Victoire à Monza"
    assert urlsplit(entry.link).netloc == "testserver"
    assert entry.id == entry.link
    assert entry.published_parsed or entry.updated_parsed
    assert entry.author == "Julie Martin"


@pytest.mark.parametrize("url", FEEDS)
def test_no_feed_shows_a_draft_a_review_a_scheduled_or_an_unpublished_article(
    client, registry, url
):
    for trait in ("draft", "in_review", "scheduled", "unpublished"):
        linked_article(registry, title=f"Secret {trait}", **{trait: True})
    if url.startswith("/tags/"):
        # A tag only hidden articles carry has no feed at all: it must not confirm the subject.
        assert client.get(url).status_code == 404
        return
    _, feed = read(client, url)
    assert feed.entries == []


def test_a_scheduled_article_joins_the_feed_at_its_time_by_itself(client, registry):
    at = datetime(2026, 3, 14, 10, 30, tzinfo=PARIS)
    with time_machine.travel(at - timedelta(hours=2), tick=False):
        linked_article(registry, title="Annonce programmée", published_at=at)
        assert read(client, "/flux/rss/")[1].entries == []
    with time_machine.travel(at + timedelta(minutes=1), tick=False):
        assert [e.title for e in read(client, "/flux/rss/")[1].entries] == ["Annonce programmée"]


def test_feeds_list_the_newest_30_articles_newest_first(client, registry):
    now = timezone.now()
    for n in range(32):
        linked_article(registry, title=f"Article {n}", published_at=now - timedelta(hours=n + 1))
    _, feed = read(client, "/championnats/wtcr/rss/")
    assert [e.title for e in feed.entries] == [f"Article {n}" for n in range(30)]


def test_an_entity_feed_lists_only_the_articles_of_its_entity(client, registry):
    linked_article(registry, title="Du WTCR")
    ArticleFactory(title="Sans lien", tags=["rallye"])
    assert [e.title for e in read(client, "/championnats/wtcr/atom/")[1].entries] == ["Du WTCR"]
    assert [e.title for e in read(client, "/tags/rallye/atom/")[1].entries] == ["Sans lien"]
    assert len(read(client, "/flux/atom/")[1].entries) == 2


def test_an_item_says_what_the_article_page_says(client, registry):
    article = linked_article(
        registry,
        title="Ceccon s'impose",
        standfirst="L'Italien gagne la course 1 & prend la tête.",
        byline="Julie Martin",
        tags=["tourisme", "Alfa Romeo"],
        published_at=datetime(2026, 3, 14, 10, 30, tzinfo=PARIS),
    )
    _, feed = read(client, "/flux/rss/")
    (entry,) = feed.entries
    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert entry.id == entry.link
    assert unescape(entry.summary) == "L'Italien gagne la course 1 & prend la tête."
    assert entry.author == "Julie Martin"
    assert {tag.term for tag in entry.tags} == {"WTCR", "tourisme", "Alfa Romeo"}
    assert entry.published_parsed[:5] == (2026, 3, 14, 9, 30)  # UTC


def test_a_month_only_date_is_the_first_of_the_month_and_the_item_says_so(client, registry):
    linked_article(
        registry,
        standfirst="Un texte des archives.",
        date_precision=Article.DatePrecision.MONTH,
        published_at=datetime(2019, 1, 17, 12, 0, tzinfo=PARIS),
    )
    for url in ("/flux/rss/", "/flux/atom/"):
        _, feed = read(client, url)
        (entry,) = feed.entries
        # 1 January 2019 at 00:00 in Paris is 31 December 2018 at 23:00 UTC; never the 17th.
        assert entry.published_parsed[:5] == (2018, 12, 31, 23, 0)
        assert unescape(entry.summary) == "janvier 2019 — Un texte des archives."


def test_atom_updated_is_the_last_correction_of_the_text_not_any_editorial_save(client, registry):
    published = datetime(2026, 3, 14, 10, 0, tzinfo=PARIS)
    article = linked_article(registry, published_at=published)
    _, feed = read(client, "/flux/atom/")
    assert feed.entries[0].updated_parsed[:5] == (2026, 3, 14, 9, 0)
    article.revised_at = published + timedelta(days=2)
    article.save()
    _, feed = read(client, "/flux/atom/")
    assert feed.entries[0].updated_parsed[:5] == (2026, 3, 16, 9, 0)


def test_the_hero_image_is_the_enclosure_as_a_1024_wide_jpeg(client, registry):
    linked_article(registry, hero_image=hero_image())
    for url in ("/flux/rss/", "/flux/atom/"):
        _, feed = read(client, url)
        (enclosure,) = feed.entries[0].enclosures
        assert enclosure.type == "image/jpeg"
        assert urlsplit(enclosure.href).netloc == "testserver"
        name = enclosure.href.removeprefix("http://testserver/media/")
        assert "-original-1024-" in name
        assert int(enclosure.length) == default_storage.size(name) > 0


def test_an_image_without_renditions_yet_is_enclosed_as_its_original(client, registry):
    out = BytesIO()
    Pillow.new("RGB", (400, 300), (20, 20, 220)).save(out, "PNG")
    image = Image(alt_text="Le podium")
    image.file = SimpleUploadedFile("podium.png", out.getvalue())
    image.save()  # renditions are made by save_image(); a failed run leaves none
    linked_article(registry, hero_image=image)
    _, feed = read(client, "/flux/rss/")
    (enclosure,) = feed.entries[0].enclosures
    assert enclosure.type == "image/png"
    assert enclosure.href == f"http://testserver/media/{image.file.name}"
    assert int(enclosure.length) == len(out.getvalue())


def test_enclosure_sizes_are_read_from_storage_once(client, registry, monkeypatch):
    linked_article(registry, hero_image=hero_image())
    calls = []
    real_size = default_storage.size
    monkeypatch.setattr(default_storage, "size", lambda name: calls.append(name) or real_size(name))
    read(client, "/flux/rss/")
    read(client, "/flux/atom/")
    assert len(calls) == 1


def test_feeds_cost_the_same_queries_for_1_article_as_for_30(client, registry, rf):
    def count(url):
        # The view alone, without the site's page cache in front of it.
        match = resolve(url)
        with CaptureQueriesContext(connection) as queries:
            response = match.func(rf.get(url), *match.args, **match.kwargs)
        assert feedparser.parse(response.content).entries
        return len(queries)

    linked_article(registry, hero_image=hero_image())
    count("/flux/rss/")  # content types and file sizes are looked up once per process
    small = {url: count(url) for url in FEEDS}
    image = hero_image()
    for n in range(29):
        linked_article(registry, hero_image=image, tags=["tourisme", f"manche {n}"])
    assert {url: count(url) for url in FEEDS} == small
    # The articles, then their tags with their pictures' renditions; plus the entity for an
    # entity's feed.
    assert small["/flux/rss/"] == 2
    assert small["/championnats/wtcr/atom/"] == 3


@pytest.mark.parametrize("section", ["championnats", "constructeurs", "equipes", "tags"])
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_feed_of_an_unknown_entity_is_a_404(client, registry, section, kind):
    assert client.get(f"/{section}/inconnu/{kind}/").status_code == 404


def test_a_championship_without_articles_has_a_valid_empty_feed(client, registry):
    for kind in ("rss", "atom"):
        _, feed = read(client, f"/championnats/wtcr/{kind}/")
        assert feed.entries == []
        assert feed.feed.title.startswith("WTCR")


def test_naughty_text_keeps_the_feed_well_formed_and_never_becomes_markup(client, registry):
    linked_article(
        registry,
        title='<script>alert("x")</script> Ferrari & Cie\x0b au départ',
        standfirst="Le <b>sprint</b> & la course\x1f longue.",
        byline="Rédaction\x0c",
        tags=["tourisme"],
    )
    for url in ("/flux/rss/", "/flux/atom/", "/tags/tourisme/rss/"):
        response, feed = read(client, url)
        etree.fromstring(response.content)  # strict XML parser: raises on a bad character
        assert b"<script" not in response.content and b"<b>" not in response.content
        (entry,) = feed.entries
        # Escaped twice, as Django's syndication does by default: a reader that renders the
        # title as HTML shows the tags as text (feedparser gives the once-decoded form).
        assert "<script" not in entry.title
        assert unescape(entry.title) == '<script>alert("x")</script> Ferrari & Cie au départ'
        assert unescape(entry.summary) == "Le <b>sprint</b> & la course longue."
        assert entry.author == "Rédaction"


def test_feeds_may_be_cached_by_anyone_and_set_no_cookie(client, registry):
    linked_article(registry)
    response = client.get("/flux/rss/")
    assert "public" in response["Cache-Control"]
    assert response["Last-Modified"]
    assert not response.cookies


# Autodiscovery and the visible link


def alternates(html: str) -> list[tuple[str, str]]:
    page = etree.HTML(html)
    return [
        (link.get("type"), link.get("href"))
        for link in page.iterfind(".//head/link[@rel='alternate']")
    ]


SITE_LINKS = [("application/rss+xml", "/flux/rss/"), ("application/atom+xml", "/flux/atom/")]


@pytest.mark.parametrize(
    ("page", "own"),
    [
        ("/", None),
        ("/actualites/", None),
        ("/championnats/wtcr/", "/championnats/wtcr/"),
        ("/constructeurs/alfa-romeo/", "/constructeurs/alfa-romeo/"),
        ("/equipes/team-mulsanne/", "/equipes/team-mulsanne/"),
        ("/tags/tourisme/", "/tags/tourisme/"),
    ],
)
def test_pages_announce_the_site_feeds_and_their_own(client, registry, page, own):
    linked_article(registry)
    html = client.get(page).content.decode()
    expected = SITE_LINKS
    if own:
        expected = [
            ("application/rss+xml", f"{own}rss/"),
            ("application/atom+xml", f"{own}atom/"),
            *SITE_LINKS,
        ]
    assert alternates(html) == expected
    for _type, href in expected:
        assert read(client, href)


def test_an_article_page_announces_the_site_feeds(client, registry):
    article = linked_article(registry)
    assert alternates(client.get(article.get_absolute_url()).content.decode()) == SITE_LINKS


@pytest.mark.parametrize("page", ["/championnats/wtcr/", "/tags/tourisme/"])
def test_hub_and_tag_pages_show_a_subscribe_link(client, registry, page):
    linked_article(registry)
    main = etree.HTML(client.get(page).content.decode()).find(".//main")
    links = {
        a.get("href"): "".join(a.itertext()) for a in main.iterfind(".//p[@class='feed-link']/a")
    }
    assert links.keys() == {f"{page}rss/", f"{page}atom/"}
    assert links[f"{page}atom/"] == "Atom"


def test_a_driver_page_has_no_feed_of_its_own(client, registry):
    driver = DriverFactory(slug="kevin-ceccon")
    linked_article(registry, links={**registry, "drivers": [driver]})
    html = client.get("/pilotes/kevin-ceccon/").content.decode()
    assert alternates(html) == SITE_LINKS
    assert 'class="feed-link"' not in html

"""A write re-renders the cached pages that show what it changed, and no other (issue 13, part 3).

Each page is cached with the keys of what it shows; each write moves the keys of what it
changed (newsroom.invalidation). Two promises are checked here, as a reader meets them:

- exact: correcting one article's title re-renders its page and the lists showing its card,
  while the pages of another series, tag or article stay served from the cache;
- never stale: after each kind of write an editor or an import makes, every page served from
  the cache is the page the site renders afresh.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles import services
from articles.imaging.renditions import ensure_renditions
from articles.models import Article, Correction, Image
from newsroom import invalidation
from newsroom.freshness import site_state
from newsroom.models import CacheKey
from newsroom.search import signals as search_signals
from tests.articles.factories import ArticleFactory, UserFactory
from tests.articles.roles import article_form, client_for
from tests.articles.test_images import picture_bytes
from tests.teams.factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    image = Image(alt_text="Ceccon à Vila Real", caption="Ceccon en tête")
    image.file = SimpleUploadedFile("vila-real.jpg", picture_bytes())
    image.save()
    ensure_renditions(image)
    return image


@pytest.fixture
def newsroom(world, chief, picture):
    now = timezone.now()
    author = UserFactory(username="lea", first_name="Léa", last_name="Roux")
    wtcr_story = ArticleFactory(
        title="Victoire de Ceccon à Vila Real",
        primary_championship=world["wtcr"],
        links={
            "championships": [world["wtcr"]],
            "teams": [world["mulsanne"]],
            "drivers": [world["ceccon"]],
        },
        tags=["tourisme"],
        hero_image=picture,
        published_at=now - timedelta(hours=1),
    )
    wtcr_story.authors.add(author)
    btcc_story = ArticleFactory(
        title="Doublé à Brands Hatch",
        primary_championship=world["btcc"],
        links={"championships": [world["btcc"]]},
        tags=["btcc"],
        published_at=now - timedelta(hours=2),
    )
    draft = ArticleFactory(
        title="Essais privés à Knockhill",
        primary_championship=world["btcc"],
        links={"championships": [world["btcc"]]},
        tags=["btcc"],
        draft=True,
    )
    scheduled = ArticleFactory(
        title="Le calendrier 2027 dévoilé",
        primary_championship=world["btcc"],
        links={"championships": [world["btcc"]]},
        published_at=now + timedelta(hours=3),
    )
    return {
        **world,
        "wtcr_story": wtcr_story,
        "btcc_story": btcc_story,
        "draft": draft,
        "scheduled": scheduled,
        "author": author,
        "chief": chief,
    }


def pages(newsroom) -> list[str]:
    return [
        "/",
        "/actualites/",
        newsroom["wtcr_story"].get_absolute_url(),
        newsroom["btcc_story"].get_absolute_url(),
        "/championnats/",
        "/championnats/wtcr/",
        "/championnats/btcc/",
        "/equipes/",
        "/equipes/team-mulsanne/",
        "/pilotes/kevin-ceccon/",
        "/constructeurs/alfa-romeo/",
        "/tags/tourisme/",
        "/tags/btcc/",
        "/auteurs/",
        "/auteurs/lea-roux/",
        "/recherche/?q=Brands",
        "/flux/rss/",
        "/championnats/btcc/rss/",
        "/sitemap-news.xml",
        "/sitemap-articles.xml",
        "/sitemap-tags.xml",
        "/api/v1/articles/",
        f"/api/v1/articles/{newsroom['btcc_story'].slug}/",
        "/api/v1/championships/",
        "/en/",
    ]


def visit(client, url) -> tuple[str, bool]:
    """(the page as a reader reads it, whether it was rendered rather than served from the
    cache: a cached page costs one query)."""
    site_state()  # the first request after a change makes the site's summary, for every page
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in (200, 404), url
    return readable(response), len(queries) > 1


def readable(response) -> str:
    # Each rendering has its own nonce for its scripts and styles.
    return re.sub(r'nonce="[^"]*"', "", response.content.decode()) if response.content else ""


def warm(client, urls):
    for url in urls:
        client.get(url)
        assert visit(client, url)[1] is False, f"{url} is not served from the cache"


def test_correcting_a_title_re_renders_the_pages_showing_the_article_and_no_other(client, newsroom):
    story = newsroom["wtcr_story"]
    urls = pages(newsroom)
    story_url, other_url = urls[2], urls[3]
    warm(client, urls)
    before = {url: visit(client, url)[0] for url in urls}

    story.title = "Victoire de Kevin Ceccon à Vila Real"
    services.save_article(article=story, user=newsroom["chief"], loaded_version=story.version)

    rendered, kept = set(), set()
    for url in urls:
        page, fresh = visit(client, url)
        (rendered if fresh else kept).add(url)
        if fresh and "Victoire de" in before[url]:
            assert "Victoire de Kevin Ceccon" in page, url
        if not fresh:
            assert page == before[url]
    # Its page, and every list that shows its card.
    assert {
        "/",
        "/actualites/",
        story_url,
        "/championnats/wtcr/",
        "/equipes/team-mulsanne/",
        "/pilotes/kevin-ceccon/",
        "/tags/tourisme/",
        "/auteurs/lea-roux/",
        "/flux/rss/",
        "/sitemap-news.xml",
        "/api/v1/articles/",
    } <= rendered
    # Nothing about the other series moved: its article, hub, feed and tag stay in the cache.
    assert {
        other_url,
        "/championnats/btcc/",
        "/championnats/btcc/rss/",
        "/tags/btcc/",
        "/championnats/",
        "/equipes/",
        f"/api/v1/articles/{newsroom['btcc_story'].slug}/",
        "/api/v1/championships/",
    } <= kept


def test_a_draft_saved_re_renders_nothing_readers_see(client, newsroom):
    urls = [url for url in pages(newsroom) if not url.startswith("/recherche/")]
    warm(client, urls)
    draft = newsroom["draft"]
    draft.title = "Essais privés à Knockhill, jour 2"
    services.save_article(article=draft, user=newsroom["chief"], loaded_version=draft.version)
    assert [url for url in urls if visit(client, url)[1]] == []


def edit_title(n):
    story = n["wtcr_story"]
    story.title = "Victoire de Kevin Ceccon à Vila Real"
    services.save_article(article=story, user=n["chief"], loaded_version=story.version)


def publish_draft(n):
    services.transition(article=n["draft"], name="publish", user=n["chief"])


def unpublish(n):
    services.transition(article=n["wtcr_story"], name="unpublish", user=n["chief"])


def link_to_another_series(n):
    story = n["wtcr_story"]
    services.save_article(
        article=story,
        user=n["chief"],
        loaded_version=story.version,
        add_links={"championships": [n["btcc"]], "tags": ["btcc"]},
    )


def change_date(n):
    story = n["btcc_story"]
    story.published_at = timezone.now() - timedelta(minutes=5)
    services.save_article(article=story, user=n["chief"], loaded_version=story.version)


def correct(n):
    services.save_corrections(
        article=n["btcc_story"],
        corrections=[Correction(text="Le doublé était celui de l'équipe, pas du pilote.")],
        deleted=[],
        user=n["chief"],
    )


def rename_series(n):
    n["btcc"].name = "Championnat britannique des voitures de tourisme"
    n["btcc"].save()


def rename_tag(n):
    services.rename_tag(tag=Tag.objects.get(name="btcc"), new_name="BTCC 2026", user=n["chief"])


def new_team(n):
    TeamFactory(slug="team-wrt", name="Team WRT", championships=[n["wtcr"]])


def rename_author(n):
    n["author"].last_name = "Roux-Martin"
    n["author"].save()


def recaption(n):
    image = n["wtcr_story"].hero_image
    image.caption = "Ceccon devant Michelisz"
    image.save()


def delete(n):
    services.delete_articles(articles=[n["btcc_story"]], user=n["chief"])


WRITES = [
    edit_title,
    publish_draft,
    unpublish,
    link_to_another_series,
    change_date,
    correct,
    rename_series,
    rename_tag,
    new_team,
    rename_author,
    recaption,
    delete,
]


@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.__name__)
def test_no_cached_page_is_stale_after_a_write(client, newsroom, write):
    urls = pages(newsroom)
    warm(client, urls)
    write(newsroom)
    # Frozen: a feed with no item is dated by the moment it is made.
    with time_machine.travel(timezone.now(), tick=False):
        served = {url: visit(client, url)[0] for url in urls}
        for cache in caches.all():
            cache.clear()
        stale = [url for url in urls if visit(client, url)[0] != served[url]]
    assert stale == []


def test_no_cached_page_is_stale_when_a_scheduled_article_comes_due(client, newsroom):
    urls = pages(newsroom)
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        warm(client, urls)
    with time_machine.travel(now + timedelta(hours=4), tick=False):
        served = {url: visit(client, url)[0] for url in urls}
        assert "Le calendrier 2027" in served["/championnats/btcc/"]
        for cache in caches.all():
            cache.clear()
        stale = [url for url in urls if visit(client, url)[0] != served[url]]
    assert stale == []


def test_a_rolled_back_write_moves_no_key(newsroom):
    from django.db import transaction

    def keys():
        return list(CacheKey.objects.order_by("key").values_list("key", "generation"))

    before = keys()
    with transaction.atomic():
        edit_title(newsroom)
        assert keys() != before
        transaction.set_rollback(True)
    assert keys() == before
    assert (
        Article.objects.get(pk=newsroom["wtcr_story"].pk).title == "Victoire de Ceccon à Vila Real"
    )


def test_a_series_overtaking_another_in_the_menu_re_renders_none_of_the_others_pages(
    client, world, chief
):
    wtcr = {"primary_championship": world["wtcr"], "links": {"championships": [world["wtcr"]]}}
    btcc = {"primary_championship": world["btcc"], "links": {"championships": [world["btcc"]]}}
    wtcr_stories = [ArticleFactory(title=f"Manche {n} du WTCR", **wtcr) for n in range(2)]
    ArticleFactory(title="Manche 1 du BTCC", **btcc)
    drafts = [ArticleFactory(title=f"Brouillon BTCC {n}", draft=True, **btcc) for n in range(2)]
    urls = [wtcr_stories[0].get_absolute_url(), "/championnats/wtcr/"]
    warm(client, urls)
    menu = client.get("/championnats/").content.decode().split('aria-label="Séries"')[1]

    for draft in drafts:  # the BTCC now has more articles than the WTCR
        services.transition(article=draft, name="publish", user=chief)

    assert (
        client.get("/championnats/").content.decode().split('aria-label="Séries"')[1][:500]
        == menu[:500]
    )
    assert [url for url in urls if visit(client, url)[1]] == []


def test_publishing_a_linked_tagged_article_refreshes_its_keys_and_its_search_entry_once(
    world, chief, monkeypatch
):
    """The save, each of its five links and its tags each send a model signal; the service
    announces the article once, and only that announcement does the work."""
    refreshed, indexed = [], []

    def spy(function, calls):
        def spying(ids):
            calls.append(sorted(ids))
            return function(ids)

        return spying

    monkeypatch.setattr(
        invalidation, "refresh_articles", spy(invalidation.refresh_articles, refreshed)
    )
    monkeypatch.setattr(
        search_signals, "index_articles", spy(search_signals.index_articles, indexed)
    )
    reader = Client()
    assert "Ceccon" not in reader.get("/championnats/wtcr/").content.decode()

    response = client_for(chief).post(
        reverse("admin:articles_article_add"),
        article_form(
            title="Ceccon reprend la tête à Vila Real",
            workflow="publish",
            primary_championship=world["wtcr"].pk,
            championships=[world["wtcr"].pk],
            manufacturers=[world["alfa"].pk],
            teams=[world["mulsanne"].pk],
            drivers=[world["ceccon"].pk],
            cars=[world["giulietta"].pk],
            tags="tourisme, vila real",
        ),
    )

    assert response.status_code == 302
    article = Article.objects.get(title="Ceccon reprend la tête à Vila Real")
    assert refreshed == indexed == [[article.pk]]
    # Done once, done in full: the hub shows it and a search by its tag finds it.
    assert "Ceccon reprend la tête" in reader.get("/championnats/wtcr/").content.decode()
    assert "Ceccon reprend la tête" in reader.get("/recherche/?q=vila").content.decode()

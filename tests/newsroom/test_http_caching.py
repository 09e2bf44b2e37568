"""Public pages are cacheable: no cookie, validators, 304s, and never stale after a change."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.http import http_date

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.conftest import make_articles
from tests.teams.factories import ChampionshipFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/actualites/", "/championnats/", "/constructeurs/", "/equipes/"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_anonymous_pages_set_no_cookie_and_carry_validators(client, url):
    ArticleFactory(title="Victoire à Monza")
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert "Cookie" not in response.get("Vary", "")


def test_a_matching_etag_is_answered_304_without_rendering(client, django_assert_num_queries):
    ArticleFactory(title="Victoire à Monza")
    first = client.get("/")
    with django_assert_num_queries(1):  # the site's generation, which every process shares
        again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again.content == b""


def test_if_modified_since_is_answered_304(client):
    ArticleFactory(title="Victoire à Monza")
    first = client.get("/actualites/")
    again = client.get("/actualites/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    older = http_date(timezone.now().timestamp() - 86400 * 30)
    assert client.get("/actualites/", HTTP_IF_MODIFIED_SINCE=older).status_code == 200


def test_a_rendered_page_is_served_again_with_one_query(client, django_assert_num_queries):
    ArticleFactory(title="Victoire à Monza")
    first = client.get("/")
    with django_assert_num_queries(1):  # the site's generation, which every process shares
        second = client.get("/")
    assert second.status_code == 200
    assert second.content == first.content


def test_pages_are_shared_through_a_redis_cache(client, redis_cache, django_assert_num_queries):
    """With REDIS_URL set, a page one app server rendered is served by the others: it lives
    in Redis, not in the process."""
    import redis
    from django.conf import settings

    ArticleFactory(title="Victoire à Monza")
    first = client.get("/")
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    kept = redis.Redis.from_url(redis_cache).keys(f"{prefix}:*paddock:page:*")
    assert kept  # the rendered home page, in Redis
    with django_assert_num_queries(1):
        second = client.get("/")
    assert second.content == first.content


def test_a_value_holding_other_parameters_cannot_take_their_page_in_the_cache(client, world):
    oldest = make_articles(world, 25)[0]  # on page 2
    # ?q=x%26page%3D2 is page 1 (the list reads no q); cached as "q=x&page=2" it would be
    # served to every reader of ?q=x&page=2.
    poisoned = client.get("/actualites/?q=x%26page%3D2")
    second_page = client.get("/actualites/?q=x&page=2")
    assert oldest.title in second_page.content.decode()
    assert oldest.title not in poisoned.content.decode()


def test_publishing_changes_the_validators_and_the_page(client):
    article = ArticleFactory(title="Victoire à Monza")
    draft = ArticleFactory(title="Pole position à Vila Real", draft=True)
    first = client.get("/")
    assert "Vila Real" not in first.content.decode()

    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now() - timedelta(minutes=1)
    draft.save()
    response = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert "Vila Real" in response.content.decode()

    article.title = "Double victoire à Monza"
    article.save()
    assert "Double victoire" in client.get("/").content.decode()


def test_unpublishing_removes_the_article_from_cached_pages(client):
    article = ArticleFactory(title="Victoire à Monza")
    assert "Victoire à Monza" in client.get("/actualites/").content.decode()
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert "Victoire à Monza" not in client.get("/actualites/").content.decode()


def test_registry_and_link_changes_reach_cached_pages(client):
    article = ArticleFactory(title="Victoire à Monza")
    client.get(article.get_absolute_url())
    series = ChampionshipFactory(name="Coupe du monde des voitures de tourisme")
    article.championships.add(series)
    assert (
        "Coupe du monde des voitures de tourisme"
        in client.get(article.get_absolute_url()).content.decode()
    )


def test_a_scheduled_article_appears_on_cached_pages_when_due(client):
    now = timezone.now()
    ArticleFactory(title="Victoire à Monza", published_at=now - timedelta(hours=2))
    ArticleFactory(title="Annonce du calendrier", published_at=now + timedelta(hours=1))
    with time_machine.travel(now, tick=False):
        before = client.get("/")
        assert "Annonce du calendrier" not in before.content.decode()
        assert client.get("/", HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
    with time_machine.travel(now + timedelta(hours=1, seconds=1), tick=False):
        after = client.get("/", HTTP_IF_NONE_MATCH=before["ETag"])
        assert after.status_code == 200
        assert "Annonce du calendrier" in after.content.decode()
        assert after["ETag"] != before["ETag"]


def test_a_signed_in_editor_gets_the_same_shareable_page(client, admin_user):
    ArticleFactory(title="Victoire à Monza")
    anonymous = client.get("/")
    client.force_login(admin_user)
    signed_in = client.get("/")
    assert signed_in.content == anonymous.content
    assert signed_in["ETag"] == anonymous["ETag"]


def test_english_pages_are_cached_apart_from_french_ones(client):
    ArticleFactory(title="Victoire à Monza")
    french = client.get("/")
    english = client.get("/en/")
    assert english.status_code == 200
    assert french["ETag"] != english["ETag"]
    assert '<html lang="fr"' in french.content.decode()
    assert '<html lang="en"' in english.content.decode()


def test_admin_and_previews_are_not_cached(admin_client):
    response = admin_client.get("/admin/")
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_searches_and_pagination_are_cached_per_address(client):
    ArticleFactory.create_batch(3)
    page = client.get("/actualites/")
    other = client.get("/actualites/?page=2")
    assert page["ETag"] != other["ETag"]


def test_pages_are_compressed_and_still_revalidate(client):
    ArticleFactory.create_batch(3)
    first = client.get("/championnats/", HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip"
    again = client.get(
        "/championnats/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304


def test_a_flood_of_made_up_urls_leaves_the_home_and_hub_pages_cached(
    client, world, django_assert_num_queries
):
    from tests.conftest import make_articles

    make_articles(world, 3)
    hub = world["wtcr"].get_absolute_url()
    first = client.get("/").content
    client.get(hub)
    # More made-up addresses than the default cache holds (300 entries per process).
    for n in range(350):
        client.get("/", {"utm_source": f"x{n}"})
        client.get(hub, {"random": n})
        client.get("/recherche/", {"q": f"zorglub{n}"})
        client.get("/actualites/", {"page": 1000 + n})
    with django_assert_num_queries(1):  # the site's generation: the page itself is cached
        assert client.get("/").content == first
    with django_assert_num_queries(1):
        assert client.get(hub).status_code == 200


def test_unread_parameters_share_the_pages_entry_and_validators(client):
    ArticleFactory(title="Victoire à Monza")
    plain = client.get("/")
    tagged = client.get("/", {"utm_source": "lettre", "fbclid": "abc"})
    assert tagged["ETag"] == plain["ETag"]
    assert client.get("/", {"page": "2"})["ETag"] != plain["ETag"]


def test_a_page_is_kept_compressed_and_served_to_each_client_as_it_asks(client, monkeypatch):
    """Compressed once, when rendered: hits cost no compression, and the cache holds more."""
    import gzip

    from newsroom import page_cache

    ArticleFactory.create_batch(3)
    compressions = []
    real = page_cache.compress_string
    monkeypatch.setattr(page_cache, "compress_string", lambda s: compressions.append(1) or real(s))

    plain = client.get("/actualites/")
    zipped = client.get("/actualites/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    again = client.get("/actualites/", HTTP_ACCEPT_ENCODING="gzip")
    assert compressions == [1]
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == again["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == gzip.decompress(again.content) == plain.content
    assert "Accept-Encoding" in zipped["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert zipped["ETag"] == f"W/{plain['ETag']}"
    assert zipped["Content-Type"] == plain["Content-Type"] == "text/html; charset=utf-8"


def test_pages_of_the_long_tail_answer_when_settings_leave_its_cache_out(client, settings):
    """A deployment may set CACHES itself, with the default cache only (the benchmark's
    settings did): searches and deep pages then share it instead of failing."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    ArticleFactory.create_batch(3)
    for url in ("/recherche/?q=victoire", "/actualites/?page=50", "/actualites/"):
        assert client.get(url).status_code == 200

"""The CDN purges a write sends, checked at the HTTP-request level against a stand-in API on
127.0.0.1 (Fastly and Cloudflare answer as their documentation says; Varnish is tested for
real in tests/processes/test_varnish.py)."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from articles import services
from newsroom import purge
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class Recorded(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append((self.command, self.path, dict(self.headers), json.loads(body)))
        status = self.server.status
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"success": status == 200}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorded)
    server.seen, server.status = [], 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def fastly(settings, api):
    settings.PADDOCK_PURGE = "fastly"
    settings.FASTLY_API_URL = api.url
    settings.FASTLY_SERVICE_ID = "SU1Z0isxPaozGVKXdv0eY"
    settings.FASTLY_API_TOKEN = "jeton-de-test"
    return api


@pytest.fixture
def cloudflare(settings, api):
    settings.PADDOCK_PURGE = "cloudflare"
    settings.CLOUDFLARE_API_URL = api.url + "/client/v4"
    settings.CLOUDFLARE_ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353"
    settings.CLOUDFLARE_API_TOKEN = "jeton-de-test"
    return api


def withdraw(article, chief, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(article=article, name="unpublish", user=chief)


def test_fastly_pages_carry_surrogate_keys_and_a_write_purges_them(
    client, fastly, chief, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="Victoire à Monza")
    page = client.get(article.get_absolute_url())
    keys = page["Surrogate-Key"].split(" ")
    assert f"article-{article.pk}" in keys and "chrome" in keys

    withdraw(article, chief, django_capture_on_commit_callbacks)

    assert len(fastly.seen) == 1  # one request for the whole write, after it committed
    method, path, headers, body = fastly.seen[0]
    assert (method, path) == ("POST", "/service/SU1Z0isxPaozGVKXdv0eY/purge")
    assert headers["Fastly-Key"] == "jeton-de-test"
    assert {f"article-{article.pk}", "articles"} <= set(body["surrogate_keys"])


def test_cloudflare_pages_carry_cache_tags_and_a_write_purges_them(
    client, cloudflare, chief, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="Victoire à Monza")
    tags = client.get("/actualites/")["Cache-Tag"].split(",")
    assert f"article-{article.pk}" in tags and "articles" in tags

    withdraw(article, chief, django_capture_on_commit_callbacks)

    method, path, headers, body = cloudflare.seen[0]
    assert path == "/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache"
    assert headers["Authorization"] == "Bearer jeton-de-test"
    assert {f"article-{article.pk}", "articles"} <= set(body["tags"])


def test_many_keys_are_purged_in_requests_the_api_accepts(cloudflare):
    keys = [f"article-{n}" for n in range(250)]
    assert purge.send(keys) == 3  # Cloudflare takes 100 tags a request
    sent = [tag for *_, body in cloudflare.seen for tag in body["tags"]]
    assert sorted(sent) == sorted(keys)
    assert max(len(body["tags"]) for *_, body in cloudflare.seen) == 100


def test_a_rolled_back_write_purges_nothing(fastly, chief, django_capture_on_commit_callbacks):
    from django.db import transaction

    article = ArticleFactory(title="Victoire à Monza")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.transition(article=article, name="unpublish", user=chief)
        transaction.set_rollback(True)
    assert fastly.seen == []


def test_a_cdn_that_fails_leaves_the_write_done_and_says_so(
    fastly, chief, caplog, django_capture_on_commit_callbacks
):
    fastly.status = 503
    article = ArticleFactory(title="Victoire à Monza")
    withdraw(article, chief, django_capture_on_commit_callbacks)
    article.refresh_from_db()
    assert article.status == article.Status.UNPUBLISHED
    assert "purge of" in caplog.text and "failed" in caplog.text


def test_no_cdn_means_no_header_and_no_request(client, settings, api):
    settings.PADDOCK_PURGE = ""
    response = client.get("/")
    assert not {"xkey", "Surrogate-Key", "Cache-Tag"} & set(response.headers)
    assert purge.send(["articles"]) == 0
    assert api.seen == []


def test_an_unknown_cdn_or_a_missing_token_is_a_clear_error(settings):
    settings.PADDOCK_PURGE = "akamai"
    with pytest.raises(ImproperlyConfigured, match="varnish"):
        purge.send(["articles"])
    settings.PADDOCK_PURGE = "fastly"
    settings.FASTLY_SERVICE_ID = ""
    with pytest.raises(ImproperlyConfigured, match="FASTLY_SERVICE_ID"):
        purge.send(["articles"])


def test_a_cdn_chosen_without_its_settings_stops_the_server_at_start(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.PADDOCK_PURGE = "varnish"
    settings.PADDOCK_PURGE_URLS = []
    with pytest.raises(SystemCheckError, match="PADDOCK_PURGE_URLS"):
        call_command("check")
    settings.PADDOCK_PURGE = "cloudflare"
    settings.CLOUDFLARE_ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353"
    settings.CLOUDFLARE_API_TOKEN = ""
    with pytest.raises(SystemCheckError, match="CLOUDFLARE_API_TOKEN"):
        call_command("check")
    settings.CLOUDFLARE_API_TOKEN = "jeton"
    call_command("check")


def test_publish_due_purges_the_pages_of_an_article_whose_time_came(
    fastly, django_capture_on_commit_callbacks
):
    """Behind a CDN that keeps pages long, no reader request reaches Paddock when an article's
    time comes: the command run every minute moves its keys and purges them."""
    from datetime import timedelta

    import time_machine
    from django.core.management import call_command
    from django.utils import timezone

    from newsroom.freshness import site_state

    now = timezone.now()
    scheduled = ArticleFactory(title="Le calendrier 2027", published_at=now + timedelta(hours=1))
    with time_machine.travel(now, tick=False):
        site_state()
    later = now + timedelta(hours=1, seconds=1)
    with (
        time_machine.travel(later, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("publish_due", stdout=io.StringIO())
    purged = {key for *_, body in fastly.seen for key in body["surrogate_keys"]}
    assert {f"article-{scheduled.pk}", "articles"} <= purged

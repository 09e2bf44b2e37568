"""/health/ tells a load balancer whether this app server can serve, and nothing more."""

import json

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

pytestmark = pytest.mark.django_db

ALL_OK = {"status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok"}}
# Production as deploy/paddock.env sets it: real host names only, HTTPS enforced.
PRODUCTION = {"ALLOWED_HOSTS": ["paddock.example"], "SECURE_SSL_REDIRECT": True}


def test_a_healthy_server_answers_200_never_cached(client, django_assert_num_queries):
    with django_assert_num_queries(1):  # SELECT 1: no site state, no page cache
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == ALL_OK
    assert "no-store" in response["Cache-Control"]


def test_a_load_balancer_probes_by_address_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = PRODUCTION["ALLOWED_HOSTS"]
    settings.SECURE_SSL_REDIRECT = True
    probe = client.get("/health/", HTTP_HOST="10.0.0.7")
    assert probe.status_code == 200
    assert probe.json() == ALL_OK
    # The site itself still refuses that host and redirects to HTTPS.
    assert client.get("/", HTTP_HOST="10.0.0.7").status_code == 400
    assert client.get("/", HTTP_HOST="paddock.example").status_code == 301


def test_a_database_that_does_not_answer_gives_503_without_its_secrets(client, monkeypatch):
    def refused(self, *args, **kwargs):
        raise OperationalError(
            'connection to server at "db.internal" (10.0.0.9), port 5432 failed: '
            'password authentication failed for user "paddock"'
        )

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refused)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": "error", "cache": "ok", "storage": "ok"},
    }
    assert b"db.internal" not in response.content and b"paddock" not in response.content


def test_a_shared_redis_cache_that_answers_is_healthy(client, redis_cache):
    response = client.get("/health/")
    assert response.json() == ALL_OK


def test_a_cache_that_does_not_answer_gives_503(client, settings, caplog):
    settings.CACHES = {
        **settings.CACHES,
        # A real Redis client, and nothing listens on port 1.
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    response = client.get("/health/")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"] == {
        "database": "ok",
        "cache": "error",
        "storage": "ok",
    }
    (failure,) = [record for record in caplog.records if record.name == "paddock.health"]
    assert failure.exc_info[0].__name__ == "ConnectionError"  # refused, as it would be live


def test_the_probe_only_reads(client):
    assert client.post("/health/").status_code == 405
    assert client.head("/health/").status_code == 200

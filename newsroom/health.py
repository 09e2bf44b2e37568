"""`/health/`: whether this app server can serve, for load balancers and monitoring.

It answers 200 when the database, every cache and the media storage answer, 503 naming the
part that does not otherwise. The answer never carries an error's text (a database URL or a
bucket name could be in it): the error goes to the log, under the request's id.

It is answered before the rest of the middleware on purpose: a load balancer probes each
server by its address, over plain HTTP, so neither the host name check (ALLOWED_HOSTS) nor
the HTTPS redirect may stand in its way, and a probe must not read the site state or fill the
page cache.
"""

import logging
import uuid
from contextlib import suppress

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import connections
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils.cache import add_never_cache_headers

PATH = "/health/"
log = logging.getLogger("paddock.health")


def database_answers() -> None:
    for connection in connections.all():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")


def caches_answer() -> None:
    probe = f"paddock:health:{uuid.uuid4().hex}"
    for alias in settings.CACHES:
        cache = caches[alias]
        cache.set(probe, "ok", timeout=10)
        # A dummy cache (caching turned off) keeps nothing, and that is its job.
        if cache.get(probe) != "ok" and not alias_is_dummy(alias):
            raise RuntimeError(f"cache {alias!r} did not keep a value")
        cache.delete(probe)


def alias_is_dummy(alias: str) -> bool:
    return settings.CACHES[alias]["BACKEND"].endswith(".DummyCache")


def storage_answers() -> None:
    # Listing the top folder reaches the storage without writing (on S3, a missing bucket or a
    # refused key fails here, where asking for one file would just answer "no such file").
    # A local media folder is made by the first upload: until then it may be missing.
    with suppress(FileNotFoundError):
        default_storage.listdir("")


CHECKS = {"database": database_answers, "cache": caches_answer, "storage": storage_answers}


def report() -> tuple[dict, bool]:
    checks = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            log.exception("health check failed: %s", name)
            checks[name] = "error"
        else:
            checks[name] = "ok"
    healthy = all(state == "ok" for state in checks.values())
    return {"status": "ok" if healthy else "error", "checks": checks}, healthy


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        body, healthy = report()
        response = JsonResponse(body, status=200 if healthy else 503)
        add_never_cache_headers(response)
        return response

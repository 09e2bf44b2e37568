"""HTTP caching of the public pages: validators, 304s and a rendered-page cache.

Every anonymous-looking public GET gets `ETag`, `Last-Modified` and `Cache-Control`. A page is
kept with the keys of what it shows (articles/site/cache_keys.py) and the generation it was
rendered at; it is served again, or answered 304, while none of its keys moved since
(newsroom.invalidation moves them on every write, newsroom.freshness reads them in the
request's one query). A write re-renders the pages showing what it changed and no other, and
no page outlives the content it shows.

Pages are the same for everyone (they never read the session), which is what lets a CDN or a
browser keep them. A view that does read the session, sets a cookie or says `private` /
`no-store` (the editors' preview) is passed through untouched.
"""

import hashlib
import re
from dataclasses import dataclass
from gzip import decompress
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.text import compress_string
from django.utils.translation import get_language

from articles.site.cache_keys import collecting

from . import purge
from .freshness import site_state

# Rendered pages are kept a while; their keys change with the site state anyway, so this only
# bounds how long an unused page occupies the cache.
PAGE_TIMEOUT = 600
# The query parameters public pages read. A page is cached under these alone, so parameters
# nobody reads (?utm_source=…, ?x=<random>) share the page's entry instead of each adding one.
PAGE_PARAMS = ("q", "championnat", "saison", "constructeur", "annee", "page", "p")  # p: sitemaps
LONG_TAIL = "long_tail"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# A longer value is not cached at all (search reads the first 200 characters of a query).
LONGEST_VALUE = 300
# Pages anyone can make up in any number — searches, deep or nonsensical page numbers — go to
# a small cache of their own (the "long_tail" alias), so a flood of them never evicts the
# home page and the hubs from the main one.
CANONICAL_PAGES = 20
API_PREFIX = "/api/"


def cache_identity(request) -> tuple[str, bool] | None:
    """(the request as a page is cached under it, whether it is long-tail), or None when the
    request is not to be cached."""
    if request.path.startswith(API_PREFIX):
        return api_identity(request)
    params = []
    for name in PAGE_PARAMS:
        value = request.GET.get(name)
        if value is None:
            continue
        if len(value) > LONGEST_VALUE:
            return None
        params.append((name, value))
    pages = [request.GET.get(name) for name in ("page", "p")]
    long_tail = request.path.rstrip("/").endswith("/recherche") or any(
        page is not None and not (is_number(page) and int(page) <= CANONICAL_PAGES)
        for page in pages
    )
    # Encoded, so that no value can pass for other parameters ("q=x%26page%3D2" is not
    # "q=x&page=2") and take that page's place in the cache.
    return f"{request.path}?{urlencode(params)}", long_tail


def api_identity(request) -> tuple[str, bool] | None:
    """The read API reads every parameter (filters, cursors): an answer is cached under all of
    them, sorted, and any answer with parameters is long-tail."""
    params = sorted(request.GET.lists())
    if any(len(value) > LONGEST_VALUE for _name, values in params for value in values):
        return None
    return f"{request.path}?{urlencode(params, doseq=True)}", bool(params)


def is_number(value: str) -> bool:
    # ASCII digits only: str.isdigit() also accepts "⁰⁴⁵", which int() refuses.
    return value.isascii() and value.isdigit()


def _excluded_prefixes() -> tuple[str, ...]:
    return (
        "/admin/",
        "/apercu/",
        settings.STATIC_URL,
        settings.MEDIA_URL,
        *getattr(settings, "PADDOCK_UNCACHED_PATHS", ()),
    )


@dataclass(frozen=True)
class Kept:
    """A rendered page as the cache keeps it: compressed once, when rendered, so that a hit
    costs no compression (most readers accept gzip) and the cache holds four times the pages;
    with the keys of what it shows and the generation it was rendered at (newsroom.cache_keys),
    and its validators."""

    status: int
    headers: tuple[tuple[str, str], ...]
    gzipped: bytes
    keys: frozenset[str]
    generation: int
    etag: str
    last_modified: int

    @classmethod
    def of(cls, response, *, keys, state) -> "Kept":
        headers = tuple(
            (name, value)
            for name, value in response.items()
            if name.lower() not in {"content-length", "content-encoding"}
        )
        gzipped = compress_string(response.content)
        return cls(
            response.status_code,
            headers,
            gzipped,
            keys,
            state.generation,
            # Of the content: any two renderings that agree share it, in any process.
            etag=quote_etag(hashlib.blake2b(response.content, digest_size=16).hexdigest()),
            last_modified=int(state.changed_at.timestamp()),
        )

    def response(self, request) -> HttpResponse:
        gzip = ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        body = self.gzipped if gzip else decompress(self.gzipped)
        response = HttpResponse(body, status=self.status)
        for name, value in self.headers:
            response[name] = value
        patch_vary_headers(response, ["Accept-Encoding"])
        if gzip:
            # As GZipMiddleware does (it leaves an encoded response alone).
            response["Content-Encoding"] = "gzip"
        return response


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = _excluded_prefixes()

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(self.excluded):
            return self.get_response(request)

        normalised = cache_identity(request)
        if normalised is None:
            return self.get_response(request)
        page, long_tail = normalised
        identity = "|".join((request.scheme, request.get_host(), get_language() or "", page))
        key = "paddock:page:v2:" + hashlib.blake2b(identity.encode(), digest_size=16).hexdigest()
        # A deployment that configures its own caches may leave the long-tail one out: then
        # every page shares the default cache.
        long_tail = long_tail and LONG_TAIL in settings.CACHES
        store = caches[LONG_TAIL if long_tail else "default"]
        kept = store.get(key)
        # One query: the site's state, and whether any key of the kept page moved since.
        state = site_state(kept.keys if kept else ())
        request.site_state = state  # read once per request (the menus read it too)
        if kept is None or not state.current(kept.generation):
            with collecting() as shown:
                response = self.get_response(request)
            if not self._shareable(request, response):
                return response
            kept = Kept.of(response, keys=shown.keys(), state=state)
            if request.method == "GET":
                store.set(key, kept, PAGE_TIMEOUT)
        not_modified = get_conditional_response(
            request, etag=kept.etag, last_modified=kept.last_modified
        )
        if not_modified is not None:
            return self._with_validators(not_modified, kept)
        return self._with_validators(kept.response(request), kept)

    @staticmethod
    def _shareable(request, response) -> bool:
        session = getattr(request, "session", None)
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (session is not None and session.accessed)
            # A page holding a CSRF token belongs to one visitor.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "cookie" not in response.get("Vary", "").lower()
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        )

    @staticmethod
    def _with_validators(response, kept):
        cdn = purge.backend()
        if cdn is not None:  # the keys the write path purges it by (newsroom/purge.py)
            response[cdn.header] = cdn.header_value(kept.keys)
        # A compressed body is another representation of the page: a weak validator, as
        # GZipMiddleware makes it (If-None-Match compares weakly, so it still answers 304).
        response["ETag"] = f"W/{kept.etag}" if response.get("Content-Encoding") else kept.etag
        response["Last-Modified"] = http_date(kept.last_modified)
        # Browsers revalidate each time (a cheap 304), so an editor who just published sees the
        # page change at once; a shared cache (CDN) may keep it a short while.
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            must_revalidate=True,
            s_maxage=settings.PADDOCK_SHARED_CACHE_SECONDS,
        )
        return response

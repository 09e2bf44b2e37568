"""Purging the CDN or reverse proxy in front of the site by the keys a write moved.

Each cached public response names the keys of what it shows (newsroom.page_cache, in the header
the CDN reads); each write moves keys (newsroom.invalidation), and once its transaction commits
the same keys are purged here, so the CDN drops exactly the pages the Django cache drops.

`PADDOCK_PURGE` chooses the CDN:

- "varnish": a PURGE request with the keys in `xkey-purge` to each address of
  `PADDOCK_PURGE_URLS` (the Varnish servers; deploy/varnish.vcl accepts it from the addresses
  it trusts); responses carry `xkey`;
- "fastly": a surrogate-key purge through Fastly's API (`FASTLY_SERVICE_ID`,
  `FASTLY_API_TOKEN`), 256 keys a request; responses carry `Surrogate-Key`;
- "cloudflare": a cache-tag purge through Cloudflare's API (`CLOUDFLARE_ZONE_ID`,
  `CLOUDFLARE_API_TOKEN`), 100 tags a request; responses carry `Cache-Tag`;
- "" (the default): no CDN to purge, no header.

A purge that fails is logged and dropped: the write is done and Django's own cache is right;
the CDN serves the old page until its `s-maxage` (PADDOCK_SHARED_CACHE_SECONDS) runs out.
"""

import json
import logging
import threading
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

logger = logging.getLogger(__name__)

TIMEOUT = 5  # seconds: a purge never holds an editor's save for long


@dataclass(frozen=True)
class Backend:
    header: str  # the response header the CDN reads the keys from
    separator: str
    batch: int  # keys per purge request

    def header_value(self, keys: Iterable[str]) -> str:
        return self.separator.join(sorted(keys))

    def requests(self, keys: list[str]) -> list[urllib.request.Request]:
        raise NotImplementedError


class Varnish(Backend):
    def requests(self, keys):
        addresses = getattr(settings, "PADDOCK_PURGE_URLS", [])
        return [
            urllib.request.Request(
                address.rstrip("/") + "/",
                method="PURGE",
                headers={"xkey-purge": " ".join(chunk)},
            )
            for chunk in chunks(keys, self.batch)
            for address in addresses
        ]


class Fastly(Backend):
    def requests(self, keys):
        service = required("FASTLY_SERVICE_ID")
        url = f"{settings.FASTLY_API_URL.rstrip('/')}/service/{service}/purge"
        return [
            json_request(
                url, {"surrogate_keys": chunk}, {"Fastly-Key": required("FASTLY_API_TOKEN")}
            )
            for chunk in chunks(keys, self.batch)
        ]


class Cloudflare(Backend):
    def requests(self, keys):
        zone = required("CLOUDFLARE_ZONE_ID")
        url = f"{settings.CLOUDFLARE_API_URL.rstrip('/')}/zones/{zone}/purge_cache"
        token = required("CLOUDFLARE_API_TOKEN")
        return [
            json_request(url, {"tags": chunk}, {"Authorization": f"Bearer {token}"})
            for chunk in chunks(keys, self.batch)
        ]


BACKENDS = {
    "varnish": Varnish(header="xkey", separator=" ", batch=200),
    "fastly": Fastly(header="Surrogate-Key", separator=" ", batch=256),
    "cloudflare": Cloudflare(header="Cache-Tag", separator=",", batch=100),
}


def backend() -> Backend | None:
    name = getattr(settings, "PADDOCK_PURGE", "")
    if not name:
        return None
    try:
        return BACKENDS[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"PADDOCK_PURGE={name!r}: choose one of {', '.join(sorted(BACKENDS))}, or nothing"
        ) from None


def check_configuration(**kwargs) -> list[checks.CheckMessage]:
    """`manage.py check` and every server start: a CDN chosen without what purging it needs is
    an error there, not a failure after an editor's save."""
    try:
        chosen = backend()
        if chosen is not None:
            chosen.requests(["check"])
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="paddock.E001")]
    if chosen is not None and chosen.header == "xkey" and not settings.PADDOCK_PURGE_URLS:
        return [checks.Error("PADDOCK_PURGE=varnish needs PADDOCK_PURGE_URLS", id="paddock.E001")]
    return []


def required(name: str) -> str:
    value = getattr(settings, name, "")
    if not value:
        raise ImproperlyConfigured(f"PADDOCK_PURGE={settings.PADDOCK_PURGE} needs {name}")
    return value


def chunks(keys: list[str], size: int) -> list[list[str]]:
    return [keys[start : start + size] for start in range(0, len(keys), size)]


def json_request(url: str, body: dict, headers: dict) -> urllib.request.Request:
    return urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={**headers, "Content-Type": "application/json", "Accept": "application/json"},
    )


# The keys moved by this thread's writes, purged together once their transaction commits (a
# save moves keys several times: the row, its links, the announcement). The first callback to
# run sends them all. Keys of a rolled-back transaction wait for the next commit: a purge too
# many costs the CDN one page, a purge too few would leave a page stale.
_pending = threading.local()


def purge_on_commit(keys: Iterable[str]) -> None:
    if backend() is None:
        return
    _pending.__dict__.setdefault("keys", set()).update(keys)
    transaction.on_commit(_send_pending)


def _send_pending() -> None:
    keys = _pending.__dict__.get("keys")
    if keys:
        _pending.keys = set()
        send(keys)


def send(keys: Iterable[str]) -> int:
    """Purges `keys` now; returns how many purge requests succeeded."""
    chosen = backend()
    keys = sorted(set(keys))
    if chosen is None or not keys:
        return 0
    done = 0
    for request in chosen.requests(keys):
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
                answer.read()
            done += 1
        except (urllib.error.URLError, OSError) as error:
            logger.error("purge of %d keys at %s failed: %s", len(keys), request.full_url, error)
    return done

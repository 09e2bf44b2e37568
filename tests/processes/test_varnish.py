"""Varnish in front of the site, as deploy/varnish.vcl.template sets it up: readers' pages are
served by Varnish with no request reaching Django, and a write purges exactly the pages showing
what it changed (xkey), from whichever process made it."""

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from newsroom import varnish as varnish_server

from .conftest import Site, free_port

pytestmark = pytest.mark.processes


def get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def requests_reaching(log: Path) -> list[str]:
    """The paths Django answered, from its access lines (newsroom/request_log.py)."""
    return [
        record["path"]
        for line in log.read_text().splitlines()
        if line.startswith("{") and "path" in (record := json.loads(line))
    ]


def test_varnish_serves_readers_and_a_write_purges_exactly_its_pages(tmp_path):
    site = Site(tmp_path / "site")
    varnish_port = free_port()
    site.env |= {
        "PADDOCK_PURGE": "varnish",
        "PADDOCK_PURGE_URLS": f"http://127.0.0.1:{varnish_port}",
        "PADDOCK_SHARED_CACHE_SECONDS": "3600",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }
    site.manage("migrate", "--noinput")
    site.shell(
        "from datetime import timedelta; from django.utils import timezone; "
        "from articles.models import Article; from articles.services import save_article; "
        "from teams.models import Championship; "
        "wtcr = Championship.objects.create(name='WTCR', slug='wtcr', category='touring'); "
        "btcc = Championship.objects.create(name='BTCC', slug='btcc', category='touring'); "
        "hours_ago = lambda n: timezone.now() - timedelta(hours=n); "
        "save_article(article=Article(title='Ceccon gagne à Vila Real', slug='vila-real', "
        "standfirst='Texte.', primary_championship=wtcr), user=None, transition='publish', "
        "when=hours_ago(1), add_links={'championships': [wtcr]}); "
        # Two more in the WTCR, so that withdrawing one leaves the menus as they were.
        "[save_article(article=Article(title=f'Essais {n}', slug=f'essais-{n}', "
        "standfirst='Texte.', primary_championship=wtcr), user=None, transition='publish', "
        "when=hours_ago(3 + n), add_links={'championships': [wtcr]}) for n in (1, 2)]; "
        "save_article(article=Article(title='Doublé à Brands Hatch', slug='brands-hatch', "
        "standfirst='Texte.', primary_championship=btcc), user=None, transition='publish', "
        "when=hours_ago(2), add_links={'championships': [btcc]})"
    )
    log = tmp_path / "site.log"
    varnish = None
    try:
        app = site.start(workers=2, log=log)
        varnish = varnish_server.start(tmp_path / "varnish", backend=app, port=varnish_port)
        front = f"http://127.0.0.1:{varnish_port}"
        month = time.strftime("%Y/%m")
        story, other = f"/actualites/{month}/vila-real/", f"/actualites/{month}/brands-hatch/"
        pages = ["/", "/actualites/", story, "/championnats/wtcr/", "/championnats/btcc/", other]
        for page in pages:
            status, headers, body = get(front + page)
            assert status == 200, (page, body[:300])
            assert "xkey" not in {name.lower() for name in headers}  # for Varnish alone

        # Hits: answered by Varnish, not one request reaches Django.
        answered = len(requests_reaching(log))
        for page in pages * 3:
            assert get(front + page)[1]["X-Cache"] == "HIT", page
        assert len(requests_reaching(log)) == answered

        # Withdrawn from the command line: gone from every page Varnish serves within 1 s.
        site.shell(
            "from articles.models import Article; from articles.services import transition; "
            "transition(article=Article.objects.get(slug='vila-real'), name='unpublish', "
            "user=None)"
        )
        withdrawn = time.monotonic()
        showing = ["/", "/actualites/", story, "/championnats/wtcr/"]
        while True:
            answers = {page: get(front + page) for page in showing}
            if all("Ceccon gagne" not in body for _, _, body in answers.values()):
                break
            assert time.monotonic() - withdrawn < 1, "still shown after 1 s"
            time.sleep(0.05)
        assert answers[story][0] == 404
        # No site-wide flush: the other series' pages are still served by Varnish.
        for page in ("/championnats/btcc/", other):
            assert get(front + page)[1]["X-Cache"] == "HIT", page

        # A purge must name its keys: Varnish never empties itself for a bare PURGE.
        bare = urllib.request.Request(front + "/", method="PURGE")
        try:
            urllib.request.urlopen(bare, timeout=5)
            raise AssertionError("a PURGE without keys was accepted")
        except urllib.error.HTTPError as refused:
            assert refused.code == 400
        assert get(front + "/championnats/btcc/")[1]["X-Cache"] == "HIT"
    finally:
        if varnish is not None:
            varnish.terminate()
            varnish.communicate(timeout=20)
        site.stop()

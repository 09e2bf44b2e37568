"""The embedded default (`make run`: SQLite, no Redis) keeps rendered pages in files under var/,
shared by every gunicorn worker of the machine: a page rendered by one worker is served by the
others as it was rendered, and a publication reaches all of them."""

import sqlite3
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from .conftest import Site

pytestmark = pytest.mark.processes


def pages(url: str, count: int) -> set[str]:
    """The distinct bodies of `count` requests made 8 at a time, so that every worker answers
    some."""

    def one(_):
        with urllib.request.urlopen(url, timeout=20) as answer:
            return answer.read().decode()

    with ThreadPoolExecutor(max_workers=8) as pool:
        return set(pool.map(one, range(count)))


def test_workers_share_the_rendered_pages_through_files(tmp_path):
    site = Site(tmp_path)
    site.env |= {"PADDOCK_TEST_FILE_CACHE": "1", "PADDOCK_VAR_DIR": str(tmp_path / "var")}
    site.manage("migrate", "--noinput")
    site.shell(
        "from articles.models import Article; from articles.services import save_article; "
        "save_article(article=Article(title='Victoire à Monza', slug='monza', "
        "standfirst='Texte.'), user=None, transition='publish')"
    )
    try:
        server = site.start(workers=3)
        with urllib.request.urlopen(server + "/actualites/", timeout=20) as answer:
            assert "Victoire à Monza" in answer.read().decode()  # rendered by one worker
        assert list((tmp_path / "var" / "cache").glob("*.djcache"))
        # Changed behind the site's back (no write path, no key moved): a worker that rendered
        # the page itself would show the new title; every one serves the shared rendering.
        with sqlite3.connect(tmp_path / "site.sqlite3") as database:
            database.execute("UPDATE articles_article SET title = 'Changé en douce'")
        served = pages(server + "/actualites/", 40)
        assert len(served) == 1 and "Victoire à Monza" in served.pop()

        # A publication through the write path reaches every worker.
        site.shell(
            "from articles.models import Article; from articles.services import save_article; "
            "save_article(article=Article(title='Pole à Vila Real', slug='vila-real', "
            "standfirst='Texte.'), user=None, transition='publish')"
        )
        served = pages(server + "/actualites/", 40)
        assert len(served) == 1 and "Pole à Vila Real" in served.pop()
    finally:
        site.stop()

"""A reader's page never waits for a writer: while an import holds a transaction open, pages
still answer at once, on the embedded SQLite database and on PostgreSQL.

The first request after a change makes the site's summary again (newsroom/freshness.py) and
stores it for the next ones; that store must not wait for the writer's transaction, which on
PostgreSQL holds the generation's row and on SQLite the whole database until it commits.
"""

import sqlite3
import time
import urllib.request

import pytest

from .conftest import Site

pytestmark = pytest.mark.processes

PUBLISH = """
from articles.models import Article
from articles.services import save_article
article = Article(title="Victoire à Monza", slug="victoire-a-monza", standfirst="Texte.")
save_article(article=article, user=None, transition="publish")
"""

ADDRESS = """
from articles.models import Article
print(Article.objects.get(slug="victoire-a-spa").get_absolute_url())
"""


class OpenWrite:
    """Another process's write, in a transaction left open, as an import's chunk is."""

    def __init__(self, database):
        if database.kind == "sqlite":
            self.connection = sqlite3.connect(database.path, timeout=5, isolation_level=None)
            self.connection.execute("BEGIN IMMEDIATE")
        else:
            import psycopg

            self.connection = psycopg.connect(database.url)
        self.connection.execute("UPDATE newsroom_sitegeneration SET value = value + 1")

    def rollback(self):
        self.connection.rollback()
        self.connection.close()


@pytest.fixture
def served(database, tmp_path):
    site = Site(tmp_path, database.url)
    site.manage("migrate", "--noinput")
    site.shell(PUBLISH)
    site.start(workers=1)
    yield site
    site.stop()


def test_pages_answer_at_once_while_a_writer_holds_its_transaction(served, database):
    assert urllib.request.urlopen(served.url + "/", timeout=10).status == 200
    served.shell(PUBLISH.replace("Monza", "Spa").replace("monza", "spa"))  # the summary is old
    article = served.shell(ADDRESS).splitlines()[-1]
    writer = OpenWrite(database)
    try:
        started = time.monotonic()
        # The first view of an article also ranks its related articles and keeps the ranking.
        for page in ("/", "/actualites/", article, "/recherche/?q=victoire+spa"):
            with urllib.request.urlopen(served.url + page, timeout=10) as answer:
                assert answer.status == 200
                assert "Victoire à Spa" in answer.read().decode()
        assert time.monotonic() - started < 5
    finally:
        writer.rollback()

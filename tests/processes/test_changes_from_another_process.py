"""A change made by another process reaches every cached page on the next request.

The site runs as `make run` serves it (gunicorn, two workers, the embedded SQLite database and
the default per-process cache); the changes are made from the command line, in a process of
their own, as `import_legacy` or `manage.py shell` make them. Nothing here shares memory with
the server: only what the database says can reach it.
"""

import urllib.error
import urllib.request

import pytest

PAGES = ["/", "/actualites/", "/championnats/wtcr/", "/flux/rss/", "/sitemap-news.xml"]
TITLE = "Zorglub remporte la course de Vila Real"

SETUP = """
from articles.models import Article
from articles.services import save_article
from teams.models import Championship
wtcr = Championship.objects.create(slug="wtcr", name="WTCR", category="touring")
articles = [("Ouverture de la saison", "ouverture", True), (TITLE, "zorglub", False)]
for title, slug, publish in articles:
    article = Article(title=title, slug=slug, standfirst="Un texte.", primary_championship=wtcr)
    save_article(article=article, user=None, transition="publish" if publish else "")
"""

MOVE = """
from articles.models import Article
from articles.services import transition
article = Article.objects.get(slug="zorglub")
transition(article=article, name=NAME, user=None)
"""

pytestmark = pytest.mark.processes


def fetch(url, etag=None):
    request = urllib.request.Request(url, headers={"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("ETag"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("ETag"), ""


def every_answer(base):
    """Each page asked several times, so both workers answer (and cache) it."""
    return {path: [fetch(base + path) for _ in range(4)] for path in PAGES}


def test_publish_and_unpublish_from_the_command_line_reach_every_cached_page(site):
    site.shell(f"TITLE = {TITLE!r}\n{SETUP}")
    base = site.start(workers=2)

    def move(name):
        site.shell(f"NAME = {name!r}\n{MOVE}")

    before = every_answer(base)
    assert all(s == 200 and TITLE not in body for a in before.values() for s, _, body in a)
    assert all(TITLE not in body for _, _, body in every_answer(base)["/"])  # now cached

    move("publish")
    published = every_answer(base)
    for path, answers in published.items():
        assert all(status == 200 for status, _, _ in answers), path
        assert all(TITLE in body for _, _, body in answers), path

    move("unpublish")
    for path, answers in every_answer(base).items():
        assert all(TITLE not in body for _, _, body in answers), path
    # A browser or CDN holding the published copy is not told it is still good.
    for path, answers in published.items():
        status, _, body = fetch(base + path, etag=answers[0][1])
        assert status == 200 and TITLE not in body, path

"""A change made by another process reaches every cached page on the next request.

The site runs as `make run` serves it (gunicorn, two workers, the embedded SQLite database and
the default per-process cache); the changes are made from the command line, in a process of
their own, as `import_legacy` or `manage.py shell` make them. Nothing here shares memory with
the server: only what the database says can reach it.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def site(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    env.pop("REDIS_URL", None)  # the embedded default: no shared cache

    def manage(*args, code=None):
        command = [sys.executable, "manage.py", *args] + (["-c", code] if code else [])
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode()

    manage("migrate", "--noinput")
    manage("shell", code=f"TITLE = {TITLE!r}\n{SETUP}")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
        + ["newsroom.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield base, lambda name: manage("shell", code=f"NAME = {name!r}\n{MOVE}")
    finally:
        server.terminate()
        server.wait(timeout=10)


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
    base, move = site
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

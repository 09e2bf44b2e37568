"""Ten editors saving at once, an import running beside them: every save is answered (saved,
or refused with the conflict page), never with a server error. On the embedded SQLite database
and on PostgreSQL.

The site runs under gunicorn (two workers of eight threads); the editors are real browser
sessions (login, CSRF) posting the admin's change form at the same moment.
"""

import http.cookiejar
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.articles.roles import article_form

from .conftest import Site

pytestmark = pytest.mark.processes

EDITORS = 10
PASSWORD = "motdepasse-tres-long-42"
SETUP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from articles.models import Article
from articles.services import save_article
group = Group.objects.get(name="Éditeur")
rows = []
for n in range(COUNT + 1):
    user = get_user_model().objects.create_user(f"editeur{n}", password=PASSWORD, is_staff=True)
    user.groups.add(group)
    article = Article(title=f"Article {n}", slug=f"article-{n}", standfirst="Texte.")
    article = save_article(article=article, user=None, transition="publish").article
    local = timezone.localtime(article.published_at)
    rows.append({"pk": article.pk, "slug": article.slug, "version": article.version,
                 "date": local.strftime("%d/%m/%Y"), "time": local.strftime("%H:%M:%S")})
print(json.dumps(rows))
"""


class Editor:
    """One person's browser: cookies, CSRF token, the admin's forms."""

    def __init__(self, base: str, username: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.get("/admin/login/")
        status, _ = self.post(
            "/admin/login/?next=/admin/", {"username": username, "password": PASSWORD}
        )
        assert status == 302, f"{username} could not log in"

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, path: str) -> tuple[int, str]:
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.status, response.read().decode()

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}, doseq=True)
        request = urllib.request.Request(
            self.base + path, data=body.encode(), headers={"Referer": self.base + path}
        )
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        try:
            with opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def change_form(row: dict, title: str) -> dict:
    data = article_form(
        title=title,
        slug=row["slug"],
        standfirst="Texte.",
        loaded_version=str(row["version"]),
        published_at_0=row["date"],
        published_at_1=row["time"],
    )
    data.pop("authors", None)
    return data


def all_at_once(calls) -> list:
    """Run the calls in threads released together; their results in order."""
    results = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(i, call):
        start.wait()
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def legacy_folder(folder, count=60):
    folder.mkdir()
    for n in range(count):
        text = f" date 2019-{n % 12 + 1:02d} Texte d'archive numéro {n} sur la saison.\n\nSuite.\n"
        (folder / f"{n:03d}_{n:016x}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def site(database, tmp_path):
    site = Site(tmp_path, database.url)
    site.manage("migrate", "--noinput")
    yield site
    site.stop()


@pytest.mark.security
def test_ten_editors_and_an_import_at_once_get_no_server_error(
    site, tmp_path, database, security_report
):
    rows = json.loads(
        site.shell(f"COUNT = {EDITORS}\nPASSWORD = {PASSWORD!r}\n{SETUP}").splitlines()[-1]
    )
    base = site.start(workers=2, threads=8)
    editors = [Editor(base, f"editeur{n}") for n in range(EDITORS)]
    archive = legacy_folder(tmp_path / "archive")

    def save(n):
        url = f"/admin/articles/article/{rows[n]['pk']}/change/"
        return lambda: editors[n].post(url, change_form(rows[n], f"Titre modifié {n}"))

    def import_beside():
        site.manage("import_legacy", str(archive), "--publish", "-v", "0")
        return (302, "")

    results = all_at_once([save(n) for n in range(EDITORS)] + [import_beside])
    errors = sum(status >= 500 for status, _ in results)
    security_report(
        f"Concurrent editors ({database.kind}): {EDITORS} editors saving at once beside an "
        f"import: {errors} server errors"
    )
    assert [status for status, _ in results] == [302] * (EDITORS + 1)
    titles = site.shell(
        "from articles.models import Article\n"
        "print(sorted(Article.objects.filter(title__startswith='Titre modifié')"
        ".values_list('title', flat=True)))\n"
        "print(Article.objects.exclude(legacy_id='').count())"
    )
    assert titles.splitlines()[-2] == str(sorted(f"Titre modifié {n}" for n in range(EDITORS)))
    assert titles.splitlines()[-1] == "60"


def test_two_simultaneous_saves_of_one_article_give_one_save_and_the_conflict_page(site):
    rows = json.loads(site.shell(f"COUNT = 1\nPASSWORD = {PASSWORD!r}\n{SETUP}").splitlines()[-1])
    base = site.start(workers=2, threads=8)
    first, second = Editor(base, "editeur0"), Editor(base, "editeur1")
    url = f"/admin/articles/article/{rows[0]['pk']}/change/"
    results = all_at_once(
        [
            lambda: first.post(url, change_form(rows[0], "Version de la première")),
            lambda: second.post(url, change_form(rows[0], "Version de la seconde")),
        ]
    )
    assert sorted(status for status, _ in results) == [200, 302]
    page = next(body for status, body in results if status == 200)
    assert re.search("Quelqu.un d.autre a enregistré cet article", page)

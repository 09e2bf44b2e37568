"""The admin speaks French only: every page, as each role, with no message left untranslated.

Every gettext call made while a page renders is watched: a message of the project or of a
package it ships that the French catalogue does not hold fails the test, with the page and the
role that showed it (Django's own catalogue is complete; it is not asked for more). The
browser's side — the JavaScript catalogues of the admin widgets and of the body editor — is
checked against the messages their scripts ask for.
"""

import re
from collections import defaultdict
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real
from lxml import html as lxml_html

from articles.models import Article
from tests.admin_tour import admin_pages, furnish
from tests.articles.factories import ArticleFactory, UserFactory
from tests.articles.roles import ARCHIVIST, CHIEF, EDITOR, WRITER, client_for

pytestmark = pytest.mark.django_db

ROLES = [WRITER, EDITOR, CHIEF, ARCHIVIST]
# Page titles and labels that read the same in French.
SAME_IN_FRENCH = {"Paddock", "Slug", "URL", "Email", "Notes", "Source", "Description"}


class UntranslatedWatch:
    """Records the messages asked for in French that no catalogue translates."""

    def __init__(self):
        self.missing = defaultdict(set)  # message -> pages
        self.page = ""

    def catalog(self):
        return trans_real.translation(translation.get_language() or "fr")._catalog

    def check(self, key, message):
        if not self.page:
            return  # not a page: fixtures, imports of modules
        if not translation.get_language() or not translation.get_language().startswith("fr"):
            return
        if not re.search(r"[A-Za-z]{2}", message) or message in SAME_IN_FRENCH:
            return
        if key not in self.catalog():
            self.missing[message].add(self.page)

    def wrap(self, original, kind):
        def gettext(*args):
            result = original(*args)
            if kind == "gettext":
                self.check(args[0], args[0])
            elif kind == "ngettext":
                self.check((args[0], 0), args[0])
            elif kind == "pgettext":
                self.check(f"{args[0]}\x04{args[1]}", args[1])
            elif kind == "npgettext":
                self.check((f"{args[0]}\x04{args[1]}", 0), args[1])
            return result

        return gettext


@pytest.fixture
def watch(monkeypatch):
    watcher = UntranslatedWatch()
    trans = translation._trans
    for kind in ("gettext", "ngettext", "pgettext", "npgettext"):
        original = getattr(trans_real, kind)
        monkeypatch.setattr(trans, kind, watcher.wrap(original, kind))
    return watcher


@pytest.fixture
def newsroom(world, tmp_path, settings):
    """One object of every kind the admin shows, and articles in every state a desk meets."""
    settings.MEDIA_ROOT = tmp_path / "media"
    furnish(world, tmp_path / "archives")
    people = {role: UserFactory(username=f"role-{n}", role=role) for n, role in enumerate(ROLES)}
    writer = people[WRITER]
    for status in (Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.UNPUBLISHED):
        ArticleFactory(status=status, published_at=None, created_by=writer).authors.add(writer)
    return people


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_is_in_french_for_each_role(newsroom, watch, role, tmp_path):
    client = client_for(newsroom[role])
    client.get(reverse("admin:index"))  # the session is French from the first page
    seen = 0
    for page in admin_pages(client, per_list=4):  # articles in several states
        watch.page = page
        # A browser set to English gets the French admin all the same.
        response = client.get(page, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert response.status_code in (200, 302, 403), (page, response.status_code)
        if response.status_code == 200:
            seen += 1
            content = response.content.decode()
            assert '<html lang="fr"' in content
            # Where the server keeps files (the archive imported above) is nobody's business.
            assert str(tmp_path) not in content, page
    assert seen >= 10
    report = [f"{message!r} on {sorted(pages)[:3]}" for message, pages in watch.missing.items()]
    assert not report, f"untranslated for the {role}:\n" + "\n".join(sorted(report))


def script_messages(path: Path) -> set[str]:
    """The messages a bundled script asks gettext for, read from its source map (the bundle
    itself renames gettext)."""
    text = path.read_text(encoding="utf-8")
    return set(re.findall(r'\bgettext\(\\"((?:[^"\\]|\\\\.)+)\\"\)', text))


def test_the_body_editor_and_admin_widgets_are_in_french(client, newsroom):
    import django_prose_editor

    client.force_login(newsroom[EDITOR])
    editor_catalog = client.get(reverse("editor_jsi18n"), HTTP_ACCEPT_LANGUAGE="fr").content
    admin_catalog = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    scripts = Path(django_prose_editor.__file__).parent / "static"
    asked = set().union(*(script_messages(p) for p in scripts.rglob("*.js.map")))
    assert asked, "the editor's scripts ask for no message: the pattern no longer matches"
    catalog = editor_catalog.decode()
    missing = sorted(m for m in asked if f'"{m}"' not in catalog and m not in SAME_IN_FRENCH)
    assert not missing, f"the body editor shows in English: {missing}"
    # The date and time widgets and filter_horizontal read Django's catalogue, in French.
    for message in ('"Available %s"', '"Today"', '"Now"', '"Choose a Date"'):
        assert message in admin_catalog
    assert '"Today": "Aujourd\'hui"' in admin_catalog


def test_page_titles_read_as_french(newsroom):
    writer, editor = client_for(newsroom[WRITER]), client_for(newsroom[EDITOR])

    def title(client, url):
        return lxml_html.fromstring(client.get(url).content.decode()).findtext(".//h1").strip()

    assert title(editor, reverse("admin:articles_article_add")) == "Nouvel article"
    assert title(editor, reverse("admin:articles_image_add")) == "Nouvelle image"
    assert title(editor, reverse("admin:articles_article_changelist")) == "Articles"
    in_review = Article.objects.filter(status=Article.Status.REVIEW).get()
    assert title(editor, reverse("admin:articles_article_change", args=[in_review.pk])) == (
        "Article"
    )
    published = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    assert title(writer, reverse("admin:articles_article_change", args=[published.pk])) == (
        "Article (lecture seule)"
    )


def test_authors_are_offered_by_their_full_name(newsroom):
    writer = newsroom[WRITER]
    writer.first_name, writer.last_name = "Wanda", "Lefèvre"
    writer.save()
    page = client_for(newsroom[EDITOR]).get(reverse("admin:articles_article_add"))
    form = lxml_html.fromstring(page.content.decode())
    options = form.xpath('//select[@name="authors"]/option/text()')
    assert "Wanda Lefèvre" in options
    assert writer.username not in options

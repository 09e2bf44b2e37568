import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article
from newsroom.demo import DEMO_DIR, DEMO_EDITOR
from teams.models import Championship, Manufacturer

pytestmark = pytest.mark.django_db

LEGACY_NAME = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")


@pytest.fixture
def demo(monkeypatch, settings, tmp_path):
    # The demo draws hero images: they go to a throwaway MEDIA_ROOT, not the checkout's.
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("DEMO_EDITOR_PASSWORD", "mot-de-passe-demo-2026")
    call_command("load_registry", verbosity=0)
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_texts_are_french_legacy_files_of_our_own():
    files = sorted((DEMO_DIR / "legacy").glob("*.txt"))
    assert len(files) >= 12
    for path in files:
        assert LEGACY_NAME.match(path.name), path.name
        text = path.read_text(encoding="utf-8")
        assert re.match(r"^ date \d{4}-\d{2}(-\d{2})? \S", text), path.name
        assert len(text.split()) > 150, path.name


def test_demo_is_published_and_linked_to_the_registry(demo):
    articles = Article.objects.published()
    assert articles.count() >= 12
    assert Article.objects.count() == articles.count()
    for article in articles:
        assert article.primary_championship is not None, article.title
        assert article.championships.exists(), article.title
        assert article.tags.exists(), article.title
    wtcr = Championship.objects.by_name("WTCR").get()
    alfa = Manufacturer.objects.by_name("Alfa Romeo").get()
    assert articles.filter(championships=wtcr, manufacturers=alfa).exists()


def test_demo_editor_can_log_in_to_the_admin(demo, client):
    assert f"“{DEMO_EDITOR}” with password: mot-de-passe-demo-2026" in demo
    assert client.login(username=DEMO_EDITOR, password="mot-de-passe-demo-2026")
    assert client.get("/admin/articles/article/").status_code == 200
    assert client.get("/admin/teams/championship/").status_code == 200
    assert not get_user_model().objects.get(username=DEMO_EDITOR).is_superuser


def test_loading_the_demo_twice_changes_nothing(demo):
    before = list(Article.objects.values_list("pk", "version", "primary_championship"))
    links = sum(a.championships.count() + a.tags.count() for a in Article.objects.all())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert list(Article.objects.values_list("pk", "version", "primary_championship")) == before
    assert sum(a.championships.count() + a.tags.count() for a in Article.objects.all()) == links
    assert "already exists" in out.getvalue()
    assert "mot-de-passe" not in out.getvalue()
    assert get_user_model().objects.filter(username=DEMO_EDITOR).count() == 1


def test_random_password_when_none_is_given(monkeypatch):
    from newsroom.demo import ensure_demo_editor

    monkeypatch.delenv("DEMO_EDITOR_PASSWORD", raising=False)
    user, password = ensure_demo_editor()
    assert len(password) >= 12
    assert user.check_password(password)
    assert ensure_demo_editor() == (user, None)


def test_the_demo_has_news_of_the_day_for_the_news_sitemap(demo, client):
    assert "news of the day: 2 created" in demo
    fresh = Article.objects.published().filter(byline="La rédaction")
    assert fresh.count() == 2
    sitemap = client.get("/sitemap-news.xml").content.decode()
    for article in fresh:
        assert article.hero_image is not None
        assert article.get_absolute_url() in sitemap
    bentley = Manufacturer.objects.by_name("Bentley").get()
    assert client.get(f"/constructeurs/{bentley.slug}/rss/").content.count(b"<item>") >= 2

"""French at the root, English under /en/, each page linking to itself in the other language."""

import pytest

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_site_is_french_whatever_the_browser_prefers(client):
    response = client.get("/championnats/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Championnats" in html


def test_english_pages_live_under_en_with_english_interface(client):
    html = client.get("/en/championnats/").content.decode()
    assert '<html lang="en"' in html
    assert ">Championships<" in html


def test_each_page_links_to_itself_in_the_other_language(client):
    article = ArticleFactory(title="Victoire à Monza")
    url = article.get_absolute_url()
    french = client.get(url).content.decode()
    assert f'href="/en{url}" hreflang="en"' in french
    english = client.get(f"/en{url}").content.decode()
    assert f'href="{url}" hreflang="fr"' in english
    assert "Victoire à Monza" in english  # the article itself stays in its own language


def test_the_language_menu_keeps_the_page_and_its_query(client):
    ArticleFactory.create_batch(2)
    html = client.get("/actualites/?page=2").content.decode()
    assert 'href="/en/actualites/?page=2"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/recherche/?q=%C3%A9preuve+de+Monza&langue=fr",
        "/championnats/?tri=nom",
        "/page-qui-n-existe-pas/",
    ],
)
def test_the_language_menu_gives_the_page_django_would_translate_to(client, path):
    from django.urls import translate_url

    html = client.get(path).content.decode()
    assert f'href="{translate_url(path, "en")}" hreflang="en"'.replace("&", "&amp;") in html

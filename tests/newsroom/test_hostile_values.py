"""No stored value can take a page down, and no URL an attacker types answers 500."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.services import share_preview
from articles.site.preview import preview_url
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# The first public payload that made strip_tags raise (../shared/data's XSS list).
BROKEN_MARKUP = '<![><img src="]><img src=x onerror=alert(39)//">'


def surfaces(article):
    return [
        "/",
        "/actualites/",
        "/en/",
        article.get_absolute_url(),
        "/flux/rss/",
        "/flux/atom/",
        "/sitemap-tags.xml",
        "/sitemap-news.xml",
        "/sitemap-articles.xml",
    ]


@pytest.mark.parametrize(
    ("name", "slug"),
    [("!!!", None), ("日本", "ri-ben"), ("Москва", "moskva"), ("Ελλάδα", "ellada")],
)
def test_a_tag_of_any_name_has_a_page_and_breaks_none(client, name, slug):
    article = ArticleFactory(tags=[name])
    tag = Tag.objects.get(name=name)
    assert tag.slug == slug if slug else tag.slug.startswith("tag-")
    for url in surfaces(article) + [reverse("articles:tag", args=[tag.slug])]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert name in client.get(reverse("articles:tag", args=[tag.slug])).content.decode()


def test_a_standfirst_of_broken_markup_breaks_no_page(client, rf):
    article = ArticleFactory(standfirst=BROKEN_MARKUP, title="Essais à Magny-Cours")
    for url in surfaces(article):
        assert client.get(url).status_code == 200, url
    draft = ArticleFactory(standfirst=BROKEN_MARKUP, draft=True, published_at=None)
    preview = client.get(preview_url(share_preview(article=draft, user=None)))
    assert preview.status_code == 200
    assert (
        "onerror"
        not in preview.content.decode().split("<body", 1)[1].replace("onerror=alert(39)//", "")
        or "&lt;" in preview.content.decode()
    )


@pytest.mark.parametrize(
    "url",
    [
        "/actualites/0000/",
        "/actualites/9999/",
        "/actualites/0001/01/",
        "/en/actualites/9999/12/",
        "/actualites/9999/12/un-titre/",
        "/actualites/99999/01/un-titre/",
    ],
)
def test_out_of_range_archive_years_are_not_found(client, url):
    ArticleFactory()
    assert client.get(url).status_code == 404


def test_a_tag_only_unpublished_articles_carry_answers_like_an_unknown_one(client):
    ArticleFactory(tags=["embargo-transfert"], draft=True)
    ArticleFactory(tags=["embargo-transfert"], scheduled=True)
    tag = Tag.objects.get(name="embargo-transfert")
    page = reverse("articles:tag", args=[tag.slug])
    assert client.get(page).status_code == 404
    assert client.get(f"{page}rss/").status_code == 404
    assert client.get(f"{page}atom/").status_code == 404
    assert client.get("/tags/inconnu/").status_code == 404
    ArticleFactory(tags=["embargo-transfert"])
    assert client.get(page).status_code == 200

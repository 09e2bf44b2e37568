"""Breadcrumbs: one trail, shown to readers and given to search engines alike."""

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from tests.articles.factories import ArticleFactory
from tests.conftest import make_articles

from .markup import read

pytestmark = pytest.mark.django_db


def trail_of(client, url):
    """The visible trail as (name, path), checked against the BreadcrumbList JSON-LD."""
    page = read(client.get(url))
    assert page.breadcrumb_labels == [gettext("Breadcrumb")]
    assert page.breadcrumb_lists == 1
    assert [crumb.current for crumb in page.breadcrumbs] == [False] * (
        len(page.breadcrumbs) - 1
    ) + [True]
    structured = page.structured("BreadcrumbList")["itemListElement"]
    assert [(item["position"], item["name"], item["item"]) for item in structured] == [
        (n, crumb.name, f"http://testserver{crumb.href}")
        for n, crumb in enumerate(page.breadcrumbs, start=1)
    ]
    return [(crumb.name, crumb.href) for crumb in page.breadcrumbs]


def test_article_trail_goes_through_its_series(client, world):
    (article,) = make_articles(world, 1, title="Victoire à Vila Real")
    assert trail_of(client, article.get_absolute_url()) == [
        ("Accueil", "/"),
        ("WTCR", "/championnats/wtcr/"),
        ("Victoire à Vila Real", article.get_absolute_url()),
    ]


def test_article_without_series_goes_through_the_news(client):
    article = ArticleFactory(title="Brève")
    assert trail_of(client, article.get_absolute_url())[1] == ("Actualités", "/actualites/")


def test_hub_trails(client, world):
    make_articles(world, 1)
    assert trail_of(client, "/championnats/wtcr/") == [
        ("Accueil", "/"),
        ("Championnats", "/championnats/"),
        ("WTCR", "/championnats/wtcr/"),
    ]
    assert trail_of(client, "/constructeurs/alfa-romeo/")[1:] == [
        ("Constructeurs", "/constructeurs/"),
        ("Alfa Romeo", "/constructeurs/alfa-romeo/"),
    ]
    assert trail_of(client, "/equipes/team-mulsanne/")[-1] == (
        "Team Mulsanne",
        "/equipes/team-mulsanne/",
    )
    assert trail_of(client, "/pilotes/kevin-ceccon/")[-1] == (
        "Kevin Ceccon",
        "/pilotes/kevin-ceccon/",
    )


def test_list_tag_and_archive_trails(client, world):
    make_articles(world, 1)
    now = timezone.localtime()
    assert trail_of(client, "/championnats/") == [
        ("Accueil", "/"),
        ("Championnats", "/championnats/"),
    ]
    assert trail_of(client, "/actualites/") == [("Accueil", "/"), ("Actualités", "/actualites/")]
    assert trail_of(client, "/tags/tourisme/")[-1] == ("tourisme", "/tags/tourisme/")
    month = f"/actualites/{now.year}/{now.month:02d}/"
    assert [path for _name, path in trail_of(client, month)] == [
        "/",
        "/actualites/",
        "/actualites/archives/",
        f"/actualites/{now.year}/",
        month,
    ]


def test_author_trail(client, django_user_model):
    author = django_user_model.objects.create_user("x", first_name="Léa", last_name="Roux")
    ArticleFactory().authors.add(author)
    assert trail_of(client, "/auteurs/lea-roux/")[1:] == [
        (gettext("Authors"), "/auteurs/"),
        ("Léa Roux", "/auteurs/lea-roux/"),
    ]


def test_the_home_page_has_no_trail(client, world):
    page = read(client.get("/"))
    assert page.breadcrumbs == []
    assert "BreadcrumbList" not in [data["@type"] for data in page.json_ld]

"""Every public page costs the same number of queries for 1 article as for 30."""

import pytest
from django.utils import timezone

from articles.models import Article
from tests.conftest import make_articles

pytestmark = pytest.mark.django_db

# Each budget includes the two queries of the HTTP validators (newsroom/freshness.py): the
# site's generation, read on every request, and the summary of the visible articles, made on
# the first request after a change, as here.
PAGES = [
    ("/", 13),
    ("/actualites/", 9),
    ("/championnats/", 5),
    ("/championnats/wtcr/", 12),
    ("/constructeurs/", 5),
    ("/constructeurs/alfa-romeo/", 13),
    ("/equipes/", 5),
    ("/equipes/team-mulsanne/", 12),
    ("/pilotes/", 5),
    ("/pilotes/kevin-ceccon/", 12),
    ("/tags/tourisme/", 10),
    ("/actualites/archives/", 5),
    ("/auteurs/", 6),
]


@pytest.mark.parametrize(("url", "budget"), PAGES)
def test_list_pages_have_a_fixed_query_budget(
    client, world, django_assert_max_num_queries, url, budget
):
    make_articles(world, 1)
    with django_assert_max_num_queries(budget):
        small = client.get(url)
    make_articles(world, 29)
    with django_assert_max_num_queries(budget):
        large = client.get(url)
    assert small.status_code == large.status_code == 200


# The article page's 13 plus: its authors, their public names (articles/site/bylines.py), the
# related articles' scoring query (articles/site/related.py) and their tags.
ARTICLE_BUDGET = 18


def test_article_page_has_a_fixed_query_budget(
    client, world, django_user_model, django_assert_max_num_queries
):
    author = django_user_model.objects.create_user("x", first_name="Léa", last_name="Roux")
    (article,) = make_articles(world, 1)
    article.authors.add(author)
    make_articles(world, 1)
    with django_assert_max_num_queries(ARTICLE_BUDGET):
        assert client.get(article.get_absolute_url()).status_code == 200
    make_articles(world, 29)
    with django_assert_max_num_queries(ARTICLE_BUDGET):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_archive_pages_have_a_fixed_query_budget(client, world, django_assert_max_num_queries):
    make_articles(world, 1)
    now = timezone.localtime()
    year, month = f"/actualites/{now.year}/", f"/actualites/{now.year}/{now.month:02d}/"
    for count in (3, 30):
        make_articles(world, count - len(Article.objects.all()))
        with django_assert_max_num_queries(6):
            assert client.get(year).status_code == 200
        # The month's existence, count, page and its prefetches, the months around it.
        with django_assert_max_num_queries(10):
            assert client.get(month).status_code == 200

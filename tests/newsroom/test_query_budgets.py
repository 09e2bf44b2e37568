"""Every public page costs the same number of queries for 1 article as for 30."""

import pytest

from .conftest import make_articles

pytestmark = pytest.mark.django_db

# Each budget includes the one query that summarises the visible articles for the HTTP
# validators (newsroom/freshness.py): it runs on the first request after a change, as here.
PAGES = [
    ("/", 12),
    ("/actualites/", 8),
    ("/championnats/", 4),
    ("/championnats/wtcr/", 11),
    ("/constructeurs/", 4),
    ("/constructeurs/alfa-romeo/", 12),
    ("/equipes/", 4),
    ("/equipes/team-mulsanne/", 11),
    ("/pilotes/", 4),
    ("/pilotes/kevin-ceccon/", 11),
    ("/tags/tourisme/", 9),
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


def test_article_page_has_a_fixed_query_budget(client, world, django_assert_max_num_queries):
    (article,) = make_articles(world, 1)
    with django_assert_max_num_queries(13):
        assert client.get(article.get_absolute_url()).status_code == 200

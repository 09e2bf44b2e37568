"""Every public page costs the same number of queries for 1 article as for 30."""

import pytest

from .conftest import make_articles

pytestmark = pytest.mark.django_db

PAGES = [
    ("/", 11),
    ("/actualites/", 7),
    ("/championnats/", 3),
    ("/championnats/wtcr/", 10),
    ("/constructeurs/", 3),
    ("/constructeurs/alfa-romeo/", 11),
    ("/equipes/", 3),
    ("/equipes/team-mulsanne/", 10),
    ("/pilotes/", 3),
    ("/pilotes/kevin-ceccon/", 10),
    ("/tags/tourisme/", 8),
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
    with django_assert_max_num_queries(12):
        assert client.get(article.get_absolute_url()).status_code == 200

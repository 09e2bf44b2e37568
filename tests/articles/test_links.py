"""articles/models/links.py: everything a page's articles link to, read in one query."""

import pytest

from articles.models import Article
from articles.models.links import attach_links
from articles.site.views import DETAIL
from tests.conftest import make_articles

pytestmark = pytest.mark.django_db


def test_a_list_of_articles_reads_its_tags_in_one_query(world, django_assert_num_queries):
    make_articles(world, 5)
    with django_assert_num_queries(2):  # the articles, then their tags
        articles = list(Article.objects.for_listing())
        tags = [[tag.name for tag in article.tags.all()] for article in articles]
        assert all(article.tags.count() == 3 for article in articles)
    assert {tuple(sorted(names)) for names in tags} == {
        ("manche 0", "titre", "tourisme"),
        ("manche 1", "titre", "tourisme"),
        ("manche 2", "titre", "tourisme"),
        ("manche 3", "titre", "tourisme"),
        ("manche 4", "titre", "tourisme"),
    }


def test_read_links_asked_for_more_ask_the_database_through_the_relation(world):
    make_articles(world, 2)
    article = Article.objects.for_listing().first()
    names = sorted(tag.name for tag in article.tags.all())
    # Not the tags of every article: the filter applies to this article's.
    assert sorted(t.name for t in article.tags.filter(name__startswith="t")) == [
        "titre",
        "tourisme",
    ]
    assert list(article.tags.order_by("name").values_list("name", flat=True)) == names


def test_an_article_page_reads_every_link_of_its_article_in_one_query(
    world, django_user_model, django_assert_num_queries
):
    (article,) = make_articles(world, 1)
    author = django_user_model.objects.create_user("lr", first_name="Léa", last_name="Roux")
    article.authors.add(author)
    article.cars.add(world["giulietta"])
    article = Article.objects.for_detail().get(pk=article.pk)
    with django_assert_num_queries(1):
        linked = attach_links({relation: [article] for relation in DETAIL})
        assert [c.slug for c in article.championships.all()] == ["wtcr"]
        assert [str(car) for car in article.cars.all()] == ["Alfa Romeo Giulietta TCR"]
        assert [(a.first_name, a.last_name) for a in article.authors.all()] == [("Léa", "Roux")]
        assert list(article.corrections.all()) == []
    assert (author.pk, "Léa", "Roux") in linked.people

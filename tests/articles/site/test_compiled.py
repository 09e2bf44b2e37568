"""The article page's reads with SQL compiled once (articles/site/compiled.py) give what the
ORM's querysets give: the same articles, columns and related rows, at any moment asked."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, RelatedList
from articles.site import compiled
from tests.articles.factories import ArticleFactory
from tests.articles.site.test_metadata import hero, media_root  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def shown(article: Article, joins=("primary_championship", "hero_image")) -> dict:
    """Every value the instance holds without a query: its columns and its joined rows."""
    deferred = article.get_deferred_fields()
    values = {
        field.attname: getattr(article, field.attname)
        for field in Article._meta.concrete_fields
        if field.attname not in deferred
    }
    joined = {}
    for relation in joins:
        try:
            row = getattr(article, relation)
        except RelatedList.DoesNotExist:
            joined[relation] = "none"
            continue
        joined[relation] = row and {
            "deferred": row.get_deferred_fields(),
            **{
                field.attname: getattr(row, field.attname)
                for field in row._meta.concrete_fields
                if field.attname not in row.get_deferred_fields()
            },
        }
    return {"deferred": deferred, "values": values, "joined": joined}


DETAIL_JOINS = ("primary_championship", "hero_image", "related_list")
EDITORS_ONLY = {
    "flags",
    "imported_links",
    "dismissed_links",
    "legacy_id",
    "source_file",
    "content_hash",
    "import_batch_id",
    "created_by_id",
    "version",
    "created_at",
    "updated_at",
}


@pytest.fixture
def articles(world):
    picture = hero(size=(640, 360))
    made = [
        ArticleFactory(primary_championship=world["wtcr"], hero_image=picture),
        ArticleFactory(title="Sans série ni image"),
        ArticleFactory(title="Brouillon", draft=True),
        ArticleFactory(title="Programmé", scheduled=True),
        ArticleFactory(title="Dépublié", unpublished=True),
    ]
    RelatedList.objects.create(article=made[0], ids=[made[1].pk], made_at=timezone.now())
    return made


def test_cards_are_the_querysets_cards_with_their_series_and_picture_read_in_one_query(
    articles, django_assert_num_queries
):
    ids = [article.pk for article in articles]
    now = timezone.now()
    with django_assert_num_queries(1):
        cards = {card.pk: shown(card) for card in compiled.CARDS.rows(now=now, ids=ids)}
    expected = Article.objects.published().filter(pk__in=ids).cards()
    assert cards == {card.pk: shown(card) for card in expected}
    assert len(cards) == 2
    # A card reads what cards show: not the body, nor the editors' and the import's columns.
    assert cards[ids[0]]["deferred"] == {"body", *EDITORS_ONLY}
    assert cards[ids[0]]["joined"]["primary_championship"]["deferred"] == {"aliases"}
    # Any number of ids, none included.
    assert [c.pk for c in compiled.CARDS.rows(now=now, ids=ids[1:2])] == [ids[1]]
    assert compiled.CARDS.rows(now=now, ids=[]) == []


def test_the_article_is_the_querysets_by_slug_with_its_kept_ranking(
    articles, django_assert_num_queries
):
    now = timezone.now()
    for article in articles:
        with django_assert_num_queries(1):
            found = compiled.DETAIL.rows(now=now, slug=article.slug)
            found = [shown(a, DETAIL_JOINS) for a in found]
        expected = Article.objects.published().for_detail().filter(slug=article.slug)
        assert found == [shown(a, DETAIL_JOINS) for a in expected], article.title
        assert all(a["deferred"] == EDITORS_ONLY for a in found)
    (first,) = compiled.DETAIL.rows(now=now, slug=articles[0].slug)
    assert first.related_list.ids == [articles[1].pk]
    (second,) = compiled.DETAIL.rows(now=now, slug=articles[1].slug)
    assert shown(second, DETAIL_JOINS)["joined"] == {
        "primary_championship": None,
        "hero_image": None,
        "related_list": "none",
    }
    assert compiled.DETAIL.rows(now=now, slug="introuvable") == []


def test_the_moment_asked_decides_what_is_published(articles):
    scheduled = articles[3]
    before, after = scheduled.published_at - timedelta(seconds=1), scheduled.published_at
    assert compiled.DETAIL.rows(now=before, slug=scheduled.slug) == []
    assert compiled.CARDS.rows(now=before, ids=[scheduled.pk]) == []
    assert [a.pk for a in compiled.DETAIL.rows(now=after, slug=scheduled.slug)] == [scheduled.pk]
    assert [a.pk for a in compiled.CARDS.rows(now=after, ids=[scheduled.pk])] == [scheduled.pk]

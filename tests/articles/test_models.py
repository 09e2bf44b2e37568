from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article, unique_slug
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_shows_only_published_articles_whose_time_has_come():
    visible = ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(in_review=True)
    ArticleFactory(unpublished=True)
    ArticleFactory(scheduled=True)
    assert list(Article.objects.published()) == [visible]


@pytest.mark.parametrize(
    ("traits", "expected"),
    [
        ({}, True),
        ({"draft": True}, False),
        ({"in_review": True}, False),
        ({"unpublished": True}, False),
        ({"scheduled": True}, False),
    ],
)
def test_is_published_agrees_with_the_queryset(traits, expected):
    article = ArticleFactory(**traits)
    assert article.is_published() is expected
    assert Article.objects.published().filter(pk=article.pk).exists() is expected


def test_scheduled_article_appears_when_its_time_comes():
    article = ArticleFactory(published_at=timezone.now() + timedelta(seconds=1))
    assert article.is_scheduled
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert Article.objects.published().get() == article


def test_published_article_needs_a_date():
    with pytest.raises(IntegrityError):
        ArticleFactory(published_at=None)


def test_full_clean_explains_a_published_article_without_date():
    article = ArticleFactory.build(published_at=None)
    with pytest.raises(ValidationError, match="doit avoir une date de publication"):
        article.full_clean()


def test_legacy_id_is_unique_but_may_be_empty():
    ArticleFactory(legacy_id="")
    ArticleFactory(legacy_id="")
    ArticleFactory(legacy_id="000_6d0ae2bd49ce17cf")
    with pytest.raises(IntegrityError):
        ArticleFactory(legacy_id="000_6d0ae2bd49ce17cf")


def test_body_is_sanitised_on_every_save():
    article = ArticleFactory(body='<p onclick="x()">Texte<script>alert(1)</script></p>')
    article.refresh_from_db()
    assert article.body == "<p>Texte</p>"


def test_slug_is_derived_and_kept_unique():
    first = ArticleFactory(title="Victoire d'Alfa Romeo à Monza", slug="")
    second = ArticleFactory(title="Victoire d'Alfa Romeo à Monza", slug="")
    assert first.slug == "victoire-dalfa-romeo-a-monza"
    assert second.slug == "victoire-dalfa-romeo-a-monza-2"
    assert unique_slug("Victoire d'Alfa Romeo à Monza") == "victoire-dalfa-romeo-a-monza-3"


def test_every_save_bumps_the_version():
    article = ArticleFactory()
    assert article.version == 1
    article.title = "Titre corrigé"
    article.save()
    article.refresh_from_db()
    assert article.version == 2


def test_url_uses_the_paris_month_of_publication():
    # 23:30 UTC on 31 January is already February in Paris.
    article = ArticleFactory(slug="nuit", published_at=datetime(2019, 1, 31, 23, 30, tzinfo=UTC))
    assert article.get_absolute_url() == "/actualites/2019/02/nuit/"


def test_tags_are_typed_with_commas_so_a_tag_may_hold_spaces():
    from articles.tagging import split_tags

    assert split_tags("fin de saison") == ["fin de saison"]
    assert split_tags('tourisme, "fin de saison" ,, titre') == [
        "fin de saison",
        "titre",
        "tourisme",
    ]


def test_publication_time_is_valid_html_whatever_its_microseconds():
    from articles.templatetags.article_tags import publication_date

    article = Article(published_at=datetime(2026, 11, 24, 12, 1, 41, 706901, tzinfo=UTC))
    assert 'datetime="2026-11-24T13:01:41+01:00"' in publication_date(article)

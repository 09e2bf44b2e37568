import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag, TaggedItem

from articles.models import Article, AuditEntry
from articles.services.tags import merge_tags, rename_tag, tag_usage
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def tag_names(article):
    return sorted(Article.objects.get(pk=article.pk).tags.names())


def test_merge_moves_every_article_to_the_kept_tag_once(editor):
    only_wtcr = ArticleFactory(tags=["WTCR"])
    only_cup = ArticleFactory(tags=["World Touring Car Cup", "Monza"])
    both = ArticleFactory(tags=["WTCR", "World Touring Car Cup"])
    all_three = ArticleFactory(tags=["WTCR", "World Touring Car Cup", "FIA WTCR"])
    untouched = ArticleFactory(tags=["Monza"])
    sources = list(Tag.objects.filter(name__in=["WTCR", "FIA WTCR"]))
    into = Tag.objects.get(name="World Touring Car Cup")

    retagged = merge_tags(sources=sources, into=into, user=editor)

    assert retagged == 3  # only_wtcr, both and all_three carried a source tag
    assert tag_names(only_wtcr) == ["World Touring Car Cup"]
    assert tag_names(only_cup) == ["Monza", "World Touring Car Cup"]
    assert tag_names(both) == ["World Touring Car Cup"]
    assert tag_names(all_three) == ["World Touring Car Cup"]
    assert tag_names(untouched) == ["Monza"]
    assert TaggedItem.objects.filter(tag=into).count() == 4
    assert not Tag.objects.filter(name__in=["WTCR", "FIA WTCR"]).exists()


def test_merge_of_two_sources_on_one_article_without_the_kept_tag(editor):
    article = ArticleFactory(tags=["Rallye", "Rally"])
    into = Tag.objects.create(name="WRC")

    merge_tags(sources=Tag.objects.filter(name__in=["Rallye", "Rally"]), into=into, user=editor)

    assert tag_names(article) == ["WRC"]


def test_merge_is_recorded_in_the_audit_trail(editor):
    ArticleFactory.create_batch(2, tags=["GT3"])
    ArticleFactory(tags=["GT 3", "GT3"])
    into = Tag.objects.get(name="GT3")

    merge_tags(sources=[Tag.objects.get(name="GT 3")], into=into, user=editor)

    entry = AuditEntry.objects.editorial().get()
    assert entry.action == AuditEntry.Action.TAG_MERGE
    assert entry.user == editor
    assert entry.object_repr == "GT 3 → GT3"
    assert entry.detail == "« GT 3 » → « GT3 », 1 article"


def test_merge_leaves_the_articles_themselves_alone(editor):
    article = ArticleFactory(tags=["Endurance"])
    before = Article.objects.values("updated_at", "version").get(pk=article.pk)
    into = Tag.objects.create(name="WEC")

    merge_tags(sources=[Tag.objects.get(name="Endurance")], into=into, user=editor)

    assert Article.objects.values("updated_at", "version").get(pk=article.pk) == before


def test_a_tag_cannot_be_merged_into_itself(editor):
    ArticleFactory(tags=["Dakar"])
    dakar = Tag.objects.get(name="Dakar")

    with pytest.raises(ValidationError):
        merge_tags(sources=[dakar], into=dakar, user=editor)

    assert TaggedItem.objects.filter(tag=dakar).count() == 1
    assert not AuditEntry.objects.editorial().exists()


def merge_queries(count: int, user) -> int:
    user = type(user).objects.get(pk=user.pk)  # a fresh login: its rights are read again
    articles = ArticleFactory.create_batch(count, tags=["Rallye"])
    for article in articles[::2]:  # half of them already carry the kept tag
        article.tags.add("Rallye-raid")
    sources = list(Tag.objects.filter(name="Rallye"))
    into = Tag.objects.get(name="Rallye-raid")
    with CaptureQueriesContext(connection) as queries:
        assert merge_tags(sources=sources, into=into, user=user) == count
    assert TaggedItem.objects.filter(tag=into).count() == count
    Tag.objects.all().delete()
    return len(queries)


def test_merge_costs_the_same_queries_for_3_or_30_articles(editor):
    assert merge_queries(3, editor) == merge_queries(30, editor)


def test_rename_changes_name_and_slug_and_is_audited(editor):
    article = ArticleFactory(tags=["Equipe de France"])
    tag = Tag.objects.get(name="Equipe de France")

    renamed = rename_tag(tag=tag, new_name="  Équipe   de France ", user=editor)

    assert (renamed.name, renamed.slug) == ("Équipe de France", "equipe-de-france")
    assert tag_names(article) == ["Équipe de France"]
    entry = AuditEntry.objects.editorial().get()
    assert entry.action == AuditEntry.Action.TAG_RENAME
    assert entry.detail == "« Equipe de France » → « Équipe de France », 1 article"


def test_rename_gives_a_slug_no_other_tag_uses(editor):
    Tag.objects.create(name="Rallye !", slug="rallye")
    tag = Tag.objects.create(name="Ralye")

    renamed = rename_tag(tag=tag, new_name="Rallye", user=editor)

    assert renamed.slug == "rallye_1"


def test_rename_to_a_name_another_tag_has_is_refused_and_points_to_merge(editor):
    ArticleFactory(tags=["Formule 1"])
    tag = Tag.objects.create(name="F1")

    with pytest.raises(ValidationError) as refusal:
        rename_tag(tag=tag, new_name="formule 1", user=editor)

    assert refusal.value.error_list[0].code == "tag_exists"
    assert "Formule 1" in refusal.value.messages[0]
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["F1", "Formule 1"]
    assert not AuditEntry.objects.editorial().exists()


def test_rename_only_changing_case_is_allowed(editor):
    tag = Tag.objects.create(name="wtcr")

    assert rename_tag(tag=tag, new_name="WTCR", user=editor).name == "WTCR"


def test_rename_refuses_a_comma(editor):
    tag = Tag.objects.create(name="Le Mans")

    with pytest.raises(ValidationError):
        rename_tag(tag=tag, new_name="Le Mans, 24 Heures", user=editor)

    assert Tag.objects.get(pk=tag.pk).name == "Le Mans"


def test_usage_counts_articles_and_only_visible_ones_as_published():
    ArticleFactory.create_batch(2, tags=["Pikes Peak"])
    ArticleFactory(tags=["Pikes Peak"], draft=True)
    ArticleFactory(tags=["Pikes Peak"], scheduled=True)
    ArticleFactory(tags=["Goodwood"], draft=True)

    usage = {tag.name: (tag.article_count, tag.published_count) for tag in tag_usage()}

    assert usage == {"Pikes Peak": (4, 2), "Goodwood": (1, 0)}

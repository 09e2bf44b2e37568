"""The services as the admin and the command line call them: what each one records."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, AuditEntry, Revision
from articles.services import EditRefused, delete_articles, merge_tags, save_article, transition
from newsroom.search import search
from tests.articles.factories import ArticleFactory
from tests.articles.roles import client_for

pytestmark = pytest.mark.django_db


def test_the_chief_deletes_an_article_from_the_admin_and_it_leaves_every_public_surface(
    chief, client
):
    article = ArticleFactory(title="Victoire à Zolder")
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    desk = client_for(chief)
    delete = reverse("admin:articles_article_delete", args=[article.pk])
    assert desk.post(delete, {"post": "yes"}).status_code == 302
    assert not Article.objects.exists()
    assert client.get(url).status_code == 404
    assert "Victoire à Zolder" not in client.get("/").content.decode()
    assert search("Zolder").hits == []
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DELETE)
    assert entry.user == chief and entry.object_repr == "Victoire à Zolder"


def test_an_editor_cannot_delete_articles(editor):
    article = ArticleFactory()
    with pytest.raises(PermissionDenied):
        delete_articles(articles=[article], user=editor)
    assert Article.objects.filter(pk=article.pk).exists()


def test_a_writer_cannot_merge_tags_through_the_service(writer):
    ArticleFactory(tags=["rallye", "Rallye-raid"])
    with pytest.raises(PermissionDenied):
        merge_tags(
            sources=[Tag.objects.get(name="rallye")],
            into=Tag.objects.get(name="Rallye-raid"),
            user=writer,
        )
    assert Tag.objects.count() == 2


def test_a_command_line_publication_is_recorded_like_an_editors(client):
    article = save_article(article=Article(title="Annonce du calendrier"), user=None).article
    assert article.slug == "annonce-du-calendrier"
    transition(article=article, name="publish", user=None)
    article.refresh_from_db()
    assert article.is_published()
    assert [e.action for e in article.audit_entries.order_by("pk")] == ["create", "publish"]
    assert article.revisions.filter(kind=Revision.Kind.WORKFLOW).count() == 1
    assert "Annonce du calendrier" in client.get("/").content.decode()


def test_a_save_refused_for_its_version_changes_nothing(editor):
    article = ArticleFactory(title="Avant")
    article.title = "Après"
    with pytest.raises(EditRefused) as refused:
        save_article(article=article, user=editor, loaded_version=article.version - 1)
    assert refused.value.code == "conflict"
    article.refresh_from_db()
    assert article.title == "Avant"

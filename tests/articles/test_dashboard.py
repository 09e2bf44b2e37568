"""The admin home is the newsroom's dashboard: counts and links for what waits for each role."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ImportBatch, UnknownName
from tests.articles.factories import ArticleFactory
from tests.articles.roles import client_for

pytestmark = pytest.mark.django_db


def tiles(page: str) -> dict[str, tuple[int, str]]:
    found = re.findall(
        r'<a href="([^"]+)"><span class="desk__count">(\d+)</span> '
        r'<span class="desk__label">([^<]+)</span>',
        page,
    )
    return {label: (int(count), url.replace("&amp;", "&")) for url, count, label in found}


@pytest.fixture
def desk(writer, editor):
    now = timezone.now()
    ArticleFactory.create_batch(2, draft=True, published_at=None, created_by=writer)
    ArticleFactory(draft=True, published_at=None, created_by=editor)
    ArticleFactory(status=Article.Status.REVIEW, published_at=None, created_by=writer)
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=now + timedelta(minutes=5))
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=now + timedelta(days=3))
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=now - timedelta(days=1))
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=now - timedelta(days=30))
    ArticleFactory(draft=True, published_at=None, flags=["title_to_review"])
    name = UnknownName.objects.create(name="Jean Dupont", key="jean dupont")
    name.mentions.create(article=Article.objects.first(), excerpt="Jean Dupont…")


def test_a_writer_sees_their_drafts_and_submissions(writer, desk):
    found = tiles(client_for(writer).get("/admin/").content.decode())
    assert found["Mes brouillons"] == (2, "/admin/articles/article/?workflow=mine")
    assert found["Mes articles en relecture"][0] == 1
    assert "Noms inconnus" not in found
    assert "Titres à relire" in found  # their own only: none of the imported ones
    assert found["Titres à relire"][0] == 0


def test_an_editor_sees_review_schedule_publication_titles_and_names(editor, desk):
    page = client_for(editor).get("/admin/").content.decode()
    found = tiles(page)
    assert found["Mes brouillons"][0] == 1
    assert found["En attente de relecture"] == (1, "/admin/articles/article/?workflow=review")
    assert found["Programmés aujourd’hui"][0] in (0, 1)  # 1 unless the test runs at midnight
    assert found["Programmés cette semaine"][0] == 2
    assert found["Publiés ces 7 derniers jours"][0] == 1
    assert found["Titres à relire"] == (1, "/admin/articles/article/titles/")
    assert found["Noms inconnus"] == (1, "/admin/articles/unknownname/")
    assert "Derniers imports" not in page  # the chief editor's


def test_the_chief_editor_also_sees_the_last_imports_and_their_failures(chief, desk):
    batch = ImportBatch.objects.create(
        source="archives 2019",
        status=ImportBatch.Status.FINISHED,
        summary={"files": 12, "created": 10, "failed": 2},
    )
    page = client_for(chief).get("/admin/").content.decode()
    assert "Derniers imports" in page
    assert f"?batch__id__exact={batch.pk}&amp;outcome__exact=failed" in page


def test_the_dashboard_costs_the_same_queries_whatever_the_archive(chief, desk):
    client = client_for(chief)
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    ArticleFactory.create_batch(20, draft=True, published_at=None, created_by=chief)
    for n in range(5):
        ImportBatch.objects.create(source=f"lot {n}", summary={"failed": n})
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/")
    assert len(many) == len(few)

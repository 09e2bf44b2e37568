"""No traps on the way to publication: the checklist, the read-only view, the article list."""

import re

import pytest
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Article, Image
from tests.articles.factories import ArticleFactory
from tests.articles.roles import article_form, client_for

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def checklist(page: str) -> dict[str, str]:
    items = re.findall(
        r'data-check="(\w+)">\s*<span class="prepublish__state"[^>]*>([^<]+)</span>', page
    )
    return dict(items)


@pytest.fixture
def picture(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    PILImage.new("RGB", (40, 20), (200, 30, 30)).save(tmp_path / "images" / "p.jpg", "JPEG")
    return Image.objects.create(file="images/p.jpg", alt_text="Le podium", credit="")


def test_the_checklist_shows_what_is_missing_before_publishing(editor, picture):
    article = ArticleFactory(
        draft=True, published_at=None, standfirst="", hero_image=picture, flags=["title_to_review"]
    )
    page = client_for(editor).get(change_url(article)).content.decode()

    assert "Avant publication" in page
    assert checklist(page) == {
        "date": "Fait",
        "standfirst": "À vérifier",
        "primary_championship": "À vérifier",
        "hero_image": "Fait",
        "hero_alt_text": "Fait",
        "hero_credit": "À vérifier",
        "title_reviewed": "À vérifier",
    }


def test_advice_does_not_stop_an_editor_from_publishing(editor):
    article = ArticleFactory(draft=True, published_at=None, standfirst="")
    response = client_for(editor).post(
        change_url(article), article_form(article, workflow="publish")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_published()


def test_an_undated_text_blocks_publication_until_it_is_dated(editor):
    article = ArticleFactory(draft=True, published_at=None, flags=["no_date"])
    client = client_for(editor)
    page = client.get(change_url(article)).content.decode()
    assert checklist(page)["date"] == "Bloque la publication"

    response = client.post(change_url(article), article_form(article, workflow="publish"))
    assert "n’a pas de date dans sa source" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_a_hero_image_without_alternative_text_blocks_publication(editor, picture):
    Image.objects.filter(pk=picture.pk).update(alt_text="")
    article = ArticleFactory(draft=True, published_at=None, hero_image=picture)
    response = client_for(editor).post(
        change_url(article), article_form(article, workflow="publish", hero_image=picture.pk)
    )
    assert "ne peut pas encore être publié" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_writers_see_no_checklist_they_cannot_publish(writer):
    article = ArticleFactory(draft=True, published_at=None, created_by=writer)
    page = client_for(writer).get(change_url(article)).content.decode()
    assert "Avant publication" not in page


def test_someone_who_may_only_read_an_article_reads_its_body_not_its_html(writer, editor):
    article = ArticleFactory(
        status=Article.Status.REVIEW,
        published_at=None,
        created_by=editor,
        body="<p>Premier <strong>paragraphe</strong>.</p><p>Second.</p>",
    )
    page = client_for(writer).get(change_url(article)).content.decode()
    assert (
        '<div class="article-readonly-body"><p>Premier <strong>paragraphe</strong>.</p>'
        "<p>Second.</p></div>"
    ) in page
    assert "&lt;p&gt;" not in page


def test_the_article_list_shows_status_primary_championship_date_and_authors(editor, writer, world):
    writer.first_name, writer.last_name = "Wanda", "Lefèvre"
    writer.save()
    article = ArticleFactory(primary_championship=world["wtcr"])
    article.authors.set([writer])
    page = client_for(editor).get(reverse("admin:articles_article_changelist")).content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', page)
    assert headers == [
        "title",
        "status_badge",
        "championship",
        "publication",
        "author_names",
    ]
    assert '<td class="field-author_names">Wanda Lefèvre</td>' in page

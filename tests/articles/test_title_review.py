"""Titles to review: imported headlines corrected in place and marked reviewed."""

import pytest
from django.urls import reverse

from articles.models import Article, Revision
from tests.articles.factories import ArticleFactory
from tests.articles.roles import article_form, client_for

pytestmark = pytest.mark.django_db

URL = "/admin/articles/article/titles/"


@pytest.fixture
def imported(db):
    return [
        ArticleFactory(
            draft=True,
            published_at=None,
            title=f"Titre dérivé {n}",
            standfirst=f"Chapô {n}.",
            flags=["title_to_review"],
        )
        for n in range(3)
    ]


def post(client, article, **fields):
    prefix = f"a{article.pk}"
    data = {
        "article": article.pk,
        f"{prefix}-title": article.title,
        f"{prefix}-standfirst": article.standfirst,
        f"{prefix}-loaded_version": article.version,
    }
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return client.post(URL, data, follow=True)


def test_the_queue_lists_flagged_articles_with_their_title_and_standfirst(editor, imported):
    ArticleFactory(title="Titre écrit par la rédaction")
    page = client_for(editor).get(URL).content.decode()
    assert "3 articles importés ont un titre tiré de leur texte." in page
    for article in imported:
        assert f'value="{article.title}"' in page
    assert "Titre écrit par la rédaction" not in page


def test_an_editor_fixes_a_title_and_it_leaves_the_queue_with_a_revision(editor, imported):
    article = imported[0]
    response = post(
        client_for(editor), article, title="Bonnefoy revient en course", standfirst="Enfin."
    )

    assert "« Bonnefoy revient en course » relu" in response.content.decode()
    article.refresh_from_db()
    assert (article.title, article.standfirst) == ("Bonnefoy revient en course", "Enfin.")
    assert "title_to_review" not in article.flags
    assert Revision.objects.filter(article=article, created_by=editor).exists()
    assert 'value="Bonnefoy revient en course"' not in response.content.decode()  # gone


def test_marking_reviewed_without_changes_also_empties_the_row(editor, imported):
    post(client_for(editor), imported[1])
    imported[1].refresh_from_db()
    assert imported[1].flags == []
    assert imported[1].title == "Titre dérivé 1"


def test_a_stale_row_is_refused_and_loses_nothing(editor, imported):
    article = imported[0]
    stale_version = article.version
    article.title = "Changé ailleurs"
    article.save()
    response = post(client_for(editor), article, title="Ma version", loaded_version=stale_version)
    assert "Quelqu’un d’autre a enregistré" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Changé ailleurs"
    assert "title_to_review" in article.flags


def test_an_empty_title_is_refused_with_a_message(editor, imported):
    response = post(client_for(editor), imported[2], title="   ")
    assert "n’a pas été enregistré" in response.content.decode()
    imported[2].refresh_from_db()
    assert imported[2].title == "Titre dérivé 2"


def test_rewriting_the_title_in_the_article_form_reviews_it(editor, imported):
    article = imported[0]
    client_for(editor).post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(article, title="Un vrai titre", flags=None),
    )
    article.refresh_from_db()
    assert article.title == "Un vrai titre"
    assert article.flags == []


def test_writers_only_see_the_titles_of_their_own_drafts(writer, imported):
    own = ArticleFactory(
        draft=True, published_at=None, created_by=writer, flags=["title_to_review"]
    )
    page = client_for(writer).get(URL).content.decode()
    assert f'value="{own.title}"' in page
    assert "Titre dérivé 0" not in page
    assert post(client_for(writer), imported[0]).status_code == 200
    imported[0].refresh_from_db()
    assert "title_to_review" in imported[0].flags
    assert Article.objects.filter(flags__icontains="title_to_review").count() == 4

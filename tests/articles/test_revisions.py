"""Revisions on every save, readable diffs, restore; conflicting saves never lose a word."""

import pytest
from django.urls import reverse

from articles import revisions
from articles.models import Article, Revision
from tests.articles.factories import ArticleFactory
from tests.articles.roles import EDITOR, article_form, client_for, member
from tests.teams.factories import ChampionshipFactory, DriverFactory

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_every_save_stores_a_revision_with_links_and_tags(editor):
    wtcr = ChampionshipFactory(name="WTCR")
    article = ArticleFactory(draft=True, published_at=None, created_by=editor)
    client = client_for(editor)
    client.get(change_url(article))  # opening makes the baseline of an older article
    data = article_form(article, title="Premier titre", championships=[str(wtcr.pk)], tags="tcr")
    client.post(change_url(article), data)
    article.refresh_from_db()
    client.post(change_url(article), article_form(article, title="Second titre"))

    saved = list(article.revisions.exclude(kind=Revision.Kind.AUTOSAVE).order_by("pk"))
    assert [r.data["title"] for r in saved[1:]] == ["Premier titre", "Second titre"]
    assert saved[1].data["championships"] == [wtcr.pk]
    assert saved[1].data["tags"] == ["tcr"]
    assert all(r.created_by == editor for r in saved[1:])
    assert [r.version for r in saved] == sorted(r.version for r in saved)


def test_history_page_lists_revisions_and_diff_is_readable(editor):
    driver = DriverFactory(name="Gabriele Tarquini")
    article = ArticleFactory(draft=True, published_at=None, created_by=editor)
    client = client_for(editor)
    client.get(change_url(article))
    client.post(
        change_url(article),
        article_form(
            article,
            body="<p>Tarquini gagne à Monza devant Michelisz.</p>",
            drivers=[str(driver.pk)],
        ),
    )
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history.status_code == 200
    page = history.content.decode()
    assert "edith" in page
    first, second = article.revisions.order_by("pk")
    compare = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"a": first.pk, "b": second.pk},
    ).content.decode()
    assert "<ins>Tarquini gagne à Monza devant Michelisz.</ins>" in compare or (
        "<ins>" in compare and "Michelisz" in compare
    )
    assert "Gabriele Tarquini" in compare  # links shown by name, not id


def test_word_diff_marks_only_what_changed():
    html = revisions.word_diff("Victoire de Tarquini à Monza", "Victoire de Michelisz à Monza")
    assert html == "Victoire de <del>Tarquini</del><ins>Michelisz</ins> à Monza"


def test_diff_escapes_what_people_typed():
    changes = revisions.diff({"title": "A"}, {"title": "<script>alert(1)</script>"})
    assert "<script>" not in changes[0].new
    assert "&lt;script&gt;" in changes[0].new


def test_restore_brings_back_text_links_and_tags_as_a_new_revision(editor):
    wtcr = ChampionshipFactory(name="WTCR")
    article = ArticleFactory(
        title="Version A", created_by=editor, tags=["tcr"], links={"championships": [wtcr]}
    )
    client = client_for(editor)
    client.get(change_url(article))
    baseline = article.revisions.get()
    client.post(change_url(article), article_form(article, title="Version B", tags="gt3"))
    article.refresh_from_db()
    article.championships.clear()
    assert article.title == "Version B"

    url = reverse("admin:articles_article_restore", args=[article.pk, baseline.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title == "Version A"
    assert list(article.tags.names()) == ["tcr"]
    assert list(article.championships.all()) == [wtcr]
    assert article.is_published()  # a restore never changes the status
    latest = article.revisions.exclude(kind=Revision.Kind.AUTOSAVE).first()
    assert latest.kind == Revision.Kind.RESTORE
    assert article.revisions.exclude(kind=Revision.Kind.AUTOSAVE).count() == 3  # nothing lost


def test_writer_cannot_restore_someone_elses_article(editor, writer):
    article = ArticleFactory(draft=True, published_at=None, created_by=editor, title="Original")
    revision = revisions.save_revision(article, user=editor)
    Article.objects.filter(pk=article.pk).update(title="Changé")
    url = reverse("admin:articles_article_restore", args=[article.pk, revision.pk])
    assert client_for(writer).post(url).status_code == 403
    article.refresh_from_db()
    assert article.title == "Changé"


# Conflicts ---------------------------------------------------------------------------------


def test_second_save_is_refused_and_keeps_the_text_with_the_other_persons_changes(editor):
    other = member("odile", EDITOR)
    article = ArticleFactory(
        draft=True, published_at=None, created_by=editor, body="<p>Départ lancé à Monza.</p>"
    )
    first, second = client_for(editor), client_for(other)
    first.get(change_url(article))  # both open the same version
    second.get(change_url(article))
    loaded = article_form(article)

    saved = first.post(
        change_url(article),
        {**loaded, "body": "<p>Départ arrêté à Monza, sous la pluie.</p>"},
    )
    assert saved.status_code == 302

    mine = "<p>Départ lancé à Monza. Tarquini en tête dès le premier tour.</p>"
    refused = second.post(change_url(article), {**loaded, "body": mine, "title": "Mon titre"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Quelqu’un d’autre a enregistré" in page or "Someone else saved" in page
    form = refused.context["adminform"].form
    assert form["body"].value() == mine  # the person's text is intact in the form
    assert form["title"].value() == "Mon titre"
    assert "edith" in page  # who changed it
    assert "<ins>arrêté</ins>" in page or ("<ins>" in page and "pluie" in page)

    article.refresh_from_db()
    assert "pluie" in article.body  # the first save stands
    assert article.title != "Mon titre"

    # The form came back carrying the current version: saving again (after merging) works.
    merged = "<p>Départ arrêté à Monza, sous la pluie. Tarquini en tête dès le premier tour.</p>"
    data = {**loaded, "body": merged, "loaded_version": form["loaded_version"].value()}
    assert second.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.body == merged


def test_autosaves_do_not_count_as_conflicting_saves(editor):
    article = ArticleFactory(draft=True, published_at=None, created_by=editor)
    client = client_for(editor)
    client.get(change_url(article))
    revisions.autosave(user=editor, article=article, data={"title": "brouillon en cours"})
    response = client.post(change_url(article), article_form(article, title="Titre final"))
    assert response.status_code == 302
    # A real save supersedes the person's autosave.
    assert not article.revisions.filter(kind=Revision.Kind.AUTOSAVE).exists()

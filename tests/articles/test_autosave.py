"""Autosave: the form as it is typed, kept on the server for its author, one per article."""

import json

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from articles.admin.editing import autosave_initial, autosave_view, data_from_post
from articles.models import Article, Revision
from tests.articles.factories import ArticleFactory
from tests.articles.roles import EDITOR, WRITER, article_form, client_for, member
from tests.teams.factories import ChampionshipFactory, DriverFactory

pytestmark = pytest.mark.django_db


def autosave_url(article=None):
    if article is None:
        return reverse("admin:articles_article_autosave_new")
    return reverse("admin:articles_article_autosave", args=[article.pk])


def autosaves():
    return Revision.objects.filter(kind=Revision.Kind.AUTOSAVE)


@pytest.fixture
def draft(writer):
    return ArticleFactory(
        draft=True, published_at=None, created_by=writer, title="Titre enregistré"
    )


def test_typing_keeps_one_autosave_updated_in_place(writer, draft):
    """Relies on ArticleAdmin.get_urls including editing_urls()."""
    client = client_for(writer)

    first = client.post(autosave_url(draft), article_form(draft, title="Premier jet"))
    second = client.post(autosave_url(draft), article_form(draft, title="Deuxième jet"))

    assert first.status_code == second.status_code == 200
    assert first.json()["revision"] == second.json()["revision"]
    assert second.json()["saved_at"]
    revision = autosaves().get()
    assert (revision.article, revision.created_by) == (draft, writer)
    assert revision.data["title"] == "Deuxième jet"
    draft.refresh_from_db()
    assert draft.title == "Titre enregistré"  # the article itself is untouched


def test_autosave_is_sanitised_capped_and_drops_unknown_links(writer, draft):
    wtcr = ChampionshipFactory(name="WTCR")
    form = article_form(
        draft,
        title="T" * 1000,
        body='<p>Récit</p><script>alert("x")</script><p onclick="x()">Suite</p>',
        championships=[str(wtcr.pk), "999999", "abc", "-3"],
        primary_championship="pas-un-nombre",
        language="klingon",
        tags="essais, fin de saison",
    )
    client_for(writer).post(autosave_url(draft), form)

    data = autosaves().get().data
    assert "script" not in data["body"] and "onclick" not in data["body"]
    assert "<p>Récit</p>" in data["body"]
    assert data["title"] == "T" * 300
    assert data["championships"] == [wtcr.pk]
    assert data["primary_championship"] is None
    assert data["language"] == draft.language
    assert data["tags"] == ["essais", "fin de saison"]
    assert data["status"] == Article.Status.DRAFT


def test_another_writers_article_is_refused_and_nothing_is_stored(draft):
    other = member("walter", WRITER)

    response = client_for(other).post(autosave_url(draft), article_form(draft, title="Intrus"))

    assert response.status_code == 403
    assert response.json()["error"]
    assert not autosaves().exists()


def test_own_article_once_submitted_is_refused(writer, draft):
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.REVIEW)

    response = client_for(writer).post(autosave_url(draft), article_form(draft))

    assert response.status_code == 403
    assert not autosaves().exists()


def test_editor_autosaves_anyones_article(draft):
    editor = member("edith", EDITOR)

    response = client_for(editor).post(autosave_url(draft), article_form(draft, title="Relu"))

    assert response.status_code == 200
    assert autosaves().get().created_by == editor


def test_new_article_autosave_belongs_to_its_author(writer):
    response = client_for(writer).post(autosave_url(), article_form(title="Pas encore créé"))

    assert response.status_code == 200
    revision = autosaves().get(pk=response.json()["revision"])
    assert revision.article is None
    assert revision.created_by == writer
    assert revision.data["title"] == "Pas encore créé"


def test_staff_without_a_role_cannot_autosave_a_new_article():
    request = RequestFactory().post("/", article_form(title="Rien"))
    request.user = member("stan", None)

    response = autosave_view(request)

    assert response.status_code == 403
    assert json.loads(response.content)["error"]
    assert not autosaves().exists()


def test_going_back_to_the_saved_text_leaves_nothing_pending(writer, draft):
    client = client_for(writer)
    client.post(autosave_url(draft), article_form(draft, title="Essai"))

    response = client.post(autosave_url(draft), article_form(draft))

    assert response.json()["revision"] is None
    assert not autosaves().exists()


def test_autosave_comes_back_as_the_form_it_was_typed_in(writer):
    wtcr, tcr = ChampionshipFactory(name="WTCR"), ChampionshipFactory(name="TCR Europe")
    driver = DriverFactory(name="Gabriele Tarquini")
    form = article_form(
        title="Tarquini en tête",
        slug="tarquini-en-tete",
        standfirst="Le doyen mène le championnat.",
        body="<p>Récit.</p>",
        language="it",
        date_precision="month",
        primary_championship=str(wtcr.pk),
        championships=[str(tcr.pk), str(wtcr.pk)],
        drivers=[str(driver.pk)],
        authors=[str(writer.pk)],
        tags="fin de saison, essais",
        byline="Wanda",
        source_url="https://example.org/wtcr",
    )
    post = QueryDict(mutable=True)
    for name, value in form.items():
        post.setlist(name, value if isinstance(value, list) else [value])
    revision = Revision.objects.create(
        kind=Revision.Kind.AUTOSAVE, version=0, data=data_from_post(post), created_by=writer
    )

    initial = autosave_initial(revision)

    assert initial["title"] == "Tarquini en tête"
    assert initial["slug"] == "tarquini-en-tete"
    assert initial["language"] == "it"
    assert initial["date_precision"] == "month"
    assert initial["primary_championship"] == wtcr.pk
    assert initial["championships"] == sorted([wtcr.pk, tcr.pk])
    assert initial["drivers"] == [driver.pk]
    assert initial["authors"] == [writer.pk]
    assert initial["tags"] == "essais, fin de saison"
    assert initial["source_url"] == "https://example.org/wtcr"
    assert "status" not in initial and "published_at" not in initial


def editing_tools(user, article, pending, query=""):
    request = RequestFactory().get(f"/{query}")
    request.user = user
    urls = {"autosave": autosave_url(article)}
    return render_to_string(
        "admin/articles/article/_editing_tools.html",
        {"original": article, "editing_urls": urls, "pending_autosave": pending},
        request=request,
    )


def test_form_offers_a_newer_autosave_of_the_person(writer, draft):
    pending = Revision.objects.create(
        article=draft, kind=Revision.Kind.AUTOSAVE, version=1, data={}, created_by=writer
    )
    time = timezone.localtime(pending.created_at).strftime("%H:%M")

    page = editing_tools(writer, draft, pending)

    notice = gettext("An automatic save from %(time)s is newer than the saved article.")
    assert notice % {"time": time} in page
    assert f'href="?autosave={pending.pk}"' in page
    restored = editing_tools(writer, draft, pending, query=f"?autosave={pending.pk}")
    assert 'href="?autosave=' not in restored
    assert editing_tools(writer, draft, None).count("?autosave=") == 0


def test_someone_elses_unsaved_work_is_theirs_and_the_editors(writer, editor):
    from articles import revisions

    article = ArticleFactory(draft=True, published_at=None, created_by=writer)
    article.authors.add(writer)
    colleague = member("oscar", WRITER)
    article.authors.add(colleague)
    theirs = revisions.autosave(
        user=colleague, data={"title": "Brouillon d'Oscar"}, article=article
    )
    history = reverse("admin:articles_article_history", args=[article.pk])
    compare = reverse("admin:articles_article_compare", args=[article.pk])

    page = client_for(writer).get(history)
    assert list(page.context["autosaves"]) == []
    assert client_for(writer).get(compare, {"a": theirs.pk, "b": "current"}).status_code == 404

    assert list(client_for(editor).get(history).context["autosaves"]) == [theirs]
    assert client_for(editor).get(compare, {"a": theirs.pk, "b": "current"}).status_code == 200

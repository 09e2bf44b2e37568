"""The permission matrix: each role × each action × each path (form, list action, crafted POST).

Refusals must be server-side and say why; nothing refused may change the article.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, AuditEntry, Correction, Revision, WorkflowStep
from tests.articles.factories import ArticleFactory
from tests.articles.roles import CHIEF, EDITOR, WRITER, article_form, client_for, member
from tests.teams.factories import ChampionshipFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def people():
    return {
        "writer": member("wanda", WRITER),
        "other_writer": member("oscar", WRITER),
        "editor": member("edith", EDITOR),
        "chief": member("chloe", CHIEF),
        "staff": member("sam", None),
    }


def draft_by(user, **kwargs):
    article = ArticleFactory(draft=True, published_at=None, created_by=user, **kwargs)
    article.authors.add(user)
    return article


# Creating and editing ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["writer", "editor", "chief"])
def test_every_role_creates_a_draft_that_is_theirs(people, role):
    client = client_for(people[role])
    response = client.post(reverse("admin:articles_article_add"), article_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.created_by == people[role]
    assert list(article.authors.all()) == [people[role]]
    assert article.revisions.filter(kind=Revision.Kind.EDIT).count() == 1
    assert AuditEntry.objects.filter(action="create", article=article).exists()


def test_staff_without_a_role_cannot_write(people):
    client = client_for(people["staff"])
    assert client.get(reverse("admin:articles_article_add")).status_code == 403
    assert client.post(reverse("admin:articles_article_add"), article_form()).status_code == 403
    assert not Article.objects.exists()


def test_writer_edits_own_draft_but_not_someone_elses(people):
    mine = draft_by(people["writer"])
    theirs = draft_by(people["other_writer"], title="Le brouillon d'Oscar")
    client = client_for(people["writer"])

    ok = client.post(change_url(mine), article_form(mine, title="Titre revu par Wanda"))
    assert ok.status_code == 302
    mine.refresh_from_db()
    assert mine.title == "Titre revu par Wanda"

    # The change page of another writer's draft is read-only, and a crafted POST is refused.
    page = client.get(change_url(theirs))
    assert page.status_code == 200
    assert b'name="title"' not in page.content
    crafted = client.post(change_url(theirs), article_form(theirs, title="Piraté"))
    assert crafted.status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Le brouillon d'Oscar"


def test_writer_cannot_edit_own_article_once_submitted_or_published(people):
    in_review = draft_by(people["writer"], title="En relecture")
    in_review.status = Article.Status.REVIEW
    in_review.save()
    client = client_for(people["writer"])
    assert client.post(change_url(in_review), article_form(in_review, title="x")).status_code == 403
    in_review.refresh_from_db()
    assert in_review.title == "En relecture"


def test_editor_edits_anyones_article(people):
    theirs = draft_by(people["writer"])
    client = client_for(people["editor"])
    response = client.post(change_url(theirs), article_form(theirs, title="Relu par Edith"))
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.title == "Relu par Edith"


# Workflow through the form ------------------------------------------------------------------


def test_writer_submits_own_draft_with_a_comment(people):
    article = draft_by(people["writer"])
    client = client_for(people["writer"])
    data = article_form(article, workflow="submit", workflow_comment="Prêt pour relecture")
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    assert response["Location"] == change_url(article)  # stays on the article
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    step = WorkflowStep.objects.get(article=article)
    assert (step.from_status, step.to_status, step.created_by) == (
        "draft",
        "review",
        people["writer"],
    )
    assert step.comment == "Prêt pour relecture"
    assert AuditEntry.objects.filter(action="submit", article=article).exists()
    page = client.get(change_url(article))
    assert "Prêt pour relecture" in page.content.decode()
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert "Brouillon → En relecture" in history.content.decode()


@pytest.mark.parametrize("action", ["publish"])
def test_writer_cannot_publish_through_the_form(people, action):
    article = draft_by(people["writer"])
    client = client_for(people["writer"])
    response = client.post(change_url(article), article_form(article, workflow=action))
    assert response.status_code == 200
    assert "Seuls les éditeurs peuvent publier" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert not WorkflowStep.objects.exists()


def test_writer_cannot_publish_by_posting_a_status_or_date(people):
    article = draft_by(people["writer"])
    client = client_for(people["writer"])
    soon = timezone.localtime() - timedelta(hours=1)
    data = article_form(
        article,
        status="published",
        published_at_0=soon.strftime("%d/%m/%Y"),
        published_at_1=soon.strftime("%H:%M:%S"),
    )
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert not Article.objects.published().exists()


def test_editor_publishes_now_from_the_form(people):
    article = draft_by(people["writer"])
    article.status = Article.Status.REVIEW
    article.save()
    client = client_for(people["editor"])
    response = client.post(change_url(article), article_form(article, workflow="publish"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_published()
    assert abs(article.published_at - timezone.now()) < timedelta(minutes=1)
    assert AuditEntry.objects.filter(action="publish", article=article, user=people["editor"])


def test_editor_schedules_and_sees_programme_pour(people):
    article = draft_by(people["writer"])
    client = client_for(people["editor"])
    later = timezone.localtime() + timedelta(days=2)
    data = article_form(
        article,
        workflow="publish",
        published_at_0=later.strftime("%d/%m/%Y"),
        published_at_1="09:30:00",
    )
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.is_scheduled
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert AuditEntry.objects.filter(action="schedule", article=article).exists()
    listing = client.get(CHANGELIST + "?workflow=scheduled").content.decode()
    assert "Programmé pour" in listing and article.title in listing
    assert "Programmé pour" in client.get(change_url(article)).content.decode()


def test_editor_sends_back_to_draft_and_writer_sees_why(people):
    article = draft_by(people["writer"])
    article.status = Article.Status.REVIEW
    article.save()
    editor = client_for(people["editor"])
    data = article_form(article, workflow="withdraw", workflow_comment="Sources à vérifier")
    assert editor.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    page = client_for(people["writer"]).get(change_url(article)).content.decode()
    assert "Sources à vérifier" in page


# Workflow through the separate endpoint (a crafted POST) -------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"), [("writer", False), ("other_writer", False), ("editor", True)]
)
def test_publish_endpoint_checks_rights(people, role, allowed):
    article = draft_by(people["writer"])
    client = client_for(people[role])
    url = reverse("admin:articles_article_workflow", args=[article.pk, "publish"])
    response = client.post(url, {"loaded_version": article.version}, follow=True)
    article.refresh_from_db()
    assert article.is_published() is allowed
    if not allowed:
        assert "Seuls les éditeurs peuvent publier" in response.content.decode()


def test_writer_takes_back_own_article_from_review(people):
    article = draft_by(people["writer"])
    article.status = Article.Status.REVIEW
    article.save()
    writer = client_for(people["writer"])
    page = writer.get(change_url(article)).content.decode()
    assert reverse("admin:articles_article_workflow", args=[article.pk, "withdraw"]) in page
    url = reverse("admin:articles_article_workflow", args=[article.pk, "withdraw"])
    writer.post(url, {"loaded_version": article.version})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    # …but not someone else's.
    other = draft_by(people["other_writer"])
    other.status = Article.Status.REVIEW
    other.save()
    url = reverse("admin:articles_article_workflow", args=[other.pk, "withdraw"])
    writer.post(url, {"loaded_version": other.version})
    other.refresh_from_db()
    assert other.status == Article.Status.REVIEW


def test_impossible_move_is_refused_with_a_message(people):
    article = draft_by(people["writer"])
    client = client_for(people["editor"])
    url = reverse("admin:articles_article_workflow", args=[article.pk, "unpublish"])
    response = client.post(url, {"loaded_version": article.version}, follow=True)
    assert "n’est pas possible" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


# List actions ------------------------------------------------------------------------------


def run_action(client, action, articles, **extra):
    data = {"action": action, "_selected_action": [a.pk for a in articles], **extra}
    return client.post(CHANGELIST, data, follow=True)


@pytest.mark.parametrize(("role", "allowed"), [("writer", False), ("editor", True)])
def test_bulk_publish_and_unpublish_need_the_publish_right(people, role, allowed):
    drafts = [draft_by(people["writer"]) for _ in range(3)]
    client = client_for(people[role])
    response = run_action(client, "publish", drafts)
    assert Article.objects.published().count() == (3 if allowed else 0)
    if not allowed:
        # The action is not offered, and posting it anyway does nothing.
        assert b'value="publish"' not in client.get(CHANGELIST).content
        assert response.status_code == 200
    else:
        assert Revision.objects.filter(kind=Revision.Kind.BULK).count() == 3
        run_action(client, "unpublish", drafts)
        assert not Article.objects.published().exists()
        assert WorkflowStep.objects.filter(to_status="unpublished").count() == 3


def test_bulk_tag_by_a_writer_changes_only_own_drafts(people):
    mine = draft_by(people["writer"])
    theirs = draft_by(people["other_writer"])
    client = client_for(people["writer"])
    response = run_action(client, "add_tag", [mine, theirs], apply="1", tag="essais libres")
    assert list(mine.tags.names()) == ["essais libres"]
    assert theirs.tags.count() == 0
    assert "laissé inchangé" in response.content.decode()
    assert Revision.objects.filter(article=mine, kind=Revision.Kind.BULK).count() == 1


def test_bulk_tag_and_championship_by_an_editor(people):
    articles = [draft_by(people["writer"], tags=["rallye"]) for _ in range(3)]
    wrc = ChampionshipFactory(name="Championnat du monde des rallyes")
    client = client_for(people["editor"])

    page = run_action(client, "add_tag", articles)  # first the page asking which tag
    assert b'name="tag"' in page.content
    run_action(client, "add_tag", articles, apply="1", tag="Monte-Carlo")
    run_action(client, "remove_tag", articles, apply="1", tag="RALLYE")
    run_action(client, "set_primary_championship", articles, apply="1", championship=wrc.pk)
    for article in articles:
        article.refresh_from_db()
        assert list(article.tags.names()) == ["Monte-Carlo"]
        assert article.primary_championship == wrc
        assert wrc in article.championships.all()
        assert article.revisions.filter(kind=Revision.Kind.BULK).count() == 3
    assert AuditEntry.objects.filter(action="bulk").count() == 9


# Corrections -------------------------------------------------------------------------------


def correction_form(article, text):
    today = timezone.localdate().strftime("%d/%m/%Y")
    return article_form(
        article,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-published_on": today,
            "corrections-0-text": text,
        },
    )


def test_editor_adds_a_public_correction(people):
    article = ArticleFactory(created_by=people["writer"])
    client = client_for(people["editor"])
    response = client.post(change_url(article), correction_form(article, "Le vainqueur était X."))
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.created_by == people["editor"]
    article.refresh_from_db()
    assert article.revised_at is not None
    assert AuditEntry.objects.filter(action="correct", article=article).exists()


def test_writer_cannot_add_a_correction(people):
    article = draft_by(people["writer"])
    client = client_for(people["writer"])
    client.post(change_url(article), correction_form(article, "Correction pirate"))
    assert not Correction.objects.exists()


# Areas reserved to the chief editor --------------------------------------------------------


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:auth_user_changelist",
        "admin:teams_championship_add",
        "admin:articles_importupload_add",
    ],
)
@pytest.mark.parametrize(
    ("role", "allowed"), [("writer", False), ("editor", False), ("chief", True)]
)
def test_users_registry_and_imports_are_for_the_chief(people, url_name, role, allowed):
    response = client_for(people[role]).get(reverse(url_name))
    assert (response.status_code == 200) is allowed
    if not allowed:
        assert response.status_code in (302, 403)


def test_writer_can_use_registry_autocomplete(people):
    ChampionshipFactory(name="Championnat WTCR")
    client = client_for(people["writer"])
    url = reverse("admin:autocomplete")
    params = {
        "term": "WTCR",
        "app_label": "articles",
        "model_name": "article",
        "field_name": "championships",
    }
    response = client.get(url, params)
    assert response.status_code == 200
    assert "Championnat WTCR" in response.content.decode()

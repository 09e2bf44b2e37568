"""Defects found by trying the site, each reproduced the way a person hit it (the admin's real
forms and list actions, the import command, the tag merge page)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, AuditEntry, Revision, WorkflowStep
from articles.services import transition
from newsroom.search import search
from tests.articles.factories import ArticleFactory
from tests.articles.roles import article_form, client_for
from tests.teams.factories import ChampionshipFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def editor(editor_desk):
    """The editor's admin session: these tests act through the admin's pages."""
    return editor_desk


def undated_import(**kwargs):
    return ArticleFactory(
        draft=True,
        published_at=None,
        date_precision=Article.DatePrecision.MONTH,
        legacy_id="042_0123456789abcdef",
        flags=[Article.Flag.NO_DATE],
        **kwargs,
    )


# 2. Undated texts are never published as today's news ----------------------------------------


def test_the_bulk_publish_action_refuses_an_undated_text_and_says_why(editor):
    undated = undated_import(title="Texte sans date")
    dated = ArticleFactory(draft=True, published_at=None)
    response = editor.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": [undated.pk, dated.pk]},
        follow=True,
    )
    undated.refresh_from_db()
    assert undated.status == Article.Status.DRAFT and undated.published_at is None
    page = response.content.decode()
    assert "Texte sans date" in page and "date de publication" in page
    dated.refresh_from_db()
    assert dated.is_published()  # the other article of the selection went out
    assert not Article.objects.published().filter(pk=undated.pk).exists()


def test_the_publish_button_refuses_an_undated_text_until_it_is_dated(editor):
    undated = undated_import()
    response = editor.post(change_url(undated), article_form(undated, workflow="publish"))
    assert response.status_code == 200
    assert "date de publication" in response.content.decode()
    undated.refresh_from_db()
    assert undated.status == Article.Status.DRAFT and undated.published_at is None

    dated = article_form(
        undated, workflow="publish", published_at_0="15/03/2019", published_at_1="12:00:00"
    )
    assert editor.post(change_url(undated), dated).status_code == 302
    undated.refresh_from_db()
    assert undated.is_published()
    assert timezone.localtime(undated.published_at).date().isoformat() == "2019-03-15"
    assert Article.Flag.NO_DATE not in undated.flags  # the point to check is settled


def test_the_workflow_endpoint_refuses_an_undated_text(editor):
    undated = undated_import()
    url = reverse("admin:articles_article_workflow", args=[undated.pk, "publish"])
    response = editor.post(url, {"loaded_version": undated.version}, follow=True)
    assert "date de publication" in response.content.decode()
    undated.refresh_from_db()
    assert undated.published_at is None


# 3. The primary championship is one of the article's championships ---------------------------


def test_an_article_whose_only_championship_is_its_primary_one_is_on_its_hub_and_feed(
    editor, client
):
    wtcr = ChampionshipFactory(slug="wtcr", name="WTCR")
    data = article_form(
        title="Victoire au Nürburgring",
        primary_championship=str(wtcr.pk),
        workflow="publish",
    )
    response = editor.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert list(article.championships.all()) == [wtcr]
    assert "Victoire au Nürburgring" in client.get(wtcr.get_absolute_url()).content.decode()
    assert (
        "Victoire au Nürburgring" in client.get(f"{wtcr.get_absolute_url()}rss/").content.decode()
    )


def test_the_data_migration_links_existing_articles_to_their_primary_championship():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("articles.migrations.0006_primary_championship_among_championships")
    wtcr = ChampionshipFactory(slug="wtcr")
    article = ArticleFactory(primary_championship=wtcr)
    assert not article.championships.exists()
    migration.add_missing_links(apps, None)
    assert list(article.championships.all()) == [wtcr]


# 4. Restoring a revision of a live article says it was updated ---------------------------------


def test_restoring_a_revision_of_a_live_article_marks_it_updated(editor, client):
    article = ArticleFactory(title="Titre d'origine")
    editor.get(change_url(article))  # opening it takes the baseline revision
    article.refresh_from_db()
    edited = article_form(article, title="Titre corrigé")
    assert editor.post(change_url(article), edited).status_code == 302
    Article.objects.filter(pk=article.pk).update(revised_at=None)
    first = article.revisions.exclude(kind=Revision.Kind.AUTOSAVE).order_by("pk").first()

    url = reverse("admin:articles_article_restore", args=[article.pk, first.pk])
    assert editor.post(url).status_code == 302
    article.refresh_from_db()
    assert article.title == "Titre d'origine"
    assert article.revised_at is not None
    assert "Mis à jour le" in client.get(article.get_absolute_url()).content.decode()


# 5. Re-imports never overrule the newsroom -----------------------------------------------------


def write_legacy(folder, text):
    (folder / "007_feedfacecafebeef.txt").write_text(text, encoding="utf-8")
    return folder


def test_an_update_import_does_not_republish_an_article_an_editor_unpublished(editor, tmp_path):
    folder = write_legacy(tmp_path, " date 2019-02 Première version du texte.\n\nSuite.\n")
    call_command("import_legacy", str(folder), "--publish", verbosity=0)
    article = Article.objects.get()
    assert article.is_published()
    url = reverse("admin:articles_article_workflow", args=[article.pk, "unpublish"])
    editor.post(url, {"loaded_version": article.version})
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    steps = WorkflowStep.objects.count()

    write_legacy(folder, " date 2019-02 Seconde version du texte.\n\nSuite.\n")
    call_command("import_legacy", str(folder), "--update", "--publish", verbosity=0)
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    assert "Première version" in article.title
    assert WorkflowStep.objects.count() == steps
    record = article.import_records.order_by("-pk").first()
    assert record.outcome == "conflict"
    assert record.reason["code"] == "edited_in_newsroom"
    assert "modifié par la rédaction" in record.reason_text


def test_an_update_import_of_an_untouched_article_is_recorded(tmp_path):
    folder = write_legacy(tmp_path, " date 2019-02 Première version du texte.\n\nSuite.\n")
    call_command("import_legacy", str(folder), "--publish", verbosity=0)
    write_legacy(folder, " date 2019-02 Seconde version du texte.\n\nSuite.\n")
    call_command("import_legacy", str(folder), "--update", verbosity=0)
    article = Article.objects.get()
    assert "Seconde version" in article.title
    assert article.revised_at is not None  # live text changed: readers see the update
    assert article.revisions.filter(kind=Revision.Kind.IMPORT).count() == 2  # before, after
    assert AuditEntry.objects.filter(article=article, action="import_update").exists()


# 6. Merging tags keeps search current ----------------------------------------------------------


def test_merging_tags_moves_search_results_to_the_kept_tag(editor):
    ArticleFactory(title="Essais privés", tags=["zorglub"])
    Tag.objects.get_or_create(name="tourisme", slug="tourisme")
    assert [h.article.title for h in search("zorglub").hits] == ["Essais privés"]
    assert search("tourisme").hits == []
    tags = Tag.objects.order_by("name")
    response = editor.post(
        reverse("admin:taggit_tag_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [t.pk for t in tags if t.name == "zorglub"],
            "confirm": "1",
            "into_name": "tourisme",
        },
    )
    assert response.status_code == 302
    assert search("zorglub").hits == []
    assert [h.article.title for h in search("tourisme").hits] == ["Essais privés"]


# 8. Publishing with an emptied date means now, and says so -------------------------------------


def test_publishing_with_the_date_cleared_publishes_now_instead_of_the_old_schedule(editor):
    later = timezone.now() + timedelta(days=3)
    article = ArticleFactory(draft=True, published_at=later)
    data = article_form(article, workflow="publish", published_at_0="", published_at_1="")
    response = editor.post(change_url(article), data, follow=True)
    article.refresh_from_db()
    assert article.is_published()
    assert abs(article.published_at - timezone.now()) < timedelta(minutes=1)
    assert "Publié maintenant" in response.content.decode()


def test_publishing_at_a_future_date_says_when(editor):
    article = ArticleFactory(draft=True, published_at=None)
    when = timezone.localtime(timezone.now() + timedelta(days=2)).replace(second=0)
    data = article_form(
        article,
        workflow="publish",
        published_at_0=when.strftime("%d/%m/%Y"),
        published_at_1=when.strftime("%H:%M:%S"),
    )
    response = editor.post(change_url(article), data, follow=True)
    article.refresh_from_db()
    assert article.is_scheduled
    assert "Programmé pour" in response.content.decode()


# 9. A save that does not say its version is refused --------------------------------------------


def test_a_change_form_post_without_its_version_is_refused(editor):
    article = ArticleFactory(title="Version de l'autre rédacteur")
    data = article_form(article, title="Écrasement silencieux")
    del data["loaded_version"]
    response = editor.post(change_url(article), data)
    assert response.status_code == 200
    assert "nothing was saved" in response.content.decode().lower() or "rien" in (
        response.content.decode().lower()
    )
    article.refresh_from_db()
    assert article.title == "Version de l'autre rédacteur"


def test_a_workflow_move_without_its_version_is_refused(editor):
    article = ArticleFactory()
    url = reverse("admin:articles_article_workflow", args=[article.pk, "unpublish"])
    editor.post(url, {})
    article.refresh_from_db()
    assert article.is_published()


# 7. The desk's own writes leave the public page cache alone ------------------------------------


def test_previewing_an_admin_upload_leaves_cached_pages_valid(
    client, django_user_model, tmp_path, settings
):
    import io
    import zipfile

    from django.contrib.auth.models import Permission
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.models import ImportUpload

    settings.MEDIA_ROOT = tmp_path / "media"
    ArticleFactory(title="Déjà en ligne")
    etag = client.get("/")["ETag"]
    archivist = django_user_model.objects.create_user("archives", password="x" * 20, is_staff=True)
    archivist.user_permissions.set(
        Permission.objects.filter(codename__in=["import_legacy", "view_importbatch"])
    )
    desk = client_for(archivist)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("000_aaaaaaaaaaaaaaaa.txt", " date 2019-01 Texte d'archive.\n\nSuite.\n")
    desk.post(
        reverse("admin:articles_importupload_add"),
        {"file": SimpleUploadedFile("a.zip", buffer.getvalue()), "source": "Archives"},
    )
    upload = ImportUpload.objects.get()
    step = reverse("admin:articles_importupload_step", args=[upload.pk])
    while desk.post(step, HTTP_X_REQUESTED_WITH="fetch").json()["running"]:
        pass
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304

    desk.post(reverse("admin:articles_importupload_confirm", args=[upload.pk]))
    while desk.post(step, HTTP_X_REQUESTED_WITH="fetch").json()["running"]:
        pass
    imported = Article.objects.get(legacy_id="000_aaaaaaaaaaaaaaaa")
    # Imported as a draft: nothing readers see changed, so the home page is still current.
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    transition(article=imported, name="publish", user=None)
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 200

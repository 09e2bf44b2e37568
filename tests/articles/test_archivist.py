"""Archive staff have a role of their own: they import, fix derived headlines, add unknown names
to the registry and read the reports; they publish nothing and edit only what was imported."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import permissions
from articles.models import Article, ImportUpload, UnknownName
from articles.services.workflow import transition
from teams.models import Driver
from tests.articles.factories import ArticleFactory
from tests.articles.roles import ARCHIVIST, article_form, client_for, member

pytestmark = pytest.mark.django_db

TEXTS = {
    "000_aaaaaaaaaaaaaaaa.txt": (
        " date 2019-04 Jean Dupont signe avec Team Mulsanne en WTCR pour la saison à venir, "
        "avec l'ambition de jouer les premiers rôles dès la première course au Maroc.\n\n"
        "Le pilote lyonnais découvrira la Giulietta TCR à Marrakech.\n"
    ),
    "001_bbbbbbbbbbbbbbbb.txt": " date 2019-05 Jean Dupont termine cinquième en WTCR.\n\nSuite.\n",
}


def archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for name, text in TEXTS.items():
            zipped.writestr(name, text)
    return buffer.getvalue()


def run_upload(client) -> ImportUpload:
    client.post(
        reverse("admin:articles_importupload_add"),
        {"file": SimpleUploadedFile("archives.zip", archive()), "source": "Archives"},
    )
    upload = ImportUpload.objects.latest("pk")
    step = reverse("admin:articles_importupload_step", args=[upload.pk])
    client.post(step, HTTP_X_REQUESTED_WITH="fetch")
    client.post(reverse("admin:articles_importupload_confirm", args=[upload.pk]))
    client.post(step, HTTP_X_REQUESTED_WITH="fetch")
    upload.refresh_from_db()
    return upload


def test_an_archivists_day(world, settings, tmp_path, writer):
    settings.MEDIA_ROOT = tmp_path / "media"
    anne = member("anne", ARCHIVIST)
    desk = client_for(anne)
    newsroom_article = ArticleFactory(created_by=writer)  # published by the newsroom

    upload = run_upload(desk)
    assert upload.state == "done" and Article.objects.filter(legacy_id__gt="").count() == 2
    home = desk.get(reverse("admin:index"))
    tiles = {str(tile.label): tile.count for tile in home.context["dashboard"]["tiles"]}
    assert tiles["Titres à relire"] >= 1 and tiles["Noms inconnus"] == 1
    assert home.context["dashboard"]["imports"] == [upload.batch]

    # The derived headline, fixed in the titles queue.
    long_one = Article.objects.get(legacy_id="000_aaaaaaaaaaaaaaaa")
    prefix = f"a{long_one.pk}"
    fixed = desk.post(
        reverse("admin:articles_article_titles"),
        {
            "article": long_one.pk,
            f"{prefix}-title": "Jean Dupont rejoint Team Mulsanne",
            f"{prefix}-standfirst": long_one.standfirst,
            f"{prefix}-loaded_version": long_one.version,
        },
        follow=True,
    )
    assert fixed.status_code == 200
    long_one.refresh_from_db()
    assert long_one.title == "Jean Dupont rejoint Team Mulsanne"

    # The name the registry lacked, made a driver in one click and linked.
    dupont = UnknownName.objects.get(name="Jean Dupont")
    desk.post(
        reverse("admin:articles_unknownname_changelist") + f"{dupont.pk}/decide/",
        {"kind": "drivers"},
    )
    driver = Driver.objects.get(name="Jean Dupont")
    assert all(driver in a.drivers.all() for a in Article.objects.filter(legacy_id__gt=""))

    # The import reports, and nothing of the newsroom's decisions.
    assert desk.get(reverse("admin:articles_importrecord_changelist")).status_code == 200
    assert permissions.can_edit(anne, long_one)
    assert not permissions.can_edit(anne, newsroom_article)
    before = newsroom_article.title
    desk.post(
        reverse("admin:articles_article_change", args=[newsroom_article.pk]),
        article_form(newsroom_article, title="Titre des archives"),
    )
    newsroom_article.refresh_from_db()
    assert newsroom_article.title == before
    with pytest.raises(PermissionDenied):
        transition(article=long_one, name="publish", user=anne)
    assert desk.get(reverse("admin:auth_user_changelist")).status_code == 403

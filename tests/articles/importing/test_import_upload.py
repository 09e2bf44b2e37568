import io
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.importing import upload as upload_module
from articles.models import Article, ImportBatch, ImportUpload

pytestmark = pytest.mark.django_db

WTCR = " date 2019-01 Alfa Romeo revient en WTCR. La Giulietta TCR est prête.\n\nSuite.\n"


def zip_of(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def upload(client, name, data, **fields):
    return client.post(
        reverse("admin:articles_importupload_add"),
        {"file": SimpleUploadedFile(name, data), "source": "Archives", **fields},
    )


def step(client, pk):
    url = reverse("admin:articles_importupload_step", args=[pk])
    return client.post(url, HTTP_X_REQUESTED_WITH="fetch").json()


def test_upload_preview_confirm_and_report(archivist, monkeypatch):
    monkeypatch.setattr(upload_module, "STEP_SIZE", 2)
    files = {
        "000_aaaaaaaaaaaaaaaa.txt": WTCR,
        "001_bbbbbbbbbbbbbbbb.txt": WTCR.replace("revient", "repart"),
        "002_cccccccccccccccc.txt": "",
        "../evil.txt": WTCR,
    }
    response = upload(archivist, "archives.zip", zip_of(files), publish="on")
    item = ImportUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_importupload_progress", args=[item.pk])
    assert item.total == 4 and item.state == "previewing"

    # The preview runs a chunk per request and saves nothing.
    assert step(archivist, item.pk) == {
        "state": "previewing",
        "state_label": "Aperçu en cours",
        "processed": 2,
        "total": 4,
        "running": True,
    }
    assert step(archivist, item.pk)["state"] == "previewed"
    assert not Article.objects.exists()
    page = archivist.get(response["Location"]).content.decode()
    assert "Alfa Romeo revient en WTCR" in page
    assert "FIA World Touring Car Cup (WTCR)" in page
    assert "chemin dangereux dans l’archive" in page and "fichier vide" in page
    assert "Confirmer l’import" in page

    archivist.post(reverse("admin:articles_importupload_confirm", args=[item.pk]))
    assert step(archivist, item.pk)["running"] is True
    assert step(archivist, item.pk)["state"] == "done"
    assert Article.objects.published().count() == 2
    assert Article.objects.filter(championships__slug="wtcr").count() == 2
    item.refresh_from_db()
    assert item.batch.summary["created"] == 2 and item.batch.summary["failed"] == 2
    assert ImportBatch.objects.count() == 2  # the preview's and the import's
    report = archivist.get(response["Location"]).content.decode()
    assert "Rapport d’import" in report


def test_a_single_text_file_can_be_uploaded(archivist):
    upload(archivist, "000_aaaaaaaaaaaaaaaa.txt", WTCR.encode())
    item = ImportUpload.objects.get()
    assert item.total == 1
    assert step(archivist, item.pk)["state"] == "previewed"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.jpg", b"\xff\xd8", "Seuls les fichiers .txt"),
        ("archive.zip", b"PK pas vraiment", "pas une archive zip lisible"),
        ("archive.zip", zip_of({}), "archive est vide"),
    ],
)
def test_bad_uploads_are_refused_with_a_message(archivist, name, data, message):
    response = upload(archivist, name, data)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"])
    assert not ImportUpload.objects.exists()


def test_staff_without_the_import_permission_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("redac", password="x" * 20, is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:articles_importupload_add")).status_code == 403


def test_without_javascript_each_step_comes_back_to_the_progress_page(archivist):
    upload(archivist, "000_aaaaaaaaaaaaaaaa.txt", WTCR.encode())
    item = ImportUpload.objects.get()
    response = archivist.post(reverse("admin:articles_importupload_step", args=[item.pk]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == "previewed"


def test_an_uploaded_archive_is_never_public_and_is_deleted_once_imported(
    archivist, client, settings
):
    upload(archivist, "archives.zip", zip_of({"000_aaaaaaaaaaaaaaaa.txt": WTCR}))
    item = ImportUpload.objects.get()
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / item.file.name
    assert stored.is_file()
    assert not (Path(settings.MEDIA_ROOT) / item.file.name).exists()
    assert client.get(f"/media/{item.file.name}").status_code == 404
    while step(archivist, item.pk)["running"]:
        pass
    archivist.post(reverse("admin:articles_importupload_confirm", args=[item.pk]))
    while step(archivist, item.pk)["running"]:
        pass
    assert Article.objects.count() == 1
    assert not stored.exists()


def test_archives_left_in_public_media_by_older_releases_are_not_served(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    old = settings.MEDIA_ROOT / "imports" / "2026" / "11" / "archives.zip"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"PK")
    assert client.get("/media/imports/2026/11/archives.zip").status_code == 404


def test_the_import_list_shows_a_run_that_died_as_interrupted_with_what_to_do(archivist, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.PADDOCK_IMPORT_LEASE_SECONDS = 600
    dead = ImportBatch.objects.create(source="Archives 2019", paths="/archives/2019")
    ImportBatch.objects.filter(pk=dead.pk).update(
        started_at=timezone.now() - timedelta(hours=2),
        heartbeat_at=timezone.now() - timedelta(hours=1),
    )
    alive = ImportBatch.objects.create(source="Archives 2020", paths="/archives/2020")
    alive.beat()
    page = archivist.get(reverse("admin:articles_importbatch_changelist")).content.decode()
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.status, alive.status) == ("interrupted", "running")
    assert "relancez le même import" in page


def test_with_a_private_bucket_each_step_reads_the_archive_from_it_on_any_server(
    archivist, settings, s3_server, monkeypatch, tmp_path
):
    from newsroom.media_storage import private_storage

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    bucket = s3_server.new_bucket()
    environment = {**s3_server.environment(s3_server.new_bucket()), "S3_PRIVATE_BUCKET": bucket}
    settings.STORAGES = {**settings.STORAGES, "private": private_storage(environment)}
    monkeypatch.setattr(upload_module, "STEP_SIZE", 1)
    copies = tmp_path / "copies"
    monkeypatch.setattr(upload_module, "COPIES", copies)
    files = {
        "000_aaaaaaaaaaaaaaaa.txt": WTCR,
        "001_bbbbbbbbbbbbbbbb.txt": WTCR.replace("2019", "2020"),
    }
    upload(archivist, "archives.zip", zip_of(files))
    item = ImportUpload.objects.get()
    assert s3_server.keys(bucket) == [item.file.name]
    assert not settings.PRIVATE_MEDIA_ROOT.exists()  # nothing on this server's disk
    with pytest.raises(ValueError):
        item.file.url  # noqa: B018  (no page may link to it)

    def run_steps():
        while True:
            # Each step as another app server takes it: no copy of the archive on its disk.
            shutil.rmtree(copies, ignore_errors=True)
            if not step(archivist, item.pk)["running"]:
                return

    run_steps()
    archivist.post(reverse("admin:articles_importupload_confirm", args=[item.pk]))
    run_steps()
    assert sorted(Article.objects.values_list("legacy_id", flat=True)) == [
        "000_aaaaaaaaaaaaaaaa",
        "001_bbbbbbbbbbbbbbbb",
    ]
    assert s3_server.keys(bucket) == []  # imported: the unpublished texts are not kept
    assert not any(copies.iterdir())

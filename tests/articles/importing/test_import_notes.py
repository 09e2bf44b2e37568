"""Why a file failed, and what to check, read in French in the admin whatever ran the import;
a preview is not an import."""

import importlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from articles.importing.notes import MESSAGES, Note
from articles.models import ImportBatch, ImportRecord, ImportUpload
from tests.conftest import client_for

from .test_import_upload import WTCR, step, upload, zip_of

pytestmark = pytest.mark.django_db


def test_every_note_is_worded_in_french():
    with_values = {
        "too_large": {"size_kb": 6000, "limit_kb": 5120},
        "cannot_read": {"detail": "Permission denied"},
        "bad_archive": {"detail": "File is not a zip file"},
        "archive_too_big": {"files": 9, "mb": 3000, "max_files": 200000, "max_mb": 2048},
        "cannot_read_in_archive": {"detail": "encrypted"},
        "database": {"detail": "value too long"},
        "edited_in_newsroom": {"article": 4, "legacy_id": "001_x"},
        "imported_before": {"article": 4, "legacy_id": "001_x"},
        "twice_in_input": {"legacy_id": "001_x"},
        "impossible_date": {"header": "date 2019-13"},
        "not_utf8": {"encoding": "cp1252"},
    }
    for code in MESSAGES:
        note = Note(code, with_values.get(code, {}))
        with translation.override("en"):
            english = str(note)
        assert "%(" not in str(note) and str(note) != english, code


def test_a_conflict_tells_the_admin_what_to_tick_and_the_command_what_to_type(archivist, tmp_path):
    upload(archivist, "000_aaaaaaaaaaaaaaaa.txt", WTCR.encode(), publish="on")
    first = ImportUpload.objects.get()
    step(archivist, first.pk)
    archivist.post(reverse("admin:articles_importupload_confirm", args=[first.pk]))
    step(archivist, first.pk)

    changed = WTCR.replace("prête", "presque prête").encode()
    response = upload(archivist, "000_aaaaaaaaaaaaaaaa.txt", changed)
    second = ImportUpload.objects.latest("pk")
    step(archivist, second.pk)
    page = archivist.get(response["Location"]).content.decode()
    assert "a déjà été importé avec un autre texte" in page
    assert "en cochant « Remplacer les articles dont le fichier d’archive a changé »" in page
    assert "--update" not in page

    folder = tmp_path / "v2"
    folder.mkdir()
    (folder / "000_aaaaaaaaaaaaaaaa.txt").write_bytes(changed)
    err = StringIO()
    call_command("import_legacy", str(folder), stdout=StringIO(), stderr=err)
    printed = err.getvalue()
    assert "a déjà été importé avec un autre texte" in printed
    assert "run the import again with --update to replace it" in printed
    assert "en cochant" not in printed


def test_records_are_listed_and_filtered_by_their_reason_in_french(archivist):
    files = {
        "000_aaaaaaaaaaaaaaaa.txt": WTCR,
        "001_bbbbbbbbbbbbbbbb.txt": "",
        "002_cccccccccccccccc.txt": "",
        "notes.md": "pas un texte",
    }
    upload(archivist, "archives.zip", zip_of(files))
    item = ImportUpload.objects.get()
    step(archivist, item.pk)
    archivist.post(reverse("admin:articles_importupload_confirm", args=[item.pk]))
    step(archivist, item.pk)

    records = reverse("admin:articles_importrecord_changelist")
    page = archivist.get(records).content.decode()
    assert page.count("fichier vide") >= 2 and "pas un fichier .txt" in page
    assert "empty_file" not in page.replace("reason=empty_file", "")
    assert 'href="?reason=empty_file"' in page  # the filter offers the reasons met
    filtered = archivist.get(records, {"reason": "empty_file"}).content.decode()
    assert "001_bbbbbbbbbbbbbbbb.txt" in filtered and "002_cccccccccccccccc.txt" in filtered
    assert "notes.md" not in filtered and "000_aaaaaaaaaaaaaaaa.txt" not in filtered


def test_a_batch_page_says_its_options_and_outcomes_in_words_not_json(archivist):
    upload(archivist, "archives.zip", zip_of({"000_aaaaaaaaaaaaaaaa.txt": WTCR}), publish="on")
    item = ImportUpload.objects.get()
    step(archivist, item.pk)
    archivist.post(reverse("admin:articles_importupload_confirm", args=[item.pk]))
    step(archivist, item.pk)
    batch = ImportUpload.objects.get().batch
    page = archivist.get(
        reverse("admin:articles_importbatch_change", args=[batch.pk])
    ).content.decode()
    assert "textes datés publiés, envoyé depuis l’administration" in page
    assert "<strong>Créé</strong> : 1" in page
    assert '"publish"' not in page and "{&quot;" not in page and '{"' not in page


def test_a_preview_is_not_listed_as_an_import(archivist, chief):
    upload(archivist, "archives.zip", zip_of({"000_aaaaaaaaaaaaaaaa.txt": WTCR}))
    item = ImportUpload.objects.get()
    step(archivist, item.pk)  # previewed, not confirmed
    assert ImportBatch.objects.count() == 1 and ImportRecord.objects.count() == 1
    batches = archivist.get(reverse("admin:articles_importbatch_changelist"))
    assert batches.context["cl"].result_count == 0
    records = archivist.get(reverse("admin:articles_importrecord_changelist"))
    assert records.context["cl"].result_count == 0
    home = client_for(chief).get(reverse("admin:index"))
    assert home.context["dashboard"]["imports"] == []


def test_records_written_before_the_codes_read_in_french_after_the_migration(
    transactional_db,
):
    before, after = (
        ("articles", "0015_unknown_names_queue"),
        ("articles", "0016_import_notes_as_codes"),
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    Batch, Record = (
        old.get_model("articles", "ImportBatch"),
        old.get_model("articles", "ImportRecord"),
    )
    batch = Batch.objects.create(source="archives")
    sentences = {
        "a.txt": ("empty file", []),
        "b.txt": (
            "legacy id 001_x was imported before with other text (article #7); run again with "
            "--update to replace it",
            ["not valid UTF-8: decoded as cp1252 (detected)"],
        ),
        "c.txt": (
            "something nobody wrote a code for",
            ["no “date YYYY-MM” header: imported without a date"],
        ),
    }
    for name, (reason, warnings) in sentences.items():
        Record.objects.create(
            batch=batch, file=name, outcome="failed", reason=reason, warnings=warnings
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([after])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    records = {r.file: r for r in ImportRecord.objects.all()}
    assert records["a.txt"].reason == {"code": "empty_file", "params": {}}
    assert records["a.txt"].reason_text == "fichier vide"
    assert records["b.txt"].reason["params"] == {"legacy_id": "001_x", "article": "7"}
    assert records["b.txt"].reason_text.startswith("l’identifiant d’archive 001_x a déjà été")
    assert records["b.txt"].warning_texts == ["pas en UTF-8 : lu comme cp1252 (détecté)"]
    assert records["c.txt"].reason_text == "something nobody wrote a code for"
    assert records["c.txt"].warning_texts == [
        "pas de ligne « date AAAA-MM » en tête : importé sans date"
    ]


def test_the_migration_keeps_what_it_cannot_read():
    migration = importlib.import_module("articles.migrations.0016_import_notes_as_codes")
    assert migration.as_note("") == {}
    assert migration.as_note({"code": "empty_file", "params": {}})["code"] == "empty_file"
    assert migration.as_note("odd") == {"code": "text", "params": {"text": "odd"}}

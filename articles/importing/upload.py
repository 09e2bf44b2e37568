"""Admin uploads: a .txt or .zip previewed (a dry run) then imported, one chunk per request."""

import hashlib
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ImportBatch, ImportRecord, ImportUpload
from .clean import DEFAULT_RULES
from .link import Linker
from .pipeline import enrich, read_text
from .read import MAX_ZIP_BYTES, MAX_ZIP_ENTRIES, read_upload
from .save import ImportOptions, save_chunk

STEP_SIZE = 200  # files per request: well under a second of work
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
# Copies of archives kept in a bucket, on this server's disk; left by a server that did not
# finish their import, they go after a day.
COPIES = Path(tempfile.gettempdir()) / "paddock-imports"
COPIES_KEPT_FOR = 24 * 3600


class UploadError(ValueError):
    """The uploaded file cannot be imported at all; the message says why."""


def check_upload(name: str, size: int, path: Path) -> int:
    """How many files the upload holds, or UploadError with a message for the editor."""
    suffix = Path(name).suffix.lower()
    if suffix not in (".txt", ".zip"):
        raise UploadError(_("Only .txt files and .zip archives of .txt files can be imported."))
    if size > MAX_UPLOAD_BYTES:
        raise UploadError(
            _("The file is too large (at most %(mb)d MB).") % {"mb": MAX_UPLOAD_BYTES // 2**20}
        )
    if suffix == ".txt":
        return 1
    try:
        with zipfile.ZipFile(path) as archive:
            entries = [i for i in archive.infolist() if not i.is_dir()]
    except (OSError, zipfile.BadZipFile) as error:
        raise UploadError(_("This is not a readable zip archive (%s).") % error) from error
    if not entries:
        raise UploadError(_("The archive is empty."))
    if len(entries) > MAX_ZIP_ENTRIES or sum(i.file_size for i in entries) > MAX_ZIP_BYTES:
        raise UploadError(
            _("The archive is too large once unpacked (at most %(files)d files and %(mb)d MB).")
            % {"files": MAX_ZIP_ENTRIES, "mb": MAX_ZIP_BYTES // 2**20}
        )
    return len(entries)


def start_upload(*, upload: ImportUpload) -> ImportUpload:
    """Create the preview batch of a freshly saved upload."""
    upload.preview_batch = ImportBatch.objects.create(
        source=upload.source,
        paths=upload.original_name,
        options={**_options(upload), "dry_run": True, "upload": upload.pk},
        created_by=upload.created_by,
    )
    upload.save(update_fields=["preview_batch"])
    return upload


def confirm_upload(*, upload: ImportUpload) -> ImportUpload:
    """After the preview, import for real from the first file."""
    if upload.state != ImportUpload.State.PREVIEWED:
        return upload
    upload.batch = ImportBatch.objects.create(
        source=upload.source,
        paths=upload.original_name,
        options={**_options(upload), "upload": upload.pk},
        created_by=upload.created_by,
    )
    upload.state, upload.processed = ImportUpload.State.IMPORTING, 0
    upload.save(update_fields=["batch", "state", "processed"])
    return upload


def process_step(*, upload: ImportUpload, linker: Linker | None = None) -> ImportUpload:
    """Process the next chunk of the upload: previewed while previewing, saved while importing."""
    with transaction.atomic():
        upload = ImportUpload.objects.select_for_update().get(pk=upload.pk)
        if upload.state not in (ImportUpload.State.PREVIEWING, ImportUpload.State.IMPORTING):
            return upload
        sources = read_upload(local_archive(upload.file), start=upload.processed, count=STEP_SIZE)
        files = [read_text(s) for s in sources]
        linker = linker or Linker.from_registry()
        for file in files:
            enrich(file, linker=linker, cleaning=DEFAULT_RULES)
        previewing = upload.state == ImportUpload.State.PREVIEWING
        batch = upload.preview_batch if previewing else upload.batch
        if previewing:
            _preview(files, batch=batch, options=ImportOptions(**_options(upload)))
        else:
            save_chunk(files, batch=batch, options=ImportOptions(**_options(upload)))
        upload.processed += len(sources)
        batch.beat()
        if upload.processed >= upload.total or not sources:
            upload.state = ImportUpload.State.PREVIEWED if previewing else ImportUpload.State.DONE
            _finish(batch)
            if not previewing:
                # Imported: the archive and its unpublished texts are not kept around.
                forget_local_archive(upload.file)
                upload.file.delete(save=False)
        upload.save(update_fields=["processed", "state", "file"])
    return upload


def local_archive(file) -> Path:
    """The uploaded archive on this machine's disk: where its storage keeps it, or, from a
    bucket (S3_PRIVATE_BUCKET), a copy made once per server for all the steps it serves (a
    step may reach any app server; reading the whole archive again for each of its chunks of
    200 texts would cost more than importing them)."""
    try:
        return Path(file.path)
    except NotImplementedError:  # a bucket: no path
        pass
    copy = _copy_path(file)
    if not copy.exists():
        COPIES.mkdir(mode=0o700, parents=True, exist_ok=True)
        _forget_old_copies()
        # Written aside then renamed: a server's threads may copy the same archive at once.
        with tempfile.NamedTemporaryFile(dir=COPIES, delete=False) as partial:
            try:
                with file.storage.open(file.name, "rb") as stored:
                    shutil.copyfileobj(stored, partial)
            except BaseException:
                os.unlink(partial.name)
                raise
        os.replace(partial.name, copy)
    return copy


def forget_local_archive(file) -> None:
    if file:
        _copy_path(file).unlink(missing_ok=True)


def _copy_path(file) -> Path:
    digest = hashlib.sha256(file.name.encode()).hexdigest()
    return COPIES / f"{digest}{Path(file.name).suffix.lower()}"


def _forget_old_copies() -> None:
    too_old = time.time() - COPIES_KEPT_FOR
    for copy in COPIES.iterdir():
        try:
            if copy.stat().st_mtime < too_old:
                copy.unlink()
        except FileNotFoundError:  # another thread forgot it first
            pass


def _preview(files, *, batch: ImportBatch, options: ImportOptions) -> None:
    """Run the real save, roll it back, and keep only its records: exactly what would happen."""
    with transaction.atomic():
        records = save_chunk(files, batch=batch, options=options)
        transaction.set_rollback(True)
    rolled_back = {r.article_id for r in records if r.outcome == ImportRecord.Outcome.CREATED}
    for record in records:
        record.pk = None
        if record.article_id in rolled_back:
            record.article_id = None
    ImportRecord.objects.bulk_create(records)


def _finish(batch: ImportBatch) -> None:
    outcomes = batch.records.values_list("outcome", flat=True)
    counts = dict.fromkeys(ImportRecord.Outcome.values, 0)
    for outcome in outcomes:
        counts[outcome] += 1
    batch.summary = {"files": sum(counts.values()), **counts}
    batch.status, batch.finished_at = ImportBatch.Status.FINISHED, timezone.now()
    batch.save(update_fields=["summary", "status", "finished_at"])


def _options(upload: ImportUpload) -> dict:
    return {"publish": upload.publish, "update": upload.update, "source_name": upload.source}

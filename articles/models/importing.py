"""The record of legacy imports: one batch per run, one record per file seen."""

import os
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from ..importing.notes import ADMIN_HINTS, note_text


class ImportBatchQuerySet(models.QuerySet):
    def imports(self):
        """Batches that imported something: not the previews an upload makes before its
        confirmation (dry runs of the command are rolled back, so never stored)."""
        return self.filter(Q(options__dry_run=False) | Q(options__dry_run__isnull=True))

    def stale(self, now=None):
        """Batches still "running" that gave no sign of life for a whole lease: their process
        died (killed, machine restarted) or, for an upload, the page was closed."""
        lease = timedelta(seconds=settings.PADDOCK_IMPORT_LEASE_SECONDS)
        last_seen = Coalesce("heartbeat_at", "started_at")
        return (
            self.filter(status=ImportBatch.Status.RUNNING)
            .alias(last_seen=last_seen)
            .filter(last_seen__lt=(now or timezone.now()) - lease)
        )

    def mark_interrupted(self) -> int:
        """Say so of the stale batches (the import pages and the next import call this)."""
        return self.stale().update(status=ImportBatch.Status.INTERRUPTED)


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        INTERRUPTED = "interrupted", _("Interrupted")

    source = models.CharField(_("source"), max_length=200, blank=True)
    paths = models.TextField(_("imported paths"), blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.RUNNING)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_batches",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(
        _("last sign of life"),
        null=True,
        blank=True,
        help_text=_("Moved after each chunk of files is saved."),
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-started_at", "-pk"]
        permissions = [("import_legacy", _("Can import legacy texts"))]

    def __str__(self):
        return f"#{self.pk} {self.source or ', '.join(self.path_names)[:60]}"

    @property
    def path_names(self) -> list[str]:
        """What was imported, by name: where the server read it is the machine's business."""
        return [PurePath(line).name for line in self.paths.splitlines() if line.strip()]

    def beat(self) -> None:
        """A sign of life, written at once (its own statement, outside the chunk's work); a
        batch taken for dead that was only slow (or an upload reopened) runs again."""
        self.heartbeat_at, self.status = timezone.now(), ImportBatch.Status.RUNNING
        ImportBatch.objects.filter(pk=self.pk).update(
            heartbeat_at=self.heartbeat_at, status=self.status
        )

    @property
    def resume_hint(self) -> str:
        if self.status != ImportBatch.Status.INTERRUPTED:
            return ""
        if self.options.get("upload"):
            return _("Paused: reopen the upload to go on where it stopped.")
        return _(
            "Interrupted: run the same import again; what was saved is kept, the rest is "
            "imported, nothing twice."
        )


class ImportRecord(models.Model):
    class Outcome(models.TextChoices):
        CREATED = "created", _("Created")
        DUPLICATE = "duplicate", _("Duplicate")
        UPDATED = "updated", _("Updated")
        CONFLICT = "conflict", _("Conflict")
        FAILED = "failed", _("Failed")

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="records", verbose_name=_("batch")
    )
    file = models.CharField(_("file"), max_length=500)
    legacy_id = models.CharField(_("legacy id"), max_length=100, blank=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome, db_index=True)
    # Notes ({"code", "params"}, see importing.notes), worded when shown, in French for the
    # admin whatever language the import ran in.
    reason = models.JSONField(_("reason"), default=dict, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_records",
        verbose_name=_("article"),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    date = models.CharField(_("legacy date"), max_length=10, blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True)
    links = models.JSONField(_("linked entities"), default=dict, blank=True)
    removed = models.JSONField(
        _("removed by cleaning"),
        default=list,
        blank=True,
        help_text=_("Boilerplate the cleaning rules took out, kept for audit."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("import record")
        verbose_name_plural = _("import records")
        ordering = ["batch", "pk"]

    def __str__(self):
        return f"{PurePath(self.file).name}: {self.get_outcome_display()}"

    @property
    def reason_text(self) -> str:
        return note_text(self.reason)

    @property
    def reason_for_admin(self) -> str:
        return note_text(self.reason, ADMIN_HINTS)

    @property
    def warning_texts(self) -> list[str]:
        return [note_text(warning) for warning in self.warnings]


class PrivateStorage(FileSystemStorage):
    """Files that no URL serves (PRIVATE_MEDIA_ROOT): an uploaded archive holds unpublished
    texts, so only the import pages of the admin read it, and it is deleted once imported."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL.")


class _PrivateFiles(LazyObject):
    """STORAGES["private"] (newsroom/media_storage.py: the disk, or a private bucket), looked
    up when first used, and again after the settings change (tests change them)."""

    def _setup(self):
        self._wrapped = storages["private"]


_private_files = _PrivateFiles()


@receiver(setting_changed)
def _storages_changed(setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        _private_files._wrapped = empty


def private_storage():
    return _private_files


class ImportUpload(models.Model):
    """A .txt or .zip uploaded in the admin, previewed then imported a chunk per request.

    Chunks keep every request short whatever the size of the archive, with no job runner: the
    progress page asks for the next chunk until the upload is done.
    """

    class State(models.TextChoices):
        PREVIEWING = "previewing", _("Preview in progress")
        PREVIEWED = "previewed", _("Previewed, waiting for confirmation")
        IMPORTING = "importing", _("Import in progress")
        DONE = "done", _("Imported")

    file = models.FileField(
        _("file"), upload_to="imports/%Y/%m/", storage=private_storage, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=255)
    source = models.CharField(_("source"), max_length=200, blank=True)
    publish = models.BooleanField(_("publish dated texts"), default=False)
    update = models.BooleanField(_("replace changed texts"), default=False)
    state = models.CharField(_("state"), max_length=12, choices=State, default=State.PREVIEWING)
    total = models.PositiveIntegerField(_("files"), default=0)
    processed = models.PositiveIntegerField(_("files processed"), default=0)
    preview_batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("uploaded archive")
        verbose_name_plural = _("uploaded archives")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

"""An upload of calendars, entry lists or results (teams/csv_import.py) through the admin: kept
from its preview to its confirmation, then as the record of what it did."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistryImport(models.Model):
    class State(models.TextChoices):
        PREVIEWED = "previewed", _("Waiting for confirmation")
        IMPORTED = "imported", _("Imported")

    original_name = models.CharField(_("file"), max_length=255)
    # The uploaded bytes (5 MB at most): the confirmation imports what the preview read.
    data = models.BinaryField(_("content"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PREVIEWED)
    preview = models.JSONField(_("preview"), default=dict)
    report = models.JSONField(_("report"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)

    class Meta:
        verbose_name = _("CSV import")
        verbose_name_plural = _("CSV imports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["previewed", "imported"]),
                name="registry_import_state_valid",
            )
        ]

    def __str__(self):
        return self.original_name

"""The editorial record around an article: revisions, workflow steps, corrections, presence
and the site-wide audit trail."""

import itertools
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Revision(models.Model):
    """A snapshot of an article (fields, links, tags) taken on every save.

    Autosaves are revisions too: the latest autosave of a person on an article is updated in
    place until they save for real, so typing does not flood the history. An autosave of an
    article that was never saved has no article yet and belongs to its author.
    """

    class Kind(models.TextChoices):
        EDIT = "edit", _("Edit")
        AUTOSAVE = "autosave", _("Autosave")
        WORKFLOW = "workflow", _("Workflow")
        RESTORE = "restore", _("Restore")
        BULK = "bulk", _("Bulk action")
        IMPORT = "import", _("Import")

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("article"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.EDIT)
    version = models.PositiveIntegerField(
        _("article version"), help_text=_("The article's version this snapshot shows.")
    )
    data = models.JSONField(_("snapshot"), default=dict)
    message = models.CharField(_("message"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_revisions",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["article", "version"], name="revision_article_version")]

    def __str__(self):
        return f"{self.data.get('title', '')} — {self.get_kind_display()} v{self.version}"


class WorkflowStep(models.Model):
    """One move of an article through draft → review → published → unpublished."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="workflow_steps",
        verbose_name=_("article"),
    )
    from_status = models.CharField(_("from"), max_length=12)
    to_status = models.CharField(_("to"), max_length=12)
    scheduled_for = models.DateTimeField(_("publication time"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workflow_steps",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.from_label} → {self.to_label}"

    @property
    def schedules(self) -> bool:
        """A publication set for later than the move itself: the article waits, scheduled."""
        return bool(
            self.to_status == "published"
            and self.scheduled_for
            and self.scheduled_for > self.created_at
        )

    @property
    def from_label(self):
        # Set by steps_with_labels when the step before scheduled the article: "Published →
        # Published" would hide that a scheduled article went live or was moved again.
        if getattr(self, "from_scheduled", False):
            return str(SCHEDULED_LABEL)
        return status_label(self.from_status)

    @property
    def to_label(self):
        return str(SCHEDULED_LABEL) if self.schedules else status_label(self.to_status)


def steps_with_labels(steps) -> list[WorkflowStep]:
    """The steps, newest first as listed, each knowing whether it started from scheduled."""
    steps = list(steps)
    chronological = sorted(steps, key=lambda step: (step.created_at, step.pk))
    for before, step in itertools.pairwise(chronological):
        step.from_scheduled = (
            step.from_status == "published"
            and before.schedules
            and before.scheduled_for > step.created_at
        )
    return steps


SCHEDULED_LABEL = pgettext_lazy("article status", "Scheduled")


def status_label(code: str) -> str:
    from .article import Article  # the status names live with the article

    try:
        return str(Article.Status(code).label)
    except ValueError:
        return code


class Correction(models.Model):
    """A public note telling readers what was corrected in a published article, and when."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("article"),
    )
    published_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("correction"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["published_on", "pk"]

    def __str__(self):
        return self.text[:80]


class AuditEntryQuerySet(models.QuerySet):
    def editorial(self):
        """What people did to the content: everything but logins and logouts."""
        return self.exclude(action__in=["login", "logout", "login_failed", "two_factor_on"])


class AuditEntry(models.Model):
    """Who did what: every editorial write goes through a service that leaves one of these."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        EDIT = "edit", _("Edited")
        SUBMIT = "submit", _("Submitted for review")
        SEND_BACK = "send_back", _("Sent back to draft")
        PUBLISH = "publish", _("Published")
        SCHEDULE = "schedule", pgettext_lazy("audit action", "Scheduled")
        UNPUBLISH = "unpublish", _("Unpublished")
        RESTORE = "restore", _("Restored a revision")
        CORRECT = "correct", _("Added a correction")
        BULK = "bulk", _("Bulk action")
        TAG_RENAME = "tag_rename", _("Renamed a tag")
        TAG_MERGE = "tag_merge", _("Merged tags")
        IMAGE_UPLOAD = "image_upload", _("Uploaded an image")
        PREVIEW_LINK = "preview_link", _("Shared a preview link")
        DELETE = "delete", _("Deleted")
        IMPORT_UPDATE = "import_update", _("Updated from its legacy file")
        PREVIEW_REVOKE = "preview_revoke", _("Withdrew a preview link")
        LOGIN = "login", _("Logged in")
        LOGOUT = "logout", _("Logged out")
        LOGIN_FAILED = "login_failed", _("Failed login")
        TWO_FACTOR_ON = "two_factor_on", _("Turned on two-factor authentication")
        REGISTRY_ADD = "registry_add", _("Added a name to the registry")
        NAMES_IGNORED = "names_ignored", _("Ignored unknown names")

    action = models.CharField(_("action"), max_length=20, choices=Action, db_index=True)
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("article"),
    )
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("person"),
    )
    # Nouns, not "by"/"at": the list's filters read "By person", "By date".
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} — {self.object_repr}"


class EditingPresenceQuerySet(models.QuerySet):
    def recent(self):
        return self.filter(seen_at__gte=timezone.now() - EditingPresence.FRESHNESS)


class EditingPresence(models.Model):
    """Who has an article open in the editor, refreshed by a ping from the page.

    Kept in the database rather than a per-process cache so every app server sees it.
    """

    FRESHNESS = timedelta(seconds=45)

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="presences"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(default=timezone.now)

    objects = EditingPresenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("editing presence")
        verbose_name_plural = _("editing presences")
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="presence_article_user")
        ]

    def __str__(self):
        return f"{self.user} @ {self.article_id}"


class PreviewLink(models.Model):
    """A shared preview of an unpublished article: who made it, until when, and whether it was
    withdrawn. The link carries only `key`, signed (articles.site.preview)."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="preview_links",
        verbose_name=_("article"),
    )
    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(self.key)

    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

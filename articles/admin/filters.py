"""Filters of the article list: the desk's everyday views and the points to check."""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Article, published_q


class FlagFilter(admin.SimpleListFilter):
    """Imported articles that need an editor's eye (no date in the source, derived title)."""

    title = _("points to check")
    parameter_name = "flag"

    def lookups(self, request, model_admin):
        return Article.Flag.choices

    def queryset(self, request, queryset):
        if self.value() in Article.Flag.values:
            # `flags` is a JSON list of codes; a quoted text match works on every database
            # (JSON containment is not available on SQLite).
            return queryset.filter(flags__icontains=f'"{self.value()}"')
        return queryset


class WorkflowFilter(admin.SimpleListFilter):
    """The desk's everyday views: my drafts, what waits for review, what is scheduled."""

    title = _("workflow")
    parameter_name = "workflow"

    def lookups(self, request, model_admin):
        return [
            ("mine", _("My drafts")),
            ("review", _("Waiting for review")),
            ("scheduled", _("Scheduled")),
            ("published", _("Published")),
            ("unpublished", _("Unpublished")),
            ("drafts", _("All drafts")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        Status = Article.Status
        match self.value():
            case "mine":
                mine = Q(created_by=request.user) | Q(authors=request.user)
                return queryset.filter(mine, status=Status.DRAFT).distinct()
            case "review":
                return queryset.filter(status=Status.REVIEW)
            case "scheduled":
                return queryset.filter(status=Status.PUBLISHED, published_at__gt=now)
            case "published":
                return queryset.filter(published_q(now=now))
            case "unpublished":
                return queryset.filter(status=Status.UNPUBLISHED)
            case "drafts":
                return queryset.filter(status=Status.DRAFT)
        return queryset

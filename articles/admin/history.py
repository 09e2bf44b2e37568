"""The history of an article in the admin: revisions, workflow, corrections, audit; diff and
restore."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, revisions, services
from ..models import Article, Revision
from ..models.editorial import steps_with_labels


def visible_autosaves(user, article):
    """Someone's unsaved work is theirs: editors see everyone's, others only their own."""
    autosaves = article.revisions.filter(kind=Revision.Kind.AUTOSAVE)
    if permissions.can_edit_any(user):
        return autosaves
    return autosaves.filter(created_by=user)


class ArticleHistoryMixin:
    """Replaces the admin's "History" page of an article with the editorial one."""

    def history_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/history/compare/",
                wrap(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<int:pk>/history/<int:revision_pk>/restore/",
                wrap(require_POST(self.restore_view)),
                name="articles_article_restore",
            ),
        ]

    def history_article(self, request, pk) -> Article:
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def history_view(self, request, object_id, extra_context=None):
        article = self.history_article(request, object_id)
        revisions.ensure_baseline(article)
        history = article.revisions.select_related("created_by").exclude(
            kind=Revision.Kind.AUTOSAVE
        )
        autosaves = visible_autosaves(request.user, article).select_related("created_by")
        context = {
            **self.admin_site.each_context(request),
            "title": _("History of “%(title)s”") % {"title": article.title},
            "opts": self.model._meta,
            "original": article,
            "revisions": history[:200],
            "autosaves": autosaves,
            "steps": steps_with_labels(article.workflow_steps.select_related("created_by")),
            "corrections": article.corrections.select_related("created_by"),
            "audit": article.audit_entries.select_related("user")[:200],
            "can_restore": permissions.can_edit(request.user, article),
            "preview_links": article.preview_links.select_related("created_by", "revoked_by"),
            "can_withdraw": permissions.can_edit(request.user, article),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    def compare_view(self, request, pk):
        """Differences between two revisions, or between one and the article as saved now."""
        article = self.history_article(request, pk)
        older = self.pick_revision(request, article, request.GET.get("a"))
        newer_id = request.GET.get("b") or "current"
        if newer_id == "current":
            newer, newer_data = None, revisions.snapshot(article)
        else:
            newer = self.pick_revision(request, article, newer_id)
            newer_data = newer.data
        if newer is not None and newer.created_at < older.created_at:
            older, newer = newer, older
            newer_data = newer.data
        context = {
            **self.admin_site.each_context(request),
            "title": _("Changes in “%(title)s”") % {"title": article.title},
            "opts": self.model._meta,
            "original": article,
            "older": older,
            "newer": newer,
            "changes": revisions.diff(older.data, newer_data),
            "can_restore": permissions.can_edit(request.user, article),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def pick_revision(self, request, article, revision_id) -> Revision:
        try:
            revision = article.revisions.get(pk=int(revision_id))
        except (TypeError, ValueError, Revision.DoesNotExist):
            raise Http404(_("No such revision of this article.")) from None
        if revision.kind == Revision.Kind.AUTOSAVE and not (
            visible_autosaves(request.user, article).filter(pk=revision.pk).exists()
        ):
            # Someone else's unsaved work: it does not exist for this person.
            raise Http404(_("No such revision of this article."))
        return revision

    def restore_view(self, request, pk, revision_pk):
        article = self.history_article(request, pk)
        if not permissions.can_edit(request.user, article):
            raise PermissionDenied(_("You may not edit this article."))
        revision = self.pick_revision(request, article, revision_pk)
        services.restore_revision(revision=revision, user=request.user)
        self.message_user(
            request,
            _("Restored %(revision)s as a new revision.")
            % {"revision": revisions.revision_label(revision)},
            messages.SUCCESS,
        )
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

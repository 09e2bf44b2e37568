"""The article's form page around the form itself: restoring an autosave, the editing tools
(presence, autosave, preview links), the workflow buttons and their endpoint."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_POST

from .. import permissions, revisions, services, workflow
from ..checklist import prepublish_checks
from ..models import Article, Revision
from ..services.workflow import outcome_message
from ..suggestions import PRIMARY
from .display import refusal_text, status_badge_html
from .editing import AUTOSAVE_FIELDS, autosave_initial, editing_urls
from .link_suggestions import may_write, suggestion_urls
from .title_review import title_review_urls


def is_number(value: str) -> bool:
    # ASCII digits only: str.isdigit() also accepts "⁰⁴⁵", which int() and the ORM refuse.
    return value.isascii() and value.isdigit()


def link_kind_labels() -> dict[str, str]:
    """The chips' labels: what each suggested link is, by the form field it fills."""
    labels = {
        name: capfirst(Article._meta.get_field(name).related_model._meta.verbose_name)
        for name in Article.LINK_FIELDS
    }
    labels[PRIMARY] = capfirst(Article._meta.get_field(PRIMARY).verbose_name)
    return {name: str(label) for name, label in labels.items()}


class ArticleFormPageMixin:
    """For ArticleAdmin: everything on the change page that is not configuration."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        initial = self.autosave_initial(request, obj)
        if initial:
            form = type(form.__name__, (form,), {"autosave_initial_data": initial})
        return form

    def autosave_initial(self, request, obj):
        """Form values from the person's own autosave, when they chose to restore it."""
        revision_id = request.GET.get("autosave")
        if request.method != "GET" or not revision_id or not is_number(revision_id):
            return None
        revision = Revision.objects.filter(
            pk=revision_id,
            kind=Revision.Kind.AUTOSAVE,
            created_by=request.user,
            article=obj,
        ).first()
        if revision is None:
            return None
        return autosave_initial(revision)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.update(self.autosave_initial(request, None) or {})
        return initial

    def response_add(self, request, obj, post_url_continue=None):
        if request.POST.get("workflow"):
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if request.POST.get("workflow"):
            # After a workflow move the editor stays on the article and sees its new status.
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return super().response_change(request, obj)

    # Page ----------------------------------------------------------------------------------

    def get_urls(self):
        workflow_url = path(
            "<int:pk>/workflow/<slug:name>/",
            self.admin_site.admin_view(require_POST(self.workflow_view)),
            name="articles_article_workflow",
        )
        return (
            editing_urls(self.admin_site)
            + suggestion_urls(self.admin_site)
            + title_review_urls(self.admin_site)
            + self.history_urls()
            + [workflow_url]
            + super().get_urls()
        )

    def workflow_view(self, request, pk, name):
        """A workflow move without editing, e.g. a writer taking back an article in review."""
        article = get_object_or_404(Article, pk=pk)
        change_url = reverse("admin:articles_article_change", args=[pk])
        loaded = request.POST.get("loaded_version", "")
        try:
            plan = services.transition(
                article=article,
                name=name,
                user=request.user,
                comment=request.POST.get("comment", ""),
                # A move that does not say which version it was decided on is refused too.
                loaded_version=int(loaded) if is_number(loaded) else -1,
            )
        except (PermissionDenied, ValidationError) as refusal:
            level = (
                messages.WARNING if getattr(refusal, "code", "") == "conflict" else messages.ERROR
            )
            self.message_user(request, refusal_text(refusal), level)
        else:
            self.message_user(request, outcome_message(plan), messages.SUCCESS)
        return redirect(change_url)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        # Not self.get_object(): on a POST it locks the row, which needs the transaction that
        # the admin only opens later.
        article = None
        if object_id and is_number(str(object_id)):
            article = Article.objects.filter(pk=object_id).first()
        if article is not None and request.method == "GET":
            # Opening an article gives it a first revision (imported ones have none): the base
            # that a conflicting save is compared with.
            revisions.ensure_baseline(article)
        extra_context.update(self.editing_context(request, article))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def editing_context(self, request, article):
        pending = Revision.objects.filter(
            kind=Revision.Kind.AUTOSAVE, created_by=request.user, article=article
        )
        if article is not None:
            pending = pending.filter(created_at__gt=article.updated_at)
        urls = {}
        if article is not None:
            names = ["presence", "presence_leave", "preview_link"]
            if permissions.can_edit(request.user, article):
                names.append("autosave")  # people who only read it never send autosaves
            urls = {n: reverse(f"admin:articles_article_{n}", args=[article.pk]) for n in names}
        elif request.user.has_perm("articles.add_article"):
            urls = {"autosave": reverse("admin:articles_article_autosave_new")}
        transitions = workflow.available_transitions(request.user, article) if article else []
        if article is None and request.user.has_perm("articles.add_article"):
            transitions = [workflow.TRANSITIONS["submit"]]
            if permissions.can_publish(request.user):
                transitions.append(workflow.TRANSITIONS["publish"])
        if may_write(request.user) and (
            article is None or permissions.can_edit(request.user, article)
        ):
            urls["link_suggestions"] = reverse("admin:articles_article_link_suggestions")
        may_publish = any(t.name == "publish" for t in transitions)
        return {
            "checks": prepublish_checks(article) if article is not None and may_publish else None,
            "editing_urls": urls,
            "link_kinds": json.dumps(link_kind_labels()),
            "autosave_fields": json.dumps(AUTOSAVE_FIELDS),
            "pending_autosave": pending.first(),
            "workflow_transitions": transitions,
            "last_step": article.workflow_steps.select_related("created_by").first()
            if article
            else None,
            "status_badge": status_badge_html(article) if article else None,
        }

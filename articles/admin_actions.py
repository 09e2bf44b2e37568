"""Bulk actions of the article list: each checks rights per article and leaves a revision."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import permissions, workflow
from .admin_forms import BulkChampionshipForm, BulkTagForm
from .audit import record
from .models import Article, AuditEntry, Revision
from .revisions import ensure_baseline, save_revision


def report(model_admin, request, done: int, refused: list[str], done_message: str):
    if done:
        model_admin.message_user(request, done_message, messages.SUCCESS)
    if refused:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d article was left unchanged: %(reasons)s",
                "%(count)d articles were left unchanged: %(reasons)s",
                len(refused),
            )
            % {"count": len(refused), "reasons": "; ".join(dict.fromkeys(refused))},
            messages.WARNING,
        )


def move_all(model_admin, request, queryset, name):
    done, refused = 0, []
    for article in queryset:
        try:
            workflow.apply_transition(article, name, user=request.user, kind=Revision.Kind.BULK)
            done += 1
        except (PermissionDenied, ValidationError) as refusal:
            refused.append(f"{article.title} ({refusal.args[0] if refusal.args else refusal})")
    return done, refused


@admin.action(description=gettext_lazy("Publish the selected articles"), permissions=["publish"])
def publish(model_admin, request, queryset):
    done, refused = move_all(model_admin, request, queryset, "publish")
    report(
        model_admin,
        request,
        done,
        refused,
        ngettext("%d article published.", "%d articles published.", done) % done,
    )


@admin.action(description=gettext_lazy("Unpublish the selected articles"), permissions=["publish"])
def unpublish(model_admin, request, queryset):
    done, refused = move_all(
        model_admin, request, queryset.filter(status=Article.Status.PUBLISHED), "unpublish"
    )
    report(
        model_admin,
        request,
        done,
        refused,
        ngettext("%d article unpublished.", "%d articles unpublished.", done) % done,
    )


def changed(count: int) -> str:
    return ngettext("%d article changed.", "%d articles changed.", count) % count


def edit_all(request, queryset, change, message):
    """Apply `change(article) -> bool` to each editable article; record what changed."""
    editable = set(permissions.editable_by(request.user, queryset).values_list("pk", flat=True))
    done, refused = 0, []
    for article in queryset:
        if article.pk not in editable:
            refused.append(_("%(title)s (not yours to edit)") % {"title": article.title})
            continue
        with transaction.atomic():
            ensure_baseline(article)
            if not change(article):
                continue
            article.save()
            save_revision(article, user=request.user, kind=Revision.Kind.BULK, message=message)
            record(AuditEntry.Action.BULK, user=request.user, article=article, detail=message)
            done += 1
    return done, refused


def ask(model_admin, request, queryset, form, title, action):
    """The intermediate page of an action that needs a value (a tag, a championship)."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "queryset": queryset,
        "count": queryset.count(),
        "action": action,
        "opts": model_admin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": model_admin.media,
    }
    return TemplateResponse(request, "admin/articles/article/bulk_action.html", context)


@admin.action(
    description=gettext_lazy("Add a tag to the selected articles"), permissions=["change"]
)
def add_tag(model_admin, request, queryset):
    form = BulkTagForm(request.POST if "apply" in request.POST else None)
    if not form.is_valid():
        return ask(model_admin, request, queryset, form, _("Add a tag"), "add_tag")
    name = form.cleaned_data["tag"]

    def change(article):
        if name.casefold() in {t.casefold() for t in article.tags.names()}:
            return False
        article.tags.add(name)
        return True

    message = _("Tag “%(tag)s” added") % {"tag": name}
    done, refused = edit_all(request, queryset, change, message)
    report(model_admin, request, done, refused, f"{message} — {changed(done)}")


@admin.action(
    description=gettext_lazy("Remove a tag from the selected articles"), permissions=["change"]
)
def remove_tag(model_admin, request, queryset):
    form = BulkTagForm(request.POST if "apply" in request.POST else None)
    if not form.is_valid():
        return ask(model_admin, request, queryset, form, _("Remove a tag"), "remove_tag")
    name = form.cleaned_data["tag"]

    def change(article):
        matching = [t for t in article.tags.all() if t.name.casefold() == name.casefold()]
        if not matching:
            return False
        article.tags.remove(*matching)
        return True

    message = _("Tag “%(tag)s” removed") % {"tag": name}
    done, refused = edit_all(request, queryset, change, message)
    report(model_admin, request, done, refused, f"{message} — {changed(done)}")


@admin.action(
    description=gettext_lazy("Set the primary championship of the selected articles"),
    permissions=["change"],
)
def set_primary_championship(model_admin, request, queryset):
    form = BulkChampionshipForm(request.POST if "apply" in request.POST else None)
    if not form.is_valid():
        return ask(
            model_admin,
            request,
            queryset,
            form,
            _("Set the primary championship"),
            "set_primary_championship",
        )
    championship = form.cleaned_data["championship"]

    def change(article):
        if article.primary_championship_id == (championship.pk if championship else None):
            return False
        article.primary_championship = championship
        if championship is not None:
            article.championships.add(championship)
        return True

    message = _("Primary championship set to “%(name)s”") % {"name": championship or _("(none)")}
    done, refused = edit_all(request, queryset, change, message)
    report(model_admin, request, done, refused, f"{message} — {changed(done)}")

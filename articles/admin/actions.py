"""Bulk actions of the article list: thin calls to the bulk services, which check rights per
article and leave a revision for each change."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import services
from ..models import Article
from .forms import BulkChampionshipForm, BulkTagForm


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


@admin.action(description=gettext_lazy("Publish the selected articles"), permissions=["publish"])
def publish(model_admin, request, queryset):
    result = services.bulk_transition(articles=queryset, name="publish", user=request.user)
    done = result.done
    message = ngettext("%d article published.", "%d articles published.", done) % done
    report(model_admin, request, done, result.refused, message)


@admin.action(description=gettext_lazy("Unpublish the selected articles"), permissions=["publish"])
def unpublish(model_admin, request, queryset):
    result = services.bulk_transition(
        articles=queryset.filter(status=Article.Status.PUBLISHED),
        name="unpublish",
        user=request.user,
    )
    done = result.done
    message = ngettext("%d article unpublished.", "%d articles unpublished.", done) % done
    report(model_admin, request, done, result.refused, message)


def changed(count: int) -> str:
    return ngettext("%d article changed.", "%d articles changed.", count) % count


def edit_all(model_admin, request, queryset, change, value, message):
    result = services.bulk_edit(
        articles=queryset, change=change, value=value, user=request.user, message=message
    )
    report(model_admin, request, result.done, result.refused, f"{message} — {changed(result.done)}")


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
    message = _("Tag “%(tag)s” added") % {"tag": name}
    edit_all(model_admin, request, queryset, "add_tag", name, message)


@admin.action(
    description=gettext_lazy("Remove a tag from the selected articles"), permissions=["change"]
)
def remove_tag(model_admin, request, queryset):
    form = BulkTagForm(request.POST if "apply" in request.POST else None)
    if not form.is_valid():
        return ask(model_admin, request, queryset, form, _("Remove a tag"), "remove_tag")
    name = form.cleaned_data["tag"]
    message = _("Tag “%(tag)s” removed") % {"tag": name}
    edit_all(model_admin, request, queryset, "remove_tag", name, message)


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
    message = _("Primary championship set to “%(name)s”") % {"name": championship or _("(none)")}
    edit_all(model_admin, request, queryset, "set_primary_championship", championship, message)

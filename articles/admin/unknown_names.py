"""The unknown names queue in the admin: names the linker could not resolve, most written first.

Each row has one-click buttons to add the name to the registry as a driver, team, make or
circuit; its page shows every article that writes it, and also offers a championship, a car
or an alias of an existing entity. Everything is done by articles/services/unknown_names.py.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from teams.models import Championship, Manufacturer

from .. import permissions
from ..models import UnknownName
from ..services.unknown_names import (
    KINDS,
    add_unknown_name,
    ignore_unknown_names,
    may_add_to_registry,
)
from .display import refusal_text

# The kinds offered on each row: those that need nothing but the name.
QUICK_KINDS = ["drivers", "teams", "manufacturers", "circuits"]


def kind_label(kind: str) -> str:
    return capfirst(KINDS[kind]._meta.verbose_name)


class QueueFilter(admin.SimpleListFilter):
    """To review by default; decided names stay findable."""

    title = gettext_lazy("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("added", UnknownName.Status.ADDED.label),
            ("ignored", UnknownName.Status.IGNORED.label),
            ("all", _("All")),
        ]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": UnknownName.Status.NEW.label,
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset.filter(status=UnknownName.Status.NEW)
        if value in (UnknownName.Status.ADDED, UnknownName.Status.IGNORED):
            return queryset.filter(status=value)
        return queryset


class AddForm(forms.Form):
    """What a new championship or car needs besides its name."""

    category = forms.ChoiceField(
        label=gettext_lazy("category"), choices=Championship.Category.choices, required=False
    )
    manufacturer = forms.ModelChoiceField(
        label=gettext_lazy("manufacturer"), queryset=Manufacturer.objects.all(), required=False
    )


@admin.register(UnknownName)
class UnknownNameAdmin(admin.ModelAdmin):
    list_display = ["name", "article_count", "excerpt", "decision"]
    list_filter = [QueueFilter]
    search_fields = ["name"]
    actions = ["ignore"]
    list_per_page = 50
    change_list_template = "admin/articles/unknownname/change_list.html"

    def get_ordering(self, request):
        return ["-article_count", "name"]  # the most written first (annotated below)

    def get_queryset(self, request):
        # Not super(): it orders before the count it orders by exists.
        return UnknownName.objects.written().with_counts().order_by(*self.get_ordering(request))

    # Rights: editors see the queue; who may add to the registry decides. ------------------

    def has_view_permission(self, request, obj=None):
        return permissions.can_publish(request.user) or self.may_decide(request)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def may_decide(self, request):
        return may_add_to_registry(request.user, "drivers")

    def has_ignore_permission(self, request):
        return self.may_decide(request)

    # Columns -----------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    @admin.display(description=gettext_lazy("excerpt"))
    def excerpt(self, obj):
        return obj.first_excerpt or "—"

    @admin.display(description=gettext_lazy("decision"))
    def decision(self, obj):
        if obj.status != UnknownName.Status.NEW:
            return obj.get_status_display()
        url = reverse("admin:articles_unknownname_decide", args=[obj.pk])
        buttons = format_html_join(
            " ",
            '<button type="submit" class="button" form="unknown-name-decide" formaction="{}" '
            'name="kind" value="{}" aria-label="{}">{}</button>',
            (
                (
                    url,
                    kind,
                    _("Add %(name)s as %(kind)s")
                    % {"name": obj.name, "kind": kind_label(kind).lower()},
                    kind_label(kind),
                )
                for kind in QUICK_KINDS
            ),
        )
        page = reverse("admin:articles_unknownname_change", args=[obj.pk])
        return format_html(
            '<span class="unknown-name-decision">{} <a href="{}">{}</a></span>',
            buttons,
            page,
            _("Other…"),
        )

    def get_list_display(self, request):
        if self.may_decide(request):
            return self.list_display
        return [name for name in self.list_display if name != "decision"]

    # Actions -----------------------------------------------------------------------------

    @admin.action(description=gettext_lazy("Ignore the selected names"), permissions=["ignore"])
    def ignore(self, request, queryset):
        count = ignore_unknown_names(names=queryset, user=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d name ignored: it leaves the queue.",
                "%(count)d names ignored: they leave the queue.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    # Pages -------------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/decide/", view(self.decide_view), name="articles_unknownname_decide"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The name's page: every article that writes it, and every way to decide."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        unknown = get_object_or_404(UnknownName, pk=object_id) if str(object_id).isdigit() else None
        if unknown is None:
            return redirect(reverse("admin:articles_unknownname_changelist"))
        mentions = unknown.mentions.select_related("article").order_by("-article__published_at")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": unknown.name,
            "unknown": unknown,
            "mentions": mentions[:200],
            "mention_count": mentions.count(),
            "may_decide": unknown.status == UnknownName.Status.NEW and self.may_decide(request),
            "kinds": [(kind, kind_label(kind)) for kind in KINDS],
            "add_form": AddForm(),
            "entities": self.entity_choices(),
            "decide_url": reverse("admin:articles_unknownname_decide", args=[unknown.pk]),
        }
        return TemplateResponse(request, "admin/articles/unknownname/decide.html", context)

    def entity_choices(self) -> dict[str, tuple[str, int]]:
        """Existing entities as the alias field offers them: "Sébastien Loeb — Pilote"."""
        choices = {}
        for kind, model in KINDS.items():
            label = kind_label(kind)
            for pk, name in model.objects.values_list("pk", "name"):
                choices[f"{name} — {label}"] = (kind, pk)
        return choices

    def decide_view(self, request, pk):
        queue = reverse("admin:articles_unknownname_changelist")
        if request.method != "POST":
            return redirect(queue)
        unknown = get_object_or_404(UnknownName, pk=pk)
        back = request.POST.get("next") == "page"
        page = reverse("admin:articles_unknownname_change", args=[pk])
        if request.POST.get("ignore"):
            if not self.may_decide(request):
                raise PermissionDenied
            ignore_unknown_names(names=[unknown], user=request.user)
            self.message_user(
                request, _("“%(name)s” ignored: it leaves the queue.") % {"name": unknown.name}
            )
            return redirect(queue)
        try:
            entity, linked = self.add(request, unknown)
        except (PermissionDenied, ValidationError) as refusal:
            self.message_user(request, refusal_text(refusal), messages.ERROR)
            return redirect(page if back else queue)
        self.message_user(
            request,
            ngettext(
                "“%(name)s” added to the registry (%(kind)s): %(count)d article linked to it.",
                "“%(name)s” added to the registry (%(kind)s): %(count)d articles linked to it.",
                linked,
            )
            % {"name": entity.name, "kind": entity._meta.verbose_name, "count": linked},
            messages.SUCCESS,
        )
        return redirect(queue)

    def add(self, request, unknown):
        alias = request.POST.get("alias_of", "").strip()
        if alias:
            found = self.entity_choices().get(alias)
            if found is None:
                raise ValidationError(
                    _("Choose the entity in the list: “%(value)s” is not one.")
                    % {"value": alias[:200]}
                )
            kind, entity_pk = found
            entity = KINDS[kind].objects.get(pk=entity_pk)
            return add_unknown_name(unknown=unknown, user=request.user, kind=kind, alias_of=entity)
        kind = request.POST.get("kind", "")
        if kind not in KINDS:
            raise ValidationError(_("Unknown kind of registry entity."))
        form = AddForm(request.POST)
        form.is_valid()
        fields = {}
        if kind == "championships":
            if not form.cleaned_data.get("category"):
                raise ValidationError(_("A championship needs its category."))
            fields["category"] = form.cleaned_data["category"]
        if kind == "cars":
            if not form.cleaned_data.get("manufacturer"):
                raise ValidationError(_("A car needs its manufacturer."))
            fields["manufacturer"] = form.cleaned_data["manufacturer"]
        return add_unknown_name(unknown=unknown, user=request.user, kind=kind, fields=fields)

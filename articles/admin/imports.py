"""Import reports in the admin: batches, and one record per file seen, read-only."""

from pathlib import PurePath

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..importing.clean import rule_label
from ..importing.link import RELATIONS
from ..importing.notes import MESSAGES, note_text
from ..models import Article, ImportBatch, ImportRecord
from . import import_views


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reports are written by the importer only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "started_at", "state", "created_by", "outcome_counts", "files"]
    list_filter = ["status", "source"]
    search_fields = ["source", "paths"]
    date_hierarchy = "started_at"
    list_select_related = ["created_by"]
    readonly_fields = [
        "imported",
        "how",
        "files",
        "outcome_table",
        "cleaned",
        "unknown_names",
    ]
    exclude = ["paths", "options", "summary"]

    def get_queryset(self, request):
        # An upload's preview is a page of the upload, not an import.
        return super().get_queryset(request).imports()

    @admin.display(description=_("imported files"))
    def imported(self, obj):
        return ", ".join(obj.path_names) or "—"

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(
                lambda request, *args, **kwargs: function(
                    request, *args, admin_site=self.admin_site, **kwargs
                )
            )

        return [
            path("upload/", view(import_views.upload_view), name="articles_importupload_add"),
            path(
                "upload/<int:pk>/",
                view(import_views.progress_view),
                name="articles_importupload_progress",
            ),
            path(
                "upload/<int:pk>/step/",
                view(import_views.step_view),
                name="articles_importupload_step",
            ),
            path(
                "upload/<int:pk>/confirm/",
                view(import_views.confirm_view),
                name="articles_importupload_confirm",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("status"), ordering="status")
    def state(self, obj):
        hint = obj.resume_hint
        return (
            format_html("{}<br><small>{}</small>", obj.get_status_display(), hint)
            if hint
            else (obj.get_status_display())
        )

    def changelist_view(self, request, extra_context=None):
        ImportBatch.objects.mark_interrupted()  # a process that died cannot say so itself
        extra_context = {
            **(extra_context or {}),
            "can_upload": request.user.has_perm(import_views.PERMISSION),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("outcomes"))
    def outcome_counts(self, obj):
        summary = obj.summary or {}
        return ", ".join(
            f"{summary[o]} {label}" for o, label in ImportRecord.Outcome.choices if summary.get(o)
        )

    @admin.display(description=_("options"))
    def how(self, obj):
        options = obj.options or {}
        chosen = [
            label
            for key, label in (
                ("dry_run", _("trial run: nothing saved")),
                ("publish", _("dated texts published")),
                ("update", _("changed texts replaced")),
                ("upload", _("uploaded in the admin")),
            )
            if options.get(key)
        ]
        return ", ".join(map(str, chosen)) or _("texts imported as drafts, none replaced")

    @admin.display(description=_("outcomes"))
    def outcome_table(self, obj):
        summary = obj.summary or {}
        rows = [
            (label, summary.get(outcome, 0))
            for outcome, label in ImportRecord.Outcome.choices
            if summary.get(outcome)
        ]
        rows += [
            (label, summary[key])
            for key, label in (("warnings", _("warnings")), ("without_date", _("without a date")))
            if summary.get(key)
        ]
        return format_html_join("\n", "<p><strong>{}</strong> : {}</p>", rows) or "—"

    @admin.display(description=_("removed by cleaning"))
    def cleaned(self, obj):
        cleaning = (obj.summary or {}).get("cleaning") or {}
        rows = ((rule_label(rule), count) for rule, count in cleaning.items())
        return format_html_join("\n", "<p>{} : {}</p>", rows) or "—"

    @admin.display(description=_("names not in the registry"))
    def unknown_names(self, obj):
        names = (obj.summary or {}).get("unknown_names") or []
        if not names:
            return "—"
        queue = reverse("admin:articles_unknownname_changelist")
        return format_html(
            '{}<p><a href="{}">{}</a></p>',
            ", ".join(f"{entry['name']} ({entry['count']})" for entry in names),
            queue,
            _("Open the unknown names queue"),
        )

    @admin.display(description=_("files"))
    def files(self, obj):
        url = reverse("admin:articles_importrecord_changelist") + f"?batch__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("See the files of this batch"))


class ReasonFilter(admin.SimpleListFilter):
    """Files refused for the same reason, to fix them together."""

    title = _("reason")
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        codes = (
            model_admin.get_queryset(request)
            .exclude(reason={})
            .values_list("reason__code", flat=True)
            .distinct()
        )
        return sorted(
            ((code, note_text({"code": code})) for code in codes if code in MESSAGES),
            key=lambda choice: choice[1],
        )

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(reason__code=self.value())
        return queryset


class HasWarningsFilter(admin.SimpleListFilter):
    title = _("warnings")
    parameter_name = "warned"

    def lookups(self, request, model_admin):
        return [("yes", _("With warnings")), ("no", _("Without warnings"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(warnings=[])
        if self.value() == "no":
            return queryset.filter(warnings=[])
        return queryset


@admin.register(ImportRecord)
class ImportRecordAdmin(ReadOnlyAdmin):
    list_display = [
        "file_name",
        "outcome",
        "reason_text",
        "date",
        "language",
        "title",
        "article_link",
    ]
    list_filter = [
        "outcome",
        ReasonFilter,
        HasWarningsFilter,
        "language",
        ("batch", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["file", "legacy_id", "title"]
    list_select_related = ["article"]
    readonly_fields = [
        "file_name",
        "reason_text",
        "warning_list",
        "link_list",
        "removed_list",
        "article_link",
    ]
    exclude = ["file", "reason", "warnings", "links", "removed"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(batch__in=ImportBatch.objects.imports().values("pk"))
        )

    @admin.display(description=_("reason"))
    def reason_text(self, obj):
        return obj.reason_for_admin or "—"

    @admin.display(description=_("file"), ordering="file")
    def file_name(self, obj):
        # The file's name, not where the server read it: paths are the machine's business.
        return PurePath(obj.file).name

    @admin.display(description=_("article"))
    def article_link(self, obj):
        if obj.article_id is None:
            return "—"
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">#{}</a>', url, obj.article_id)

    @admin.display(description=_("warnings"))
    def warning_list(self, obj):
        return format_html_join("\n", "<p>{}</p>", ((w,) for w in obj.warning_texts)) or "—"

    @admin.display(description=_("linked entities"))
    def link_list(self, obj):
        links = obj.links or {}
        rows = [
            (
                capfirst(Article._meta.get_field(kind).related_model._meta.verbose_name_plural),
                ", ".join(e["name"] for e in links[kind]),
            )
            for kind in RELATIONS
            if isinstance(links.get(kind), list) and links[kind]
        ]
        if links.get("unknown_names"):
            rows.append((_("not in the registry"), ", ".join(links["unknown_names"])))
        return format_html_join("\n", "<p><strong>{}</strong> : {}</p>", rows) or "—"

    @admin.display(description=_("removed by cleaning"))
    def removed_list(self, obj):
        rows = ((rule_label(r["rule"]), r["text"]) for r in obj.removed)
        return format_html_join("\n", "<p><strong>{}</strong> : {}</p>", rows) or "—"

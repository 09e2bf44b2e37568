"""The article admin: configuration, and calls to the services for every write."""

from pathlib import PurePath

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from teams.models import Event

from .. import dates, permissions, services
from ..models import Article, Correction
from ..sanitize import sanitize_html
from ..services.workflow import outcome_message
from . import actions
from .display import status_badge_html
from .editor import BodyField
from .filters import FlagFilter, WorkflowFilter
from .form_page import ArticleFormPageMixin
from .forms import ArticleForm
from .history import ArticleHistoryMixin
from .widgets import TagSuggestionsWidget


class CorrectionInline(admin.TabularInline):
    """Public correction notes; editors add them (model permission add_correction)."""

    model = Correction
    fields = ["published_on", "text", "created_by"]
    readonly_fields = ["created_by"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(ArticleFormPageMixin, ArticleHistoryMixin, admin.ModelAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    # Readable at 1366 px: the title takes the room (article_editing.css), the rest is short.
    list_display = ["title", "status_badge", "championship", "publication", "author_names"]
    list_filter = [
        WorkflowFilter,
        "status",
        ("primary_championship", admin.RelatedOnlyFieldListFilter),
        ("championships", admin.RelatedOnlyFieldListFilter),
        ("manufacturers", admin.RelatedOnlyFieldListFilter),
        "language",
        "date_precision",
        FlagFilter,
    ]
    list_select_related = ["primary_championship"]
    list_per_page = 50
    search_fields = ["title", "standfirst", "byline", "legacy_id", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["primary_championship", *Article.LINK_FIELDS, "hero_image"]
    filter_horizontal = ["authors"]
    provenance = ["legacy_id", "source_name", "content_hash", "flag_list", "version"]
    provenance += ["created_by", "created_at", "updated_at"]
    readonly_fields = ["status_badge", *provenance, "revised_at"]
    dating = ["status_badge", "published_at", "date_precision", "language", "revised_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "hero_image", "body"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status_badge",
                    "published_at",
                    "date_precision",
                    "language",
                    "revised_at",
                ]
            },
        ),
        (
            _("Series, makes, teams and people"),
            {"fields": ["primary_championship", *Article.LINK_FIELDS, "tags"]},
        ),
        (_("Byline and source"), {"fields": ["byline", "authors", "source", "source_url"]}),
        (_("Provenance"), {"classes": ["collapse"], "fields": provenance}),
    ]
    inlines = [CorrectionInline]
    actions = [
        actions.publish,
        actions.unpublish,
        actions.add_tag,
        actions.remove_tag,
        actions.set_primary_championship,
    ]

    class Media:
        css = {"all": ["articles/admin/article_editing.css"]}
        js = [
            "articles/admin/article_editing.js",
            "articles/admin/link_suggestions.js",
            "articles/admin/prepublish_checklist.js",
        ]

    # Rights ------------------------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        return permissions.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return permissions.can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not permissions.can_publish(request.user):
            # Writers propose; when and how precisely it appears is the editors' call.
            fields += ["published_at"]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Someone who may only read the article reads its body as readers will, not as HTML.
        return [
            (
                name,
                {
                    **options,
                    "fields": [f if f != "body" else "body_as_read" for f in options["fields"]],
                },
            )
            for name, options in fieldsets
        ]

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST":
            # The admin wraps a save in a transaction: lock the row so the version check and
            # the save cannot interleave with another person's save.
            try:
                return self.get_queryset(request).select_for_update().get(pk=int(object_id))
            except (Article.DoesNotExist, ValueError):
                return None
        return super().get_object(request, object_id, from_field)

    # Fields --------------------------------------------------------------------------------

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "authors":
            # Authors are the newsroom's staff: a short list that needs no user-admin rights.
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        elif db_field.name == "events":  # each named with its season
            kwargs["queryset"] = Event.objects.select_related("season__championship")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            kwargs["widget"] = TagSuggestionsWidget
        elif db_field.name == "body":
            # The rich text editor; a body only counts as changed when what readers see does.
            kwargs["form_class"] = BodyField
        elif db_field.name == "source_url":
            kwargs["assume_scheme"] = "https"  # a bare "example.org" means https
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # Saving: one call to the service, which does every side effect ------------------------

    def save_model(self, request, obj, form, change):
        """Saved by save_related, through the service, once the inline forms are known."""

    def save_related(self, request, form, formsets, change):
        def write_relations(article):
            form.save_m2m()
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)

        saved = services.save_article(
            article=form.instance,
            user=request.user,
            loaded_version=form.cleaned_data.get("loaded_version") if change else None,
            write_relations=write_relations,
            plan=form.plan,
            comment=form.cleaned_data.get("workflow_comment", ""),
        )
        if saved.plan is not None:
            self.message_user(request, outcome_message(saved.plan), messages.SUCCESS)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        services.save_corrections(
            article=form.instance,
            corrections=formset.save(commit=False),
            deleted=formset.deleted_objects,
            user=request.user,
        )

    def delete_model(self, request, obj):
        services.delete_articles(articles=[obj], user=request.user)

    def delete_queryset(self, request, queryset):
        services.delete_articles(articles=queryset, user=request.user)

    # Columns -------------------------------------------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        return status_badge_html(obj)

    @admin.display(description=_("body"))
    def body_as_read(self, obj):
        # Sanitised on every save (articles/sanitize.py); cleaned again here all the same.
        return format_html(
            '<div class="article-readonly-body">{}</div>', mark_safe(sanitize_html(obj.body))
        )

    @admin.display(description=_("publication"), ordering="published_at")
    def publication(self, obj):
        return dates.date_label(obj, with_time=True) or "—"

    @admin.display(description=_("championship"), ordering="primary_championship__name")
    def championship(self, obj):
        series = obj.primary_championship
        if series is None:
            return "—"
        # The short name ("WTCR") keeps the column narrow; the full name is the tooltip.
        return format_html(
            '<span title="{}">{}</span>', series.name, series.short_name or series.name
        )

    @admin.display(description=_("authors"))
    def author_names(self, obj):
        # The newsroom's people by name; an imported or agency text by its byline.
        return ", ".join(map(str, obj.authors.all())) or obj.byline or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    @admin.display(description=_("source file"))
    def source_name(self, obj):
        # The file's name, not where the server read it: paths are the machine's business.
        return PurePath(obj.source_file).name if obj.source_file else "—"

    @admin.display(description=_("points to check"))
    def flag_list(self, obj):
        labels = dict(Article.Flag.choices)
        return ", ".join(str(labels.get(flag, flag)) for flag in obj.flags) or "—"

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published() else None

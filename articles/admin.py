from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import import_admin  # noqa: F401  (registers the import reports)
from .models import Article
from .services import publish_article, unpublish_article
from .widgets import TagSuggestionsWidget


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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "is_live",
        "publication",
        "primary_championship",
        "language",
    ]
    list_filter = [
        "status",
        ("primary_championship", admin.RelatedOnlyFieldListFilter),
        ("championships", admin.RelatedOnlyFieldListFilter),
        ("manufacturers", admin.RelatedOnlyFieldListFilter),
        "language",
        "date_precision",
        FlagFilter,
    ]
    list_select_related = ["primary_championship"]
    search_fields = ["title", "standfirst", "byline", "legacy_id", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "primary_championship",
        "championships",
        "manufacturers",
        "teams",
        "drivers",
        "cars",
        "circuits",
    ]
    readonly_fields = [
        "legacy_id",
        "source_file",
        "content_hash",
        "flag_list",
        "version",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "date_precision", "language"]},
        ),
        (
            _("Series, makes, teams and people"),
            {
                "fields": [
                    "primary_championship",
                    "championships",
                    "manufacturers",
                    "teams",
                    "drivers",
                    "cars",
                    "circuits",
                    "tags",
                ]
            },
        ),
        (_("Byline and source"), {"fields": ["byline", "authors", "source", "source_url"]}),
        (
            _("Provenance"),
            {
                "classes": ["collapse"],
                "fields": [
                    "legacy_id",
                    "source_file",
                    "content_hash",
                    "flag_list",
                    "version",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    filter_horizontal = ["authors"]
    actions = ["publish", "unpublish"]
    list_per_page = 50

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "authors":
            # Authors are the newsroom's staff: a short list that needs no user-admin rights.
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            kwargs["widget"] = TagSuggestionsWidget
        elif db_field.name == "source_url":
            kwargs["assume_scheme"] = "https"  # a bare "example.org" means https
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(boolean=True, description=_("on the site"))
    def is_live(self, obj):
        return obj.is_published()

    @admin.display(description=_("publication"), ordering="published_at")
    def publication(self, obj):
        if obj.published_at is None:
            return "—"
        local = timezone.localtime(obj.published_at)
        if obj.date_precision == Article.DatePrecision.MONTH:
            return formats.date_format(local, "F Y")
        return formats.date_format(local, "DATETIME_FORMAT")

    @admin.display(description=_("points to check"))
    def flag_list(self, obj):
        labels = dict(Article.Flag.choices)
        return ", ".join(str(labels.get(flag, flag)) for flag in obj.flags) or "—"

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published() else None

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        published = 0
        for article in queryset:
            publish_article(article=article)
            published += 1
        self.message_user(
            request,
            ngettext("%d article published.", "%d articles published.", published) % published,
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected articles"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            unpublish_article(article=article)
            count += 1
        self.message_user(
            request,
            ngettext("%d article unpublished.", "%d articles unpublished.", count) % count,
            messages.SUCCESS,
        )

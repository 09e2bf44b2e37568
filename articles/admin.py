from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import (  # noqa: F401  (the imported admin modules register themselves)
    admin_actions,
    audit_admin,
    dates,
    image_admin,
    import_admin,
    permissions,
    revisions,
    services,
    tag_admin,
    workflow,
)
from .admin_forms import ArticleForm
from .admin_history import ArticleHistoryMixin
from .editing_views import autosave_initial, editing_urls
from .editor import BodyField
from .models import Article, Correction, Revision, published_q
from .services.workflow import outcome_message
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


class CorrectionInline(admin.TabularInline):
    """Public correction notes; editors add them (model permission add_correction)."""

    model = Correction
    fields = ["published_on", "text", "created_by"]
    readonly_fields = ["created_by"]
    extra = 0


STATUS_STYLE = {
    "draft": "#6b6b6b",
    "review": "#8a5a00",
    "scheduled": "#1d4ed8",
    "published": "#166534",
    "unpublished": "#9f1239",
}


def refusal_text(refusal) -> str:
    if isinstance(refusal, ValidationError):
        return " ".join(refusal.messages)
    return str(refusal.args[0]) if refusal.args else ""


def status_badge_html(article):
    key = "scheduled" if article.is_scheduled else article.status
    return format_html(
        '<span class="status-badge status-{}" style="background:{};color:#fff;'
        'padding:2px 8px;border-radius:10px;white-space:nowrap">{}</span>',
        key,
        STATUS_STYLE[key],
        workflow.status_label(article),
    )


@admin.register(Article)
class ArticleAdmin(ArticleHistoryMixin, admin.ModelAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "title",
        "status_badge",
        "publication",
        "primary_championship",
        "language",
        "updated_at",
    ]
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
        "hero_image",
    ]
    readonly_fields = [
        "status_badge",
        "legacy_id",
        "source_file",
        "content_hash",
        "flag_list",
        "version",
        "created_by",
        "created_at",
        "updated_at",
        "revised_at",
    ]
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
                    "created_by",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    filter_horizontal = ["authors"]
    inlines = [CorrectionInline]
    actions = [
        admin_actions.publish,
        admin_actions.unpublish,
        admin_actions.add_tag,
        admin_actions.remove_tag,
        admin_actions.set_primary_championship,
    ]
    list_per_page = 50

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

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST":
            # The admin wraps a save in a transaction: lock the row so the version check and
            # the save cannot interleave with another person's save.
            queryset = self.get_queryset(request).select_for_update()
            try:
                return queryset.get(pk=int(object_id))
            except (Article.DoesNotExist, ValueError):
                return None
        return super().get_object(request, object_id, from_field)

    # Form ----------------------------------------------------------------------------------

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
        if request.method != "GET" or not revision_id or not revision_id.isdigit():
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

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "authors":
            # Authors are the newsroom's staff: a short list that needs no user-admin rights.
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
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

    # Saving --------------------------------------------------------------------------------

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
                loaded_version=int(loaded) if loaded.isdigit() else -1,
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
        if object_id and str(object_id).isdigit():
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
        return {
            "editing_urls": urls,
            "pending_autosave": pending.first(),
            "workflow_transitions": transitions,
            "last_step": article.workflow_steps.select_related("created_by").first()
            if article
            else None,
            "status_badge": status_badge_html(article) if article else None,
        }

    # Columns -------------------------------------------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        return status_badge_html(obj)

    @admin.display(description=_("publication"), ordering="published_at")
    def publication(self, obj):
        return dates.date_label(obj, with_time=True) or "—"

    @admin.display(description=_("points to check"))
    def flag_list(self, obj):
        labels = dict(Article.Flag.choices)
        return ", ".join(str(labels.get(flag, flag)) for flag in obj.flags) or "—"

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published() else None

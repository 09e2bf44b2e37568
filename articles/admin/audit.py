"""The site-wide audit trail: read-only, filterable by person, action and date."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "action", "article_link", "detail"]
    list_filter = ["action", ("user", admin.RelatedOnlyFieldListFilter), "created_at"]
    list_select_related = ["user", "article"]
    search_fields = ["object_repr", "detail", "user__username", "article__title"]
    date_hierarchy = "created_at"
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the trail is a record: nobody edits or removes it from the admin

    @admin.display(description=_("object"), ordering="object_repr")
    def article_link(self, obj):
        if obj.article_id:
            url = reverse("admin:articles_article_history", args=[obj.article_id])
            return format_html('<a href="{}">{}</a>', url, obj.object_repr)
        return obj.object_repr

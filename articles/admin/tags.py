"""The tag list editors curate: usage counts, renaming and merging through the tag services.

Replaces taggit's own Tag admin, whose merge is written inside the view, loops per article and
has no permission check of its own.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from taggit.models import Tag

from ..services.tags import clean_tag_name, merge_tags, rename_tag, tag_usage, validate_tag_name


def usage_label(tag) -> str:
    articles = ngettext("%d article", "%d articles", tag.article_count) % tag.article_count
    return _("%(name)s (%(articles)s, %(published)d published)") % {
        "name": tag.name,
        "articles": articles,
        "published": tag.published_count,
    }


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name"]

    def clean_name(self):
        return validate_tag_name(self.cleaned_data["name"], tag=self.instance)


class MergeTagsForm(forms.Form):
    """Which tag the selected ones become: one of them, or another tag that already exists."""

    into = forms.ModelChoiceField(
        label=gettext_lazy("Tag to keep"),
        queryset=Tag.objects.none(),
        widget=forms.RadioSelect,
        required=False,
    )
    into_name = forms.CharField(
        label=gettext_lazy("or another existing tag"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Type the exact name of a tag that is not in the selection."),
    )

    def __init__(self, *args, selected, **kwargs):
        super().__init__(*args, **kwargs)
        self.selected = list(selected)
        into = self.fields["into"]
        into.queryset = tag_usage(Tag.objects.filter(pk__in=[tag.pk for tag in self.selected]))
        into.queryset = into.queryset.order_by("-article_count", "name")
        into.label_from_instance = usage_label
        # Usually the most used spelling is the one to keep.
        into.initial = into.queryset.values_list("pk", flat=True).first()

    def clean(self):
        cleaned = super().clean()
        into = cleaned.get("into")
        typed = clean_tag_name(cleaned.get("into_name", ""))
        if into and typed:
            raise ValidationError(_("Choose a tag in the list or type a name, not both."))
        if typed:
            into = Tag.objects.filter(name__iexact=typed).first()
            if into is None:
                self.add_error(
                    "into_name",
                    _(
                        "No tag is named “%(name)s”. To give the selected tags a new name, "
                        "merge them into one of them, then rename it."
                    )
                    % {"name": typed},
                )
                return cleaned
        if into is None:
            raise ValidationError(_("Choose the tag to keep."))
        cleaned["into"] = into
        cleaned["sources"] = [tag for tag in self.selected if tag.pk != into.pk]
        if not cleaned["sources"]:
            raise ValidationError(
                _("Select at least two tags, or type the name of the tag to merge this one into.")
            )
        return cleaned


class TagAdmin(admin.ModelAdmin):
    form = TagForm
    list_display = ["name", "slug", "article_count", "published_count"]
    search_fields = ["name"]
    ordering = ["name"]
    fields = ["name", "slug", "article_count", "published_count"]
    readonly_fields = ["slug", "article_count", "published_count"]
    actions = ["merge_selected"]
    list_per_page = 100

    def get_queryset(self, request):
        return tag_usage(super().get_queryset(request))

    @admin.display(description=gettext_lazy("articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    @admin.display(description=gettext_lazy("published"), ordering="published_count")
    def published_count(self, obj):
        return obj.published_count

    def view_on_site(self, obj):
        return reverse("articles:tag", args=[obj.slug])

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        # A rename regenerates the slug and leaves an audit entry: the service does both.
        renamed = rename_tag(tag=obj, new_name=form.cleaned_data["name"], user=request.user)
        obj.name, obj.slug = renamed.name, renamed.slug

    # A merge edits how articles are tagged, so it needs change_tag, which editors have; only
    # deleting a tag outright stays with delete_tag (the chief editor).
    @admin.action(description=gettext_lazy("Merge selected tags"), permissions=["change"])
    def merge_selected(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = MergeTagsForm(request.POST if "confirm" in request.POST else None, selected=queryset)
        if not form.is_valid():
            return self.merge_page(request, form)
        into, sources = form.cleaned_data["into"], form.cleaned_data["sources"]
        try:
            retagged = merge_tags(sources=sources, into=into, user=request.user)
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return None
        self.message_user(request, merged_message(into, len(sources), retagged), messages.SUCCESS)
        return None

    def merge_page(self, request, form):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge tags"),
            "form": form,
            "selected": form.selected,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/taggit/tag/merge.html", context)


def merged_message(into, merged: int, retagged: int) -> str:
    return _("Merged into “%(into)s”: %(tags)s, %(articles)s.") % {
        "into": into.name,
        "tags": ngettext("%d tag removed", "%d tags removed", merged) % merged,
        "articles": ngettext("%d article retagged", "%d articles retagged", retagged) % retagged,
    }


# taggit registers its own admin when the app loads; ours takes its place.
if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)
admin.site.register(Tag, TagAdmin)

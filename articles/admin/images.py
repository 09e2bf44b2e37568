"""The image library in the admin, and the search endpoint of the body editor's image picker."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import JsonResponse
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..imaging import (
    max_bytes,
    max_pixels,
    megapixels,
    save_image,
    select_renditions,
    thumbnail_url,
    validate_image_upload,
)
from ..models import Article, Image, Rendition

ACCEPTED_TYPES = "image/jpeg,image/png,image/webp"
PICKER_LIMIT = 30
PREVIEW_WIDTH = 640


class ImageForm(forms.ModelForm):
    # A plain file field: Django's image field would refuse SVG, bombs and damaged files with
    # one vague message before validate_image_upload could say what is wrong.
    file = forms.FileField(
        label=_("file"),
        validators=[validate_image_upload],
        widget=AdminFileWidget(attrs={"accept": ACCEPTED_TYPES}),
    )

    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A new picture says what it shows and whose it is; older ones may still lack it.
            self.fields["caption"].required = True
            self.fields["credit"].required = True
        self.fields["file"].help_text = _(
            "JPEG, PNG or WebP, up to %(size)s and %(megapixels)s megapixels."
        ) % {"size": filesizeformat(max_bytes()), "megapixels": megapixels(max_pixels())}


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "alt_text", "credit", "dimensions", "uploaded_by", "created_at"]
    list_display_links = ["thumbnail", "alt_text"]
    list_select_related = ["uploaded_by"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "created_at"
    readonly_fields = ["dimensions", "uploaded_by", "created_at", "rendition_preview"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["file", "alt_text", "caption", "credit"]}),
            (
                _("Focal point"),
                {
                    "fields": ["focal_x", "focal_y"],
                    "description": _(
                        "The point that card crops keep in view, as a fraction of the width "
                        "and height of the image."
                    ),
                },
            ),
        ]
        if obj is not None:
            fieldsets.append(
                (
                    _("Renditions"),
                    {"fields": ["dimensions", "uploaded_by", "created_at", "rendition_preview"]},
                )
            )
        return fieldsets

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def get_search_results(self, request, queryset, search_term):
        # The list's search and the hero image's autocomplete search like the body's picker.
        return matching_images(queryset, search_term), False

    def save_model(self, request, obj, form, change):
        save_image(image=obj, user=request.user, new_file="file" in form.changed_data)

    def get_urls(self):
        picker = path(
            "picker/",
            self.admin_site.admin_view(self.picker_view),
            name="articles_image_picker",
        )
        # Before the default URLs, whose "<path:object_id>/" would take "picker/" for an id.
        return [picker, *super().get_urls()]

    def picker_view(self, request):
        """Images matching ?q= (alt text, caption or credit), newest first, as JSON."""
        if not self.has_view_permission(request):
            return JsonResponse(
                {"error": str(_("You are not allowed to browse the image library."))}, status=403
            )
        images = search_images(request.GET.get("q", ""))[:PICKER_LIMIT]
        return JsonResponse({"results": [picker_entry(image) for image in images]})

    @admin.display(description=_("preview"))
    def thumbnail(self, obj):
        return format_html(
            '<img src="{}" alt="" width="160" style="height:auto;border-radius:4px">',
            thumbnail_url(obj),
        )

    @admin.display(description=_("size"))
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}"

    @admin.display(description=_("renditions"))
    def rendition_preview(self, obj):
        rows = []
        for crop, label in Rendition.Crop.choices:
            jpeg = select_renditions(obj.renditions.all(), crop, Rendition.Format.JPEG)
            if jpeg:
                shown = ([r for r in jpeg if r.width <= PREVIEW_WIDTH] or jpeg)[-1]
                widths = ", ".join(f"{r.width}×{r.height}" for r in jpeg)
                rows.append((label, shown.file.url, widths))
        if not rows:
            return _("No renditions yet: they are made when the image is saved.")
        return format_html_join(
            "",
            '<figure style="margin:0 0 1rem"><img src="{1}" alt="" '
            'style="max-width:320px;height:auto;display:block">'
            "<figcaption>{0} — {2} (WebP + JPEG)</figcaption></figure>",
            rows,
        )


def search_images(query: str):
    """Library images matching every word of `query` (see matching_images), newest first."""
    card_renditions = Rendition.objects.filter(crop=Rendition.Crop.CARD)
    images = Image.objects.prefetch_related(Prefetch("renditions", queryset=card_renditions))
    return matching_images(images, query).order_by("-created_at", "-pk")


def matching_images(images, query: str):
    """Images whose alt text, caption or credit holds each word of `query`, or that illustrate
    an article linked to a series, make, team, driver, car or circuit of that name: "Hyundai"
    finds the pictures of Hyundai's articles even when their caption says "i30 N"."""
    for word in query.split()[:10]:
        named = Q()
        for relation in Article.LINK_FIELDS:
            linked = Article.objects.filter(hero_image=OuterRef("pk")).filter(
                Q(**{f"{relation}__name__icontains": word})
                | Q(**{f"{relation}__aliases__icontains": word})
            )
            named |= Exists(linked)
        images = images.filter(
            Q(alt_text__icontains=word)
            | Q(caption__icontains=word)
            | Q(credit__icontains=word)
            | named
        )
    return images


def picker_entry(image: Image) -> dict:
    # `src` is the original: the body keeps it, and |with_renditions serves renditions instead.
    return {
        "id": image.pk,
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "thumbnail": thumbnail_url(image),
        "src": image.file.url,
        "width": image.width,
        "height": image.height,
    }

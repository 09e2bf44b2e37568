"""Responsive images: {% picture %} for library images, |with_renditions for article bodies."""

import re
from html import unescape
from urllib.parse import unquote

from django import template
from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..imaging import select_renditions
from ..models import Image, Rendition

register = template.Library()

PICTURE_TEMPLATE = "articles/_picture.html"
# The article column is 44rem wide; below that the body takes the whole viewport.
BODY_SIZES = "(min-width: 46rem) 44rem, 100vw"
FALLBACK_WIDTH = 640
FALLBACK_MAX_WIDTH = 1024
LIBRARY_FOLDERS = ("images/originals/", "images/renditions/")
# nh3 writes every attribute value in double quotes, where a ">" may still appear.
_IMG = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>')
_ATTRIBUTE = re.compile(r'([^\s="/>]+)(?:="([^"]*)")?')


@register.simple_tag
def picture(image, crop="original", sizes="100vw", loading="lazy", css_class="", fetchpriority=""):
    """A <picture> of `image` with WebP and JPEG srcsets of its stored renditions of `crop`.

    Reads `image.renditions.all()`, so that a list prefetching them costs no query per image.
    """
    if image is None:
        return ""
    context = picture_context(
        image,
        image.renditions.all(),
        crop=crop,
        sizes=sizes,
        loading=loading,
        css_class=css_class,
        fetchpriority=fetchpriority,
    )
    return render_to_string(PICTURE_TEMPLATE, context)


def picture_context(
    image: Image,
    renditions,
    *,
    crop: str,
    sizes: str,
    loading: str,
    css_class: str = "",
    fetchpriority: str = "",
    alt: str | None = None,
    title: str = "",
) -> dict:
    """What _picture.html needs to show `image` through `renditions` (all of the image's)."""
    context = {
        "alt": image.alt_text if alt is None else alt,
        "title": title,
        "sizes": sizes,
        "loading": loading,
        "css_class": css_class,
        "fetchpriority": fetchpriority,
    }
    jpeg = select_renditions(renditions, crop, Rendition.Format.JPEG)
    if not jpeg:
        # Saved before renditions existed, or their making failed: the original still shows.
        return context | {"src": image.file.url, "width": image.width, "height": image.height}
    fallback = _fallback(jpeg)
    webp = select_renditions(renditions, crop, Rendition.Format.WEBP)
    return context | {
        "src": fallback.file.url,
        "width": fallback.width,
        "height": fallback.height,
        "jpeg_srcset": _srcset(jpeg),
        "webp_srcset": _srcset(webp),
    }


def _fallback(jpeg: list[Rendition]) -> Rendition:
    """What browsers without srcset get: 640 wide, or the widest up to 1024."""
    exact = [r for r in jpeg if r.width == FALLBACK_WIDTH]
    fitting = [r for r in jpeg if r.width <= FALLBACK_MAX_WIDTH]
    return (exact or fitting or jpeg[:1])[-1]


def _srcset(renditions: list[Rendition]) -> str:
    return ", ".join(f"{r.file.url} {r.width}w" for r in renditions)


@register.filter
def with_renditions(body):
    """The article body with its library images made responsive (srcset, sizes, lazy loading).

    The body was sanitised by nh3 when the article was saved. Images are replaced by markup
    rendered here, every value escaped by the template: the result may be marked safe.
    """
    body = body or ""
    names = {_library_name(_attributes(tag).get("src", "")) for tag in _IMG.findall(body)}
    names.discard(None)
    if not names:
        return mark_safe(body)
    library = _library_images(names)

    def responsive(match):
        attributes = _attributes(match.group(0))
        found = library.get(_library_name(attributes.get("src", "")))
        if found is None:
            return match.group(0)
        image, renditions = found
        context = picture_context(
            image,
            renditions,
            crop=Rendition.Crop.ORIGINAL,
            sizes=BODY_SIZES,
            loading="lazy",
            alt=attributes.get("alt", ""),
            title=attributes.get("title", ""),
        )
        return render_to_string(PICTURE_TEMPLATE, context)

    return mark_safe(_IMG.sub(responsive, body))


def _attributes(tag: str) -> dict[str, str]:
    inner = tag.removeprefix("<img").removesuffix(">")
    return {name.lower(): unescape(value) for name, value in _ATTRIBUTE.findall(inner)}


def _library_name(src: str) -> str | None:
    """The storage name of a library original or rendition that `src` points at."""
    if not src.startswith(settings.MEDIA_URL):
        return None
    # Signed storage URLs end with a query string.
    name = unquote(src.removeprefix(settings.MEDIA_URL).split("?", 1)[0])
    return name if name.startswith(LIBRARY_FOLDERS) else None


def _library_images(names: set[str]) -> dict[str, tuple[Image, list[Rendition]]]:
    """Each name's image with all its renditions, in one query for the whole body."""
    by_rendition = Rendition.objects.filter(file__in=names).values("image")
    rows = Rendition.objects.filter(
        Q(image__file__in=names) | Q(image__in=by_rendition)
    ).select_related("image")
    images: dict[int, tuple[Image, list[Rendition]]] = {}
    for rendition in rows:
        images.setdefault(rendition.image_id, (rendition.image, []))[1].append(rendition)
    found = {}
    for image, renditions in images.values():
        found[image.file.name] = (image, renditions)
        found.update({rendition.file.name: (image, renditions) for rendition in renditions})
    return found

"""Page metadata in <head>: canonical address, description, OpenGraph, X cards and JSON-LD."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..site.seo import (
    PageMeta,
    breadcrumb_list,
    describe,
    modified_date,
    og_locale,
    schema_date,
    share_image,
)

register = template.Library()

# As django.utils.html.json_script: inside <script>, "</script>" or "<!--" in a title must not
# end the element, so these characters are written as JSON escapes.
JSON_SCRIPT_ESCAPES = {">": "\\u003E", "<": "\\u003C", "&": "\\u0026"}


@register.filter(is_safe=True)
def json_ld(data) -> str:
    """`data` as a <script type="application/ld+json"> element, safe whatever the strings hold."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # str.replace, not str.translate: on text with accents, translate looks up every character.
    for character, escape in JSON_SCRIPT_ESCAPES.items():
        text = text.replace(character, escape)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.simple_tag(takes_context=True)
def page_metadata(context) -> dict:
    """Everything _metadata.html shows, from the view's `page_meta` (or site defaults) and the
    request: absolute canonical address, share image, locale and structured data."""
    site_name = context.get("site_name") or settings.PADDOCK_SITE_NAME
    meta = context.get("page_meta") or PageMeta(title=site_name)
    description = meta.description or describe(
        _("Motorsport news: touring cars, GT, endurance, rally and single-seaters.")
    )
    request = context.get("request")
    if request is None:
        # Rendered outside a request: no address to build the rest on.
        return {"description": description}
    article = meta.article
    structured_data = list(meta.structured_data)
    crumbs = context.get("breadcrumbs")
    if crumbs:
        structured_data.append(breadcrumb_list(crumbs, request.build_absolute_uri))
    return {
        "title": meta.title,
        "description": description,
        "type": meta.type,
        "url": canonical_url(request, meta.path, context.get("page_obj")),
        "site_name": site_name,
        "locale": og_locale(article.language if article else get_language()),
        "image": share_image(meta.image, request.build_absolute_uri),
        "article": article_properties(article) if article else None,
        "structured_data": structured_data,
    }


def article_properties(article) -> dict:
    """OpenGraph's article:* values; reads the prefetched tags and primary championship."""
    return {
        "published_time": schema_date(article),
        "modified_time": modified_date(article),
        "section": article.primary_championship.name if article.primary_championship_id else "",
        "tags": [tag.name for tag in article.tags.all()],
    }


def canonical_url(request, path: str, page) -> str:
    """The page's one address: no query string but the page number of lists beyond the first
    (the page actually shown, which differs from ?page= when that one is out of range)."""
    url = request.build_absolute_uri(path or request.path)
    if page is not None and page.number > 1:
        url += f"{'&' if '?' in url else '?'}page={page.number}"
    return url

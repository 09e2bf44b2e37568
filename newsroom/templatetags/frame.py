"""The site's header, kept in the process.

Every page shows the same header for a language: the site's name, its sections, the search
box and the menus of series and makes (the site summary's `chrome`, newsroom/freshness.py).
Kept under those values, it is rendered once per language and menu, never again per page;
a menu that changes makes another key (nothing needs to forget the old header).
"""

import json

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language

from articles.site import cache_keys
from articles.site.cache_keys import CHROME

from ..freshness import site_state_of
from ..kept import KeptRenders

register = template.Library()

HEADER_TEMPLATE = "_site_header.html"
# Each language and menu: a few entries live at once, the rest are menus of the past.
_kept = KeptRenders(size=64)


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    menus = {
        "site_name": settings.PADDOCK_SITE_NAME,
        "nav_championships": context.get("nav_championships", ()),
        "nav_manufacturers": context.get("nav_manufacturers", ()),
    }
    request = context.get("request")
    if request is None:  # rendered outside a request: no menus to key it on
        return render_to_string(HEADER_TEMPLATE, menus)
    cache_keys.record(CHROME)  # the page shows the menus, kept or not
    key = (
        get_language(),
        get_script_prefix(),
        settings.PADDOCK_SITE_NAME,
        json.dumps(site_state_of(request).summary["chrome"], sort_keys=True),
    )
    return _kept.get(key, lambda: render_to_string(HEADER_TEMPLATE, menus))

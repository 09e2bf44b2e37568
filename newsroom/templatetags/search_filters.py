"""The search form's filter menus, kept in the process.

They offer every series and make with published articles and every year of the archive: a
few hundred options, which cost more to render than the search itself. Kept under those
choices, the selected ones and the language, they are rendered once per combination; a choice
that changes makes another key (nothing needs to forget the old menus).
"""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from ..kept import KeptRenders
from ..search.filters import PARAMS

register = template.Library()

FILTERS_TEMPLATE = "newsroom/_search_filters.html"
# The menus with nothing selected, and the combinations readers are choosing now.
_kept = KeptRenders(size=256)


@register.simple_tag
def search_filters(choices, selected: dict) -> str:
    key = (
        get_language(),
        tuple(choices.championships),
        tuple(choices.manufacturers),
        tuple(choices.years),
        tuple(sorted(selected.items())),
    )
    context = {"choices": choices, "selected": selected, "params": PARAMS}
    return _kept.get(key, lambda: render_to_string(FILTERS_TEMPLATE, context))

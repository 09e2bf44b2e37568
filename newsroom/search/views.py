from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from articles.site.seo import PageMeta

from ..freshness import site_state_of
from . import search
from .filters import PARAMS, FilterChoices


class SearchView(TemplateView):
    """/recherche/?q=…: the reader's search, with filters and highlighted extracts."""

    template_name = "newsroom/search.html"

    def get_context_data(self, **kwargs):
        state = site_state_of(self.request)
        choices = FilterChoices.load(state)
        filters, selected = choices.filters(self.request.GET)
        results = search(
            self.request.GET.get("q", ""),
            filters=filters,
            page=self.request.GET.get("page"),
            moment=(state.generation, state.changed_at),
        )
        return super().get_context_data(
            results=results,
            choices=choices,
            selected=selected,
            params=PARAMS,
            page_meta=page_meta(results, selected),
            # Searches that find something are pages worth indexing; empty or failed ones
            # are not (thin pages, endless variations).
            indexable=bool(results.hits),
            **kwargs,
        )


def page_meta(results, selected) -> PageMeta:
    """The canonical address of a search: its cleaned words and the filters that applied, so
    the endless spellings of one search collapse into one page."""
    text = results.query.text
    query = {"q": text} if text else {}
    query.update({PARAMS[name]: value for name, value in selected.items() if value})
    path = reverse("newsroom:search") + (f"?{urlencode(query)}" if query else "")
    if text:
        title = _("Search: %(query)s") % {"query": text}
        description = _("Motorsport articles matching “%(query)s”.") % {"query": text}
    else:
        title, description = _("Search"), ""
    return PageMeta(title=title, description=description, path=path)

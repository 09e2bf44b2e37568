from django.views.generic import TemplateView

from . import search
from .filters import PARAMS, FilterChoices


class SearchView(TemplateView):
    """/recherche/?q=…: the reader's search, with filters and highlighted extracts."""

    template_name = "newsroom/search.html"

    def get_context_data(self, **kwargs):
        choices = FilterChoices.load()
        filters, selected = choices.filters(self.request.GET)
        results = search(
            self.request.GET.get("q", ""), filters=filters, page=self.request.GET.get("page")
        )
        return super().get_context_data(
            results=results, choices=choices, selected=selected, params=PARAMS, **kwargs
        )

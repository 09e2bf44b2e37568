from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from .models import Article


class ForgivingPaginationMixin:
    """Pagination where ?page=abc or ?page=999 shows the nearest real page instead of a 404."""

    paginate_by = settings.PADDOCK_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class ArticleListView(ForgivingPaginationMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_listing().newest_first()


DETAIL_TEMPLATE = "articles/article_detail.html"


def article_page(request, article, *, template_name=DETAIL_TEMPLATE):
    """The article page readers see; the editors' preview (articles/preview.py) renders it too,
    so a preview cannot drift from the real page."""
    return TemplateResponse(request, template_name, {"article": article, "object": article})


class ArticleDetailView(DetailView):
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_detail()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        local = timezone.localtime(self.object.published_at)
        # A slug is unique on its own; a wrong year or month in the URL is a stale link.
        if (local.year, local.month) != (kwargs["year"], kwargs["month"]):
            return redirect(self.object, permanent=True)
        return article_page(request, self.object)


class TagView(ForgivingPaginationMixin, ListView):
    template_name = "articles/tag_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().filter(tags=self.tag).for_listing().newest_first()

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)

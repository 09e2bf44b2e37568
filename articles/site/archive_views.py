"""Archive pages: the years, a year's months, a month's articles."""

from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from articles.site.addresses import reverse

from . import archives
from .seo import PageMeta, trail
from .views import ForgivingPaginationMixin, PageMetadataMixin, news_crumb


def archive_crumb() -> tuple[str, str]:
    return (_("Archives"), reverse("articles:archive"))


def year_crumb(year: int) -> tuple[str, str]:
    return (str(year), reverse("articles:archive_year", kwargs={"year": year}))


class ArchiveIndexView(PageMetadataMixin, TemplateView):
    template_name = "articles/archive_index.html"

    def get_trail(self):
        return trail(news_crumb(), archive_crumb())

    def get_page_meta(self):
        return PageMeta(
            title=_("News archives"), description=_("Every article published, year by year.")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(years=archives.counts_by_year(), **kwargs)


class YearArchiveView(PageMetadataMixin, TemplateView):
    template_name = "articles/archive_year.html"

    def get(self, request, *args, **kwargs):
        self.year = kwargs["year"]
        self.months = archives.counts_by_month(self.year)
        if not self.months:
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_trail(self):
        return trail(news_crumb(), archive_crumb(), year_crumb(self.year))

    def get_page_meta(self):
        return PageMeta(
            title=_("Archives %(year)s") % {"year": self.year},
            description=_("The news published in %(year)s, month by month.") % {"year": self.year},
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            months=sorted(self.months),
            total=sum(n for _month, n in self.months),
            years=archives.counts_by_year(),
            **kwargs,
        )


class MonthArchiveView(ForgivingPaginationMixin, PageMetadataMixin, ListView):
    template_name = "articles/archive_month.html"
    context_object_name = "articles"
    allow_empty = False

    def get_queryset(self):
        self.start, self.end = archives.month_range(self.kwargs["year"], self.kwargs["month"])
        self.total, self.previous, self.following = archives.month_summary(self.start, self.end)
        return archives.published_between(self.start, self.end).cards().newest_first()

    def article_total(self):
        return self.total

    def month_name(self) -> str:
        return formats.date_format(self.start, "F Y")

    def get_trail(self):
        return trail(
            news_crumb(),
            archive_crumb(),
            year_crumb(self.start.year),
            (self.month_name(), reverse("articles:archive_month", kwargs=self.kwargs)),
        )

    def get_page_meta(self):
        return PageMeta(
            title=_("Archives: %(month)s") % {"month": self.month_name()},
            description=_("The news published in %(month)s.") % {"month": self.month_name()},
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            month=self.start, previous_month=self.previous, next_month=self.following, **kwargs
        )

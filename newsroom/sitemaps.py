"""Sitemaps: an index at /sitemap.xml, sections for articles, hub pages and tags, and a Google
News sitemap of the last two days.

Built for 100,000 articles and more: each section page and the index cost a fixed number of
queries, read only the columns a URL and its lastmod need, and never iterate the whole table.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control

from articles.models import Article
from articles.site import cache_keys
from articles.site.feeds import xml_text
from teams.models import Championship, Driver, Event, Manufacturer, Season, Team

SITEMAP_MAX_AGE = 3600  # seconds a crawler or a CDN may keep a sitemap
NEWS_WINDOW = timedelta(hours=48)  # Google News only reads articles of the last two days
NEWS_MAX = 1000  # and at most this many per sitemap
LIST_PAGES = (
    "newsroom:home",
    "articles:list",
    "newsroom:championships",
    "newsroom:manufacturers",
    "newsroom:teams",
    "newsroom:drivers",
)
# Hub pages, and the Article relation each lists its articles through (newsroom/views.py).
HUBS = (
    (Championship, "championships"),
    (Manufacturer, "manufacturers"),
    (Team, "teams"),
    (Driver, "drivers"),
)


def to_the_second(moment: datetime | None) -> datetime | None:
    # W3C datetimes allow fractions of a second, but nobody crawls at that precision.
    return moment.replace(microsecond=0) if moment else None


class PaddockSitemap(Sitemap):
    limit = 5000

    @cached_property
    def paginator(self):
        # Django builds a new Paginator (and counts again) on every access; the index reads
        # the page count and the sitemap view a page: one count per request is enough.
        return Paginator(self._items(), self.limit)


class ArticleSitemap(PaddockSitemap):
    """Every published article. Oldest first, so a new article only changes the last page."""

    def items(self):
        return (
            Article.objects.published()
            .order_by("published_at", "pk")
            .only("slug", "published_at", "revised_at")
        )

    def lastmod(self, article):
        # What a reader can see change: the publication, then corrections of the text
        # (revised_at). updated_at also moves on editorial saves readers never see (workflow,
        # import bookkeeping), which would send crawlers back for nothing.
        return to_the_second(max(filter(None, (article.published_at, article.revised_at))))

    def get_latest_lastmod(self):
        newest = Article.objects.published().aggregate(
            published=Max("published_at"), revised=Max("revised_at")
        )
        return to_the_second(max(filter(None, newest.values()), default=None))


@dataclass(frozen=True)
class Page:
    url: str
    lastmod: datetime | None


class HubSitemap(PaddockSitemap):
    """The home and list pages, and each championship, manufacturer, team and driver page that
    has published articles, dated by its newest article."""

    def items(self):
        return self.pages

    @cached_property
    def pages(self) -> list[Page]:
        newest = to_the_second(
            Article.objects.published().aggregate(newest=Max("published_at"))["newest"]
        )
        pages = [Page(reverse(name), newest) for name in LIST_PAGES]
        for model, relation in HUBS:
            rows = (
                Article.objects.published()
                .filter(**{f"{relation}__isnull": False})
                .values_list(f"{relation}__slug")
                .annotate(newest=Max("published_at"))
                .order_by(f"{relation}__slug")
            )
            # An unsaved instance is enough for get_absolute_url, which only reads the slug.
            pages += [
                Page(model(slug=slug).get_absolute_url(), to_the_second(when))
                for slug, when in rows
            ]
        return pages

    def location(self, page):
        return page.url

    def lastmod(self, page):
        return page.lastmod

    def get_latest_lastmod(self):
        return max((page.lastmod for page in self.pages if page.lastmod), default=None)


class SeasonSitemap(PaddockSitemap):
    """Each season's page and each event's page: calendars, entry lists, results and
    standings. The registry keeps no date of change for them: no lastmod."""

    def items(self):
        return self.pages

    @cached_property
    def pages(self) -> list[str]:
        seasons = Season.objects.order_by("championship__slug", "year", "label").values_list(
            "pk", "championship__slug", "label"
        )
        events = Event.objects.order_by(
            "season__championship__slug", "season__year", "season__label", "start_date", "pk"
        ).values_list("pk", "season__championship__slug", "season__label", "slug")
        # Rows read as values record no key of their own: a season or event renamed must
        # still move this page.
        cache_keys.record(*(f"season-{pk}" for pk, *_ in seasons))
        cache_keys.record(*(f"event-{pk}" for pk, *_ in events))
        return [
            reverse("newsroom:season", kwargs={"slug": slug, "season": label})
            for _pk, slug, label in seasons
        ] + [
            reverse("newsroom:event", kwargs={"slug": slug, "season": label, "event": event})
            for _pk, slug, label, event in events
        ]

    def location(self, url):
        return url


class TagSitemap(PaddockSitemap):
    """Each tag with published articles, dated by its newest article."""

    def items(self):
        cache_keys.record(cache_keys.TAGS)  # read as values, not as rows
        return (
            Article.objects.published()
            .filter(tags__isnull=False)
            .values_list("tags__slug")
            .annotate(newest=Max("published_at"))
            .order_by("tags__slug")
        )

    def location(self, row):
        return reverse("articles:tag", kwargs={"slug": row[0]})

    def lastmod(self, row):
        return to_the_second(row[1])

    def get_latest_lastmod(self):
        newest = (
            Article.objects.published().filter(tags__isnull=False).aggregate(Max("published_at"))
        )
        return to_the_second(newest["published_at__max"])


class NewsSitemap(PaddockSitemap):
    """Articles of the last 48 hours for Google News. Month-only legacy dates are left out:
    they are not news, and their day is unknown."""

    limit = NEWS_MAX

    def items(self):
        return self.articles

    @cached_property
    def articles(self) -> list[Article]:
        articles = list(
            Article.objects.published()
            .filter(
                published_at__gte=timezone.now() - NEWS_WINDOW,
                date_precision=Article.DatePrecision.DAY,
            )
            .newest_first()
            .only("title", "slug", "published_at", "language")[:NEWS_MAX]
        )
        for article in articles:
            article.news_title = xml_text(article.title)
            article.news_date = to_the_second(article.published_at)
        return articles

    def get_latest_lastmod(self):
        return to_the_second(self.articles[0].published_at) if self.articles else None


SECTIONS = {
    "articles": ArticleSitemap,
    "hubs": HubSitemap,
    "seasons": SeasonSitemap,
    "tags": TagSitemap,
}
# Listed in the index, served by its own view (it needs the news namespace).
INDEXED = {**SECTIONS, "news": NewsSitemap}


@cache_control(public=True, max_age=SITEMAP_MAX_AGE)
def index(request):
    # An empty section is left out: a <urlset> without <url> is not valid.
    sections = {name: section() for name, section in INDEXED.items()}
    listed = {name: section for name, section in sections.items() if section.paginator.count}
    return sitemap_views.index(request, listed, sitemap_url_name="sitemap_section")


@cache_control(public=True, max_age=SITEMAP_MAX_AGE)
def sitemap_section(request, section):
    return sitemap_views.sitemap(
        request, SECTIONS, section=section, template_name="sitemaps/sitemap.xml"
    )


@cache_control(public=True, max_age=SITEMAP_MAX_AGE)
def news(request):
    return sitemap_views.sitemap(
        request,
        {"news": NewsSitemap},
        template_name="sitemaps/news.xml",
    )

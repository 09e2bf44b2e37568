from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from articles.site.addresses import reverse
from newsroom.freshness import site_state_of

from ..models import Article, published_count
from ..models.links import attach_links
from . import cache_keys, compiled
from .bylines import article_authors, author_by_slug, authors_by_pk
from .link_groups import link_groups
from .related import related_articles
from .seo import PageMeta, describe, news_article, trail


class ForgivingPaginationMixin:
    """Pagination where ?page=abc or ?page=999 shows the nearest real page instead of a 404.

    A page of article cards costs a fixed number of queries, whatever it shows: the count
    (none when the view read it with the page's subject, `article_total`), the cards, then one
    query for their tags, their pictures' renditions and the lists the view shows beside them
    (`aside_lists`). The view's queryset gives the cards' columns (ArticleQuerySet.cards) in
    order.
    """

    paginate_by = settings.PADDOCK_PAGE_SIZE

    def article_total(self) -> int | None:
        """How many articles the list holds, when the view knows already."""
        return None

    def aside_lists(self) -> dict:
        """{name: queryset of registry entities}: lists shown beside the articles, read with
        the cards' tags; each reaches the template by its name."""
        return {}

    def get(self, request, *args, **kwargs):
        # A list that must not be empty (allow_empty = False) is a 404 when the count says so:
        # ListView would ask the database with a query of its own first.
        self.refuse_empty, self.allow_empty = not self.get_allow_empty(), True
        return super().get(request, *args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        total = self.article_total()
        if total is not None:
            paginator.count = total  # a cached property: set, it is not counted again
        if self.refuse_empty and not paginator.count:
            raise Http404
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        articles = list(_rows_of(queryset, page)) if paginator.count else []
        self.aside = attach_links(
            {"tags": articles}, pictures=articles, lists=self.aside_lists()
        ).lists
        page.object_list = articles
        return paginator, page, articles, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**self.aside, **context}


def _rows_of(queryset, page):
    """The page's rows. Past the first page, its ids are found first, on their own: the rows
    skipped to reach them are then read from the index alone (Article.Meta.indexes), and only
    the page's rows are visited, where OFFSET visited every row it skipped (page 50 of the
    news cost PostgreSQL three times page 1)."""
    skipped = page.start_index() - 1
    if skipped <= 0:
        return page.object_list
    ids = queryset.values("pk")[skipped : page.end_index()]
    return queryset.filter(pk__in=ids)


class PageMetadataMixin:
    """Puts the page's breadcrumb trail and metadata (articles/site/seo.py) in the context.

    Without `get_page_meta`, the page is titled after the last crumb and described by the
    site's description.
    """

    def get_trail(self):
        return []

    def get_page_meta(self):
        crumbs = self.get_trail()
        return PageMeta(title=crumbs[-1].name) if crumbs else None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=self.get_trail(), page_meta=self.get_page_meta(), **kwargs
        )


def news_crumb() -> tuple[str, str]:
    return (_("News"), reverse("articles:list"))


class ArticleListView(ForgivingPaginationMixin, PageMetadataMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().cards().newest_first()

    def article_total(self):
        # Every published article: the site's summary has counted them (newsroom/freshness.py).
        return site_state_of(self.request).published

    def get_trail(self):
        return trail(news_crumb())


DETAIL_TEMPLATE = "articles/article_detail.html"
# Every relation an article page shows: its links, its tags, its corrections and its bylines.
DETAIL = ("tags", *Article.LINK_FIELDS, "corrections", "authors")


def article_page(request, article, *, template_name=DETAIL_TEMPLATE):
    """The article page readers see; the editors' preview (articles/site/preview.py) renders it too,
    so a preview cannot drift from the real page."""
    related = related_articles(article)
    # Everything the page links to, the related cards' tags and the bylines' names: one query.
    linked = attach_links(
        {**{relation: [article] for relation in DETAIL}, "tags": [article, *related]},
        pictures=[article, *related],
    )
    # Beside the article, its related articles: ranked again when an article sharing a team
    # or a driver with it is written (services.effects.forget_rankings).
    sharing = (*article.teams.all(), *article.drivers.all())
    cache_keys.lists(*(cache_keys.list_of(entity) for entity in sharing))
    authors = article_authors(article, linked.people)
    path = article.get_absolute_url()
    structured = news_article(
        article,
        url=request.build_absolute_uri(path),
        authors=[(author.name, author.get_absolute_url()) for author in authors],
        site_name=settings.PADDOCK_SITE_NAME,
        absolute=request.build_absolute_uri,
    )
    context = {
        "article": article,
        "object": article,
        "authors": authors,
        "link_groups": link_groups(article),
        "related": related,
        "breadcrumbs": article_trail(article),
        "page_meta": PageMeta(
            title=article.title,
            description=describe(article.standfirst or article.body),
            type="article",
            image=article.hero_image,
            article=article,
            path=path,
            structured_data=[structured],
        ),
    }
    return TemplateResponse(request, template_name, context)


def article_trail(article):
    """Home › the article's series (or the news) › the article."""
    series = article.primary_championship
    section = (series.display_name, series.get_absolute_url()) if series else news_crumb()
    return trail(section, (article.title, article.get_absolute_url()))


class ArticleDetailView(DetailView):
    context_object_name = "article"

    def get_object(self, queryset=None):
        # Article.objects.published().for_detail().get(slug=…), compiled once (compiled.py).
        found = compiled.DETAIL.rows(now=timezone.now(), slug=self.kwargs["slug"])
        if not found:
            raise Http404
        return found[0]

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        local = timezone.localtime(self.object.published_at)
        # A slug is unique on its own; a wrong year or month in the URL is a stale link.
        if (local.year, local.month) != (kwargs["year"], kwargs["month"]):
            return redirect(self.object, permanent=True)
        return article_page(request, self.object)


class TagView(ForgivingPaginationMixin, PageMetadataMixin, ListView):
    template_name = "articles/tag_detail.html"
    context_object_name = "articles"
    # A tag only unpublished articles carry is a 404, like an unknown one: its page must not
    # confirm an embargoed subject.
    allow_empty = False

    def get_queryset(self):
        self.tag = get_object_or_404(
            Tag.objects.annotate(article_total=published_count("tags")), slug=self.kwargs["slug"]
        )
        cache_keys.lists(cache_keys.list_of(self.tag))
        return Article.objects.published().filter(tags=self.tag).cards().newest_first()

    def article_total(self):
        return self.tag.article_total

    def get_trail(self):
        return trail(news_crumb(), (self.tag.name, reverse("articles:tag", args=[self.tag.slug])))

    def get_page_meta(self):
        return PageMeta(
            title=_("Tag: %(name)s") % {"name": self.tag.name},
            description=_("Motorsport news tagged “%(name)s”.") % {"name": self.tag.name},
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorListView(PageMetadataMixin, ListView):
    template_name = "articles/author_list.html"
    context_object_name = "authors"

    def get_queryset(self):
        counts = dict(
            get_user_model()
            .objects.annotate(article_count=published_count("authors"))
            .filter(article_count__gt=0)
            .values_list("pk", "article_count")
        )
        authors = authors_by_pk()
        signed = [(authors[pk], n) for pk, n in counts.items() if pk in authors]
        return sorted(signed, key=lambda pair: pair[0].name.casefold())

    def get_trail(self):
        return trail((_("Authors"), reverse("articles:authors")))


class AuthorView(ForgivingPaginationMixin, PageMetadataMixin, ListView):
    """The published articles one person signed."""

    template_name = "articles/author_detail.html"
    context_object_name = "articles"
    # Someone who signed nothing readers can see has no page.
    allow_empty = False

    def get_queryset(self):
        self.author = author_by_slug(self.kwargs["slug"])
        if self.author is None:
            raise Http404
        cache_keys.lists(f"{cache_keys.ARTICLES}:user-{self.author.pk}")
        return Article.objects.published().filter(authors=self.author.pk).cards().newest_first()

    def get_trail(self):
        return trail(
            (_("Authors"), reverse("articles:authors")),
            (self.author.name, self.author.get_absolute_url()),
        )

    def get_page_meta(self):
        return PageMeta(
            title=self.author.name,
            description=_("Articles by %(name)s.") % {"name": self.author.name},
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)

"""/api/v1/: published articles and the registry for partner sites and apps.

The visibility rule is the site's (`Article.objects.published()`): nothing a page would not
show is ever answered. Answers are cached and revalidated like the pages
(newsroom/page_cache.py: ETag, 304, the same invalidation on every change), keyed on every
query parameter since the API reads them all.

Articles come newest first, a page at a time by keyset (`next` holds a cursor), so the
thousandth page costs what the first does. The registry lists are short: numbered pages.
"""

import base64
import binascii
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from articles.models import Article, published_count
from articles.site import cache_keys
from teams.models import Championship, Driver, Manufacturer, Team

from . import schemas, seasons

api = NinjaAPI(
    title="Paddock",
    version="1",
    description=(
        "Published articles of the newsroom and its registry of championships, manufacturers, "
        "teams and drivers, with the championships' seasons: calendars, entry lists, results "
        "and standings. Read only; answers carry an ETag (send If-None-Match to get 304)."
    ),
    urls_namespace="api",
)

CARD_LINKS = ("tags", "championships", "manufacturers", "teams", "drivers")
REGISTRY_PAGE = 50


class RegistryPages(PageNumberPagination):
    class Input(PageNumberPagination.Input):
        # Bounded, so a page number beyond what a database offset holds is refused with a
        # message rather than reaching the database.
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=1_000)


# What a slug can be: anything else (a NUL, a space, a quote) is refused with a message before
# it reaches the database.
SLUG = r"^[-a-zA-Z0-9_]{1,200}$"


class ArticleFilters(Schema):
    championship: str | None = Field(None, pattern=SLUG, description="A championship's slug.")
    manufacturer: str | None = Field(None, pattern=SLUG, description="A manufacturer's slug.")
    team: str | None = Field(None, pattern=SLUG, description="A team's slug.")
    driver: str | None = Field(None, pattern=SLUG, description="A driver's slug.")
    tag: str | None = Field(None, pattern=SLUG, description="A tag's slug.")
    language: str | None = Field(None, pattern=r"^[a-z]{2}$", description="fr, en, it…")
    since: date | None = Field(None, description="Published on or after this day (site time).")
    until: date | None = Field(None, description="Published on or before this day (site time).")
    page_size: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, description="Where the page starts: from `next`.")


@api.get(
    "/articles/",
    response={200: schemas.ArticlePage, 400: schemas.Problem},
    tags=["articles"],
    summary="Published articles, newest first",
)
def list_articles(request, filters: Query[ArticleFilters]):
    articles = Article.objects.published().filter(filtered(filters))
    if filters.cursor:
        published_at, pk = read_cursor(filters.cursor)
        articles = articles.filter(
            Q(published_at__lt=published_at) | Q(published_at=published_at, pk__lt=pk)
        )
    page = list(articles.newest_first().cards().with_links(*CARD_LINKS)[: filters.page_size + 1])
    following = None
    if len(page) > filters.page_size:
        page = page[: filters.page_size]
        following = next_address(request, page[-1])
    return {"next": following, "results": page}


def filtered(filters: ArticleFilters) -> Q:
    """A slug nobody has simply matches nothing: the answer never says whether an unpublished
    article uses a tag."""
    wanted = Q()
    for name, relation in (
        ("championship", "championships"),
        ("manufacturer", "manufacturers"),
        ("team", "teams"),
        ("driver", "drivers"),
        ("tag", "tags"),
    ):
        slug = getattr(filters, name)
        if slug is not None:
            wanted &= Q(pk__in=Article.objects.filter(**{f"{relation}__slug": slug}).values("pk"))
    if filters.language:
        wanted &= Q(language=filters.language)
    if filters.since:
        wanted &= Q(published_at__gte=start_of(filters.since))
    if filters.until:
        wanted &= Q(published_at__lt=start_of(filters.until + timedelta(days=1)))
    return wanted


def start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def write_cursor(article) -> str:
    position = f"{article.published_at.isoformat()}|{article.pk}"
    return base64.urlsafe_b64encode(position.encode()).decode().rstrip("=")


def read_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        moment, pk = base64.urlsafe_b64decode(padded.encode("ascii")).decode().split("|")
        published_at = datetime.fromisoformat(moment)
        if published_at.tzinfo is None:
            raise ValueError(moment)
        return published_at, int(pk)
    except (ValueError, UnicodeError, binascii.Error) as error:
        raise HttpError(
            400, "This cursor is not one this API gave: start from the first page."
        ) from error


def next_address(request, last) -> str:
    query = request.GET.copy()
    query["cursor"] = write_cursor(last)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@api.get(
    "/articles/{slug:slug}/",
    response={200: schemas.Article, 404: schemas.Problem},
    tags=["articles"],
    summary="One published article, with its text",
)
def get_article(request, slug: str):
    cache_keys.lists()  # the article alone: its row, its links, its authors
    return get_object_or_404(
        Article.objects.published().for_detail().with_links(*CARD_LINKS, "events", "authors"),
        slug=slug,
    )


def registry_endpoints(model, schema, relation: str, path: str, *prefetch: str):
    """The list and the detail of one registry model, each entity with its count of published
    articles."""

    def entities():
        return model.objects.annotate(article_count=published_count(relation)).prefetch_related(
            *prefetch
        )

    @api.get(
        f"/{path}/",
        response=list[schema],
        tags=["registry"],
        summary=f"All {path}, by name",
        operation_id=f"list_{path}",
    )
    @paginate(RegistryPages, page_size=REGISTRY_PAGE)
    def list_entities(request):
        return entities().order_by(Lower("name"), "pk")

    @api.get(
        f"/{path}/{{slug:slug}}/",
        response={200: schema, 404: schemas.Problem},
        tags=["registry"],
        summary=f"One of the {path}",
        operation_id=f"get_{path}",
    )
    def get_entity(request, slug: str):
        entity = get_object_or_404(entities(), slug=slug)
        cache_keys.lists(cache_keys.list_of(entity))  # its article_count
        return entity


registry_endpoints(Championship, schemas.Championship, "championships", "championships")
registry_endpoints(Manufacturer, schemas.Manufacturer, "manufacturers", "manufacturers")
registry_endpoints(Team, schemas.Team, "teams", "teams", "championships", "manufacturers")
registry_endpoints(Driver, schemas.Driver, "drivers", "drivers")
api.add_router("", seasons.router)

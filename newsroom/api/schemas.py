"""What the read API answers: the same published facts the pages show, as JSON (the OpenAPI
schema at /api/v1/openapi.json is made from these).

Relations are read from what the queries fetched beforehand (`ArticleQuerySet.with_links`,
`prefetch_related`): a schema never queries on its own, so a page's query count is fixed."""

from datetime import datetime

from ninja import Schema

from articles.dates import exchange_time
from articles.site.bylines import article_authors


def absolute(context, url: str) -> str:
    return context["request"].build_absolute_uri(url)


class Ref(Schema):
    """A linked entity: its slug (the key to filter by) and its name."""

    slug: str
    name: str


class EventRef(Schema):
    """An event an article is about: a round of one season of a championship."""

    slug: str
    name: str
    championship: str  # its slug
    season: str  # its label: "2022", "2021-2022"
    url: str  # the event's page: results and articles

    @staticmethod
    def resolve_championship(event) -> str:
        return event.season.championship.slug

    @staticmethod
    def resolve_season(event) -> str:
        return event.season.label

    @staticmethod
    def resolve_url(event, context) -> str:
        return absolute(context, event.get_absolute_url())


class Rendition(Schema):
    url: str
    width: int
    height: int
    format: str
    crop: str

    @staticmethod
    def resolve_url(rendition, context) -> str:
        return absolute(context, rendition.file.url)


class Picture(Schema):
    alt: str
    caption: str
    credit: str
    width: int
    height: int
    renditions: list[Rendition]

    @staticmethod
    def resolve_alt(image) -> str:
        return image.alt_text


class ArticleCard(Schema):
    slug: str
    title: str
    standfirst: str
    language: str
    # For an archive text dated to the month only ("date_precision": "month"), the 1st of the
    # month at 00:00, site time, as in the feeds: the day means nothing.
    published_at: datetime
    date_precision: str
    url: str
    primary_championship: Ref | None
    championships: list[Ref]
    manufacturers: list[Ref]
    teams: list[Ref]
    drivers: list[Ref]
    tags: list[Ref]
    image: Picture | None

    @staticmethod
    def resolve_published_at(article) -> datetime:
        return exchange_time(article)

    @staticmethod
    def resolve_url(article, context) -> str:
        return absolute(context, article.get_absolute_url())

    @staticmethod
    def resolve_image(article):
        return article.hero_image


class Article(ArticleCard):
    body: str  # HTML, sanitised on save with the site's allow-list
    events: list[EventRef]
    authors: list[str]
    byline: str
    source: str
    revised_at: datetime | None

    @staticmethod
    def resolve_authors(article) -> list[str]:
        return [author.name for author in article_authors(article)]


class ArticlePage(Schema):
    next: str | None  # the next page's address, None on the last one
    results: list[ArticleCard]


class Entity(Schema):
    slug: str
    name: str
    url: str  # the entity's page on the site
    article_count: int  # its published articles

    @staticmethod
    def resolve_url(entity, context) -> str:
        return absolute(context, entity.get_absolute_url())


class Championship(Entity):
    short_name: str
    kind: str
    category: str
    governing_body: str


def country_code(country) -> str:
    return country.code or ""


class Manufacturer(Entity):
    country: str  # ISO 3166 code, "" when unknown

    @staticmethod
    def resolve_country(entity) -> str:
        return country_code(entity.country)


class Team(Manufacturer):
    championships: list[Ref]
    manufacturers: list[Ref]


class Driver(Entity):
    nationality: str

    @staticmethod
    def resolve_nationality(driver) -> str:
        return country_code(driver.nationality)


class Problem(Schema):
    detail: str

"""RSS 2.0 and Atom feeds: the whole site, and one per championship, manufacturer, team and tag.

Every feed lists the newest published articles (`Article.objects.published()`) in a constant
number of queries: the entity, the articles with their primary championship and hero image, their
tags, their renditions. URL names are `articles:feed_rss` / `articles:feed_atom` for the site and
`articles:<kind>_feed_rss` / `articles:<kind>_feed_atom` for a championship, manufacturer, team
or tag (see articles/urls.py).
"""

import hashlib
import mimetypes
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.utils.translation import gettext as _
from taggit.models import Tag

from teams.models import Championship, Manufacturer, Season, Team

from .. import dates
from ..imaging import select_renditions
from ..models import Article, Rendition
from .archives import season_news

FEED_SIZE = 30
FEED_MAX_AGE = 600  # seconds a reader or a CDN may keep a feed
# Feed readers show the enclosure next to the text: the 1024 wide JPEG (or the widest below).
ENCLOSURE_WIDTH = 1024
SIZE_CACHE_TIMEOUT = 30 * 24 * 3600
# XML 1.0 forbids these characters even as references: one of them in a title would make the
# generator raise (UnserializableContentError) or a reader reject the whole feed.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: str) -> str:
    """`value` without the characters XML 1.0 cannot carry (legacy texts have a few)."""
    return _XML_INVALID.sub("", value or "")


@dataclass(frozen=True)
class FeedSource:
    """What a feed is about (None for the whole site), and the request that asked for it.

    One Feed instance serves every request, so per-request data travels here, not on `self`.
    """

    entity: object | None
    request: HttpRequest


class ArticleFeed(Feed):
    """The newest articles of the whole site, in RSS 2.0 or (atom=True) Atom 1.0."""

    model = None  # the entity a feed follows, None for the whole site
    relation = ""  # the Article field that points at the entity
    url_name = "feed"  # articles:<url_name>_rss and articles:<url_name>_atom

    def __init__(self, *, atom: bool = False):
        super().__init__()
        self.feed_type = feedgenerator.Atom1Feed if atom else feedgenerator.Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        return response

    @classmethod
    def address_of(cls, entity) -> dict:
        """The feed's URL arguments for `entity`."""
        return {"slug": entity.slug}

    def get_object(self, request, slug=None):
        # DoesNotExist becomes a 404 in Feed.__call__.
        entity = None if self.model is None else self.model.objects.get(slug=slug)
        if isinstance(entity, Tag) and not Article.objects.published().filter(tags=entity).exists():
            # A tag only unpublished articles carry answers like an unknown one: its feed
            # must not confirm an embargoed subject.
            raise Tag.DoesNotExist
        return FeedSource(entity=entity, request=request)

    # The channel

    def title(self, source):
        return feed_title(source.entity)

    def description(self, source):
        if source.entity is None:
            return _("Motorsport news: touring cars, GT, endurance, rally and single-seaters.")
        return _("The latest articles about %(name)s.") % {
            "name": xml_text(entity_name(source.entity))
        }

    def subtitle(self, source):
        # Atom's name for the description (RSS ignores it).
        return self.description(source)

    def link(self, source):
        if source.entity is None:
            return reverse("newsroom:home")
        return entity_url(source.entity)

    def author_name(self):
        # Atom wants an author for the feed when an entry has none (articles without a byline).
        return settings.PADDOCK_SITE_NAME

    def published(self, entity):
        """The articles the feed follows, newest first once listed."""
        articles = Article.objects.published()
        return articles if entity is None else articles.filter(**{self.relation: entity})

    def items(self, source):
        articles = self.published(source.entity)
        articles = list(
            articles.for_listing()
            .defer("body", "flags", "imported_links")
            .newest_first()[:FEED_SIZE]
        )
        attach_enclosures(articles, source.request)
        return articles

    # Each article

    def item_title(self, article):
        # Escaped here and again by the generator, as Django's syndication does by default:
        # readers that render titles as HTML then show "<script>" as text, never run it.
        return escape(xml_text(article.title))

    def item_description(self, article):
        # Both formats read the description as HTML: the standfirst is plain text, so it is
        # escaped here (and once more by the generator) for "<" or "&" to show as written.
        text = xml_text(article.standfirst)
        if dates.is_month_only(article):
            # Legacy texts only know the month. RSS and Atom need a full date, so the item is
            # dated on the 1st at 00:00 (see item_pubdate); the text says what is really known.
            text = f"{month_label(article)} — {text}" if text else month_label(article)
        return escape(text)

    def item_link(self, article):
        return article.get_absolute_url()

    def item_author_name(self, article):
        return xml_text(article.byline) or None

    def item_categories(self, article):
        categories = []
        if article.primary_championship is not None:
            categories.append(article.primary_championship.display_name)
        categories += [tag.name for tag in article.tags.all()]
        return [xml_text(name) for name in categories]

    def item_pubdate(self, article):
        return publication_date(article)

    def item_updateddate(self, article):
        # revised_at, not updated_at: updated_at moves with every editorial save (workflow,
        # links, import bookkeeping), revised_at only when the text readers see was corrected.
        published = publication_date(article)
        if article.revised_at is not None and article.revised_at > published:
            return article.revised_at
        return published

    def item_enclosures(self, article):
        return article.feed_enclosures


class ChampionshipFeed(ArticleFeed):
    model = Championship
    relation = "championships"
    url_name = "championship_feed"


class SeasonFeed(ArticleFeed):
    """A championship's news in one season's years: /championnats/wtcr/2019/rss/."""

    model = Season
    url_name = "season_feed"

    @classmethod
    def address_of(cls, season) -> dict:
        return {"slug": season.championship.slug, "season": season.label}

    def get_object(self, request, slug=None, season=None):
        found = Season.objects.select_related("championship").get(
            championship__slug=slug, label=season
        )
        return FeedSource(entity=found, request=request)

    def published(self, season):
        return season_news(season)


class ManufacturerFeed(ArticleFeed):
    model = Manufacturer
    relation = "manufacturers"
    url_name = "manufacturer_feed"


class TeamFeed(ArticleFeed):
    model = Team
    relation = "teams"
    url_name = "team_feed"


class TagFeed(ArticleFeed):
    model = Tag
    relation = "tags"
    url_name = "tag_feed"


# A page with a season (a season's, an event's) follows the season before its championship.
ENTITY_FEEDS = (SeasonFeed, ChampionshipFeed, ManufacturerFeed, TeamFeed, TagFeed)


def feed_title(entity) -> str:
    """The feed's title, also given to the <link rel="alternate"> of pages."""
    site = settings.PADDOCK_SITE_NAME
    if entity is None:
        return _("%(site)s — latest news") % {"site": site}
    return f"{xml_text(entity_name(entity))} — {site}"


def entity_name(entity) -> str:
    if isinstance(entity, Season):
        return str(entity)  # "WTCR 2019"
    return getattr(entity, "display_name", None) or entity.name


def entity_url(entity) -> str:
    if isinstance(entity, Tag):
        return reverse("articles:tag", kwargs={"slug": entity.slug})
    return entity.get_absolute_url()


publication_date = dates.exchange_time
month_label = dates.month_label


# Enclosures


def attach_enclosures(articles: list[Article], request: HttpRequest) -> None:
    """Give each article its `feed_enclosures`: the JPEG of its hero image, if any.

    Renditions come prefetched; byte sizes come from the cache, or from storage once per file.
    """
    chosen = {article.pk: enclosure_file(article) for article in articles}
    sizes = stored_sizes({file.name for file in chosen.values() if file is not None})
    for article in articles:
        file = chosen[article.pk]
        article.feed_enclosures = []
        if file is not None and file.name in sizes:
            mime_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            article.feed_enclosures.append(
                feedgenerator.Enclosure(
                    request.build_absolute_uri(file.url), str(sizes[file.name]), mime_type
                )
            )


def enclosure_file(article: Article):
    """The hero image's JPEG rendition to attach, or its original while it has none."""
    image = article.hero_image
    if image is None:
        return None
    jpeg = select_renditions(image.renditions.all(), Rendition.Crop.ORIGINAL, Rendition.Format.JPEG)
    if not jpeg:
        return image.file
    fitting = [rendition for rendition in jpeg if rendition.width <= ENCLOSURE_WIDTH]
    return fitting[-1].file if fitting else jpeg[0].file


def stored_sizes(names: set[str]) -> dict[str, int]:
    """The byte size of each stored file in `names`; files missing from storage are left out.

    Asking the storage is a stat() on disk but an HTTP request on S3-compatible storage, so
    sizes are cached: rendition names change whenever their content does (renditions.py).
    """
    keys = {
        f"paddock:file-size:{hashlib.sha256(name.encode()).hexdigest()}": name for name in names
    }
    cached = cache.get_many(keys)
    sizes = {keys[key]: size for key, size in cached.items()}
    found = {}
    for key, name in keys.items():
        if key in cached:
            continue
        try:
            sizes[name] = found[key] = default_storage.size(name)
        except OSError:  # FileNotFoundError: the enclosure is left out rather than the feed
            continue
    if found:
        cache.set_many(found, timeout=SIZE_CACHE_TIMEOUT)
    return sizes

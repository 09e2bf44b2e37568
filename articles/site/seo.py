"""What a page tells search engines and social networks: canonical address, description,
OpenGraph, breadcrumbs and schema.org data.

Views describe their page with `PageMeta` and a breadcrumb `trail()`; the `seo` template tags
turn both into markup. The visible breadcrumbs and the BreadcrumbList JSON-LD are rendered from
the same trail, so they cannot disagree.
"""

from dataclasses import dataclass, field

from django.templatetags.static import static
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.site.addresses import reverse

from .. import dates
from ..imaging import select_renditions
from ..models import Article, Image, Rendition
from ..sanitize import plain_text

DESCRIPTION_LENGTH = 160
# Facebook and X show large previews from 1200 pixels wide: the narrowest rendition at least
# that wide is sharp everywhere without sending the 1600 one to every crawler.
SHARE_IMAGE_WIDTH = 1200
# A raster logo: Google ignores SVG logos in structured data.
LOGO_PATH = "img/logo.png"
LOGO_SIZE = 512
OG_LOCALES = {
    "fr": "fr_FR",
    "en": "en_GB",
    "it": "it_IT",
    "de": "de_DE",
    "es": "es_ES",
    "pt": "pt_PT",
    "nl": "nl_NL",
}


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str


@dataclass
class PageMeta:
    """What a view says about its page; the `seo` tags fill in the rest from the request."""

    title: str
    description: str = ""
    type: str = "website"
    image: Image | None = None
    article: Article | None = None
    # The address search engines should index; the request's path when empty.
    path: str = ""
    structured_data: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class ShareImage:
    url: str
    width: int
    height: int
    alt: str


def trail(*crumbs: tuple[str, str]) -> list[Crumb]:
    """A breadcrumb trail from the home page down to the current page (the last crumb)."""
    return [Crumb(_("Home"), reverse("newsroom:home"))] + [Crumb(name, url) for name, url in crumbs]


def describe(text: str) -> str:
    """`text` as a meta description: plain, on one line, about 160 characters."""
    return Truncator(" ".join(plain_text(text).split())).chars(DESCRIPTION_LENGTH)


def og_locale(language: str) -> str:
    return OG_LOCALES.get((language or "fr")[:2], "fr_FR")


def share_image(image: Image | None, absolute) -> ShareImage | None:
    """The JPEG of `image` that social networks show: the 16:9 card crop, 1200 wide or the
    nearest; the original while the image has no renditions. Reads prefetched renditions."""
    if image is None:
        return None
    jpeg = _jpeg(image, Rendition.Crop.CARD)
    if not jpeg:
        return ShareImage(absolute(image.file.url), image.width, image.height, image.alt_text)
    wide = [r for r in jpeg if r.width >= SHARE_IMAGE_WIDTH]
    chosen = wide[0] if wide else jpeg[-1]
    return ShareImage(absolute(chosen.file.url), chosen.width, chosen.height, image.alt_text)


def _jpeg(image: Image, crop: str) -> list[Rendition]:
    return select_renditions(image.renditions.all(), crop, Rendition.Format.JPEG)


def schema_date(article: Article, moment=None) -> str | None:
    """ISO 8601 date-time with its offset, as schema.org consumers require.

    A legacy article that only knows its month is dated the 1st of that month at midnight
    (Paris), the same convention as its feed items: never a made-up day inside the month, and
    the page itself says only "janvier 2019".
    """
    moment = dates.exchange_time(article, moment)
    if moment is None:
        return None
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def modified_date(article: Article) -> str | None:
    """When the text last changed on the site: the correction time, else the publication."""
    if article.revised_at and article.published_at and article.revised_at > article.published_at:
        return schema_date(article, article.revised_at)
    return schema_date(article)


def breadcrumb_list(crumbs: list[Crumb], absolute) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": crumb.name, "item": absolute(crumb.url)}
            for n, crumb in enumerate(crumbs, start=1)
        ],
    }


def publisher(site_name: str, absolute) -> dict:
    return {
        "@type": "Organization",
        "name": site_name,
        "url": absolute(reverse("newsroom:home")),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static(LOGO_PATH)),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def news_article(article: Article, *, url: str, authors, site_name: str, absolute) -> dict:
    """schema.org NewsArticle of `article`; `authors` are (name, page path) pairs."""
    organisation = publisher(site_name, absolute)
    if authors:
        author = [
            {"@type": "Person", "name": name, "url": absolute(path)} for name, path in authors
        ]
    elif article.byline:
        author = [{"@type": "Person", "name": article.byline}]
    else:
        # Nobody signed it: the newsroom speaks.
        author = [{"@type": "Organization", "name": site_name, "url": organisation["url"]}]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": describe(article.standfirst or article.body),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": article.language,
        "datePublished": schema_date(article),
        "dateModified": modified_date(article),
        "author": author,
        "publisher": organisation,
    }
    if article.hero_image_id:
        # Google picks among aspect ratios: the 16:9 card and the original framing.
        images = [_jpeg(article.hero_image, crop) for crop in Rendition.Crop.values]
        urls = [absolute(jpeg[-1].file.url) for jpeg in images if jpeg]
        data["image"] = urls or [absolute(article.hero_image.file.url)]
    else:
        # Search engines want an image for every news article: the newsroom's logo stands in.
        data["image"] = [absolute(static(LOGO_PATH))]
    if article.primary_championship_id:
        data["articleSection"] = article.primary_championship.name
    tags = [tag.name for tag in article.tags.all()]
    if tags:
        data["keywords"] = ", ".join(tags)
    return {key: value for key, value in data.items() if value is not None}

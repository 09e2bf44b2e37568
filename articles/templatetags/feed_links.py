"""Feed links for pages: {% feed_links %} in <head> for autodiscovery, {% page_feed %} for the
visible "Subscribe" link of hub and tag pages."""

from dataclasses import dataclass

from django import template

from articles.site.addresses import reverse

from ..site.feeds import ENTITY_FEEDS, feed_title

register = template.Library()


@dataclass(frozen=True)
class PageFeed:
    title: str
    rss: str
    atom: str


@register.inclusion_tag("articles/feed_links.html", takes_context=True)
def feed_links(context):
    """<link rel="alternate"> to the page's own feed, if it has one, then to the site's."""
    site = PageFeed(feed_title(None), reverse("articles:feed_rss"), reverse("articles:feed_atom"))
    own = page_feed(context)
    return {"feeds": [own, site] if own else [site]}


@register.simple_tag(takes_context=True)
def page_feed(context) -> PageFeed | None:
    """The feed of the season, championship, manufacturer, team or tag the page is about.

    Hub views put their entity in the context under its model name, the tag view under "tag".
    """
    for feed in ENTITY_FEEDS:
        entity = context.get(feed.model._meta.model_name)
        if isinstance(entity, feed.model):
            kwargs = feed.address_of(entity)
            return PageFeed(
                feed_title(entity),
                reverse(f"articles:{feed.url_name}_rss", kwargs=kwargs),
                reverse(f"articles:{feed.url_name}_atom", kwargs=kwargs),
            )
    return None

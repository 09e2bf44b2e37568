"""Article cards, kept in the process under what they show.

A list page is mostly cards: twenty on the news list, and each costs more to render than its
rows cost to read. A card shows only its article's own columns, its series, its picture with
the picture's renditions and its tags, all read with the list (ArticleQuerySet.for_listing),
in the reader's language and time zone. Kept under all of those values, a card can never be
stale: a corrected title, a renamed series or a new rendition make another key, and the old
card is simply never asked for again (the oldest are dropped). Nothing needs to forget it, so
it holds with any cache configuration, DummyCache included.

tests/articles/test_kept_cards.py changes each value a card shows and checks that the card
kept is the card rendered anew.
"""

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.translation import get_language

from newsroom.kept import KeptRenders

CARD_TEMPLATE = "articles/_article_card.html"
# A few pages of every list a site shows: about 2 KB each.
_kept = KeptRenders(size=5_000)


def card(article, *, is_lead: bool = False) -> str:
    """The card of `article` (a lead card: the home page's first, larger)."""
    return _kept.get(
        card_key(article, is_lead=is_lead),
        lambda: render_to_string(CARD_TEMPLATE, {"article": article, "is_lead": is_lead}),
    )


def card_key(article, *, is_lead: bool) -> tuple:
    """Every value CARD_TEMPLATE shows, and what decides how it is written."""
    series = article.primary_championship
    image = article.hero_image if article.hero_image_id else None
    return (
        get_language(),
        timezone.get_current_timezone_name(),
        get_script_prefix(),
        is_lead,
        article.pk,
        article.title,
        article.slug,
        article.standfirst,
        article.published_at,
        article.date_precision,
        article.language,
        series and (series.pk, series.name, series.short_name, series.slug),
        image
        and (
            image.pk,
            image.file.name,
            image.alt_text,
            image.width,
            image.height,
            tuple(
                (r.pk, r.crop, r.format, r.width, r.height, r.file.name)
                for r in image.renditions.all()
            ),
        ),
        tuple((tag.pk, tag.name, tag.slug) for tag in article.tags.all()),
    )

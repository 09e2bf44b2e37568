from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy

from .. import dates
from ..site import kept_cards

register = template.Library()

# "In English" on the card of an article written in another language than the page's.
WRITTEN_IN = {
    "fr": gettext_lazy("In French"),
    "en": gettext_lazy("In English"),
    "it": gettext_lazy("In Italian"),
    "de": gettext_lazy("In German"),
    "es": gettext_lazy("In Spanish"),
    "pt": gettext_lazy("In Portuguese"),
    "nl": gettext_lazy("In Dutch"),
}


@register.simple_tag
def written_in(article) -> str:
    """The language the article is written in, when the page is in another one; else ""."""
    if article.language == (get_language() or "fr")[:2]:
        return ""
    return str(WRITTEN_IN.get(article.language, article.language))


@register.simple_tag
def publication_date(article):
    """A <time> element: "janvier 2019" for month-only legacy dates, never a made-up day."""
    if article.published_at is None:
        return ""
    local = timezone.localtime(article.published_at)
    if dates.is_month_only(article):
        machine = local.strftime("%Y-%m")
    else:
        # HTML allows at most three decimals of a second: whole seconds are enough.
        machine = local.replace(microsecond=0).isoformat()
    return format_html('<time datetime="{}">{}</time>', machine, dates.date_label(article))


@register.simple_tag
def article_card(article, is_lead=False):
    """The card of `article`, from the cards kept in the process (site/kept_cards.py)."""
    return kept_cards.card(article, is_lead=is_lead)

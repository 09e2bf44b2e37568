from django import template
from django.utils import formats, timezone
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def publication_date(article):
    """A <time> element: "janvier 2019" for month-only legacy dates, never a made-up day."""
    if article.published_at is None:
        return ""
    local = timezone.localtime(article.published_at)
    if article.date_precision == "month":
        return format_html(
            '<time datetime="{}">{}</time>',
            local.strftime("%Y-%m"),
            formats.date_format(local, "F Y"),
        )
    return format_html(
        '<time datetime="{}">{}</time>',
        # HTML allows at most three decimals of a second: whole seconds are enough.
        local.replace(microsecond=0).isoformat(),
        formats.date_format(local, "j F Y"),
    )

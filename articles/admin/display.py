"""How the admin shows an article's status and a refused move."""

from django.core.exceptions import ValidationError
from django.utils.html import format_html

from .. import workflow

STATUS_STYLE = {
    "draft": "#6b6b6b",
    "review": "#8a5a00",
    "scheduled": "#1d4ed8",
    "published": "#166534",
    "unpublished": "#9f1239",
}


def refusal_text(refusal) -> str:
    if isinstance(refusal, ValidationError):
        return " ".join(refusal.messages)
    return str(refusal.args[0]) if refusal.args else ""


def status_badge_html(article):
    key = "scheduled" if article.is_scheduled else article.status
    return format_html(
        '<span class="status-badge status-{}" style="background:{};color:#fff;'
        'padding:2px 8px;border-radius:10px;white-space:nowrap">{}</span>',
        key,
        STATUS_STYLE[key],
        workflow.status_label(article),
    )

"""The endpoint behind the article form's link suggestions (articles/suggestions.py).

It reads what the form holds (text, links already chosen, dismissed suggestions) and answers
articles.suggestions in JSON; it writes nothing. Wrapped by the admin site in get_urls, so only
logged-in staff reach it and CSRF is checked.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Article
from ..suggestions import PRIMARY, parse_dismissed, suggest_links
from .editing import ids, refused, text_value


def may_write(user) -> bool:
    return user.has_perm("articles.add_article") or user.has_perm("articles.change_article")


@require_POST
def link_suggestions_view(request):
    if not may_write(request.user):
        return refused(_("You may not write articles."))
    post = request.POST
    linked = {name: set(ids(post.getlist(name))) for name in (*Article.LINK_FIELDS, PRIMARY)}
    suggestions = suggest_links(
        title=text_value(post, "title"),
        standfirst=text_value(post, "standfirst"),
        body=text_value(post, "body"),
        linked=linked,
        dismissed=set(parse_dismissed(post.get("dismissed_links", ""))),
        day=article_day(post.get("published_at_0", "")),
    )
    return JsonResponse(suggestions.as_json())


def article_day(typed: str) -> datetime.date:
    """The day the form dates the article (its publication day as typed), else today: what a
    text written now is about."""
    try:
        day = forms.DateField().to_python(typed[:40])
    except ValidationError:
        day = None
    return day or timezone.localdate()


def suggestion_urls(admin_site) -> list:
    return [
        path(
            "link-suggestions/",
            admin_site.admin_view(link_suggestions_view),
            name="articles_article_link_suggestions",
        )
    ]

"""Shareable previews: a signed, expiring link that shows an unpublished article as readers
will see it, to someone without an account.

The link carries only the article's id, signed with the site key and a salt of its own, so a
token made for anything else on the site (or by anyone else) is refused. Nothing is stored:
a link cannot be revoked before it expires, so the lifetime (PADDOCK_PREVIEW_MAX_AGE) is short.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from ..models import Article
from .views import article_page

SALT = "articles.preview"
PAGE_TEMPLATE = "articles/preview_banner.html"
UNAVAILABLE_TEMPLATE = "articles/preview_unavailable.html"


def preview_url(article: Article, request=None) -> str:
    """The preview link of `article`: absolute when `request` is given, else a path."""
    token = signing.dumps(article.pk, salt=SALT)
    path = reverse("articles:preview", args=[token])
    return request.build_absolute_uri(path) if request is not None else path


def preview_expires_at(now: datetime | None = None) -> datetime:
    """When a link made now stops working."""
    return (now or timezone.now()) + timedelta(seconds=settings.PADDOCK_PREVIEW_MAX_AGE)


def read_preview_token(token: str) -> int:
    """The article id in `token`.

    Raises signing.SignatureExpired when the link is too old and signing.BadSignature when it
    was not made by preview_url (tampered, truncated, another salt).
    """
    pk = signing.loads(token, salt=SALT, max_age=settings.PADDOCK_PREVIEW_MAX_AGE)
    # A valid signature over something else than an id cannot come from preview_url.
    if type(pk) is not int:
        raise signing.BadSignature("Preview token does not hold an article id.")
    return pk


def keep_private(response):
    """Neither caches nor search engines keep a preview, nor the page saying it is gone."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def preview_view(request, token):
    try:
        pk = read_preview_token(token)
    except signing.SignatureExpired:
        return keep_private(unavailable(request, expired=True))
    except signing.BadSignature:
        return keep_private(unavailable(request))
    article = Article.objects.for_detail().filter(pk=pk).first()
    if article is None:
        return keep_private(unavailable(request))
    if article.is_published():
        # Readers' page from now on: the link keeps working for whoever received it.
        return keep_private(redirect(article))
    return keep_private(article_page(request, article, template_name=PAGE_TEMPLATE))


def unavailable(request, *, expired: bool = False):
    return TemplateResponse(
        request,
        UNAVAILABLE_TEMPLATE,
        {"expired": expired},
        status=410 if expired else 404,
    )

"""Shareable previews: a link that shows an unpublished article as readers will see it, to
someone without an account, until it expires or is withdrawn.

Each link is a stored PreviewLink (who made it, until when, withdrawn or not:
articles.services.previews); the URL carries only its key, signed with the site key and a salt
of its own, so a token made for anything else on the site (or by anyone else) is refused.
"""

import uuid

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

from ..models import Article, PreviewLink
from .views import article_page

SALT = "articles.preview"
PAGE_TEMPLATE = "articles/preview_banner.html"
UNAVAILABLE_TEMPLATE = "articles/preview_unavailable.html"


def preview_url(link: PreviewLink, request=None) -> str:
    """The address of a preview link: absolute when `request` is given, else a path."""
    token = signing.dumps(str(link.key), salt=SALT)
    path = reverse("articles:preview", args=[token])
    return request.build_absolute_uri(path) if request is not None else path


def read_preview_token(token: str) -> uuid.UUID:
    """The link key in `token`.

    Raises signing.SignatureExpired when the link is too old and signing.BadSignature when it
    was not made by preview_url (tampered, truncated, another salt).
    """
    key = signing.loads(token, salt=SALT, max_age=settings.PADDOCK_PREVIEW_MAX_AGE)
    # A valid signature over something else than a key cannot come from preview_url.
    try:
        return uuid.UUID(key)
    except (TypeError, ValueError, AttributeError):
        raise signing.BadSignature("Preview token does not hold a link key.") from None


def keep_private(response):
    """Neither caches nor search engines keep a preview, nor the page saying it is gone."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def preview_view(request, token):
    try:
        key = read_preview_token(token)
    except signing.SignatureExpired:
        return keep_private(unavailable(request, expired=True))
    except signing.BadSignature:
        return keep_private(unavailable(request))
    link = PreviewLink.objects.filter(key=key).first()
    if link is None:
        return keep_private(unavailable(request))
    if link.revoked_at is not None:
        return keep_private(unavailable(request, revoked=True))
    if not link.is_active():
        return keep_private(unavailable(request, expired=True))
    article = Article.objects.for_detail().filter(pk=link.article_id).first()
    if article is None:
        return keep_private(unavailable(request))
    if article.is_published():
        # Readers' page from now on: the link keeps working for whoever received it.
        return keep_private(redirect(article))
    return keep_private(article_page(request, article, template_name=PAGE_TEMPLATE))


def unavailable(request, *, expired: bool = False, revoked: bool = False):
    return TemplateResponse(
        request,
        UNAVAILABLE_TEMPLATE,
        {"expired": expired, "revoked": revoked},
        status=410 if expired or revoked else 404,
    )

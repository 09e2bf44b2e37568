"""Editorial writes that take more than one step; the admin and commands call these."""

from django.db import transaction
from django.utils import timezone

from .models import Article


@transaction.atomic
def publish_article(*, article: Article, when=None) -> Article:
    """Publish now, or at `when` (a future time schedules it). Keeps an existing date."""
    article.status = Article.Status.PUBLISHED
    if when is not None:
        article.published_at = when
    elif article.published_at is None:
        article.published_at = timezone.now()
        article.date_precision = Article.DatePrecision.DAY
    article.full_clean()
    article.save()
    return article


@transaction.atomic
def unpublish_article(*, article: Article) -> Article:
    """Take an article off every public surface; its date is kept for a later republication."""
    article.status = Article.Status.UNPUBLISHED
    article.save()
    return article

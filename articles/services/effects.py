"""The side effects every article service shares."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import Article, RelatedList
from ..sanitize import sanitize_html
from ..signals import announcing, articles_changed

# What readers read: a change to one of these on a live article shows "mis à jour le …".
TEXT_FIELDS = ("title", "standfirst", "body")


def announce(ids: Iterable[int]) -> None:
    """Tell the search index and the public site's validators which articles were written; their
    related articles are ranked again when next shown (models/related.py)."""
    ids = sorted({pk for pk in ids if pk is not None})
    if ids:
        forget_rankings(ids)
        articles_changed.send(sender=Article, ids=ids)


@contextmanager
def announced_writes() -> Iterator[set]:
    """One service's writes, in one transaction, announced once at its end (still inside it,
    so a rolled-back write announces nothing): the service adds the id of each article it
    writes to the set it is given. Meanwhile the model signals of those writes (the save, each
    link and tag) tell receivers the announcement follows (articles.signals): saving a linked,
    tagged article refreshes the site's keys and the search index once, not once per link."""
    written: set = set()
    with transaction.atomic():
        following = announcing.set(True)
        try:
            yield written
        finally:
            announcing.reset(following)
        announce(written)


def forget_rankings(ids: list[int]) -> None:
    """The related articles of these articles are ranked again when next shown, and so are
    those of the articles sharing a team or a driver with them, where they would rank high
    (the rest catch up within a day: models/related.py)."""
    near = Q(article_id__in=ids)
    for relation in ("teams", "drivers"):
        field = Article._meta.get_field(relation)
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = field.remote_field.through.objects
        theirs = links.filter(**{f"{source}_id__in": ids}).values(f"{target}_id")
        near |= Q(article_id__in=links.filter(**{f"{target}_id__in": theirs}).values(source))
    RelatedList.objects.filter(near).delete()


def text_changed(article: Article, stored: Article) -> bool:
    """Would readers see another text? (The body is compared as it will be stored.)"""
    return (
        article.title != stored.title
        or article.standfirst != stored.standfirst
        or sanitize_html(article.body) != stored.body
    )


def mark_revised(article: Article, *, was_live: bool, text_changed: bool) -> None:
    """A text that changes while it is on the site gets its "mis à jour le" date."""
    if was_live and text_changed and article.is_published():
        article.revised_at = timezone.now()


def keep_primary_in_championships(article: Article) -> None:
    """The primary championship is always one of the article's championships, so the
    article shows on that championship's hub and feed."""
    if article.primary_championship_id is not None:
        article.championships.add(article.primary_championship_id)


def resolve_date_flag(article: Article) -> None:
    """Once an editor dates a text imported without a date, there is nothing left to check."""
    if article.published_at is not None and Article.Flag.NO_DATE in article.flags:
        article.flags = [flag for flag in article.flags if flag != Article.Flag.NO_DATE]


def resolve_title_flag(article: Article, stored: Article) -> None:
    """A person who rewrites an imported title has reviewed it."""
    if article.title != stored.title and Article.Flag.TITLE_TO_REVIEW in article.flags:
        article.flags = [flag for flag in article.flags if flag != Article.Flag.TITLE_TO_REVIEW]

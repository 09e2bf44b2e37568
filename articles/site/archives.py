"""The news archive by year and month, in the site's time zone.

An article belongs to the month of its publication date as the site shows it
(timezone.localtime, as in Article.get_absolute_url): a story published on 31 December at
23:30 in Paris is a December story, whatever UTC says. Month-only legacy dates belong to their
month. Periods are filtered as ranges of publication times, so the visibility index serves them.
"""

from datetime import datetime

from django.db.models import Count, Max, Min, Subquery
from django.db.models.functions import TruncMonth, TruncYear
from django.utils import timezone

from ..models import Article


def year_range(year: int) -> tuple[datetime, datetime]:
    return _local(year, 1), _local(year + 1, 1)


def month_range(year: int, month: int) -> tuple[datetime, datetime]:
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return _local(year, month), _local(*following)


def _local(year: int, month: int) -> datetime:
    return timezone.make_aware(datetime(year, month, 1))


def published_between(start: datetime, end: datetime):
    return Article.objects.published().filter(published_at__gte=start, published_at__lt=end)


def season_news(season):
    """The published articles of a season's championship in the season's years."""
    start, end = year_range(season.year)[0], year_range(season.last_year)[1]
    return published_between(start, end).filter(championships=season.championship_id)


def counts_by_year() -> list[tuple[int, int]]:
    """(year, published articles), newest year first, in one query."""
    return [(moment.year, n) for moment, n in _counts(Article.objects.published(), TruncYear)]


def counts_by_month(year: int) -> list[tuple[datetime, int]]:
    """(first day of the month, published articles) for the months of `year` that have some,
    in one query."""
    return _counts(published_between(*year_range(year)), TruncMonth)


def _counts(articles, trunc) -> list[tuple[datetime, int]]:
    # Trunc* use the current time zone: the same periods as the pages' own dates.
    rows = (
        articles.annotate(period=trunc("published_at"))
        .order_by()
        .values("period")
        .annotate(n=Count("pk"))
        .order_by("-period")
        .values_list("period", "n")
    )
    return [(timezone.localtime(period), n) for period, n in rows]


def month_summary(start: datetime, end: datetime) -> tuple[int, datetime | None, datetime | None]:
    """How many articles were published in [start, end), and the months before and after it
    that have some: one query (the neighbours are two indexed look-ups inside it)."""
    published = Article.objects.published()
    before = published.filter(published_at__lt=start).order_by("-published_at")
    after = published.filter(published_at__gte=end).order_by("published_at")
    found = published_between(start, end).aggregate(
        total=Count("pk"),
        # Over the month's rows the subqueries are constants: Max and Min just carry them.
        before=Max(Subquery(before.values("published_at")[:1])),
        after=Min(Subquery(after.values("published_at")[:1])),
    )
    return (
        found["total"],
        *(timezone.localtime(found[side]) if found[side] else None for side in ("before", "after")),
    )

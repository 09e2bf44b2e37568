"""Publication dates that may know only their month: legacy texts say "janvier 2019", never a
made-up day. One place for how such a date is stored, shown and handed to feeds and JSON-LD."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import formats, timezone

# Month-only dates are stored at noon on the 1st, site time, so that no time zone moves them
# into the previous month; pages show only the month.
STORED_HOUR = 12


def stored_time(date: datetime.date | None) -> datetime.datetime | None:
    """The publication time stored for a date read from a legacy text."""
    if date is None:
        return None
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(date, datetime.time(STORED_HOUR), tzinfo=zone)


def is_month_only(article) -> bool:
    return article.date_precision == "month"


def exchange_time(article, moment=None) -> datetime.datetime | None:
    """The full date-time feeds and schema.org need: for a month-only article, the 1st of the
    month at 00:00 site time rather than a day that never was."""
    moment = moment or article.published_at
    if moment is None:
        return None
    if not is_month_only(article) or moment != article.published_at:
        return moment
    zone = timezone.get_default_timezone()
    local = timezone.localtime(moment, zone)
    return datetime.datetime(local.year, local.month, 1, tzinfo=zone)


def month_label(article) -> str:
    """ "janvier 2019"."""
    local = timezone.localtime(article.published_at, timezone.get_default_timezone())
    return formats.date_format(local, "F Y")


def date_label(article, *, with_time: bool = False) -> str:
    """The date as readers and editors see it: the month alone when that is all we know."""
    if article.published_at is None:
        return ""
    if is_month_only(article):
        return month_label(article)
    local = timezone.localtime(article.published_at)
    return formats.date_format(local, "DATETIME_FORMAT" if with_time else "j F Y")

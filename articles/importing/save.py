"""Save parsed legacy texts as articles: one savepoint per file, nothing duplicated."""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from ..models import Article, unique_slug
from .decode import LegacyFormatError, decode_legacy
from .parse import LegacyText, parse_legacy
from .read import SourceFile

# Month-precision dates are stored at noon on the 1st, Paris time, so that no time zone moves
# them into the previous month; templates show only "janvier 2019".
PUBLICATION_HOUR = 12


class Outcome(StrEnum):
    CREATED = "created"
    DUPLICATE = "duplicate"
    UPDATED = "updated"
    CONFLICT = "conflict"
    FAILED = "failed"


@dataclass
class FileResult:
    file: str
    outcome: Outcome
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    text: LegacyText | None = None
    article: Article | None = None


def publication_time(text: LegacyText) -> datetime.datetime | None:
    if text.date is None:
        return None
    return datetime.datetime.combine(
        text.date,
        datetime.time(PUBLICATION_HOUR),
        tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE),
    )


def import_source_file(
    *, source: SourceFile, publish: bool = False, update: bool = False, source_name: str = ""
) -> FileResult:
    """Decode, parse and save one legacy file; running it again changes nothing."""
    try:
        decoded = decode_legacy(source.data)
        text = parse_legacy(decoded.text, name=source.name)
    except LegacyFormatError as error:
        return FileResult(file=source.path, outcome=Outcome.FAILED, reason=str(error))
    warnings = [*decoded.warnings, *text.warnings]
    result = FileResult(file=source.path, outcome=Outcome.CREATED, warnings=warnings, text=text)

    if Article.objects.filter(content_hash=text.content_hash).exists():
        result.outcome = Outcome.DUPLICATE
        return result
    existing = Article.objects.filter(legacy_id=text.legacy_id).first()
    if existing and not update:
        result.outcome = Outcome.CONFLICT
        result.reason = (
            f"legacy id {text.legacy_id} was imported before with other text "
            f"(article #{existing.pk}); run again with --update to replace it"
        )
        return result
    try:
        with transaction.atomic():  # one savepoint per file: a bad file never undoes the others
            article = existing or Article()
            _fill(article, text, source=source, publish=publish, source_name=source_name)
            article.full_clean()
            article.save()
    except (ValidationError, DatabaseError) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        result.outcome, result.reason = Outcome.FAILED, "; ".join(messages)
        return result
    result.outcome = Outcome.UPDATED if existing else Outcome.CREATED
    result.article = article
    return result


def _fill(article: Article, text: LegacyText, *, source, publish, source_name) -> None:
    article.title = text.title
    if not article.slug:
        article.slug = unique_slug(text.title)
    article.standfirst = text.standfirst
    article.body = text.body_html
    article.published_at = publication_time(text)
    article.date_precision = text.date_precision
    article.legacy_id = text.legacy_id
    article.source_file = source.path[-500:]
    article.content_hash = text.content_hash
    article.flags = text.flags
    if source_name:
        article.source = source_name
    # Without a date an article cannot be published: it waits for an editor to date it.
    if publish and article.published_at is not None:
        article.status = Article.Status.PUBLISHED

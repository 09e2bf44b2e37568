"""Save prepared legacy files in chunks: bulk writes, one savepoint per file when a chunk fails.

A chunk is written in one transaction (articles, their links and their import records
together), so an interrupted run never leaves half an article; running again skips what was
saved (same content hash) and completes the rest.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, transaction

from ..models import Article, ImportBatch, ImportRecord, slug_base, unique_slug
from ..sanitize import sanitize_html
from ..signals import articles_imported
from .link import RELATIONS
from .pipeline import PreparedFile
from .report import links_report

# Month-precision dates are stored at noon on the 1st, Paris time, so that no time zone moves
# them into the previous month; pages show only "janvier 2019".
PUBLICATION_HOUR = 12
Outcome = ImportRecord.Outcome


@dataclass(frozen=True)
class ImportOptions:
    publish: bool = False
    update: bool = False
    source_name: str = ""


@dataclass
class Planned:
    file: PreparedFile
    outcome: str
    reason: str = ""
    article_id: int | None = None


def publication_time(date: datetime.date | None) -> datetime.datetime | None:
    if date is None:
        return None
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(date, datetime.time(PUBLICATION_HOUR), tzinfo=tz)


def save_chunk(
    files: list[PreparedFile],
    *,
    batch: ImportBatch,
    options: ImportOptions,
    known: dict[str, int] | None = None,
) -> list[ImportRecord]:
    """Write a chunk; if the bulk write fails, retry file by file so only the bad one fails.

    `known` maps the content hashes already in the database to their articles, when the caller
    has looked them up already.
    """
    plan = _plan(files, update=options.update, known=known)
    try:
        with transaction.atomic():
            return _write(plan, batch=batch, options=options)
    except DatabaseError:
        pass
    records = []
    for item in plan:
        try:
            with transaction.atomic():
                records += _write([item], batch=batch, options=options)
        except DatabaseError as error:
            item.outcome, item.reason, item.article_id = Outcome.FAILED, f"database: {error}", None
            records += ImportRecord.objects.bulk_create([_record(item, batch)])
    return records


def _plan(
    files: list[PreparedFile], *, update: bool, known: dict[str, int] | None
) -> list[Planned]:
    """Decide what happens to each file, with at most two queries for the whole chunk."""
    texts = [f.text for f in files if f.text]
    by_hash = dict(known) if known is not None else existing_hashes(texts)
    by_legacy_id = dict(
        Article.objects.filter(legacy_id__in=[t.legacy_id for t in texts]).values_list(
            "legacy_id", "pk"
        )
    )
    plan, seen_ids = [], set()
    for file in files:
        text = file.text
        if text is None:
            plan.append(Planned(file, Outcome.FAILED, file.error))
        elif text.content_hash in by_hash:
            plan.append(Planned(file, Outcome.DUPLICATE, article_id=by_hash[text.content_hash]))
        elif text.legacy_id in by_legacy_id or text.legacy_id in seen_ids:
            existing = by_legacy_id.get(text.legacy_id)
            if update and existing:
                plan.append(Planned(file, Outcome.UPDATED, article_id=existing))
            else:
                reason = (
                    f"legacy id {text.legacy_id} was imported before with other text"
                    + (f" (article #{existing})" if existing else " (twice in this input)")
                    + "; run again with --update to replace it"
                )
                plan.append(Planned(file, Outcome.CONFLICT, reason, article_id=existing))
        else:
            plan.append(Planned(file, Outcome.CREATED))
        if text:
            seen_ids.add(text.legacy_id)
            by_hash.setdefault(text.content_hash, None)
    # A second copy of the same text in one chunk is a duplicate of the first.
    first_seen = {}
    for item in plan:
        if item.file.text and item.outcome == Outcome.CREATED:
            key = item.file.text.content_hash
            if key in first_seen:
                item.outcome = Outcome.DUPLICATE
            first_seen[key] = item
    return plan


def existing_hashes(texts) -> dict[str, int]:
    """The articles that already hold these texts, by content hash."""
    hashes = [t.content_hash for t in texts]
    return dict(Article.objects.filter(content_hash__in=hashes).values_list("content_hash", "pk"))


def _write(plan: list[Planned], *, batch, options) -> list[ImportRecord]:
    new = [item for item in plan if item.outcome == Outcome.CREATED]
    slugs = _unique_slugs([item.file for item in new])
    articles = [
        _new_article(item.file, slug, batch, options) for item, slug in zip(new, slugs, strict=True)
    ]
    Article.objects.bulk_create(articles)
    for item, article in zip(new, articles, strict=True):
        item.article_id = article.pk
    _add_links([(a.pk, item.file) for item, a in zip(new, articles, strict=True)])
    for item in plan:
        if item.outcome == Outcome.UPDATED:
            _update_article(item, batch=batch, options=options)
    # bulk_create sends no post_save: tell the search index (newsroom) in one go.
    written = [i.article_id for i in plan if i.outcome in (Outcome.CREATED, Outcome.UPDATED)]
    if written:
        articles_imported.send(sender=Article, ids=written)
    return ImportRecord.objects.bulk_create([_record(item, batch) for item in plan])


def _new_article(file: PreparedFile, slug: str, batch, options) -> Article:
    text, links = file.text, file.links
    published_at = publication_time(text.date)
    # Without a date an article cannot be published: it waits for an editor to date it.
    publish = options.publish and published_at is not None
    return Article(
        title=text.title,
        slug=slug,
        standfirst=text.standfirst,
        body=sanitize_html(text.body_html),  # bulk_create skips save(), which sanitises
        language=file.language or Article.Language.FRENCH,
        status=Article.Status.PUBLISHED if publish else Article.Status.DRAFT,
        published_at=published_at,
        date_precision=text.date_precision,
        source=options.source_name,
        legacy_id=text.legacy_id,
        source_file=file.source.path[-500:],
        content_hash=text.content_hash,
        flags=text.flags,
        import_batch=batch,
        primary_championship_id=links.primary_championship.pk
        if links.primary_championship
        else None,
        imported_links={rel: [e.pk for e in getattr(links, rel)] for rel in RELATIONS},
    )


def _unique_slugs(files: list[PreparedFile]) -> list[str]:
    """One slug per file, unique in the database and in the chunk, in one query."""
    bases = [slug_base(f.text.title) for f in files]
    candidates = {
        *bases,
        *(f"{b}-{f.legacy_id[-8:]}".lower() for b, f in zip(bases, files, strict=True)),
    }
    taken = set(Article.objects.filter(slug__in=candidates).values_list("slug", flat=True))
    slugs = []
    for base, file in zip(bases, files, strict=True):
        for slug in (base, f"{base}-{file.legacy_id[-8:]}".lower()):
            if slug not in taken:
                break
        else:
            slug = unique_slug(file.text.title)  # rare: both taken; ask the database
        taken.add(slug)
        slugs.append(slug)
    return slugs


def _add_links(pairs: list[tuple[int, PreparedFile]]) -> None:
    for relation in RELATIONS:
        through = getattr(Article, relation).through
        column = f"{getattr(Article, relation).field.m2m_reverse_field_name()}_id"
        rows = [
            through(article_id=pk, **{column: entity.pk})
            for pk, file in pairs
            for entity in getattr(file.links, relation)
        ]
        through.objects.bulk_create(rows, ignore_conflicts=True)


def _update_article(item: Planned, *, batch, options) -> None:
    """Replace an article's text by a new version of its legacy file (--update)."""
    article = Article.objects.get(pk=item.article_id)
    fresh = _new_article(item.file, article.slug, batch, options)
    for name in ["title", "standfirst", "body", "language", "published_at", "date_precision"]:
        setattr(article, name, getattr(fresh, name))
    for name in ["source_file", "content_hash", "flags", "import_batch"]:
        setattr(article, name, getattr(fresh, name))
    if options.publish and fresh.status == Article.Status.PUBLISHED:
        article.status = Article.Status.PUBLISHED
    relink_article(article, item.file.links)
    article.save()


def relink_article(article: Article, links) -> None:
    """Replace the importer's links by `links`; links an editor added or removed stay so."""
    # imported_links keeps what the importer proposed last time: a proposed link missing from
    # the article was removed by an editor and must not come back.
    previous = article.imported_links or {}
    proposed = {}
    for relation in RELATIONS:
        manager = getattr(article, relation)
        current = set(manager.values_list("pk", flat=True))
        before = set(previous.get(relation, []))
        found = {e.pk for e in getattr(links, relation)}
        wanted = found - (before - current)
        manager.remove(*((before & current) - wanted))
        manager.add(*(wanted - current))
        proposed[relation] = sorted(found)
    article.imported_links = proposed
    if article.primary_championship_id is None and links.primary_championship:
        article.primary_championship_id = links.primary_championship.pk


def _record(item: Planned, batch) -> ImportRecord:
    file, text = item.file, item.file.text
    return ImportRecord(
        batch=batch,
        file=file.source.path[-500:],
        legacy_id=file.legacy_id[:100],
        outcome=item.outcome,
        reason=item.reason,
        warnings=file.warnings,
        article_id=item.article_id,
        title=text.title if text else "",
        date=(text.date_label or "") if text else "",
        language=file.language or "",
        links=links_report(file.links),
        removed=[{"rule": r.rule, "text": r.text} for r in text.removals] if text else [],
    )

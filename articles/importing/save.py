"""Save prepared legacy files in chunks: plan what happens to each file, then write them
through the import service (articles.services.imports) in bulk, one savepoint per file when
a chunk fails.

A chunk is written in one transaction (articles, their links and their import records
together), so an interrupted run never leaves half an article; running again skips what was
saved (same content hash) and completes the rest.
"""

from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.db.models import Q

from ..models import Article, ImportBatch, ImportRecord, Revision, slug_base, unique_slug
from ..services import write_import_chunk
from .notes import Note
from .pipeline import PreparedFile
from .report import links_report

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
    reason: Note | None = None
    article_id: int | None = None


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
            item.outcome, item.article_id = Outcome.FAILED, None
            item.reason = Note("database", {"detail": str(error)})
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
    edited = edited_in_newsroom(by_legacy_id.values()) if update else set()
    plan, seen_ids = [], set()
    for file in files:
        text = file.text
        if text is None:
            plan.append(Planned(file, Outcome.FAILED, file.error))
        elif text.content_hash in by_hash:
            plan.append(Planned(file, Outcome.DUPLICATE, article_id=by_hash[text.content_hash]))
        elif text.legacy_id in by_legacy_id or text.legacy_id in seen_ids:
            existing = by_legacy_id.get(text.legacy_id)
            if update and existing in edited:
                # Editorial decisions win over re-imports: the newsroom's version is kept.
                reason = Note(
                    "edited_in_newsroom", {"article": existing, "legacy_id": text.legacy_id}
                )
                plan.append(Planned(file, Outcome.CONFLICT, reason, article_id=existing))
            elif update and existing:
                plan.append(Planned(file, Outcome.UPDATED, article_id=existing))
            else:
                reason = (
                    Note("imported_before", {"article": existing, "legacy_id": text.legacy_id})
                    if existing
                    else Note("twice_in_input", {"legacy_id": text.legacy_id})
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


def edited_in_newsroom(ids) -> set[int]:
    """The articles among `ids` that someone edited, moved through the workflow, restored or
    changed with a list action since they were imported (one query)."""
    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return set()
    touched = Revision.objects.filter(article_id__in=ids).exclude(
        Q(kind=Revision.Kind.IMPORT) | Q(kind=Revision.Kind.AUTOSAVE)
    )
    return set(touched.values_list("article_id", flat=True))


def existing_hashes(texts) -> dict[str, int]:
    """The articles that already hold these texts, by content hash."""
    hashes = [t.content_hash for t in texts]
    return dict(Article.objects.filter(content_hash__in=hashes).values_list("content_hash", "pk"))


def _write(plan: list[Planned], *, batch, options) -> list[ImportRecord]:
    write_import_chunk(plan, batch=batch, options=options)
    return ImportRecord.objects.bulk_create([_record(item, batch) for item in plan])


def unique_slugs(files: list[PreparedFile]) -> list[str]:
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


def _record(item: Planned, batch) -> ImportRecord:
    file, text = item.file, item.file.text
    return ImportRecord(
        batch=batch,
        file=file.source.path[-500:],
        legacy_id=file.legacy_id[:100],
        outcome=item.outcome,
        reason=item.reason.to_json() if item.reason else {},
        warnings=[w.to_json() for w in file.warnings],
        article_id=item.article_id,
        title=text.title if text else "",
        date=(text.date_label or "") if text else "",
        language=file.language or "",
        links=links_report(file.links),
        removed=[{"rule": r.rule, "text": r.text} for r in text.removals] if text else [],
    )

"""Writing imported legacy texts: new articles in bulk, updates of texts imported before, and
linking them to the registry again."""

import datetime
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record
from ..dates import stored_time
from ..models import Article, AuditEntry, ImportBatch, Revision
from ..revisions import ensure_baseline, save_revision
from ..sanitize import sanitize_html
from .effects import announce, mark_revised, text_changed
from .unknown_names import queue_unknown_names

if TYPE_CHECKING:
    from ..importing.link import Linker, LinkResult
    from ..importing.pipeline import PreparedFile
    from ..importing.save import ImportOptions, Planned

# What a new version of a legacy file replaces; links are merged (relink_article) and editors'
# own fields (slug, tags, byline, hero image…) stay.
REPLACED_FIELDS = ("title", "standfirst", "body", "language", "published_at", "date_precision")
PROVENANCE_FIELDS = ("source_file", "content_hash", "flags", "import_batch")


def write_import_chunk(plan: "list[Planned]", *, batch: ImportBatch, options: "ImportOptions"):
    """Create the articles planned as new (bulk writes) and update those planned as updated;
    sets each item's `article_id`. Runs inside the caller's transaction (one per chunk)."""
    from ..importing.save import Outcome, unique_slugs

    new = [item for item in plan if item.outcome == Outcome.CREATED]
    slugs = unique_slugs([item.file for item in new])
    articles = [
        new_article(item.file, slug=slug, batch=batch, options=options)
        for item, slug in zip(new, slugs, strict=True)
    ]
    Article.objects.bulk_create(articles)
    for item, article in zip(new, articles, strict=True):
        item.article_id = article.pk
    add_links([(a.pk, item.file) for item, a in zip(new, articles, strict=True)])
    for item in plan:
        if item.outcome == Outcome.UPDATED:
            update_imported_article(item, batch=batch, options=options)
    queue_unknown_names(
        (item.article_id, item.file.text.text, item.file.links.unknown_names)
        for item in plan
        if item.outcome in (Outcome.CREATED, Outcome.UPDATED)
    )
    announce(i.article_id for i in plan if i.outcome in (Outcome.CREATED, Outcome.UPDATED))


def new_article(file: "PreparedFile", *, slug: str, batch, options) -> Article:
    text, links = file.text, file.links
    published_at = stored_time(text.date)
    # Without a date an article cannot be published: it waits for an editor to date it.
    publish = options.publish and published_at is not None
    primary = links.primary_championship
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
        primary_championship_id=primary.pk if primary else None,
        imported_links={rel: [e.pk for e in getattr(links, rel)] for rel in Article.LINK_FIELDS},
    )


def add_links(pairs: "list[tuple[int, PreparedFile]]") -> None:
    """The links of new articles, one bulk insert per relation; the primary championship is
    always among the championships."""
    for relation in Article.LINK_FIELDS:
        through = getattr(Article, relation).through
        column = f"{getattr(Article, relation).field.m2m_reverse_field_name()}_id"
        wanted = {(pk, entity.pk) for pk, file in pairs for entity in getattr(file.links, relation)}
        if relation == "championships":
            wanted |= {
                (pk, file.links.primary_championship.pk)
                for pk, file in pairs
                if file.links.primary_championship
            }
        rows = [through(article_id=pk, **{column: entity}) for pk, entity in sorted(wanted)]
        through.objects.bulk_create(rows, ignore_conflicts=True)


def update_imported_article(item: "Planned", *, batch, options) -> Article:
    """Replace an article's text by a new version of its legacy file (--update).

    Only articles nobody in the newsroom has touched are planned for an update (see
    importing.save): the article keeps its status unless --publish publishes a dated draft.
    """
    article = Article.objects.select_for_update().get(pk=item.article_id)
    ensure_baseline(article)
    stored = copy(article)  # as saved, to tell whether readers will see another text
    fresh = new_article(item.file, slug=article.slug, batch=batch, options=options)
    for name in REPLACED_FIELDS + PROVENANCE_FIELDS:
        setattr(article, name, getattr(fresh, name))
    if article.status == Article.Status.DRAFT and fresh.status == Article.Status.PUBLISHED:
        article.status = Article.Status.PUBLISHED
    mark_revised(
        article, was_live=stored.is_published(), text_changed=text_changed(article, stored)
    )
    relink_article(article, item.file.links)
    article.save()
    message = _("Updated from its legacy file %(file)s") % {"file": article.source_file}
    save_revision(article, kind=Revision.Kind.IMPORT, message=message)
    record(AuditEntry.Action.IMPORT_UPDATE, article=article, detail=message)
    return article


def relink_article(article: Article, links: "LinkResult") -> None:
    """Replace the importer's links by `links`; links an editor added or removed stay so."""
    # imported_links keeps what the importer proposed last time: a proposed link missing from
    # the article was removed by an editor and must not come back.
    previous = article.imported_links or {}
    proposed = {}
    for relation in Article.LINK_FIELDS:
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
    if article.primary_championship_id is not None:
        article.championships.add(article.primary_championship_id)


@dataclass
class RelinkCounts:
    seen: int = 0
    changed: int = 0


def article_day(article: Article) -> datetime.date | None:
    """The day the article speaks from: when it was (or will be) published."""
    return timezone.localdate(article.published_at) if article.published_at else None


def relink_articles(*, articles: Iterable[Article], linker: "Linker | None" = None) -> RelinkCounts:
    """Link imported articles again (after the registry grew), leaving editors' links alone."""
    from ..importing.link import Linker
    from ..importing.relink import article_text

    linker = linker or Linker.from_registry()
    counts, changed = RelinkCounts(), []
    for article in articles:
        counts.seen += 1
        before = _link_state(article)
        with transaction.atomic():
            relink_article(article, linker.link(article_text(article), day=article_day(article)))
            if _link_state(article) != before:
                counts.changed += 1
                changed.append(article.pk)
                # Only these two fields: an editor may be saving the article's text right now.
                Article.objects.filter(pk=article.pk).update(
                    imported_links=article.imported_links,
                    primary_championship_id=article.primary_championship_id,
                )
    announce(changed)
    return counts


def _link_state(article: Article) -> tuple:
    links = article.imported_links or {}
    return (
        tuple(tuple(sorted(links.get(r, []))) for r in Article.LINK_FIELDS),
        article.primary_championship_id,
    )

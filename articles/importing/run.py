"""Run the whole pipeline over many files: prepare each, save them in chunks, keep a report."""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from ..models import Article, ImportBatch
from ..statistics import refresh_statistics
from .clean import DEFAULT_RULES
from .link import Linker
from .pipeline import enrich, read_text
from .read import SourceFile
from .report import Tally, file_entry
from .save import ImportOptions, save_chunk

CHUNK_SIZE = 1000


@dataclass
class ImportRun:
    batch: ImportBatch
    entries: list[dict] = field(default_factory=list)  # only when asked to keep them
    tally: Tally = field(default_factory=Tally)
    unknown_names: Counter = field(default_factory=Counter)
    cleaning: Counter = field(default_factory=Counter)

    @property
    def summary(self) -> dict:
        return self.tally.summary(unknown_names=self.unknown_names, cleaning=self.cleaning)

    @property
    def report(self) -> dict:
        return {"summary": self.summary, "files": self.entries}


def run_import(
    *,
    sources: Iterable[SourceFile],
    batch: ImportBatch,
    options: ImportOptions,
    cleaning: Iterable[str] = DEFAULT_RULES,
    on_file: Callable[[dict], None] | None = None,
    keep_entries: bool = True,
) -> ImportRun:
    """Import every source into `batch`; each chunk commits on its own.

    Without `keep_entries` only the counts are kept, so memory stays flat on huge archives.
    """
    cleaning = tuple(cleaning)
    linker = Linker.from_registry()  # the registry is compiled once per run
    run = ImportRun(batch=batch)
    chunk = []

    def flush():
        known = {
            content_hash: (pk, title)
            for content_hash, pk, title in Article.objects.filter(
                content_hash__in=[f.text.content_hash for f in chunk if f.text]
            ).values_list("content_hash", "pk", "title")
        }
        for prepared in chunk:
            if prepared.text is None:
                continue
            if prepared.text.content_hash in known:
                # A duplicate: the report names the article it duplicates, nothing more to do.
                prepared.text.title = known[prepared.text.content_hash][1]
                continue
            enrich(prepared, linker=linker, cleaning=cleaning)
            if prepared.text:
                run.unknown_names.update(prepared.links.unknown_names)
                run.cleaning.update(r.rule for r in prepared.text.removals)
        known_pks = {content_hash: pk for content_hash, (pk, _) in known.items()}
        for record in save_chunk(chunk, batch=batch, options=options, known=known_pks):
            entry = file_entry(record)
            run.tally.add(entry)
            if keep_entries:
                run.entries.append(entry)
            if on_file:
                on_file(entry)
        chunk.clear()
        batch.beat()

    for source in sources:
        chunk.append(read_text(source))
        if len(chunk) >= CHUNK_SIZE:
            flush()
    if chunk:
        flush()
    batch.summary = run.summary
    batch.status = ImportBatch.Status.FINISHED
    batch.finished_at = timezone.now()
    batch.save(update_fields=["summary", "status", "finished_at"])
    if run.tally.outcomes["created"] or run.tally.outcomes["updated"]:
        refresh_statistics()
    return run

"""Run the whole pipeline over many files: prepare each, save them in chunks, keep a report."""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from ..models import ImportBatch
from .clean import DEFAULT_RULES
from .link import Linker
from .pipeline import prepare
from .read import SourceFile
from .report import file_entry, summarise
from .save import ImportOptions, save_chunk

CHUNK_SIZE = 250


@dataclass
class ImportRun:
    batch: ImportBatch
    entries: list[dict] = field(default_factory=list)
    unknown_names: Counter = field(default_factory=Counter)
    cleaning: Counter = field(default_factory=Counter)

    @property
    def summary(self) -> dict:
        summary = summarise(self.entries, unknown_names=self.unknown_names)
        summary["cleaning"] = dict(self.cleaning.most_common())
        return summary

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
) -> ImportRun:
    """Import every source into `batch`; each chunk commits on its own."""
    cleaning = tuple(cleaning)
    linker = Linker.from_registry()  # the registry is compiled once per run
    run = ImportRun(batch=batch)
    chunk = []

    def flush():
        for record in save_chunk(chunk, batch=batch, options=options):
            entry = file_entry(record)
            run.entries.append(entry)
            if on_file:
                on_file(entry)
        chunk.clear()

    for source in sources:
        prepared = prepare(source, linker=linker, cleaning=cleaning)
        if prepared.links:
            run.unknown_names.update(prepared.links.unknown_names)
        if prepared.text:
            run.cleaning.update(r.rule for r in prepared.text.removals)
        chunk.append(prepared)
        if len(chunk) >= CHUNK_SIZE:
            flush()
    if chunk:
        flush()
    batch.summary = run.summary
    batch.status = ImportBatch.Status.FINISHED
    batch.finished_at = timezone.now()
    batch.save(update_fields=["summary", "status", "finished_at"])
    return run

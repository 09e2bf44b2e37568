import resource
import shutil
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from articles.bench.synthetic import write_corpus
from articles.importing.read import iter_source_files
from articles.importing.run import run_import
from articles.importing.save import ImportOptions
from articles.models import Article, ImportBatch, UnknownName, UnknownNameMention
from teams.models import Championship


class Command(BaseCommand):
    help = (
        "Benchmark the legacy importer on a synthetic corpus: new texts per second, re-import "
        "(all duplicates) per second and peak memory. Run it on a scratch database (make bench)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--files", type=int, default=20_000)
        parser.add_argument("--workdir", type=Path, default=Path("var/bench/corpus"))
        parser.add_argument("--no-reimport", action="store_true")

    def handle(self, *args, files, workdir, no_reimport, **options):
        if not Championship.objects.exists():
            raise CommandError("Load the registry first (manage.py load_registry).")
        if Article.objects.exists():
            raise CommandError("Run the benchmark on an empty, scratch database.")
        shutil.rmtree(workdir, ignore_errors=True)
        started = time.perf_counter()
        written = sum(1 for _ in write_corpus(workdir, files))
        size = sum(p.stat().st_size for p in workdir.iterdir()) / written
        self.stdout.write(
            f"corpus: {written} texts, {size / 1024:.1f} KB on average, written in "
            f"{time.perf_counter() - started:.1f} s"
        )
        vendor = connection.vendor
        self._timed_import(workdir, "new texts", vendor)
        if not no_reimport:
            self._timed_import(workdir, "re-import (all duplicates)", vendor)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(f"peak memory: {peak:.0f} MB for {written} texts")
        self.stdout.write(f"articles in the database: {Article.objects.count()}")
        self.stdout.write(
            f"unknown names queued: {UnknownName.objects.count()}, "
            f"{UnknownNameMention.objects.count()} mentions"
        )

    def _timed_import(self, workdir: Path, label: str, vendor: str) -> None:
        batch = ImportBatch.objects.create(source="bench", paths=str(workdir))
        started = time.perf_counter()
        run = run_import(
            sources=iter_source_files([workdir]),
            batch=batch,
            options=ImportOptions(),
            keep_entries=False,
        )
        elapsed = time.perf_counter() - started
        rate = run.summary["files"] / elapsed
        counts = ", ".join(f"{n} {k}" for k, n in run.summary.items() if isinstance(n, int) and n)
        self.stdout.write(f"{label} on {vendor}: {rate:,.0f} texts/s ({elapsed:.1f} s; {counts})")

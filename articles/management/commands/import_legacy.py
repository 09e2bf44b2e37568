from collections import Counter
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.importing.read import SourceError, iter_source_files
from articles.importing.save import Outcome, import_source_file


class Command(BaseCommand):
    help = (
        "Import legacy texts (files or folders of .txt) as articles. Re-running the same input "
        "changes nothing; a bad file is reported and the others go on."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="legacy .txt files or folders")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish dated texts at their legacy date (default: drafts to review)",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="replace articles whose legacy id was imported before with other text",
        )
        parser.add_argument("--dry-run", action="store_true", help="report, save nothing")
        parser.add_argument("--source", default="", help="source name stored on the articles")

    def handle(self, *args, paths, publish, update, dry_run, source, **options):
        self.verbosity = options["verbosity"]
        counts = Counter()
        try:
            # Each file commits on its own (an interrupted run keeps what it finished); a dry run
            # wraps everything in one transaction that is rolled back.
            with transaction.atomic() if dry_run else nullcontext():
                for file in iter_source_files(paths):
                    result = import_source_file(
                        source=file, publish=publish, update=update, source_name=source
                    )
                    counts[result.outcome] += 1
                    self._report(result)
                if dry_run:
                    transaction.set_rollback(True)
        except SourceError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{counts[o]} {o}" for o in Outcome)
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{sum(counts.values())} files: {summary}"))

    def _report(self, result):
        if result.outcome in (Outcome.FAILED, Outcome.CONFLICT):
            self.stderr.write(f"{result.outcome}: {result.file}: {result.reason}")
        for warning in result.warnings:
            self.stdout.write(f"warning: {result.file}: {warning}")
        if self.verbosity >= 2:
            self.stdout.write(f"{result.outcome}: {result.file}")

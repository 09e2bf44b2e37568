import sys
from contextlib import nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from articles.importing.clean import DEFAULT_RULES, RULES
from articles.importing.notes import COMMAND_HINTS
from articles.importing.read import SourceError, check_paths, count_source_files, iter_source_files
from articles.importing.report import write_report
from articles.importing.run import run_import
from articles.importing.save import ImportOptions
from articles.models import ImportBatch


class Command(BaseCommand):
    help = (
        "Import legacy texts (.txt files, folders, .zip archives) as articles, linked to the "
        "registry. Re-running the same input changes nothing; a bad file is reported and the "
        "others go on."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="legacy .txt files, folders or .zip archives")
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
        parser.add_argument("--report", type=Path, help="write the report to FILE.json or FILE.csv")
        parser.add_argument(
            "--skip-rule",
            action="append",
            default=[],
            choices=sorted(RULES),
            help="a cleaning rule not to apply (repeatable)",
        )

    def handle(self, *args, paths, publish, update, dry_run, source, report, skip_rule, **opts):
        self.verbosity = opts["verbosity"]
        try:
            check_paths(paths)
        except SourceError as error:
            raise CommandError(str(error)) from error
        if report and report.suffix.lower() not in (".json", ".csv"):
            raise CommandError("--report must end in .json or .csv")
        options = ImportOptions(publish=publish, update=update, source_name=source)
        cleaning = [name for name in DEFAULT_RULES if name not in skip_rule]
        show_bar = sys.stderr.isatty() and opts["verbosity"] >= 1
        bar = tqdm(total=count_source_files(paths), unit="file", disable=not show_bar)

        # Each chunk of files commits on its own (an interrupted run keeps what it finished and
        # the next run completes the rest); a dry run is one transaction, rolled back.
        ImportBatch.objects.mark_interrupted()  # earlier runs that died are shown as such
        with transaction.atomic() if dry_run else nullcontext():
            batch = ImportBatch.objects.create(
                source=source,
                paths="\n".join(map(str, paths)),
                options={"publish": publish, "update": update, "dry_run": dry_run},
            )
            try:
                run = run_import(
                    sources=iter_source_files(paths),
                    batch=batch,
                    options=options,
                    cleaning=cleaning,
                    on_file=lambda entry: self._on_file(entry, bar),
                    keep_entries=report is not None,
                )
            except KeyboardInterrupt:
                bar.close()
                if not dry_run:
                    batch.status = ImportBatch.Status.INTERRUPTED
                    batch.save(update_fields=["status"])
                raise CommandError(
                    f"Interrupted: batch #{batch.pk} kept the files saved so far; run the same "
                    "command again to import the rest.",
                    returncode=130,
                ) from None
            if dry_run:
                transaction.set_rollback(True)
        bar.close()
        if report:
            write_report(report, run.report)
        self._print_summary(run, batch, dry_run=dry_run, report=report)

    def _on_file(self, entry, bar):
        bar.update(1)
        if entry["status"] in ("failed", "conflict"):
            hint = COMMAND_HINTS.get(entry["reason_code"])
            reason = f"{entry['reason']}; {hint}" if hint else entry["reason"]
            self._say(bar, self.stderr, f"{entry['status']}: {entry['file']}: {reason}")
        if self.verbosity >= 2:
            for warning in entry["warnings"]:
                self._say(bar, self.stdout, f"warning: {entry['file']}: {warning}")

    @staticmethod
    def _say(bar, stream, message):
        """A line printed above the progress bar, or plainly when there is no bar."""
        if bar.disable:
            stream.write(message)
        else:
            bar.write(message, file=sys.stderr)

    def _print_summary(self, run, batch, *, dry_run, report):
        summary = run.summary
        width = max(len(k) for k in ("created", "duplicate", "updated", "conflict", "failed"))
        title = "Dry run, nothing saved" if dry_run else f"Import batch #{batch.pk}"
        self.stdout.write(self.style.MIGRATE_HEADING(f"{title}: {summary['files']} files"))
        for outcome in ("created", "duplicate", "updated", "conflict", "failed"):
            self.stdout.write(f"  {outcome:<{width}}  {summary[outcome]:>7}")
        self.stdout.write(f"  {'warnings':<{width}}  {summary['warnings']:>7}")
        self.stdout.write(f"  {'no date':<{width}}  {summary['without_date']:>7}")
        for rule, count in summary["cleaning"].items():
            self.stdout.write(f"  cleaned by {rule}: {count}")
        if unknown := summary.get("unknown_names"):
            # Every one: a name printed nowhere is a name nobody adds to the registry.
            self.stdout.write(f"  names not in the registry ({len(unknown)}):")
            for entry in unknown:
                self.stdout.write(f"    {entry['name']} ({entry['count']})")
            if not dry_run:
                self.stdout.write(
                    "  they wait in the admin's queue: Articles → Noms inconnus "
                    "(/admin/articles/unknownname/)"
                )
        if report:
            self.stdout.write(f"Report written to {report}")

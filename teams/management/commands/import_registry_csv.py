from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from teams.csv_import import ImportFileError, import_files, read_upload


class Command(BaseCommand):
    help = (
        "Import calendars, entry lists and results from CSV files or zips of CSV files (columns "
        "in the README). Each refused row is reported with its line and reason; the others are "
        "imported. Safe to run again: what is already there is left unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="CSV files or zip archives of CSV files")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would happen, write nothing"
        )

    def handle(self, *args, paths, dry_run, **options):
        files = []
        for path in map(Path, paths):
            try:
                files += read_upload(path.name, path.read_bytes())
            except OSError as error:
                raise CommandError(f"{path}: {error.strerror or error}") from error
            except ImportFileError as error:
                raise CommandError(f"{path}: {error}") from error
        report = import_files(files, dry_run=dry_run)
        for name, kind, rows in report.files:
            self.stdout.write(f"{name}: {kind}, {rows} rows")
        for kind, counts in report.counts.items():
            self.stdout.write(
                f"{kind}: {counts.created} created, {counts.updated} updated, "
                f"{counts.unchanged} unchanged"
            )
        for kind, names in report.added.items():
            self.stdout.write(f"Added to the registry ({kind}): {', '.join(names)}")
        for problem in report.problems:
            self.stderr.write(f"{problem.file}, line {problem.line}: {problem.message}")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        if report.problems:
            raise CommandError(
                f"{len(report.problems)} row(s) refused; the other rows were imported"
                if not dry_run
                else f"{len(report.problems)} row(s) would be refused"
            )
        self.stdout.write(self.style.SUCCESS("Imported."))

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.bench.evaluate import (
    FileResult,
    evaluate,
    language_detector,
    prepare_file,
    report_json,
    report_lines,
)
from articles.importing.link import Linker


class Command(BaseCommand):
    help = (
        "Run the importer without saving on a folder of legacy texts that has a truth.json, and "
        "print date, language and primary-championship accuracy, precision / recall / F1 per "
        "entity type and the misses of each file."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="folder with .txt files and truth.json")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args, directory, **options):
        truth = _read_truth(directory / "truth.json")
        linker = Linker.from_registry()
        if linker.is_empty:
            self.stderr.write("The registry is empty: run load_registry first.")
        detect = language_detector()
        results = {}
        for entry in truth:
            path = directory / entry["file"]
            try:
                data = path.read_bytes()
            except OSError as error:
                reason = f"cannot read: {error.strerror or error}"
                results[entry["file"]] = FileResult(file=entry["file"], error=reason)
                continue
            results[entry["file"]] = prepare_file(
                data, name=entry["file"], linker=linker, detect=detect
            )
        evaluation = evaluate(truth, results, languages=detect is not None)
        if options["json"]:
            self.stdout.write(json.dumps(report_json(evaluation), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(report_lines(evaluation)))


def _read_truth(path: Path) -> list[dict]:
    try:
        truth = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"{path}: {error}") from error
    if not isinstance(truth, list) or not all(isinstance(e, dict) and "file" in e for e in truth):
        raise CommandError(f"{path}: expected a list of objects with a “file” field")
    return truth

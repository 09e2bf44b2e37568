"""Measure the importer against hand-made truth: a folder of legacy texts and its `truth.json`.

The procedure is the one of the samples README ("Measuring an importer"): dates and languages
as exact matches, the primary championship as an exact match (null included), and for each
entity field true and false positives and false negatives by canonical name, summed over files.
Scoring is pure; `prepare_file` runs decode → parse → link on one file without touching the
database.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..importing.decode import LegacyFormatError, decode_legacy
from ..importing.link import Linker
from ..importing.parse import parse_legacy

ENTITY_FIELDS = ("championships", "manufacturers", "teams", "drivers")

LanguageDetector = Callable[[str], str | None]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        # Nothing claimed is nothing wrong: a field no file links keeps precision 1.
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class FileResult:
    """What the importer made of one file; names are registry names."""

    file: str
    date: str | None = None  # "YYYY-MM"
    language: str | None = None
    primary_championship: str | None = None
    entities: dict[str, list[str]] = field(default_factory=dict)
    error: str = ""


@dataclass
class Evaluation:
    files: int = 0
    dates_right: int = 0
    languages_right: int | None = None  # None: no language detector to measure
    primaries_right: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in ENTITY_FIELDS})
    misses: list[dict] = field(default_factory=list)


def language_detector() -> LanguageDetector | None:
    """`articles.importing.language.detect_language` when that module exists."""
    try:
        from ..importing.language import detect_language
    except ModuleNotFoundError as error:
        if error.name != f"{__package__}.language":
            raise  # the module exists but something it needs is missing: a real failure
        return None
    return detect_language


def prepare_file(
    data: bytes, *, name: str, linker: Linker, detect: LanguageDetector | None = None
) -> FileResult:
    """Decode, parse and link one legacy file, as the importer does, without saving it."""
    try:
        text = parse_legacy(decode_legacy(data).text, name=name)
    except LegacyFormatError as error:
        return FileResult(file=name, error=str(error))
    whole = "\n\n".join(text.paragraphs)
    links = linker.link(whole, day=text.date)
    primary = links.primary_championship
    return FileResult(
        file=name,
        date=text.date.strftime("%Y-%m") if text.date else None,
        language=detect(whole) if detect else None,
        primary_championship=primary.name if primary else None,
        entities={f: [e.name for e in getattr(links, f)] for f in ENTITY_FIELDS},
    )


def evaluate(
    truth: Iterable[dict], results: dict[str, FileResult], *, languages: bool
) -> Evaluation:
    """Compare `results` (by file name) with the truth entries; a missing result found nothing."""
    evaluation = Evaluation(languages_right=0 if languages else None)
    for expected in truth:
        name = expected["file"]
        result = results.get(name) or FileResult(file=name, error="no result")
        evaluation.files += 1
        miss: dict = {"file": name}
        if result.error:
            miss["error"] = result.error
        if result.date == expected.get("date"):
            evaluation.dates_right += 1
        else:
            miss["date"] = {"expected": expected.get("date"), "found": result.date}
        if languages:
            if result.language == expected.get("language"):
                evaluation.languages_right += 1
            else:
                miss["language"] = {"expected": expected.get("language"), "found": result.language}
        if result.primary_championship == expected.get("primary_championship"):
            evaluation.primaries_right += 1
        else:
            miss["primary_championship"] = {
                "expected": expected.get("primary_championship"),
                "found": result.primary_championship,
            }
        for name_field in ENTITY_FIELDS:
            wanted = set(expected.get(name_field) or ())
            found = set(result.entities.get(name_field, ()))
            score = evaluation.scores[name_field]
            score.tp += len(wanted & found)
            score.fp += len(found - wanted)
            score.fn += len(wanted - found)
            if found != wanted:
                miss[name_field] = {"fp": sorted(found - wanted), "fn": sorted(wanted - found)}
        if len(miss) > 1:
            evaluation.misses.append(miss)
    return evaluation


def _share(right: int, total: int) -> str:
    return f"{right}/{total} ({right / total:.0%})" if total else "0/0"


def report_lines(evaluation: Evaluation) -> list[str]:
    """The figures and the per-file misses as plain text lines."""
    n = evaluation.files
    lines = [f"files: {n}", f"date: {_share(evaluation.dates_right, n)}"]
    if evaluation.languages_right is None:
        lines.append("language: not measured")
    else:
        lines.append(f"language: {_share(evaluation.languages_right, n)}")
    lines.append(f"primary championship: {_share(evaluation.primaries_right, n)}")
    lines.append(f"{'':16}{'TP':>5}{'FP':>5}{'FN':>5}{'P':>7}{'R':>7}{'F1':>7}")
    for name_field, s in evaluation.scores.items():
        lines.append(
            f"{name_field:16}{s.tp:5}{s.fp:5}{s.fn:5}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}"
        )
    if evaluation.misses:
        lines.append("misses:")
    for miss in evaluation.misses:
        lines.append(f"  {miss['file']}")
        for key, value in miss.items():
            if key == "file":
                continue
            if isinstance(value, dict) and "fp" in value:
                value = "; ".join(f"{k.upper()} {', '.join(v)}" for k, v in value.items() if v)
            elif isinstance(value, dict):
                value = f"expected {value['expected']}, found {value['found']}"
            lines.append(f"    {key}: {value}")
    return lines


def report_json(evaluation: Evaluation) -> dict:
    n = evaluation.files
    return {
        "files": n,
        "date_accuracy": evaluation.dates_right / n if n else None,
        "language_accuracy": (
            evaluation.languages_right / n if n and evaluation.languages_right is not None else None
        ),
        "primary_championship_accuracy": evaluation.primaries_right / n if n else None,
        "entities": {
            name_field: {
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
            }
            for name_field, s in evaluation.scores.items()
        },
        "misses": evaluation.misses,
    }

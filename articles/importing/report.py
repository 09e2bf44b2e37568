"""The import report: counts, per-file outcomes and links, as JSON or CSV for other tools.

Shape: {"summary": {...}, "files": [{"file", "status", "reason", "reason_code", "warnings",
"warning_codes", "legacy_id", "date", "date_precision", "language", "title",
"primary_championship", "links": {kind: [ENTITY]}}]} with ENTITY = {"name", "slug", "aliases"}.
Reasons and warnings are worded in the active language; their codes (importing.notes) are for
tools. A dry run's report is the same as a real run's.
"""

import csv
import json
from collections import Counter
from pathlib import Path

from ..models import ImportRecord
from .link import RELATIONS

CSV_COLUMNS = [
    "file",
    "status",
    "reason",
    "warnings",
    "legacy_id",
    "date",
    "date_precision",
    "language",
    "title",
    "primary_championship",
    *RELATIONS,
    "unknown_names",
]


def entity_json(ref) -> dict:
    return {"name": ref.name, "slug": ref.slug, "aliases": list(ref.aliases)}


def links_report(links) -> dict:
    """What ImportRecord.links stores: the primary championship and the entities by kind."""
    if links is None:
        return {}
    primary = links.primary_championship
    return {
        "primary_championship": entity_json(primary) if primary else None,
        **{kind: [entity_json(e) for e in getattr(links, kind)] for kind in RELATIONS},
        "unknown_names": list(links.unknown_names),
    }


def unknown_name_counts(records_links) -> list[dict]:
    """Every name not in the registry, with the number of texts writing it, most frequent first."""
    counts = Counter()
    for links in records_links:
        counts.update((links or {}).get("unknown_names", []))
    return [{"name": name, "count": n} for name, n in sorted(counts.items(), key=_by_count)]


def _by_count(item):
    return (-item[1], item[0].casefold())


def file_entry(record: ImportRecord) -> dict:
    links = record.links or {}
    date = record.date or None
    return {
        "file": record.file,
        "status": record.outcome,
        "reason": record.reason_text,
        "reason_code": (record.reason or {}).get("code", ""),
        "warnings": record.warning_texts,
        "warning_codes": [(w or {}).get("code", "") for w in record.warnings],
        "legacy_id": record.legacy_id,
        "date": date,
        "date_precision": ("day" if len(date) == 10 else "month") if date else None,
        "language": record.language or None,
        "title": record.title,
        "primary_championship": links.get("primary_championship"),
        "links": {kind: links.get(kind, []) for kind in RELATIONS},
        "unknown_names": links.get("unknown_names", []),
    }


class Tally:
    """The summary's counts, kept as files go by, so a run need not keep every entry."""

    def __init__(self):
        self.outcomes = Counter()
        self.warnings = 0
        self.without_date = 0

    def add(self, entry: dict) -> None:
        self.outcomes[entry["status"]] += 1
        self.warnings += len(entry["warnings"])
        if entry["date"] is None and entry["status"] != "failed":
            self.without_date += 1

    def summary(self, *, unknown_names: Counter, cleaning: Counter) -> dict:
        return {
            "files": sum(self.outcomes.values()),
            **{o: self.outcomes[o] for o in ImportRecord.Outcome.values},
            "warnings": self.warnings,
            "without_date": self.without_date,
            "cleaning": dict(cleaning.most_common()),
            # Every one, not only the frequent ones: each is a name the registry may lack.
            "unknown_names": [
                {"name": name, "count": n}
                for name, n in sorted(unknown_names.items(), key=_by_count)
            ],
        }


def write_report(path: Path, report: dict) -> None:
    """JSON or CSV, chosen by the file's extension."""
    if path.suffix.lower() == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
            writer.writeheader()
            for entry in report["files"]:
                primary = entry["primary_championship"]
                writer.writerow(
                    {
                        **{k: entry[k] for k in CSV_COLUMNS[:9]},
                        "warnings": " | ".join(entry["warnings"]),
                        "primary_championship": primary["name"] if primary else "",
                        **{
                            kind: " | ".join(e["name"] for e in entry["links"][kind])
                            for kind in RELATIONS
                        },
                        "unknown_names": " | ".join(entry["unknown_names"]),
                    }
                )
    else:
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")

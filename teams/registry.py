"""Load the reference data shipped in teams/reference/ into the registry.

Idempotent: entities are matched on their slug, reference fields are updated in place, aliases and
relations are merged with what editors added, and nothing that is not in the files is touched.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from .models import (
    Car,
    Championship,
    Circuit,
    Driver,
    Event,
    Manufacturer,
    Season,
    Team,
    clean_aliases,
)
from .signals import registry_loaded

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"

# File name, model and the plain fields a reference entry sets, in loading order (cars and teams
# point at championships and manufacturers).
SOURCES = [
    (
        "championships.json",
        Championship,
        [
            "name",
            "short_name",
            "kind",
            "category",
            "governing_body",
            "first_year",
            "last_year",
            "description",
        ],
    ),
    ("manufacturers.json", Manufacturer, ["name", "country"]),
    ("circuits.json", Circuit, ["name", "country"]),
    ("drivers.json", Driver, ["name", "nationality"]),
    ("cars.json", Car, ["name"]),
    ("teams.json", Team, ["name", "country"]),
]


class ReferenceDataError(ValueError):
    """A reference file is malformed or points at an entity that does not exist."""


@dataclass
class LoadCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class LoadResult:
    counts: dict[str, LoadCounts] = field(default_factory=dict)


def read_reference(directory: Path, filename: str) -> list[dict]:
    path = directory / filename
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ReferenceDataError(f"{path.name}: {error}") from error
    if not isinstance(entries, list):
        raise ReferenceDataError(f"{path.name}: expected a JSON list of entries")
    slugs = [entry.get("slug") for entry in entries]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if duplicates:
        raise ReferenceDataError(f"{path.name}: duplicate slugs {', '.join(duplicates)}")
    return entries


@transaction.atomic
def load_registry(*, directory: Path = REFERENCE_DIR) -> LoadResult:
    """Create or update every reference entity; returns per-model counts."""
    result = LoadResult()
    written = []  # rows written in bulk, which send no model signal
    for filename, model, plain_fields in SOURCES:
        entries = read_reference(directory, filename)
        result.counts[model._meta.model_name] = _load_model(
            model, entries, plain_fields, filename, written
        )
    if (directory / SEASONS).exists():
        result.counts["season"], result.counts["event"] = _load_seasons(directory)
    for folder, kind, counted in (
        (ENTRY_LISTS, "entry", "entries"),
        (RESULTS, "result", "results"),
    ):
        if (directory / folder).is_dir():
            result.counts[kind] = _load_csv_folder(directory / folder, counted)
    if written:
        registry_loaded.send(load_registry, written=written)
    return result


# Entry lists and results checked against sources (teams/reference/sources.json), in the format
# archive staff import (teams/csv_import.py): loaded as an import, so loading again changes
# nothing and a corrected sheet updates what changed.
ENTRY_LISTS = "entry-lists"
RESULTS = "results"


def _load_csv_folder(folder: Path, counted: str) -> LoadCounts:
    from .csv_import import import_files, read_upload

    files = [
        source
        for path in sorted(folder.glob("*.csv"))
        for source in read_upload(path.name, path.read_bytes())
    ]
    report = import_files(files)
    if report.problems:
        problem = report.problems[0]
        raise ReferenceDataError(f"{problem.file}, line {problem.line}: {problem.message}")
    counts = report.counts[counted]
    return LoadCounts(counts.created, counts.updated, counts.unchanged)


# Seasons whose calendar the project checked against sources (teams/reference/sources.json):
# each season with its events. Results are reference data only where every row was checked
# (RESULTS); made-up results never are.
SEASONS = "seasons.json"
EVENT_FIELDS = ["name", "round", "circuit", "location", "start_date", "end_date"]
RANKED = ("drivers", "teams", "makes")  # the standings a season shows unless it says which


def _load_seasons(directory: Path) -> tuple[LoadCounts, LoadCounts]:
    path = directory / SEASONS
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ReferenceDataError(f"{SEASONS}: {error}") from error
    series = {c.slug: c for c in Championship.objects.all()}
    circuits = {c.slug: c for c in Circuit.objects.all()}
    season_counts, event_counts = LoadCounts(), LoadCounts()
    for entry in entries:
        owner = f"{entry['championship']} {entry['year']}"
        championship = _lookup(series, entry["championship"], SEASONS, owner)
        season, created = Season.objects.get_or_create(
            championship=championship,
            label=str(entry["year"]),
            defaults={
                "year": entry["year"],
                "status": entry["status"],
                "points_scale": entry.get("points_scale", []),
                "standings_by_class": entry.get("standings_by_class", False),
                **{f"ranks_{kind}": kind in entry.get("standings", RANKED) for kind in RANKED},
            },
        )
        # A season editors already have keeps its status and points: theirs are newer.
        season_counts.created += created
        season_counts.unchanged += not created
        existing = {event.slug: event for event in season.events.all()}
        # A round inserted in the reference (a race weekend found later) moves the next ones:
        # their numbers are freed first, since two events of a season never share one.
        moved = [
            event.pk
            for item in entry["events"]
            if (event := existing.get(item["slug"])) and event.round != item.get("round")
        ]
        season.events.filter(pk__in=moved).update(round=None)
        for item in entry["events"]:
            values = {
                **{name: item.get(name) for name in EVENT_FIELDS},
                "circuit": item["circuit"] and _lookup(circuits, item["circuit"], SEASONS, owner),
                "location": item.get("location") or "",
                "start_date": date.fromisoformat(item["start_date"]),
                "end_date": date.fromisoformat(item["end_date"]),
            }
            event = existing.get(item["slug"]) or Event(season=season, slug=item["slug"])
            before = [getattr(event, name) for name in EVENT_FIELDS] + [event.aliases]
            for name, value in values.items():
                setattr(event, name, value)
            event.aliases = clean_aliases(
                [*event.aliases, *item.get("aliases", [])], name=event.name
            )
            if event.pk is None:
                event_counts.created += 1
            elif before != [getattr(event, name) for name in EVENT_FIELDS] + [event.aliases]:
                event_counts.updated += 1
            else:
                event_counts.unchanged += 1
                continue
            event.save()  # one by one: the pages showing the season are told (invalidation)
    return season_counts, event_counts


def _load_model(model, entries, plain_fields, filename, written: list) -> LoadCounts:
    counts = LoadCounts()
    existing = {
        obj.slug: obj for obj in model.objects.filter(slug__in=[e["slug"] for e in entries])
    }
    makes = {m.slug: m for m in Manufacturer.objects.all()} if model in (Car, Team) else {}
    to_create, to_update = [], []
    for entry in entries:
        obj = existing.get(entry["slug"]) or model(slug=entry["slug"])
        before = _snapshot(obj, plain_fields)
        for name in plain_fields:
            empty = None if model._meta.get_field(name).null else ""
            setattr(obj, name, entry.get(name) or empty)
        if model is Car:
            obj.manufacturer = _lookup(makes, entry["manufacturer"], filename, entry["slug"])
        # Editors' aliases stay: the reference only ever adds spellings.
        obj.aliases = clean_aliases([*obj.aliases, *entry.get("aliases", [])], name=obj.name)
        if obj.pk is None:
            to_create.append(obj)
        elif _snapshot(obj, plain_fields) != before:
            to_update.append(obj)
        else:
            counts.unchanged += 1
    written += model.objects.bulk_create(to_create)
    update_fields = [*plain_fields, "aliases", *(["manufacturer"] if model is Car else [])]
    model.objects.bulk_update(to_update, update_fields, batch_size=500)
    written += to_update
    counts.created, counts.updated = len(to_create), len(to_update)
    if model is Team:
        written += _link_teams(entries, makes, filename)
    return counts


def _snapshot(obj, plain_fields) -> tuple:
    values = [str(getattr(obj, name)) for name in plain_fields]
    return (*values, tuple(obj.aliases), getattr(obj, "manufacturer_id", None))


def _lookup(objects: dict, slug: str, filename: str, owner: str):
    try:
        return objects[slug]
    except KeyError:
        raise ReferenceDataError(f"{filename}: {owner} points at unknown “{slug}”") from None


def _link_teams(entries, makes, filename) -> list[Team]:
    """Add the reference championships and makes of each team, keeping editors' own links;
    returns the teams given new ones."""
    teams = {t.slug: t.pk for t in Team.objects.filter(slug__in=[e["slug"] for e in entries])}
    linked = set()
    series = {c.slug: c for c in Championship.objects.all()}
    for relation, targets, key in (
        (Team.championships, series, "championships"),
        (Team.manufacturers, makes, "manufacturers"),
    ):
        through = relation.through
        target_column = f"{relation.field.m2m_reverse_field_name()}_id"
        present = set(through.objects.values_list("team_id", target_column))
        wanted = {
            (teams[e["slug"]], _lookup(targets, slug, filename, e["slug"]).pk)
            for e in entries
            for slug in e.get(key, [])
        }
        added = sorted(wanted - present)
        through.objects.bulk_create([through(team_id=t, **{target_column: o}) for t, o in added])
        linked.update(team for team, _ in added)
    return [Team(pk=pk) for pk in sorted(linked)]

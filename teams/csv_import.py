"""Import of calendars, entry lists and results from CSV files (or a zip of them), as a results
service or a spreadsheet exports them. The README documents the columns.

Each file is one kind, told by its columns: a calendar has event dates, results have positions
or statuses, an entry list has neither. A zip is read calendars first, then entry lists, then
results, so one archive can bring a whole season.

Every row is written in a savepoint of its own: a bad row is refused with its line and the
reason, and leaves nothing behind, while the good rows around it are kept. The import as a whole
is one transaction; `dry_run` rolls it back, which is how the admin's preview shows exactly what
the import will do. Rows are matched on what identifies them — an event by its season and
address (or name), an entry by its season and car number, a result by its event, session and
entry — so importing the same file again changes nothing.

Names the registry does not know (a new driver, team, car or circuit) are added to it and listed
in the report, for the archive staff to check.
"""

import csv
import datetime
import io
import unicodedata
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath

from charset_normalizer import from_bytes
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from unidecode import unidecode

from . import signals
from .models import (
    Car,
    Championship,
    Circuit,
    Driver,
    Entry,
    Event,
    Manufacturer,
    Result,
    Season,
    Team,
)

CALENDAR, ENTRIES, RESULTS = "calendar", "entries", "results"
ORDER = (CALENDAR, ENTRIES, RESULTS)
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 200

# Column names as exports write them, in English or in French, folded (lower case, no accents,
# no spaces): the name the importer uses for each.
COLUMNS = {
    "championship": "championship",
    "championnat": "championship",
    "series": "championship",
    "serie": "championship",
    "season": "season",
    "saison": "season",
    "round": "round",
    "manche": "round",
    "event": "event",
    "epreuve": "event",
    "slug": "slug",
    "adresse": "slug",
    "aliases": "aliases",
    "alias": "aliases",
    "circuit": "circuit",
    "location": "location",
    "lieu": "location",
    "startdate": "start_date",
    "start": "start_date",
    "debut": "start_date",
    "enddate": "end_date",
    "end": "end_date",
    "fin": "end_date",
    "number": "number",
    "no": "number",
    "numero": "number",
    "drivers": "drivers",
    "driver": "drivers",
    "pilotes": "drivers",
    "pilote": "drivers",
    "team": "team",
    "equipe": "team",
    "ecurie": "team",
    "car": "car",
    "voiture": "car",
    "manufacturer": "manufacturer",
    "make": "manufacturer",
    "constructeur": "manufacturer",
    "marque": "manufacturer",
    "class": "class",
    "classe": "class",
    "categorie": "class",
    "guest": "guest",
    "wildcard": "guest",
    "invite": "guest",
    "session": "session",
    "position": "position",
    "pos": "position",
    "status": "status",
    "statut": "status",
    "laps": "laps",
    "tours": "laps",
    "time": "time",
    "temps": "time",
    "ecart": "time",
    "points": "points",
    "pts": "points",
}
STATUSES = {
    "": None,
    "classified": Result.Status.CLASSIFIED,
    "classe": Result.Status.CLASSIFIED,
    "finished": Result.Status.CLASSIFIED,
    "dnf": Result.Status.DNF,
    "ret": Result.Status.DNF,
    "abandon": Result.Status.DNF,
    "ab": Result.Status.DNF,
    "dns": Result.Status.DNS,
    "nonpartant": Result.Status.DNS,
    "np": Result.Status.DNS,
    "dsq": Result.Status.DSQ,
    "disqualifie": Result.Status.DSQ,
    "dq": Result.Status.DSQ,
    "nc": Result.Status.NC,
    "nonclasse": Result.Status.NC,
}
DRIVER_SEPARATORS = ("/", ";", "|")


class ImportFileError(ValueError):
    """An upload that cannot be read at all (not a CSV, not a zip, too large)."""


class RowError(ValueError):
    """A row that cannot be imported, with the reason a person can act on."""


@dataclass
class SourceFile:
    name: str
    text: str


@dataclass
class Problem:
    file: str
    line: int
    message: str


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    files: list[tuple[str, str, int]] = field(default_factory=list)  # name, kind, rows
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in ORDER})
    problems: list[Problem] = field(default_factory=list)
    added: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    dry_run: bool = False

    def as_dict(self) -> dict:
        return {
            "files": [list(f) for f in self.files],
            "counts": {kind: vars(counts) for kind, counts in self.counts.items()},
            "problems": [vars(p) for p in self.problems],
            "added": dict(self.added),
            "dry_run": self.dry_run,
        }


# Reading ----------------------------------------------------------------------------------------


def read_upload(name: str, data: bytes) -> list[SourceFile]:
    """The CSV files of an upload: the file itself, or each .csv of a zip."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    if PurePosixPath(name.lower()).suffix == ".zip" or data[:4] == b"PK\x03\x04":
        return _read_zip(data)
    if PurePosixPath(name.lower()).suffix not in (".csv", ".txt"):
        raise ImportFileError(_("Upload a .csv file or a .zip archive of .csv files."))
    return [SourceFile(PurePosixPath(name).name, decode(data))]


def _read_zip(data: bytes) -> list[SourceFile]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except zipfile.BadZipFile as error:
        raise ImportFileError(_("This zip archive cannot be read.")) from error
    members = [m for m in members if PurePosixPath(m.filename).suffix.lower() == ".csv"]
    if not members:
        raise ImportFileError(_("The zip archive holds no .csv file."))
    if len(members) > MAX_FILES or sum(m.file_size for m in members) > 4 * MAX_FILE_BYTES:
        raise ImportFileError(_("The zip archive holds too many or too large files."))
    return [
        SourceFile(m.filename, decode(archive.read(m)))
        for m in sorted(members, key=lambda m: m.filename)
    ]


def decode(data: bytes) -> str:
    """UTF-8 (with or without the mark spreadsheets add), else the encoding the bytes show."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        guess = from_bytes(data).best()
        if guess is None:
            raise ImportFileError(_("This file is not text.")) from None
        return str(guess)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def parse(source: SourceFile) -> tuple[str, list[tuple[int, dict]]]:
    """The file's kind and its rows, each with its line number and its cells by column."""
    text = source.text.replace("\x00", "")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(_("%(file)s is empty.") % {"file": source.name}) from None
    columns = [COLUMNS.get(fold(cell)) for cell in header]
    unknown = [cell for cell, name in zip(header, columns, strict=True) if cell and not name]
    if unknown:
        raise ImportFileError(
            _("%(file)s: unknown columns: %(columns)s.")
            % {"file": source.name, "columns": ", ".join(unknown)}
        )
    known = set(columns)
    if {"start_date", "event"} <= known:
        kind = CALENDAR
    elif "event" in known and known & {"position", "status"}:
        kind = RESULTS
    elif known & {"number", "drivers"} and not known & {"position", "status"}:
        kind = ENTRIES
    else:
        raise ImportFileError(
            _(
                "%(file)s: the columns tell neither a calendar (event, start_date), an entry "
                "list (number, drivers) nor results (event, position or status)."
            )
            % {"file": source.name}
        )
    rows = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: cell.strip() for name, cell in zip(columns, row, strict=False) if name}
        rows.append((reader.line_num, cells))
    return kind, rows


# Values -----------------------------------------------------------------------------------------


def day(value: str, column: str) -> datetime.date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise RowError(
        _("%(column)s “%(value)s” is not a date (2019-04-06 or 06/04/2019).")
        % {"column": column, "value": value}
    )


# What a spreadsheet writes for "yes" in a column such as `guest`; anything else is no.
YES = frozenset({"1", "x", "yes", "y", "oui", "o", "true", "vrai", "wildcard", "invite"})


def yes(value: str) -> bool:
    return fold(value.strip()) in YES


def whole(value: str, column: str, *, limit: int = 32767) -> int | None:
    """A whole number up to `limit` (rounds and positions are small integers everywhere)."""
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or int(value) > limit:
        raise RowError(
            _("%(column)s “%(value)s” is not a whole number up to %(limit)s.")
            % {"column": column, "value": value, "limit": limit}
        )
    return int(value)


def required(cells: dict, column: str) -> str:
    value = cells.get(column, "")
    if not value:
        raise RowError(_("The %(column)s column is empty.") % {"column": column})
    return value


def names(value: str, separators=DRIVER_SEPARATORS) -> list[str]:
    for separator in separators:
        value = value.replace(separator, "\n")
    return [name.strip() for name in value.split("\n") if name.strip()]


# The run ----------------------------------------------------------------------------------------


class Run:
    def __init__(self, report: ImportReport, today: datetime.date):
        self.report, self.today = report, today
        self.new_seasons: set[int] = set()
        # Look-ups already made in this run: a season's results name the same series, events,
        # entries and drivers row after row. Forgotten whenever the registry they read changes
        # (a name, season, event or entry written, or a row rolled back); results change none.
        self.known: dict = {}
        # Every row written, announced at the end (signals.registry_loaded).
        self.written: list = []

    def remember(self, key: tuple, look_up):
        if key not in self.known:
            self.known[key] = look_up()
        return self.known[key]

    def wrote(self, row) -> None:
        """`row` of the registry was written: what the run remembers may be out of date."""
        self.known.clear()
        self.written.append(row)

    # Registry look-ups: a name, a slug or an alias; a new name is added to the registry.

    def one(self, model, name: str, *, unknown: str = "", **extra):
        """The entity `name` names; a new one when it names none, unless `unknown` says why
        a new one cannot be added."""
        found = self.matching(model, name)
        if len(found) > 1:
            raise RowError(
                _("“%(name)s” names several %(kind)s: use its address (slug).")
                % {"name": name, "kind": model._meta.verbose_name_plural}
            )
        if found:
            return found[0]
        if unknown:
            raise RowError(unknown % {"name": name})
        entity = model(name=name[:200], slug=free_slug(model, name), **extra)
        entity.full_clean()
        entity.save()
        self.wrote(entity)
        self.report.added[model._meta.verbose_name_plural.capitalize()].append(entity.name)
        return entity

    def matching(self, model, name: str) -> list:
        """Entities named `name`: by address, by name or alias, then whatever the case and
        the accents ("CUPRA Leon Competición" is the registry's "Cupra León Competición"), a
        series by its short name too ("WTCR")."""
        return self.remember(("names", model, name), lambda: self._matching(model, name))

    def _matching(self, model, name: str) -> list:
        found = list(model.objects.filter(slug=name)) or list(model.objects.by_name(name))
        if found:
            return found
        wanted = fold(name)
        return [
            entity
            for entity in model.objects.all()
            if wanted
            in {
                fold(spelling)
                for spelling in [entity.name, *entity.aliases, getattr(entity, "short_name", "")]
                if spelling
            }
        ]

    def season(self, cells: dict, *, create: bool) -> Season:
        championship = self.one(
            Championship,
            required(cells, "championship"),
            unknown=_("Unknown championship “%(name)s”."),
        )
        label = slugify(required(cells, "season"))
        if len(label) > Season._meta.get_field("label").max_length:
            raise RowError(_("The season “%(season)s” is too long a name.") % {"season": label})
        season = self.remember(
            ("season", championship.pk, label),
            lambda: Season.objects.filter(championship=championship, label=label).first(),
        )
        if season:
            return season
        if not create or not label[:4].isdigit():
            raise RowError(
                _("%(championship)s has no season “%(season)s”.")
                % {"championship": championship.display_name, "season": cells["season"]}
            )
        season = Season.objects.create(championship=championship, year=int(label[:4]), label=label)
        self.wrote(season)
        self.new_seasons.add(season.pk)
        return season

    def event(self, season: Season, name: str) -> Event:
        events = self.remember(("events", season.pk), lambda: list(season.events.all()))
        for event in events:
            spellings = {fold(spelling) for spelling in [event.name, *event.aliases]}
            if fold(name) in spellings | {fold(event.slug)}:
                return event
        raise RowError(
            _("No event “%(event)s” in the %(season)s calendar.")
            % {"event": name, "season": season}
        )

    # Rows of each kind.

    def calendar_row(self, cells: dict) -> str:
        season = self.season(cells, create=True)
        name = required(cells, "event")
        slug = slugify(unidecode(cells.get("slug") or name))[:200]
        if not slug:
            raise RowError(_("The event “%(event)s” needs an address (slug).") % {"event": name})
        event = Event.objects.filter(season=season, slug=slug).first() or Event(
            season=season, slug=slug
        )
        values = {
            "name": name[:200],
            "round": whole(cells.get("round", ""), "round"),
            "location": cells.get("location", "")[:200],
            "start_date": day(required(cells, "start_date"), "start_date"),
            "end_date": day(cells.get("end_date") or cells["start_date"], "end_date"),
            "circuit": self.one(Circuit, cells["circuit"]) if cells.get("circuit") else None,
        }
        if values["end_date"] < values["start_date"]:
            raise RowError(_("An event cannot end before it starts."))
        if values["round"] is not None:
            taken = season.events.filter(round=values["round"]).exclude(slug=slug).first()
            if taken:
                raise RowError(
                    _("Round %(round)s of %(season)s is already “%(event)s”.")
                    % {"round": values["round"], "season": season, "event": taken.name}
                )
        aliases = [*event.aliases, *names(cells.get("aliases", ""), separators=(";", "|"))]
        return self.save(event, values, aliases=aliases)

    def entry_row(self, cells: dict) -> str:
        season = self.season(cells, create=True)
        number = cells.get("number", "")[:10]
        drivers = [self.one(Driver, name) for name in names(cells.get("drivers", ""))]
        if not number and not drivers:
            raise RowError(_("An entry needs a car number or its drivers."))
        team = self.one(Team, cells["team"]) if cells.get("team") else None
        make = self.one(Manufacturer, cells["manufacturer"]) if cells.get("manufacturer") else None
        car = None
        if cells.get("car"):
            car = self.car(cells["car"], make)
        entry = self.find_entry(season, number, drivers) or Entry(season=season)
        values = {
            "number": number,
            "team": team,
            "car": car,
            "manufacturer": make or (car.manufacturer if car else None),
            "entry_class": cells.get("class", "")[:60],
            "guest": yes(cells.get("guest", "")),
        }
        return self.save(entry, values, drivers=drivers)

    def car(self, name: str, make: Manufacturer | None) -> Car:
        if make is None:
            unknown = _("Unknown car “%(name)s”: give its manufacturer to add it.")
            return self.one(Car, name, unknown=unknown)
        found = self.matching(Car, name)
        if len(found) == 1:
            return found[0]
        # "Hyundai Elantra N TCR" under Hyundai is the car "Elantra N TCR".
        prefixed = name.casefold().startswith(make.name.casefold() + " ")
        return self.one(
            Car, name[len(make.name) :].strip() if prefixed else name, manufacturer=make
        )

    def find_entry(self, season: Season, number: str, drivers: list) -> Entry | None:
        entries = self.remember(
            ("entries", season.pk), lambda: list(season.entries.prefetch_related("drivers"))
        )
        if number:
            return next((entry for entry in entries if entry.number == number), None)
        wanted = {driver.pk for driver in drivers}
        for entry in entries:
            if {driver.pk for driver in entry.drivers.all()} == wanted:
                return entry
        return None

    def result_row(self, cells: dict) -> str:
        season = self.season(cells, create=False)
        event = self.event(season, required(cells, "event"))
        session = cells.get("session", "")[:60] or "course"
        number = cells.get("number", "")
        drivers = [self.one(Driver, name) for name in names(cells.get("drivers", ""))]
        entry = self.find_entry(season, number, drivers)
        if entry is None:
            who = f"#{number}" if number else ", ".join(d.name for d in drivers) or "?"
            raise RowError(
                _("No entry %(who)s in the %(season)s entry list.") % {"who": who, "season": season}
            )
        status_text = fold(cells.get("status", ""))
        if status_text not in STATUSES:
            raise RowError(
                _("Unknown status “%(status)s” (classified, DNF, DNS, DSQ or NC).")
                % {"status": cells["status"]}
            )
        position = whole(cells.get("position", ""), "position")
        status = STATUSES[status_text] or Result.Status.CLASSIFIED
        try:
            points = Decimal(cells["points"].replace(",", ".")) if cells.get("points") else None
        except InvalidOperation:
            raise RowError(
                _("points “%(value)s” is not a number.") % {"value": cells["points"]}
            ) from None
        result = Result.objects.filter(event=event, session=session, entry=entry).first()
        if position is not None:
            taken = (
                Result.objects.filter(event=event, session=session, position=position)
                .exclude(entry=entry)
                .select_related("entry")
                .first()
            )
            if taken:
                raise RowError(
                    _("Position %(position)s of %(session)s is already %(entry)s's.")
                    % {"position": position, "session": session, "entry": taken.entry}
                )
        values = {
            "position": position,
            "status": status,
            "laps": whole(cells.get("laps", ""), "laps", limit=100_000),
            "time": cells.get("time", "")[:40],
            "points": points,
        }
        # The result names its drivers when they are not the entry's (a substitute).
        own = drivers if drivers and set(drivers) != set(entry.drivers.all()) else []
        return self.save(
            result or Result(event=event, session=session, entry=entry),
            values,
            drivers=own,
            read=("event", "entry"),
        )

    def save(self, obj, values: dict, *, drivers=None, aliases=None, read=()) -> str:
        """Writes `obj` with `values`; says whether it was created, updated or unchanged.
        `read` names relations this run has just read, which need no existence check."""
        created = obj.pk is None
        before = None if created else snapshot(obj, values, drivers, aliases)
        for name, value in values.items():
            setattr(obj, name, value)
        if aliases is not None:
            obj.aliases = list(dict.fromkeys(a for a in aliases if a != obj.name))
        if not created and snapshot(obj, values, drivers, aliases, saved=False) == before:
            return "unchanged"
        try:
            obj.full_clean(exclude=read, validate_unique=False)
        except ValidationError as error:
            raise RowError(" ".join(error.messages)) from None
        obj.save()
        self.written.append(obj)
        if drivers is not None and (drivers or not created):
            if not created:
                self.written.extend(obj.drivers.all())  # those it may lose
            obj.drivers.set(drivers)
            self.written.extend(drivers)  # their pages show their entries and results
        if not isinstance(obj, Result):
            self.known.clear()
        return "created" if created else "updated"

    def finish(self) -> None:
        """Seasons this import created get their status from their calendar's dates."""
        for season in Season.objects.filter(pk__in=self.new_seasons):
            days = list(season.events.values_list("start_date", "end_date"))
            if days and max(end for _start, end in days) < self.today:
                season.status = Season.Status.FINISHED
            elif days and min(start for start, _end in days) <= self.today:
                season.status = Season.Status.RUNNING
            else:
                continue
            season.save(update_fields=["status"])


def snapshot(obj, values, drivers, aliases, *, saved=True) -> tuple:
    fields = tuple(getattr(obj, name) for name in values)
    people = None
    if drivers is not None:
        people = sorted(d.pk for d in obj.drivers.all()) if saved else sorted(d.pk for d in drivers)
    return fields, people, list(obj.aliases) if aliases is not None else None


def free_slug(model, name: str) -> str:
    base = (slugify(unidecode(name)) or "sans-nom")[:190]
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


ROW_HANDLERS = {CALENDAR: Run.calendar_row, ENTRIES: Run.entry_row, RESULTS: Run.result_row}


def import_files(
    files: list[SourceFile], *, dry_run: bool = False, today: datetime.date | None = None
) -> ImportReport:
    """Imports every row it can; returns what it did and each refused row with its reason."""
    report = ImportReport(dry_run=dry_run)
    parsed = []
    for source in files:
        try:
            kind, rows = parse(source)
        except ImportFileError as error:
            report.problems.append(Problem(source.name, 1, str(error)))
            continue
        report.files.append((source.name, kind, len(rows)))
        parsed.append((source, kind, rows))
    run = Run(report, today or datetime.date.today())
    with transaction.atomic():
        announcing = signals.loading.set(True)
        try:
            for kind in ORDER:
                for source, file_kind, rows in parsed:
                    if file_kind == kind:
                        for line, cells in rows:
                            import_row(run, kind, source.name, line, cells)
            run.finish()
        finally:
            signals.loading.reset(announcing)
        if run.written:
            signals.registry_loaded.send(import_files, written=run.written)
        if dry_run:
            transaction.set_rollback(True)
    return report


def import_row(run: Run, kind: str, file: str, line: int, cells: dict) -> None:
    added = {name: list(values) for name, values in run.report.added.items()}
    try:
        with transaction.atomic():
            outcome = ROW_HANDLERS[kind](run, cells)
    except (RowError, IntegrityError, DataError) as error:
        # The row's savepoint is rolled back: registry names it added are gone with it.
        run.known.clear()
        run.report.added.clear()
        run.report.added.update(added)
        if isinstance(error, RowError):
            message = str(error)
        elif isinstance(error, IntegrityError):
            message = _("It conflicts with a row.")
        else:  # a value the database cannot hold (PostgreSQL checks lengths and ranges)
            message = _("A value is too long or out of range.")
        run.report.problems.append(Problem(file, line, message))
        return
    counts = run.report.counts[kind]
    setattr(counts, outcome, getattr(counts, outcome) + 1)

"""Everything a season's pages show, read in a fixed number of queries: the calendar, the entry
list, the results and the standings computed from them (teams/standings.py).

Five queries whatever the size of the season: the events, the entries, their drivers, the
results and the drivers of the results that name their own. Each result is given the entry
already read, so computing the standings reads nothing more.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Prefetch
from django.utils import timezone

from .models import Entry, Event, Result, Season
from .standings import DRIVERS, MAKES, TEAMS, Standing, is_race, standings


@dataclass
class Session:
    name: str
    results: list[Result]


@dataclass
class Table:
    """The standings of a season, or of one class of it ("" when every entry is ranked
    together): {kind: standings}."""

    entry_class: str
    standings: dict[str, list[Standing]]


@dataclass
class SeasonSheet:
    season: Season
    events: list[Event]
    entries: list[Entry]
    results: list[Result]
    tables: list[Table] = field(default_factory=list)
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def standings(self) -> dict[str, list[Standing]]:
        """The first table's: the season's, or its first class's."""
        return self.tables[0].standings if self.tables else {}

    def next_event(self, today: datetime.date) -> Event | None:
        """The event under way or the next one to come, for a season that is not over."""
        if self.season.is_finished:
            return None
        return next((event for event in self.events if event.end_date >= today), None)

    def winners_of(self, event: Event) -> list[Result]:
        """Who won each race of the event (qualifying and practice have no winner)."""
        return [
            session.results[0]
            for session in by_session(r for r in self.results if r.event_id == event.pk)
            if session.results[0].position == 1 and is_race(session.name)
        ]

    @property
    def has_results(self) -> bool:
        return bool(self.results)

    @property
    def missing_results(self) -> list[Event]:
        """The events over whose results are not entered, in a season that has some: the
        standings leave them out, so they are neither final nor the whole season's."""
        if not self.results:
            return []
        return without_results(self.events, self.results, self.today)

    @property
    def standings_are_final(self) -> bool:
        return self.season.is_finished and self.has_results and not self.missing_results

    @property
    def has_classes(self) -> bool:
        return any(entry.entry_class for entry in self.entries)


def without_results(events, results, today: datetime.date) -> list[Event]:
    """The events of `events` over by `today` that no result of `results` is from."""
    scored = {result.event_id for result in results}
    return [event for event in events if event.end_date < today and event.pk not in scored]


# Drivers read as the lists Entry.crew and Result.own_crew keep.
ENTRY_CREW = Prefetch("drivers", to_attr="crew")
OWN_CREW = Prefetch("drivers", to_attr="own_crew")


def read_season(season: Season, *, today: datetime.date | None = None) -> SeasonSheet:
    events = list(
        Event.objects.filter(season=season)
        .select_related("circuit")
        .order_by("start_date", "round", "pk")
    )
    for event in events:
        event.season = season  # its address names the season and the championship
    entries, results = seasons_rows([season])
    sheet = SeasonSheet(
        season,
        events,
        sorted(entries, key=entry_order),
        results=results,
        today=today or timezone.localdate(),
    )
    sheet.tables = [
        Table(
            entry_class,
            {
                kind: standings(season, kind, results=rows) if kind in season.ranked else []
                for kind in KINDS
            },
        )
        for entry_class, rows in results_by_class(season, results)
    ]
    return sheet


KINDS = (DRIVERS, TEAMS, MAKES)


def results_by_class(season: Season, results: list[Result]) -> list[tuple[str, list[Result]]]:
    """The results each table ranks: all together, or each class's apart when the season says
    its classes have their own standings (in the order the entry list first names them)."""
    if not season.standings_by_class:
        return [("", results)]
    classes = list(dict.fromkeys(r.entry.entry_class for r in results))
    return [(name, [r for r in results if r.entry.entry_class == name]) for name in classes]


def seasons_rows(seasons) -> tuple[list[Entry], list[Result]]:
    """The entries and the results of `seasons`, each result holding its entry, in four
    queries whatever their number."""
    entries = {
        entry.pk: entry
        for entry in Entry.objects.filter(season__in=seasons)
        .select_related("team", "car__manufacturer", "manufacturer")
        .prefetch_related(ENTRY_CREW)
        .order_by("pk")
    }
    results = [
        result
        for result in Result.objects.filter(event__season__in=seasons)
        .annotate(event_season=F("event__season"))
        .prefetch_related(OWN_CREW)
        # A result's entry is its season's (Result.clean); a row written around that check
        # (a shell, a faulty import) is left out rather than take the page down.
        if result.entry_id in entries and entries[result.entry_id].season_id == result.event_season
    ]
    for result in results:
        result.entry = entries[result.entry_id]
    return list(entries.values()), results


def event_sessions(event: Event) -> list[Session]:
    """The event's results by session, each entry with its team, car and drivers: three
    queries."""
    return by_session(
        Result.objects.filter(event=event, entry__season=event.season_id)
        .select_related("entry__team", "entry__car__manufacturer", "entry__manufacturer")
        .prefetch_related(OWN_CREW, Prefetch("entry__drivers", to_attr="crew"))
    )


def by_session(results) -> list[Session]:
    """Results grouped by session, in the order sessions first appear (results come ordered by
    session, then position, unclassified last)."""
    grouped = defaultdict(list)
    for result in results:
        grouped[result.session].append(result)
    return [Session(name, rows) for name, rows in grouped.items()]


def entry_order(entry: Entry) -> tuple:
    """Entries by car number as a reader looks them up (2 before 10), numberless ones last."""
    number = entry.number
    return (not number, int(number) if number.isdigit() else 10**6, number, entry.pk)

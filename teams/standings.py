"""A season's standings, computed from its results: drivers, teams and makes.

Each result scores its own points when the timing sheet gives them, else — in a race — the
season's points for its place. Qualifying, practice and power stages score only the points the
sheet gives them: their scales differ from the races' and a pole is not a win. Where the season
counts only its best results, each competitor keeps their best `best_results` events (an
event's sessions add up first). Ties are broken by countback on race places, the usual rule of
the FIA and most series: more wins first, then more second places, and so on; competitors still
level share the position.

Guests (wildcards) are not ranked. Where each class has its own standings (the WEC's Hypercar
and LMGT3), a car's place is its place in its class: the 20th car overall that is first of
LMGT3 scores the LMGT3 win.

Makes score what their cars score, every car counting (series that count only their best two
cars per race give those points in the timing sheet).
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from .models import Result, Season

DRIVERS, TEAMS, MAKES = "drivers", "teams", "makes"


@dataclass
class Standing:
    competitor: object  # a Driver, Team or Manufacturer
    points: Decimal = Decimal(0)
    position: int = 0
    # How many times the competitor finished 1st, 2nd…: {position: count}, for countback.
    finishes: dict = field(default_factory=lambda: defaultdict(int))
    # The points of each event, before the season's dropped results.
    by_event: dict = field(default_factory=lambda: defaultdict(Decimal))
    dropped: Decimal = Decimal(0)

    def countback(self, depth: int) -> tuple:
        """(points, wins, seconds, … down to `depth`), negated to sort best first."""
        return (-self.points, *(-self.finishes.get(place, 0) for place in range(1, depth + 1)))


# Sessions that are not races, by the names timing sheets give them: "qualifications", "essais
# libres 2", "Q1", "hyperpole", "FP3", "warm-up", "shootout", "power stage".
NOT_A_RACE = re.compile(
    r"^\s*(?:qualif|essai|practice|free practice|fp ?\d|warm|shoot|hyper ?pole|super ?pole"
    r"|pole|q ?\d+\b|power ?stage|sp[ée]ciale? ?power)",
    re.IGNORECASE,
)


def is_race(session: str) -> bool:
    return not NOT_A_RACE.match(session)


def result_points(result: Result, scale: list, place: int | None = None) -> Decimal:
    """What `result` scores: the sheet's points, else its race place's (`place`, by default its
    position) on the season's scale."""
    if result.points is not None:
        return Decimal(result.points)
    place = result.position if place is None else place
    scoring = result.status in (Result.Status.CLASSIFIED, Result.Status.DNF)
    if scoring and place and place <= len(scale) and is_race(result.session):
        return Decimal(str(scale[place - 1]))
    return Decimal(0)


def class_places(results: Iterable[Result]) -> dict[int, int]:
    """{result pk: its place among `results` of its event and session}: the place in its class
    when `results` are one class's."""
    sessions = defaultdict(list)
    for result in results:
        if result.position:
            sessions[result.event_id, result.session].append(result)
    places = {}
    for rows in sessions.values():
        for place, result in enumerate(sorted(rows, key=lambda r: r.position), start=1):
            places[result.pk] = place
    return places


def event_points(season: Season, results: Iterable[Result]) -> dict[int, Decimal]:
    """{result pk: what it scores}, for the results of an event (each holding its entry): in
    a season whose classes have their own standings, by the place in the class."""
    results = list(results)
    places = {}
    if season.standings_by_class:
        classes = defaultdict(list)
        for result in results:
            classes[result.entry.entry_class].append(result)
        for rows in classes.values():
            places.update(class_places(rows))
    return {r.pk: result_points(r, season.points_scale, places.get(r.pk)) for r in results}


def season_results(season: Season) -> list[Result]:
    """Every result of the season with what the standings need, in three queries."""
    return list(
        Result.objects.filter(event__season=season)
        .select_related("entry__team", "entry__manufacturer", "entry__car__manufacturer")
        .prefetch_related(
            Prefetch("drivers", to_attr="own_crew"), Prefetch("entry__drivers", to_attr="crew")
        )
    )


def competitors(result: Result, kind: str) -> list:
    entry = result.entry
    if kind == DRIVERS:
        return result.crew
    if kind == TEAMS:
        return [entry.team] if entry.team_id else []
    # Entry.clean fills the make from the car; rows written without it (an import) may lack it.
    make = entry.manufacturer if entry.manufacturer_id else entry.car and entry.car.manufacturer
    return [make] if make else []


def standings(
    season: Season, kind: str, *, results: Iterable[Result] | None = None
) -> list[Standing]:
    """The season's standings of `kind` (DRIVERS, TEAMS or MAKES), best first."""
    # Guests (wildcards) race and are classified, but are not ranked: their places count as
    # they are, and the points the sheet gives the others already step over them.
    results = list(season_results(season) if results is None else results)
    results = [r for r in results if not r.entry.guest]
    places = class_places(results) if season.standings_by_class else {}
    table: dict[int, Standing] = {}
    deepest = 0
    for result in results:
        place = places.get(result.pk, result.position)
        points = result_points(result, season.points_scale, place)
        counts_back = place and result.status == Result.Status.CLASSIFIED
        counts_back = counts_back and is_race(result.session)
        for competitor in competitors(result, kind):
            standing = table.setdefault(competitor.pk, Standing(competitor))
            standing.by_event[result.event_id] += points
            if counts_back:
                standing.finishes[place] += 1
                deepest = max(deepest, place)
    for standing in table.values():
        events = sorted(standing.by_event.values(), reverse=True)
        counted = events if season.best_results is None else events[: season.best_results]
        standing.points = sum(counted, Decimal(0))
        standing.dropped = sum(events[len(counted) :], Decimal(0))
    ranked = sorted(
        table.values(), key=lambda s: (s.countback(deepest), s.competitor.name.casefold())
    )
    previous = None
    for index, standing in enumerate(ranked):
        record = standing.countback(deepest)
        level = previous is not None and record == previous
        standing.position = ranked[index - 1].position if level else index + 1
        previous = record
    return ranked

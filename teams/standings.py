"""A season's standings, computed from its results: drivers, teams and makes.

Each result scores its own points when the timing sheet gives them, else the season's points
for its position. Where the season counts only its best results, each competitor keeps their
best `best_results` events (an event's sessions add up first). Ties are broken by countback,
the usual rule of the FIA and most series: more wins first, then more second places, and so
on; competitors still level share the position.

Makes score what their cars score, every car counting (series that count only their best two
cars per race give those points in the timing sheet).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

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


def result_points(result: Result, scale: list) -> Decimal:
    if result.points is not None:
        return Decimal(result.points)
    scoring = result.status in (Result.Status.CLASSIFIED, Result.Status.DNF)
    if scoring and result.position and result.position <= len(scale):
        return Decimal(str(scale[result.position - 1]))
    return Decimal(0)


def season_results(season: Season) -> list[Result]:
    """Every result of the season with what the standings need, in three queries."""
    return list(
        Result.objects.filter(event__season=season)
        .select_related("entry__team", "entry__manufacturer", "entry__car__manufacturer")
        .prefetch_related("drivers", "entry__drivers")
    )


def competitors(result: Result, kind: str) -> list:
    entry = result.entry
    if kind == DRIVERS:
        return list(result.drivers.all()) or list(entry.drivers.all())
    if kind == TEAMS:
        return [entry.team] if entry.team_id else []
    # Entry.clean fills the make from the car; rows written without it (an import) may lack it.
    make = entry.manufacturer if entry.manufacturer_id else entry.car and entry.car.manufacturer
    return [make] if make else []


def standings(
    season: Season, kind: str, *, results: Iterable[Result] | None = None
) -> list[Standing]:
    """The season's standings of `kind` (DRIVERS, TEAMS or MAKES), best first."""
    results = season_results(season) if results is None else results
    table: dict[int, Standing] = {}
    deepest = 0
    for result in results:
        points = result_points(result, season.points_scale)
        for competitor in competitors(result, kind):
            standing = table.setdefault(competitor.pk, Standing(competitor))
            standing.by_event[result.event_id] += points
            if result.position and result.status == Result.Status.CLASSIFIED:
                standing.finishes[result.position] += 1
                deepest = max(deepest, result.position)
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

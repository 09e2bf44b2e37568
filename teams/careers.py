"""A driver's career and a team's seasons, told by the entry lists and the standings computed
from the results, never by which articles mentioned whom.

Five queries whatever the length of the career: the seasons, then their entries and results
(teams/season_sheet.seasons_rows), from which each season's standings are computed.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from .models import Driver, Entry, Season, Team
from .season_sheet import entry_order, results_by_class, seasons_rows
from .standings import DRIVERS, TEAMS, Standing, standings


@dataclass
class CareerSeason:
    season: Season
    entries: list[Entry]  # the competitor's cars in that season
    standing: Standing | None  # where the season's results rank them, when it has results


def driver_career(driver: Driver) -> list[CareerSeason]:
    seasons = Season.objects.filter(Q(entries__drivers=driver) | Q(events__results__drivers=driver))
    return _career(driver, seasons, DRIVERS, lambda entry: driver in entry.drivers.all())


def team_seasons(team: Team) -> list[CareerSeason]:
    return _career(
        team,
        Season.objects.filter(entries__team=team),
        TEAMS,
        lambda entry: entry.team_id == team.pk,
    )


def _career(competitor, seasons, kind, is_theirs) -> list[CareerSeason]:
    seasons = list(
        Season.objects.filter(pk__in=seasons.values("pk"))
        .select_related("championship")
        .order_by("-year", "-label", "championship__name")
    )
    if not seasons:
        return []
    entries, results = seasons_rows(seasons)
    by_season = defaultdict(list)
    for result in results:
        by_season[result.entry.season_id].append(result)
    career = []
    for season in seasons:
        theirs = sorted(
            (e for e in entries if e.season_id == season.pk and is_theirs(e)), key=entry_order
        )
        standing = None
        own_class = theirs[0].entry_class if theirs else ""
        for entry_class, rows in results_by_class(season, by_season[season.pk]):
            if rows and entry_class in ("", own_class):
                table = standings(season, kind, results=rows)
                standing = next((s for s in table if s.competitor.pk == competitor.pk), None)
        career.append(CareerSeason(season, theirs, standing))
    return career

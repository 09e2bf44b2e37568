"""A driver's career and a team's seasons, told by the entry lists and the standings computed
from the results, never by which articles mentioned whom.

Six queries whatever the length of the career: the seasons, then their entries and results
(teams/season_sheet.seasons_rows), from which each season's standings are computed, and their
events' days, which tell whether those standings count every event that is over.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from .models import Driver, Entry, Event, Season, Team
from .season_sheet import entry_order, results_by_class, seasons_rows, without_results
from .standings import DRIVERS, TEAMS, Standing, standings


@dataclass
class CareerSeason:
    season: Season
    entries: list[Entry]  # the competitor's cars in that season
    standing: Standing | None  # where the season's results rank them, when it has results
    # Whether results are entered for every event over: else the standing is not the season's.
    complete: bool = True

    @property
    def is_final(self) -> bool:
        return self.season.is_finished and self.complete


def driver_career(driver: Driver) -> list[CareerSeason]:
    seasons = Season.objects.filter(Q(entries__drivers=driver) | Q(events__results__drivers=driver))
    return _career(driver, seasons, DRIVERS, lambda entry: driver in entry.crew)


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
    events = defaultdict(list)
    for event in Event.objects.filter(season__in=seasons).only("pk", "season_id", "end_date"):
        events[event.season_id].append(event)
    today = timezone.localdate()
    career = []
    for season in seasons:
        theirs = sorted(
            (e for e in entries if e.season_id == season.pk and is_theirs(e)), key=entry_order
        )
        standing = None
        own_class = theirs[0].entry_class if theirs else ""
        for entry_class, rows in results_by_class(season, by_season[season.pk]):
            if rows and entry_class in ("", own_class) and kind in season.ranked:
                table = standings(season, kind, results=rows)
                standing = next((s for s in table if s.competitor.pk == competitor.pk), None)
        missing = without_results(events[season.pk], by_season[season.pk], today)
        career.append(CareerSeason(season, theirs, standing, complete=not missing))
    return career

"""What the directories need beyond a list: the drivers' filters by series and season, and
the A–Z of drivers by surname."""

from dataclasses import dataclass, field
from itertools import groupby

from teams.models import Championship, Driver, Season


@dataclass
class DriverFilters:
    championship: Championship | None = None
    season: Season | None = None
    # The choices: series with an entry list, then the seasons of the chosen one that have one.
    championships: list[Championship] = field(default_factory=list)
    seasons: list[Season] = field(default_factory=list)


def driver_filters(params) -> DriverFilters:
    """The filters `?championnat=wtcr&saison=2019` ask for; an unknown value filters nothing."""
    options = list(
        Championship.objects.filter(seasons__entries__isnull=False).distinct().order_by("name")
    )
    chosen = next((c for c in options if c.slug == params.get("championnat")), None)
    filters = DriverFilters(championship=chosen, championships=options)
    if chosen is not None:
        filters.seasons = list(
            chosen.seasons.filter(entries__isnull=False).distinct().order_by("-year", "-label")
        )
        filters.season = next((s for s in filters.seasons if s.label == params.get("saison")), None)
    return filters


def initial(driver: Driver) -> str:
    letter = driver.sort_key[0][:1].upper()
    return letter if "A" <= letter <= "Z" else "#"


def by_initial(drivers: list[Driver]) -> list[tuple[str, list[Driver]]]:
    """Drivers by the first letter of their surname, A to Z, each letter sorted by surname."""
    ordered = sorted(drivers, key=lambda d: (initial(d) == "#", d.sort_key))
    return [(letter, list(group)) for letter, group in groupby(ordered, key=initial)]

"""/api/v1/championships/<slug>/seasons/…: a championship's seasons, as its pages show them.

The same facts as the season and event pages (teams/season_sheet.py, teams/standings.py): the
calendar, the entry list, the standings computed from the results — said final only when the
season is over and every event over has its results — and an event's results by session.
Nothing here comes from articles, so nothing unpublished can show.
"""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from articles.site import cache_keys
from teams.models import Championship, Event, Season
from teams.season_sheet import event_sessions
from teams.standings import event_points

from ..kept_sheets import season_sheet
from .schemas import Problem, Ref, absolute

router = Router(tags=["seasons"])


class Place(Schema):
    """Where a car of the calendar races: its circuit when the registry knows it, and the
    town or rally base."""

    circuit: Ref | None
    location: str


class EventCard(Schema):
    slug: str
    name: str
    round: int | None
    start_date: date
    end_date: date
    place: Place
    url: str

    @staticmethod
    def resolve_place(event) -> dict:
        return {"circuit": event.circuit, "location": event.location}

    @staticmethod
    def resolve_url(event, context) -> str:
        return absolute(context, event.get_absolute_url())


class Car(Schema):
    number: str
    entry_class: str  # "Hypercar", "LMGT3"… where the series has classes, else ""
    guest: bool  # a wildcard: classified, not ranked in the standings
    team: Ref | None
    car: str
    manufacturer: Ref | None
    drivers: list[Ref]

    @staticmethod
    def resolve_car(entry) -> str:
        return str(entry.car) if entry.car_id else ""

    @staticmethod
    def resolve_manufacturer(entry):
        car_make = entry.car.manufacturer if entry.car_id else None
        return entry.manufacturer if entry.manufacturer_id else car_make

    @staticmethod
    def resolve_drivers(entry) -> list:
        return entry.crew


class Standing(Schema):
    position: int  # competitors level after countback share it
    points: float
    competitor: Ref


class Standings(Schema):
    entry_class: str  # "" when every car is ranked together
    drivers: list[Standing]
    teams: list[Standing]
    makes: list[Standing]


class SeasonCard(Schema):
    label: str  # "2019", or "2021-2022" for a season across two years
    year: int
    status: str  # "planned", "running" or "finished"
    url: str

    @staticmethod
    def resolve_url(season, context) -> str:
        return absolute(context, season.get_absolute_url())


class SeasonSheet(SeasonCard):
    championship: Ref
    # True once the season is over and every event over has its results; until then the
    # standings count only the results entered.
    final: bool
    missing_results: list[str]  # the slugs of the events over whose results are not entered
    events: list[EventCard] = Field(alias="events_read")
    entries: list[Car] = Field(alias="entries_read")
    standings: list[Standings] = Field(alias="standings_read")


class Result(Schema):
    position: int | None
    status: str  # "classified", "dnf", "dns", "dsq", "nc"
    number: str
    drivers: list[Ref]
    team: Ref | None
    car: str
    laps: int | None
    time: str
    points: float

    @staticmethod
    def resolve_number(result) -> str:
        return result.entry.number

    @staticmethod
    def resolve_drivers(result) -> list:
        return result.crew

    @staticmethod
    def resolve_team(result):
        return result.entry.team

    @staticmethod
    def resolve_car(result) -> str:
        return str(result.entry.car) if result.entry.car_id else ""

    @staticmethod
    def resolve_points(result) -> float:
        return float(result.scored)


class Session(Schema):
    name: str  # "course 1", "qualifications"… as the timing sheet names it
    results: list[Result]


class EventSheet(EventCard):
    season: SeasonCard
    championship: Ref
    sessions: list[Session]


def championship_of(slug: str) -> Championship:
    return get_object_or_404(Championship, slug=slug)


def season_of(slug: str, label: str) -> Season:
    return get_object_or_404(
        Season.objects.select_related("championship"), championship__slug=slug, label=label
    )


@router.get(
    "/championships/{slug:slug}/seasons/",
    response={200: list[SeasonCard], 404: Problem},
    summary="A championship's seasons, the latest first",
)
def list_seasons(request, slug: str):
    cache_keys.lists()  # no list of articles: the championship's and its seasons' rows
    championship = championship_of(slug)
    seasons = list(championship.seasons.order_by("-year", "-label"))
    for season in seasons:
        season.championship = championship  # its address names the championship
    return seasons


@router.get(
    "/championships/{slug:slug}/seasons/{slug:label}/",
    response={200: SeasonSheet, 404: Problem},
    summary="One season: calendar, entry list and standings",
)
def get_season(request, slug: str, label: str):
    cache_keys.lists()  # no list of articles: the season's rows, its events', entries'…
    season = season_of(slug, label)
    sheet = season_sheet(request, season)
    season.final = sheet.standings_are_final
    season.missing_results = [event.slug for event in sheet.missing_results]
    season.events_read, season.entries_read = sheet.events, sheet.entries
    season.standings_read = [
        {"entry_class": table.entry_class, **table.standings}
        for table in (sheet.tables if sheet.has_results else [])
    ]
    return season


@router.get(
    "/championships/{slug:slug}/seasons/{slug:label}/{slug:event}/",
    response={200: EventSheet, 404: Problem},
    summary="One event: its results by session",
)
def get_event(request, slug: str, label: str, event: str):
    found = get_object_or_404(
        Event.objects.select_related("season__championship", "circuit"),
        season__championship__slug=slug,
        season__label=label,
        slug=event,
    )
    cache_keys.lists()  # no list of articles: the event's rows and its results'
    sessions = event_sessions(found)
    for session in sessions:
        scored = event_points(found.season, session.results)
        for result in session.results:
            result.scored = scored[result.pk]
    found.sessions = sessions
    found.championship = found.season.championship
    return found

"""A season's standings, computed from its results (teams/standings.py)."""

from decimal import Decimal

import pytest

from teams.models import Result
from teams.season_sheet import read_season
from teams.standings import DRIVERS, MAKES, TEAMS, standings
from tests.teams.factories import (
    DriverFactory,
    EntryFactory,
    EventFactory,
    ManufacturerFactory,
    ResultFactory,
    SeasonFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def season():
    """Two races of a season scored 25-18-15-12-10-8-6-4-2-1: Berthon wins one and is second
    of the other, Ehrlacher has two podiums, Azcona wins once and retires, Coronel and
    Dupont finish third and fifth each, in opposite order."""
    season = SeasonFactory()
    lynk, hyundai = ManufacturerFactory(name="Lynk & Co"), ManufacturerFactory(name="Hyundai")
    cyan, bra = TeamFactory(name="Cyan Racing"), TeamFactory(name="BRC Racing")
    drivers = {
        name: DriverFactory(name=name)
        for name in (
            "Mikel Azcona",
            "Néstor Berthon",
            "Tom Coronel",
            "Jean Dupont",
            "Yann Ehrlacher",
        )
    }
    entries = {
        "Mikel Azcona": EntryFactory(season=season, team=bra, manufacturer=hyundai),
        "Néstor Berthon": EntryFactory(season=season, team=bra, manufacturer=hyundai),
        "Tom Coronel": EntryFactory(season=season, team=cyan, manufacturer=lynk),
        "Jean Dupont": EntryFactory(season=season, team=cyan, manufacturer=lynk),
        "Yann Ehrlacher": EntryFactory(season=season, team=None, manufacturer=lynk),
    }
    for name, entry in entries.items():
        entry.drivers.add(drivers[name])
    first, second = EventFactory(season=season), EventFactory(season=season)
    finishes = {
        first: ["Mikel Azcona", "Néstor Berthon", "Tom Coronel", "Yann Ehrlacher", "Jean Dupont"],
        second: ["Néstor Berthon", "Yann Ehrlacher", "Jean Dupont", None, "Tom Coronel"],
    }
    for event, order in finishes.items():
        for position, name in enumerate(order, start=1):
            if name:
                ResultFactory(event=event, entry=entries[name], position=position)
    ResultFactory(event=second, entry=entries["Mikel Azcona"], status=Result.Status.DNF)
    return season


def table(rows):
    return [(row.position, row.competitor.name, row.points) for row in rows]


def test_points_add_up_and_countback_breaks_a_tie_on_points(season):
    assert table(standings(season, DRIVERS)) == [
        (1, "Néstor Berthon", 43),
        (2, "Yann Ehrlacher", 30),
        # 25 points each: Azcona won a race, Coronel and Dupont did not.
        (3, "Mikel Azcona", 25),
        # Level on points and on every place: they share the position.
        (4, "Jean Dupont", 25),
        (4, "Tom Coronel", 25),
    ]


def test_only_the_best_results_count_where_the_season_says_so(season):
    season.best_results = 1
    rows = standings(season, DRIVERS)
    assert table(rows) == [
        # Both keep one win; Berthon's second place of the other race decides.
        (1, "Néstor Berthon", 25),
        (2, "Mikel Azcona", 25),
        (3, "Yann Ehrlacher", 18),
        (4, "Jean Dupont", 15),
        (4, "Tom Coronel", 15),
    ]
    assert rows[0].dropped == 18


def test_teams_and_makes_score_what_their_cars_score(season):
    assert table(standings(season, TEAMS)) == [
        (1, "BRC Racing", 68),
        (2, "Cyan Racing", 50),
    ]
    assert table(standings(season, MAKES)) == [
        (1, "Lynk & Co", 80),
        (2, "Hyundai", 68),
    ]


def test_a_timing_sheets_own_points_replace_the_scale_and_a_disqualification_scores_none():
    season = SeasonFactory(points_scale=[10, 8, 6])
    winner, bonus, excluded = (EntryFactory(season=season) for _ in range(3))
    for entry, name in (
        (winner, "Rob Huff"),
        (bonus, "Esteban Guerrieri"),
        (excluded, "Gabriele Tarquini"),
    ):
        entry.drivers.add(DriverFactory(name=name))
    race = EventFactory(season=season)
    ResultFactory(event=race, entry=winner, position=1)
    ResultFactory(event=race, entry=bonus, position=2, points=Decimal("9.5"))
    ResultFactory(event=race, entry=excluded, status=Result.Status.DSQ)
    assert table(standings(season, DRIVERS)) == [
        (1, "Rob Huff", 10),
        (2, "Esteban Guerrieri", Decimal("9.5")),
        (3, "Gabriele Tarquini", 0),
    ]


def test_a_retirement_still_classified_scores_its_place():
    season = SeasonFactory(points_scale=[10, 8, 6])
    entry = EntryFactory(season=season)
    entry.drivers.add(DriverFactory(name="Norbert Michelisz"))
    ResultFactory(
        event=EventFactory(season=season), entry=entry, position=3, status=Result.Status.DNF
    )
    assert table(standings(season, DRIVERS)) == [(1, "Norbert Michelisz", 6)]


def test_the_drivers_of_a_shared_car_each_score_unless_the_result_names_who_drove():
    season = SeasonFactory(points_scale=[25, 18])
    shared = EntryFactory(season=season)
    buemi, hartley, nakajima = (
        DriverFactory(name=n) for n in ("Sébastien Buemi", "Brendon Hartley", "Kazuki Nakajima")
    )
    shared.drivers.add(buemi, hartley, nakajima)
    ResultFactory(event=EventFactory(season=season), entry=shared, position=1)
    sprint = ResultFactory(event=EventFactory(season=season), entry=shared, position=2)
    sprint.drivers.add(buemi)
    assert table(standings(season, DRIVERS)) == [
        (1, "Sébastien Buemi", 43),
        (2, "Brendon Hartley", 25),
        (2, "Kazuki Nakajima", 25),
    ]


def test_the_standings_of_a_season_cost_three_queries_whatever_its_size(
    season, django_assert_num_queries
):
    with django_assert_num_queries(3):
        standings(season, DRIVERS)


def test_qualifying_scores_only_the_points_its_sheet_gives_and_a_pole_is_not_a_win():
    """The WTCR's 2022 format: qualifying gave 10-8-6-4-2 to the five fastest, the races their
    own scale. A results file that gives the qualifying points gets them; one that does not
    must not give poles race points."""
    season = SeasonFactory(points_scale=[25, 18, 15])
    poleman, winner = EntryFactory(season=season), EntryFactory(season=season)
    poleman.drivers.add(DriverFactory(name="Mehdi Bennani"))
    winner.drivers.add(DriverFactory(name="Gilles Magnus"))
    event = EventFactory(season=season)
    ResultFactory(event=event, session="qualifications", entry=poleman, position=1, points=10)
    ResultFactory(event=event, session="qualifications", entry=winner, position=2)
    ResultFactory(event=event, session="Q3", entry=poleman, position=1)
    ResultFactory(event=event, session="course 1", entry=winner, position=1)
    ResultFactory(event=event, session="course 1", entry=poleman, position=2, points=15)
    # Level on 25 points: the race win breaks the tie, the poles do not.
    assert table(standings(season, DRIVERS)) == [
        (1, "Gilles Magnus", 25),
        (2, "Mehdi Bennani", 25),
    ]


def test_where_classes_have_their_own_standings_a_car_scores_its_place_in_its_class():
    season = SeasonFactory(points_scale=[25, 18, 15], standings_by_class=True)
    cars = {}
    for name, entry_class in (
        ("Hyper A", "Hypercar"),
        ("Hyper B", "Hypercar"),
        ("GT A", "LMGT3"),
        ("GT B", "LMGT3"),
    ):
        cars[name] = EntryFactory(season=season, entry_class=entry_class)
        cars[name].drivers.add(DriverFactory(name=name))
    first, second = EventFactory(season=season), EventFactory(season=season)
    for event, order in (
        (first, ["Hyper A", "Hyper B", "GT B", "GT A"]),
        (second, ["Hyper B", "Hyper A", "GT A", "GT B"]),
    ):
        for position, name in enumerate(order, start=1):
            ResultFactory(event=event, entry=cars[name], position=position)
    gt = [r for r in Result.objects.all() if r.entry.entry_class == "LMGT3"]
    # Third and fourth overall, first and second of LMGT3: 25 and 18 each, level on 43; the
    # class wins are one each, then the seconds: still level, they share the place.
    assert table(standings(season, DRIVERS, results=gt)) == [
        (1, "GT A", 43),
        (1, "GT B", 43),
    ]


def test_a_wildcard_is_classified_but_not_ranked():
    season = SeasonFactory(points_scale=[25, 18, 15])
    wildcard = EntryFactory(season=season, guest=True)
    wildcard.drivers.add(DriverFactory(name="Viktor Davidovski"))
    regular = EntryFactory(season=season)
    regular.drivers.add(DriverFactory(name="Rob Huff"))
    race = EventFactory(season=season)
    ResultFactory(event=race, entry=wildcard, position=1, points=0)
    ResultFactory(event=race, entry=regular, position=2, points=25)
    assert table(standings(season, DRIVERS)) == [(1, "Rob Huff", 25)]


def test_a_season_shows_only_the_standings_its_series_has():
    season = SeasonFactory(points_scale=[25, 18, 15], ranks_makes=False, ranks_teams=False)
    entry = EntryFactory(season=season)
    entry.drivers.add(DriverFactory(name="Rob Huff"))
    ResultFactory(event=EventFactory(season=season), entry=entry, position=1)
    sheet = read_season(season)
    assert [s.competitor.name for s in sheet.standings["drivers"]] == ["Rob Huff"]
    assert sheet.standings["teams"] == [] and sheet.standings["makes"] == []

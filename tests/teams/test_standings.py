"""A season's standings, computed from its results (teams/standings.py)."""

from decimal import Decimal

import pytest

from teams.models import Result
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

"""Fixtures of the public site's tests: a championship with seasons, events, entries and
results, as the season pages, careers and the API read them."""

from datetime import date

import pytest

from teams.models import Result
from tests.teams.factories import (
    CarFactory,
    CircuitFactory,
    DriverFactory,
    EntryFactory,
    EventFactory,
    ManufacturerFactory,
    ResultFactory,
    SeasonFactory,
    TeamFactory,
)


@pytest.fixture
def wtcr(world):
    """The WTCR, 2018–2022, with two finished seasons: 2019 has two events with results,
    2022 one event and its entry list."""
    wtcr = world["wtcr"]
    wtcr.first_year, wtcr.last_year = 2018, 2022
    wtcr.save()
    lynk = ManufacturerFactory(slug="lynk-co", name="Lynk & Co")
    cyan = TeamFactory(slug="cyan-racing", name="Cyan Racing")
    car = CarFactory(slug="lynk-co-03-tcr", name="03 TCR", manufacturer=lynk)
    ehrlacher = DriverFactory(slug="yann-ehrlacher", name="Yann Ehrlacher")
    ceccon = world["ceccon"]
    old = SeasonFactory(championship=wtcr, year=2019, points_scale=[25, 18, 15])
    marrakech = CircuitFactory(slug="marrakech", name="Circuit Moulay El Hassan", country="MA")
    morocco = EventFactory(
        season=old,
        round=1,
        name="Course du Maroc",
        slug="maroc",
        circuit=marrakech,
        location="Marrakech",
        start_date=date(2019, 4, 6),
        end_date=date(2019, 4, 7),
    )
    hungary = EventFactory(
        season=old,
        round=2,
        name="Course de Hongrie",
        slug="hongrie",
        start_date=date(2019, 4, 27),
        end_date=date(2019, 4, 28),
    )
    lynk_entry = EntryFactory(season=old, number="68", team=cyan, car=car, drivers=[ehrlacher])
    alfa_entry = EntryFactory(
        season=old,
        number="9",
        team=world["mulsanne"],
        car=world["giulietta"],
        drivers=[ceccon],
    )
    ResultFactory(event=morocco, session="course 1", entry=lynk_entry, position=1, laps=12)
    ResultFactory(event=morocco, session="course 1", entry=alfa_entry, position=2, laps=12)
    ResultFactory(event=morocco, session="course 2", entry=alfa_entry, position=1)
    ResultFactory(
        event=morocco, session="course 2", entry=lynk_entry, status=Result.Status.DNF, laps=3
    )
    ResultFactory(event=hungary, session="course 1", entry=lynk_entry, position=1)
    last = SeasonFactory(championship=wtcr, year=2022, points_scale=[25, 18, 15])
    EventFactory(
        season=last,
        round=1,
        name="Course de France",
        slug="france",
        location="Pau",
        start_date=date(2022, 5, 7),
        end_date=date(2022, 5, 8),
    )
    EntryFactory(season=last, number="96", team=cyan, car=car, drivers=[ehrlacher])
    return {
        "series": wtcr,
        "2019": old,
        "2022": last,
        "morocco": morocco,
        "hungary": hungary,
        "ehrlacher": ehrlacher,
    }

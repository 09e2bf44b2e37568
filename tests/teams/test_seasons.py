"""Seasons, events, entries and results: what the registry accepts, in the admin as editors
write them and in the database whatever writes them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from teams.models import Championship, Entry, Event, Result, Season
from tests.articles.factories import UserFactory
from tests.articles.roles import ARCHIVIST, client_for

from .factories import (
    CarFactory,
    ChampionshipFactory,
    DriverFactory,
    EntryFactory,
    EventFactory,
    ResultFactory,
    SeasonFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db


def formset(prefix: str, rows: list[dict]) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data |= {f"{prefix}-{n}-{name}": value for name, value in row.items()}
    return data


def test_a_season_is_named_by_its_year_unless_it_has_a_label():
    assert SeasonFactory(year=2019).name == "2019"
    assert str(SeasonFactory(year=2021, label="2021-2022")).endswith(" 2021-2022")


def test_a_championship_has_one_season_per_label():
    season = SeasonFactory(year=2019)
    with pytest.raises(IntegrityError), transaction.atomic():
        SeasonFactory(championship=season.championship, year=2019)


def test_a_series_that_ran_its_last_season_says_it_is_finished():
    wtcr = ChampionshipFactory(first_year=2018, last_year=2022)
    assert wtcr.finished_by(2026)
    assert not wtcr.finished_by(2022)
    assert not ChampionshipFactory(first_year=2005).finished_by(2026)
    with pytest.raises(ValidationError, match="ne peut pas précéder"):
        Championship(
            name="X", slug="x", category="touring", first_year=2022, last_year=2018
        ).full_clean()


@pytest.mark.parametrize(
    "status, position",
    [(Result.Status.CLASSIFIED, None), (Result.Status.DNS, 4), (Result.Status.DSQ, 1)],
)
def test_a_result_has_a_position_exactly_when_its_status_allows_one(status, position):
    with pytest.raises(IntegrityError), transaction.atomic():
        ResultFactory(status=status, position=position)


def test_two_entries_cannot_share_a_place_in_one_session():
    first = ResultFactory(position=1)
    other = EntryFactory(season=first.event.season)
    with pytest.raises(IntegrityError), transaction.atomic():
        ResultFactory(event=first.event, entry=other, position=1)
    ResultFactory(event=first.event, entry=other, position=1, session="course 2")


def test_a_result_refuses_an_entry_of_another_season():
    event = EventFactory()
    stranger = EntryFactory(season=SeasonFactory(championship=event.season.championship, year=2020))
    with pytest.raises(ValidationError, match="autre saison"):
        Result(event=event, entry=stranger, position=1).full_clean()


def test_an_event_cannot_end_before_it_starts():
    event = EventFactory.build(
        season=SeasonFactory(),
        start_date=datetime.date(2019, 4, 7),
        end_date=datetime.date(2019, 4, 6),
    )
    with pytest.raises(ValidationError, match="ne peut pas finir avant de commencer"):
        event.full_clean()


def test_an_entry_without_a_make_takes_its_cars():
    car = CarFactory()
    entry = Entry(season=SeasonFactory(), car=car, number="12")
    entry.full_clean()
    assert entry.manufacturer == car.manufacturer


def test_an_editor_writes_a_season_with_its_calendar_and_entry_list(admin_client):
    wtcr = ChampionshipFactory(
        slug="wtcr", name="FIA World Touring Car Cup (WTCR)", short_name="WTCR"
    )
    team, car, driver = (
        TeamFactory(name="Cyan Racing"),
        CarFactory(),
        DriverFactory(name="Yann Ehrlacher"),
    )
    response = admin_client.post(
        reverse("admin:teams_season_add"),
        {
            "championship": wtcr.pk,
            "year": "2019",
            "label": "",
            "status": "finished",
            "points_scale": "25 18 15 12 10 8 6 4 2 1",
            "best_results": "",
            **formset(
                "events",
                [
                    {
                        "round": "1",
                        "name": "WTCR Race of Morocco",
                        "slug": "maroc",
                        "start_date": "06/04/2019",
                        "end_date": "07/04/2019",
                        "location": "Marrakech",
                    }
                ],
            ),
            **formset(
                "entries",
                [
                    {
                        "number": "68",
                        "team": team.pk,
                        "car": car.pk,
                        "drivers": [driver.pk],
                        "entry_class": "",
                    }
                ],
            ),
        },
    )
    assert response.status_code == 302, response.context["errors"]
    season = Season.objects.get(championship=wtcr)
    assert (str(season), season.points_scale) == ("WTCR 2019", [25, 18, 15, 12, 10, 8, 6, 4, 2, 1])
    assert season.events.get().start_date == datetime.date(2019, 4, 6)
    entry = season.entries.get()
    assert (entry.number, entry.manufacturer, list(entry.drivers.all())) == (
        "68",
        car.manufacturer,
        [driver],
    )


@pytest.mark.parametrize(
    "points, message",
    [("25 dix 8", "nombres séparés par des espaces"), ("25 -3", "ne peuvent pas être négatifs")],
)
def test_a_points_scale_that_is_not_numbers_gets_a_clear_message(admin_client, points, message):
    response = admin_client.post(
        reverse("admin:teams_season_add"),
        {
            "championship": ChampionshipFactory().pk,
            "year": "2019",
            "status": "planned",
            "points_scale": points,
            **formset("events", []),
            **formset("entries", []),
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Season.objects.exists()


def test_an_event_lists_only_its_seasons_entries_for_its_results(admin_client):
    event = EventFactory(name="WTCR Race of Japan")
    ours = EntryFactory(season=event.season, team=TeamFactory(name="Cyan Racing"), number="100")
    EntryFactory(
        season=SeasonFactory(championship=event.season.championship, year=2020),
        team=TeamFactory(name="Autre saison"),
    )
    url = reverse("admin:teams_event_change", args=[event.pk])
    page = admin_client.get(url).content.decode()
    assert "#100 Cyan Racing" in page
    assert "Autre saison" not in page

    response = admin_client.post(
        url,
        {
            "season": event.season.pk,
            "round": event.round,
            "name": event.name,
            "slug": event.slug,
            "aliases": "Course du Japon",
            "start_date": "26/10/2019",
            "end_date": "27/10/2019",
            **formset(
                "results",
                [
                    {
                        "session": "course 1",
                        "position": "1",
                        "status": "classified",
                        "entry": ours.pk,
                        "time": "25:12.345",
                    }
                ],
            ),
        },
    )
    assert response.status_code == 302, response.context["errors"]
    result = Result.objects.get()
    assert (result.entry, result.position, result.time) == (ours, 1, "25:12.345")
    assert Event.objects.get().aliases == ["Course du Japon"]


def test_every_season_admin_page_renders(admin_client):
    result = ResultFactory(position=1)
    for model, obj in ((Season, result.event.season), (Event, result.event)):
        base = f"admin:teams_{model._meta.model_name}"
        assert admin_client.get(reverse(f"{base}_changelist")).status_code == 200
        assert admin_client.get(reverse(f"{base}_changelist"), {"q": "tourisme"}).status_code == 200
        assert admin_client.get(reverse(f"{base}_add")).status_code == 200
        assert admin_client.get(reverse(f"{base}_change", args=[obj.pk])).status_code == 200


@pytest.mark.parametrize(
    "role, may_view, may_add, may_delete",
    [
        ("writer", True, False, False),
        ("editor", True, True, False),
        ("archivist", True, True, False),
        ("chief", True, True, True),
    ],
)
def test_each_role_does_what_its_job_needs_with_results(
    request, role, may_view, may_add, may_delete
):
    user = (
        UserFactory(username="archie", role=ARCHIVIST)
        if role == "archivist"
        else request.getfixturevalue(role)
    )
    result = ResultFactory(position=1)
    for model in ("season", "event", "entry", "result"):
        assert user.has_perm(f"teams.view_{model}") == may_view
        assert (
            user.has_perm(f"teams.add_{model}") == user.has_perm(f"teams.change_{model}") == may_add
        )
        assert user.has_perm(f"teams.delete_{model}") == may_delete
    desk = client_for(user)
    expected = 200 if may_add else 403
    assert desk.get(reverse("admin:teams_event_change", args=[result.event.pk])).status_code == 200
    assert desk.get(reverse("admin:teams_season_add")).status_code == expected

"""Hubs show who and what the news of the championship named, without calling it a season:
seasons are the registry's (tests/newsroom/test_season_pages.py)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.articles.factories import ArticleFactory
from tests.teams.factories import CarFactory, TeamFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def test_championship_hub_shows_the_teams_and_cars_of_its_latest_news(client, world):
    wtcr = world["wtcr"]
    newcomer = TeamFactory(name="Cyan Racing")  # not registered in the series, seen in 2023
    retired = TeamFactory(name="Écurie disparue")  # only seen in 2021
    lynk = CarFactory(name="Lynk & Co 03 TCR", manufacturer=world["hyundai"])
    old_car = CarFactory(name="Civic Type R TCR")
    ArticleFactory(
        published_at=datetime(2023, 10, 1, 12, tzinfo=PARIS),
        links={"championships": [wtcr], "teams": [newcomer], "cars": [lynk, world["giulietta"]]},
    )
    ArticleFactory(
        published_at=datetime(2021, 6, 1, 12, tzinfo=PARIS),
        links={"championships": [wtcr], "teams": [retired], "cars": [old_car]},
    )
    ArticleFactory(title="Brouillon", draft=True, links={"championships": [wtcr]})

    response = client.get("/championnats/wtcr/")
    assert response.context["news_year"] == 2023
    assert [team.name for team in response.context["teams"]] == ["Cyan Racing", "Team Mulsanne"]
    assert [str(car) for car in response.context["cars"]] == [
        "Alfa Romeo Giulietta TCR",
        "Hyundai Lynk & Co 03 TCR",
    ]
    html = response.content.decode()
    assert "Écurie disparue" not in html and "Civic" not in html
    assert "Alfa Romeo Giulietta TCR" in html
    # The year of the latest article is not a season: the series may have ended long before.
    assert "Voitures citées dans l’actualité de 2023" in html
    assert "saison 2023" not in html.lower()


def test_a_series_without_articles_lists_its_registered_teams(client, world):
    response = client.get("/championnats/wtcr/")
    assert response.context["news_year"] is None
    assert [team.slug for team in response.context["teams"]] == ["team-mulsanne"]
    assert list(response.context["cars"]) == []


def test_manufacturer_hub_lists_its_series_teams_and_cars(client, world):
    ArticleFactory(links={"manufacturers": [world["alfa"]], "championships": [world["btcc"]]})
    response = client.get("/constructeurs/alfa-romeo/")
    # WTCR through its team, the BTCC through an article about the make.
    assert [c.slug for c in response.context["championships"]] == ["btcc", "wtcr"]
    assert [t.slug for t in response.context["teams"]] == ["team-mulsanne"]
    assert [c.slug for c in response.context["cars"]] == ["giulietta-tcr"]

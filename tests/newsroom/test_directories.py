"""Directories a reader can use: drivers A–Z by surname with filters by series and season,
series grouped by category with the running ones first, and entities no article names yet
listed apart."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.articles.factories import ArticleFactory
from tests.teams.factories import DriverFactory, EntryFactory, SeasonFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_drivers_are_listed_a_to_z_by_surname(client, world):
    names = ["Larry ten Voorde", "Jean-Éric Vergne", "Néstor Girolami", "Carlos Sainz Jr.", "Ma"]
    drivers = [DriverFactory(name=name) for name in names]
    ArticleFactory(links={"drivers": [*drivers, world["ceccon"]]})
    response = client.get("/pilotes/")
    letters = {letter: [d.name for d in group] for letter, group in response.context["letters"]}
    assert letters == {
        "C": ["Kevin Ceccon"],
        "G": ["Néstor Girolami"],
        "M": ["Ma"],
        "S": ["Carlos Sainz Jr."],
        "V": ["Jean-Éric Vergne", "Larry ten Voorde"],
    }
    html = response.content.decode()
    assert '<a href="#initiale-v">V</a>' in html and 'id="initiale-v"' in html


def test_drivers_no_article_names_are_listed_apart(client, world):
    ArticleFactory(links={"drivers": [world["ceccon"]]})
    DriverFactory(name="Pilote Sans Article")
    html = client.get("/pilotes/").content.decode()
    main, apart = html.split('<details class="directory-apart">')
    assert "Kevin Ceccon" in main and "Pilote Sans Article" not in main
    assert "sans article publié pour l’instant (1)" in apart and "Pilote Sans Article" in apart
    assert "0 article" not in html


def test_drivers_filter_by_series_and_season_shows_the_entry_list(client, world):
    old, new = (SeasonFactory(championship=world["wtcr"], year=y) for y in (2019, 2022))
    azcona, tarquini = DriverFactory(name="Mikel Azcona"), DriverFactory(name="Gabriele Tarquini")
    EntryFactory(season=old, drivers=[tarquini])
    EntryFactory(season=new, drivers=[azcona])
    EntryFactory(season=SeasonFactory(championship=world["btcc"]), drivers=[world["ceccon"]])
    response = client.get("/pilotes/", {"championnat": "wtcr", "saison": "2019"})
    assert [d.name for _l, group in response.context["letters"] for d in group] == [
        "Gabriele Tarquini"
    ]
    html = response.content.decode()
    assert "1 pilote dans la liste des engagés WTCR 2019" in html
    assert '<option value="2019" selected>2019</option>' in html
    series = client.get("/pilotes/", {"championnat": "wtcr"})
    assert [d.name for _l, g in series.context["letters"] for d in g] == [
        "Mikel Azcona",
        "Gabriele Tarquini",
    ]
    # An unknown series or season filters nothing and breaks nothing.
    for params in ({"championnat": "inconnu"}, {"championnat": "wtcr", "saison": "\x00"}):
        assert client.get("/pilotes/", params).status_code == 200


@time_machine.travel(datetime.datetime(2026, 12, 7, 12, tzinfo=ZoneInfo("Europe/Paris")))
def test_series_are_grouped_by_category_running_ones_first(client, world):
    wtcr, btcc = world["wtcr"], world["btcc"]
    wtcr.first_year, wtcr.last_year = 2018, 2022
    wtcr.save()
    btcc.first_year = 1958
    btcc.save()
    ArticleFactory(links={"championships": [wtcr]})
    response = client.get("/championnats/")
    (touring,) = [series for _name, series in response.context["categories"]]
    assert [c.slug for c in touring] == ["btcc", "wtcr"]
    html = response.content.decode()
    assert "2018–2022, terminé" in html and "depuis 1958" in html
    assert "1 article" in html and "0 article" not in html


def test_teams_no_article_names_are_listed_apart(client, world):
    ArticleFactory(links={"teams": [world["mulsanne"]]})
    TeamFactory(name="Écurie Discrète")
    html = client.get("/equipes/").content.decode()
    main, apart = html.split('<details class="directory-apart">')
    assert "Team Mulsanne" in main and "Écurie Discrète" in apart

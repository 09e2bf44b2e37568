import pytest

from tests.articles.factories import ArticleFactory
from tests.teams.factories import (
    CarFactory,
    ChampionshipFactory,
    DriverFactory,
    ManufacturerFactory,
    TeamFactory,
)


@pytest.fixture
def world(db):
    """A small registry: the WTCR with Alfa Romeo and Team Mulsanne, and the BTCC."""
    wtcr = ChampionshipFactory(
        slug="wtcr",
        name="FIA World Touring Car Cup (WTCR)",
        short_name="WTCR",
        description="La coupe du monde des voitures de tourisme.",
    )
    btcc = ChampionshipFactory(slug="btcc", name="British Touring Car Championship")
    alfa = ManufacturerFactory(slug="alfa-romeo", name="Alfa Romeo", country="IT")
    hyundai = ManufacturerFactory(slug="hyundai", name="Hyundai", country="KR")
    mulsanne = TeamFactory(
        slug="team-mulsanne", name="Team Mulsanne", championships=[wtcr], manufacturers=[alfa]
    )
    ceccon = DriverFactory(slug="kevin-ceccon", name="Kevin Ceccon", nationality="IT")
    giulietta = CarFactory(slug="giulietta-tcr", name="Giulietta TCR", manufacturer=alfa)
    return {
        "wtcr": wtcr,
        "btcc": btcc,
        "alfa": alfa,
        "hyundai": hyundai,
        "mulsanne": mulsanne,
        "ceccon": ceccon,
        "giulietta": giulietta,
    }


def make_articles(world, count, **kwargs):
    """`count` published WTCR articles, each with tags and links to every registry type."""
    links = {
        "championships": [world["wtcr"]],
        "manufacturers": [world["alfa"], world["hyundai"]],
        "teams": [world["mulsanne"]],
        "drivers": [world["ceccon"]],
        "cars": [world["giulietta"]],
    }
    return [
        ArticleFactory(
            primary_championship=world["wtcr"],
            links=links,
            tags=["tourisme", "titre", f"manche {n}"],
            **kwargs,
        )
        for n in range(count)
    ]


@pytest.fixture
def hidden(world):
    """Articles no reader may see, linked to everything the public pages list."""
    links = {
        "championships": [world["wtcr"], world["btcc"]],
        "manufacturers": [world["alfa"]],
        "teams": [world["mulsanne"]],
        "drivers": [world["ceccon"]],
    }
    common = {"primary_championship": world["wtcr"], "links": links, "tags": ["tourisme"]}
    return [
        ArticleFactory(title="Brouillon secret", draft=True, **common),
        ArticleFactory(title="En relecture secrète", in_review=True, **common),
        ArticleFactory(title="Article programmé secret", scheduled=True, **common),
        ArticleFactory(title="Article dépublié secret", unpublished=True, **common),
    ]

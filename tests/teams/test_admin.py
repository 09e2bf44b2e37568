import pytest
from django.urls import reverse

from teams.models import Championship, Manufacturer, Team

from .factories import (
    CarFactory,
    ChampionshipFactory,
    CircuitFactory,
    DriverFactory,
    ManufacturerFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = [
    ChampionshipFactory,
    ManufacturerFactory,
    TeamFactory,
    DriverFactory,
    CarFactory,
    CircuitFactory,
]


@pytest.mark.parametrize("factory", FACTORIES)
def test_every_registry_admin_page_renders(admin_client, factory):
    obj = factory(aliases=["Autre graphie"])
    opts = obj._meta
    base = f"admin:{opts.app_label}_{opts.model_name}"
    assert admin_client.get(reverse(f"{base}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"{base}_changelist"), {"q": "graphie"}).status_code == 200
    assert admin_client.get(reverse(f"{base}_add")).status_code == 200
    response = admin_client.get(reverse(f"{base}_change", args=[obj.pk]))
    assert response.status_code == 200
    assert "Autre graphie" in response.content.decode()


def test_search_finds_an_entity_by_alias(admin_client):
    ChampionshipFactory(name="FIA World Touring Car Cup (WTCR)", aliases=["WTCR / OSCARO"])
    ChampionshipFactory(name="British Touring Car Championship")
    response = admin_client.get(reverse("admin:teams_championship_changelist"), {"q": "oscaro"})
    assert list(response.context["cl"].result_list.values_list("name", flat=True)) == [
        "FIA World Touring Car Cup (WTCR)"
    ]


def test_aliases_are_edited_one_per_line(admin_client):
    response = admin_client.post(
        reverse("admin:teams_manufacturer_add"),
        {
            "name": "Citroën",
            "slug": "citroen",
            "country": "FR",
            "aliases": "Citroen\r\n  \r\nCITROËN\r\nCitroën Racing\r\n",
        },
    )
    assert response.status_code == 302
    assert Manufacturer.objects.get(slug="citroen").aliases == ["Citroen", "Citroën Racing"]


def test_team_is_linked_to_championships_and_makes_in_the_admin(admin_client):
    wtcr = ChampionshipFactory(slug="wtcr")
    alfa = ManufacturerFactory(slug="alfa-romeo")
    response = admin_client.post(
        reverse("admin:teams_team_add"),
        {
            "name": "Team Mulsanne",
            "slug": "team-mulsanne",
            "country": "IT",
            "championships": [wtcr.pk],
            "manufacturers": [alfa.pk],
            "aliases": "",
        },
    )
    assert response.status_code == 302
    team = Team.objects.get(slug="team-mulsanne")
    assert list(team.championships.all()) == [wtcr]
    assert list(team.manufacturers.all()) == [alfa]


def test_autocomplete_serves_registry_entities(admin_client):
    ChampionshipFactory(name="FIA World Touring Car Cup (WTCR)", aliases=["WTCR"])
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "touring",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "championships",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["FIA World Touring Car Cup (WTCR)"]


def test_invalid_category_is_refused_with_a_message(admin_client):
    response = admin_client.post(
        reverse("admin:teams_championship_add"),
        {"name": "Série", "slug": "serie", "kind": "series", "category": "karting"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["category"]
    assert not Championship.objects.exists()

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from teams.models import Championship, Manufacturer

from .factories import CarFactory, ChampionshipFactory, ManufacturerFactory

pytestmark = pytest.mark.django_db


def test_slug_is_unique_per_entity_type():
    ManufacturerFactory(slug="alfa-romeo", name="Alfa Romeo")
    with pytest.raises(IntegrityError):
        Manufacturer.objects.create(slug="alfa-romeo", name="Alfa Romeo bis")


def test_category_outside_the_list_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        Championship.objects.create(name="Série", slug="serie", category="karting-sur-glace")


def test_clean_trims_and_deduplicates_aliases_and_drops_the_name():
    make = Manufacturer(
        name="Citroën", slug="citroen", aliases=["  Citroen ", "citroen", "CITROËN", "", "DS"]
    )
    make.full_clean()
    assert make.aliases == ["Citroen", "DS"]


def test_aliases_must_be_a_list_of_texts():
    make = Manufacturer(name="Citroën", slug="citroen", aliases={"a": 1})
    with pytest.raises(ValidationError) as error:
        make.full_clean()
    assert "aliases" in error.value.message_dict


def test_by_name_finds_name_and_aliases_case_insensitively():
    wtcr = ChampionshipFactory(
        name="FIA World Touring Car Cup (WTCR)", slug="wtcr", aliases=["WTCR", "WTCR / OSCARO"]
    )
    ChampionshipFactory(name="WTCC", slug="wtcc", aliases=[])
    assert list(Championship.objects.by_name("wtcr / oscaro")) == [wtcr]
    assert list(Championship.objects.by_name("fia world touring car cup (wtcr)")) == [wtcr]
    # A substring of an alias is not the alias.
    assert list(Championship.objects.by_name("OSCARO")) == []


def test_names_lists_every_spelling():
    make = ManufacturerFactory(name="Mercedes-AMG", aliases=["Mercedes", "Mercedes-Benz"])
    assert make.names == ["Mercedes-AMG", "Mercedes", "Mercedes-Benz"]


def test_car_reads_with_its_make():
    car = CarFactory(name="Giulietta TCR", manufacturer=ManufacturerFactory(name="Alfa Romeo"))
    assert str(car) == "Alfa Romeo Giulietta TCR"


def test_hub_urls_are_french():
    assert ChampionshipFactory(slug="wtcr").get_absolute_url() == "/championnats/wtcr/"
    assert ManufacturerFactory(slug="bentley").get_absolute_url() == "/constructeurs/bentley/"

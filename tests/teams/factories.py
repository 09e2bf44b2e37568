import factory
from factory.django import DjangoModelFactory

from teams.models import Car, Championship, Circuit, Driver, Manufacturer, Team


class ChampionshipFactory(DjangoModelFactory):
    class Meta:
        model = Championship
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Championnat de tourisme {n}")
    slug = factory.Sequence(lambda n: f"championnat-{n}")
    short_name = factory.Sequence(lambda n: f"CT{n}")
    category = Championship.Category.TOURING
    governing_body = "FIA"
    description = "Une série de voitures de tourisme."


class ManufacturerFactory(DjangoModelFactory):
    class Meta:
        model = Manufacturer
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Marque {n}")
    slug = factory.Sequence(lambda n: f"marque-{n}")
    country = "FR"


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Écurie {n}")
    slug = factory.Sequence(lambda n: f"ecurie-{n}")
    country = "FR"

    @factory.post_generation
    def championships(self, create, extracted, **kwargs):
        if create and extracted:
            self.championships.add(*extracted)

    @factory.post_generation
    def manufacturers(self, create, extracted, **kwargs):
        if create and extracted:
            self.manufacturers.add(*extracted)


class DriverFactory(DjangoModelFactory):
    class Meta:
        model = Driver

    name = factory.Sequence(lambda n: f"Pilote Numéro {n}")
    slug = factory.Sequence(lambda n: f"pilote-{n}")
    nationality = "FR"


class CarFactory(DjangoModelFactory):
    class Meta:
        model = Car

    name = factory.Sequence(lambda n: f"Modèle {n} TCR")
    slug = factory.Sequence(lambda n: f"modele-{n}-tcr")
    manufacturer = factory.SubFactory(ManufacturerFactory)


class CircuitFactory(DjangoModelFactory):
    class Meta:
        model = Circuit

    name = factory.Sequence(lambda n: f"Circuit {n}")
    slug = factory.Sequence(lambda n: f"circuit-{n}")
    country = "FR"

import datetime

import factory
from factory.django import DjangoModelFactory

from teams.models import (
    Car,
    Championship,
    Circuit,
    Driver,
    Entry,
    Event,
    Manufacturer,
    Result,
    Season,
    Team,
)


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


class SeasonFactory(DjangoModelFactory):
    class Meta:
        model = Season

    championship = factory.SubFactory(ChampionshipFactory)
    year = 2019
    status = Season.Status.FINISHED
    points_scale = [25, 18, 15, 12, 10, 8, 6, 4, 2, 1]


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    season = factory.SubFactory(SeasonFactory)
    round = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Course de tourisme {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    start_date = factory.Sequence(
        lambda n: datetime.date(2019, 4, 6) + datetime.timedelta(weeks=2 * n)
    )
    end_date = factory.LazyAttribute(lambda event: event.start_date + datetime.timedelta(days=1))


class EntryFactory(DjangoModelFactory):
    class Meta:
        model = Entry
        skip_postgeneration_save = True

    season = factory.SubFactory(SeasonFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    team = factory.SubFactory(TeamFactory)
    car = factory.SubFactory(CarFactory)
    manufacturer = factory.LazyAttribute(lambda entry: entry.car.manufacturer)

    @factory.post_generation
    def drivers(self, create, extracted, **kwargs):
        if create and extracted:
            self.drivers.add(*extracted)


class ResultFactory(DjangoModelFactory):
    class Meta:
        model = Result

    event = factory.SubFactory(EventFactory)
    entry = factory.SubFactory(EntryFactory)
    session = "course"
    status = Result.Status.CLASSIFIED

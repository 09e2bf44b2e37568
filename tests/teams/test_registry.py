import json

import pytest
from django.core.management import call_command

from teams.models import Car, Championship, Circuit, Driver, Manufacturer, Team
from teams.registry import ReferenceDataError, load_registry

pytestmark = pytest.mark.django_db

SMALL = {
    "championships.json": [
        {
            "slug": "wtcr",
            "name": "FIA World Touring Car Cup (WTCR)",
            "short_name": "WTCR",
            "kind": "series",
            "category": "touring",
            "governing_body": "FIA",
            "description": "Coupe du monde des voitures de tourisme.",
            "aliases": ["WTCR", "WTCR / OSCARO"],
        }
    ],
    "manufacturers.json": [
        {"slug": "alfa-romeo", "name": "Alfa Romeo", "country": "IT", "aliases": ["Alfa"]}
    ],
    "circuits.json": [{"slug": "monza", "name": "Monza", "country": "IT", "aliases": []}],
    "drivers.json": [
        {"slug": "kevin-ceccon", "name": "Kevin Ceccon", "nationality": "IT", "aliases": []}
    ],
    "cars.json": [
        {
            "slug": "giulietta-tcr",
            "name": "Giulietta TCR",
            "manufacturer": "alfa-romeo",
            "aliases": ["Alfa Romeo Giulietta TCR"],
        }
    ],
    "teams.json": [
        {
            "slug": "team-mulsanne",
            "name": "Team Mulsanne",
            "country": "IT",
            "championships": ["wtcr"],
            "manufacturers": ["alfa-romeo"],
            "aliases": [],
        }
    ],
}


@pytest.fixture
def reference(tmp_path):
    def write(data=SMALL):
        for name, entries in data.items():
            (tmp_path / name).write_text(json.dumps(entries), encoding="utf-8")
        return tmp_path

    return write


def table_sizes():
    return [m.objects.count() for m in (Championship, Manufacturer, Team, Driver, Car, Circuit)]


def test_loading_twice_creates_nothing_the_second_time(reference):
    directory = reference()
    first = load_registry(directory=directory)
    assert table_sizes() == [1, 1, 1, 1, 1, 1]
    second = load_registry(directory=directory)
    assert table_sizes() == [1, 1, 1, 1, 1, 1]
    assert first.counts["championship"].created == 1
    assert all(c.created == 0 and c.updated == 0 for c in second.counts.values())
    assert Team.objects.get().championships.count() == 1


def test_reload_updates_in_place_and_keeps_what_editors_added(reference):
    directory = reference()
    load_registry(directory=directory)
    wtcr = Championship.objects.get(slug="wtcr")
    wtcr.aliases.append("Coupe du monde WTCR")
    wtcr.save()
    editor_series = Championship.objects.create(
        name="TCR Italy", slug="tcr-italy", category="touring"
    )
    team = Team.objects.get(slug="team-mulsanne")
    team.championships.add(editor_series)
    Driver.objects.create(name="Pilote ajouté", slug="pilote-ajoute")

    data = json.loads(json.dumps(SMALL))
    data["championships.json"][0]["description"] = "Nouvelle description."
    load_registry(directory=reference(data))

    wtcr.refresh_from_db()
    assert wtcr.description == "Nouvelle description."
    assert wtcr.aliases == ["WTCR", "WTCR / OSCARO", "Coupe du monde WTCR"]
    assert set(team.championships.values_list("slug", flat=True)) == {"wtcr", "tcr-italy"}
    assert Driver.objects.filter(slug="pilote-ajoute").exists()
    assert Championship.objects.count() == 2


def test_unknown_reference_is_reported_and_nothing_is_half_loaded(reference):
    data = json.loads(json.dumps(SMALL))
    data["cars.json"][0]["manufacturer"] = "marque-inconnue"
    with pytest.raises(ReferenceDataError, match="marque-inconnue"):
        load_registry(directory=reference(data))
    assert table_sizes() == [0, 0, 0, 0, 0, 0]


def test_duplicate_slugs_in_a_file_are_refused(reference):
    data = json.loads(json.dumps(SMALL))
    data["circuits.json"].append(dict(data["circuits.json"][0]))
    with pytest.raises(ReferenceDataError, match="duplicate slugs monza"):
        load_registry(directory=reference(data))


def test_shipped_reference_data_covers_the_newsroom_beat():
    call_command("load_registry", verbosity=0)
    assert Championship.objects.count() >= 60
    assert Manufacturer.objects.count() >= 60
    assert Team.objects.count() >= 100
    assert Driver.objects.count() >= 250
    assert Circuit.objects.count() >= 50
    assert set(Championship.objects.values_list("category", flat=True)) == {
        c.value for c in Championship.Category
    }
    for name in [
        "WTCR",
        "GT World Challenge Europe",
        "GT World Challenge America",
        "GT World Challenge Asia",
        "IMSA WeatherTech SportsCar Championship",
        "WEC",
        "ELMS",
        "DTM",
        "Formule 1",
        "Formula E",
        "WRC",
        "Dakar Rally",
        "Super GT",
        "BTCC",
        "Supercars Championship",
        "IndyCar",
        "NASCAR Cup Series",
        "Porsche Supercup",
        "24 Heures du Mans",
        "24 Hours of Spa",
        "24 Hours of Daytona",
        "24h Nürburgring",
    ]:
        assert Championship.objects.by_name(name).count() == 1, name
    assert Championship.objects.by_name("Lamborghini Super Trofeo Europe").exists()
    assert Car.objects.by_name("Giulietta TCR").get().manufacturer.name == "Alfa Romeo"
    # Aliases in several languages point at the same race.
    le_mans = Championship.objects.by_name("24 Hours of Le Mans").get()
    for spelling in ["24 Heures du Mans", "24 Ore di Le Mans", "24 Stunden von Le Mans"]:
        assert Championship.objects.by_name(spelling).get() == le_mans


def test_shipped_reference_data_loads_idempotently():
    call_command("load_registry", verbosity=0)
    sizes = table_sizes()
    call_command("load_registry", verbosity=0)
    assert table_sizes() == sizes


def test_no_spelling_of_the_shipped_data_names_two_entities_of_a_kind():
    """by_name (and text linking after it) must be able to tell entities apart."""
    import unicodedata

    def fold(text):
        decomposed = unicodedata.normalize("NFD", text.casefold())
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    call_command("load_registry", verbosity=0)
    for model in (Championship, Manufacturer, Team, Driver, Car, Circuit):
        owners = {}
        for entity in model.objects.all():
            for spelling in {fold(name) for name in entity.names}:
                assert spelling not in owners, (model.__name__, spelling, owners.get(spelling))
                owners[spelling] = entity.slug

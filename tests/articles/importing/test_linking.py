import datetime
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.bench.evaluate import evaluate, prepare_file
from articles.importing.link import Linker
from articles.importing.linkrules import fold, unknown_names
from teams.models import Championship
from tests.teams.factories import (
    CarFactory,
    ChampionshipFactory,
    CircuitFactory,
    DriverFactory,
    EventFactory,
    ManufacturerFactory,
    SeasonFactory,
    TeamFactory,
)

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "legacy-samples"


def names(entities) -> list[str]:
    return [e.name for e in entities]


def link(text: str):
    return Linker.from_registry().link(text)


# Folding and the text rules, no database.


def test_fold_keeps_offsets_and_drops_accents_case_quotes_dashes():
    text = "Citroën – l’ÉQUIPE\u00a0Straße\nİzmir"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "citroen - l'equipe straße izmir"


def test_unknown_names_are_capitalised_runs_outside_known_spans():
    text = "Le Team Mulsanne recrute Michel Dupontel et Jan van der Berg. L'équipe Bleue attend."
    known = [(3, 16)]  # "Team Mulsanne"
    assert unknown_names(text, known) == ["Michel Dupontel", "Jan van der Berg"]


# Matching against a registry made for the test.


@pytest.mark.django_db
def test_longest_spelling_wins():
    ChampionshipFactory(name="GT World Challenge", slug="gtwc")
    ChampionshipFactory(name="GT World Challenge Europe", slug="gtwce")
    result = link("Manche du GT World Challenge Europe à Zandvoort.")
    assert names(result.championships) == ["GT World Challenge Europe"]


@pytest.mark.django_db
def test_accents_and_case_do_not_matter():
    ManufacturerFactory(name="Citroën", slug="citroen")
    assert names(link("La Citroen C3 devance une autre CITROËN.").manufacturers) == ["Citroën"]


@pytest.mark.django_db
def test_the_spellings_of_one_make_give_one_make():
    amg = ManufacturerFactory(
        name="Mercedes-AMG", slug="mercedes-amg", aliases=["Mercedes", "Mercedes-Benz"]
    )
    dtm = ChampionshipFactory(name="DTM", slug="dtm")
    TeamFactory(
        name="Landgraf Motorsport", slug="landgraf", championships=[dtm], manufacturers=[amg]
    )
    result = link("En DTM, une Mercedes-Benz, puis la Mercedes-AMG et une autre Mercedes.")
    assert names(result.manufacturers) == ["Mercedes-AMG"]


@pytest.mark.django_db
def test_a_make_inside_a_team_name_links_the_team_only():
    toyota = ManufacturerFactory(name="Toyota", slug="toyota")
    ford = ManufacturerFactory(name="Ford", slug="ford")
    TeamFactory(name="Toyota Gazoo Racing", slug="tgr", manufacturers=[toyota])
    TeamFactory(name="M-Sport", slug="m-sport", aliases=["M-Sport Ford"], manufacturers=[ford])
    result = link("Toyota Gazoo Racing devance M-Sport Ford au rallye.")
    assert names(result.teams) == ["Toyota Gazoo Racing", "M-Sport"]
    assert result.manufacturers == []
    assert names(link("La Toyota de Toyota Gazoo Racing gagne.").manufacturers) == ["Toyota"]


@pytest.mark.django_db
def test_a_car_implies_its_make():
    alfa = ManufacturerFactory(name="Alfa Romeo", slug="alfa-romeo")
    CarFactory(name="Giulietta TCR", slug="giulietta-tcr", manufacturer=alfa)
    result = link("Deux Giulietta TCR au départ.")
    assert names(result.cars) == ["Giulietta TCR"]
    assert names(result.manufacturers) == ["Alfa Romeo"]


@pytest.mark.django_db
def test_a_bare_model_code_needs_its_make_named():
    porsche = ManufacturerFactory(name="Porsche", slug="porsche")
    CarFactory(name="963", slug="porsche-963", manufacturer=porsche)
    assert link("Il reste 963 kilomètres.").cars == []
    assert names(link("La 963 de Porsche est en tête.").cars) == ["963"]


@pytest.mark.django_db
def test_a_common_word_make_needs_a_related_link():
    mini = ManufacturerFactory(name="Mini", slug="mini")
    dakar = ChampionshipFactory(name="Dakar Rally", slug="dakar", aliases=["Dakar"])
    TeamFactory(name="X-raid", slug="x-raid", championships=[dakar], manufacturers=[mini])
    assert link("Un mini-bus attend. La Mini Cooper de mon voisin.").manufacturers == []
    assert names(link("Au Dakar, la Mini de Roma finit deuxième.").manufacturers) == ["Mini"]


@pytest.mark.django_db
def test_a_surname_team_spelling_needs_the_team_series():
    indycar = ChampionshipFactory(name="NTT IndyCar Series", slug="indycar", aliases=["IndyCar"])
    TeamFactory(name="Team Penske", slug="penske", aliases=["Penske"], championships=[indycar])
    assert link("Roger Penske a racheté un circuit.").teams == []
    assert names(link("Penske gagne encore en IndyCar.").teams) == ["Team Penske"]


@pytest.mark.django_db
def test_a_surname_alone_is_not_a_driver_and_a_name_needs_capitals():
    DriverFactory(name="Thomas Laurent", slug="thomas-laurent")
    DriverFactory(name="Will Power", slug="will-power")
    assert link("Laurent a signé la pole, with will power.").drivers == []
    assert names(link("Will Power devance Thomas Laurent.").drivers) == [
        "Will Power",
        "Thomas Laurent",
    ]


@pytest.mark.django_db
def test_spellings_need_word_boundaries_and_acronyms_capitals():
    CircuitFactory(name="Circuit de Spa-Francorchamps", slug="spa", aliases=["Spa"])
    ChampionshipFactory(name="FIA Formula One World Championship (F1)", slug="f1", aliases=["F1"])
    TeamFactory(name="DAMS", slug="dams")
    result = link("Le Spartan de l'équipe court à Spartanburg, #F1pic, les dams cèdent.")
    assert result.circuits == result.championships == result.teams == []
    assert names(link("Retour en F1 à Spa.").circuits) == ["Circuit de Spa-Francorchamps"]


@pytest.mark.django_db
def test_primary_championship_is_the_most_mentioned_then_the_first():
    ChampionshipFactory(name="FIA World Rally Championship (WRC)", slug="wrc", aliases=["WRC"])
    ChampionshipFactory(name="24 Hours of Le Mans", slug="le-mans", aliases=["24 Heures du Mans"])
    most = link("Après les 24 Heures du Mans, retour en WRC. Le WRC repart en Suède.")
    first = link("Après les 24 Heures du Mans, retour en WRC.")
    assert most.primary_championship.slug == "wrc"
    assert first.primary_championship.slug == "le-mans"
    assert link("Une course sans série nommée.").primary_championship is None


@pytest.mark.django_db
def test_primary_championship_skips_background_and_counts_the_venue_of_an_event():
    ChampionshipFactory(name="Formule 1", slug="f1")
    ChampionshipFactory(name="Formule E", slug="formula-e")
    background = link("L'ancien pilote de Formule 1 gagne enfin en Formule E.")
    assert background.primary_championship.slug == "formula-e"
    ChampionshipFactory(name="IMSA", slug="imsa")
    ChampionshipFactory(
        name="24 Hours of Daytona", slug="24h-daytona", kind=Championship.Kind.EVENT
    )
    CircuitFactory(name="Daytona International Speedway", slug="daytona", aliases=["Daytona"])
    event = link("En IMSA, les 24 Hours of Daytona sont lancées. Victoire à Daytona.")
    assert event.primary_championship.slug == "24h-daytona"


@pytest.mark.django_db
def test_in_f1_texts_ferrari_is_the_team():
    f1 = ChampionshipFactory(name="Formule 1", slug="f1", aliases=["F1"])
    ChampionshipFactory(name="Endurance", slug="wec", aliases=["WEC"])
    ferrari = ManufacturerFactory(name="Ferrari", slug="ferrari")
    TeamFactory(
        name="Scuderia Ferrari",
        slug="scuderia-ferrari",
        aliases=["Ferrari F1"],
        championships=[f1],
        manufacturers=[ferrari],
    )
    in_f1 = link("En F1, Ferrari domine le week-end.")
    assert names(in_f1.teams) == ["Scuderia Ferrari"]
    assert in_f1.manufacturers == []
    in_wec = link("En WEC, Ferrari domine le week-end.")
    assert names(in_wec.manufacturers) == ["Ferrari"]
    assert in_wec.teams == []


@pytest.mark.django_db
def test_unknown_capitalised_names_are_reported():
    DriverFactory(name="Kevin Ceccon", slug="kevin-ceccon")
    result = link("Kevin Ceccon devance Marcel Tiberghien et la Scuderia Nova.")
    assert names(result.drivers) == ["Kevin Ceccon"]
    assert result.unknown_names == ["Marcel Tiberghien", "Scuderia Nova"]


@pytest.mark.django_db
def test_by_kind_lists_every_kind():
    assert list(link("Rien.").by_kind()) == [
        "championships",
        "manufacturers",
        "teams",
        "drivers",
        "cars",
        "circuits",
        "events",
    ]


@pytest.mark.django_db
def test_the_registry_is_read_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    series = ChampionshipFactory.create_batch(5)
    makes = ManufacturerFactory.create_batch(5)
    TeamFactory.create_batch(20, championships=series, manufacturers=makes)
    CarFactory.create_batch(10)
    DriverFactory.create_batch(30)
    CircuitFactory.create_batch(5)
    EventFactory.create_batch(6)
    with django_assert_max_num_queries(9):
        Linker.from_registry()


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the legacy samples are not on this machine")
@pytest.mark.django_db
def test_the_samples_reach_the_targets():
    call_command("load_registry", verbosity=0)
    linker = Linker.from_registry()
    truth = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))
    results = {
        e["file"]: prepare_file((SAMPLES / e["file"]).read_bytes(), name=e["file"], linker=linker)
        for e in truth
    }
    scores = evaluate(truth, results, languages=False).scores
    for name_field in ("championships", "manufacturers"):
        assert scores[name_field].f1 >= 0.90, name_field
        assert scores[name_field].precision >= 0.95, name_field
    for name_field in ("teams", "drivers"):
        assert scores[name_field].precision >= 0.90, name_field


# The article's date: a series that was not running then is recalled, not the subject.

WTCR_2018 = (
    " date 2018-11 Gabriele Tarquini remporte à Macao le premier titre de l'histoire du WTCR. "
    "Champion du monde WTCC en 2009, l'Italien avait couru dix saisons en WTCC avant la "
    "fusion, et son expérience du WTCC a pesé dans la dernière course de la saison."
)


@pytest.mark.django_db
def test_a_2018_text_recalling_a_wtcc_title_is_about_the_wtcr(tmp_path):
    call_command("load_registry", verbosity=0)
    text = WTCR_2018.split(" ", 3)[3]
    linker = Linker.from_registry()
    # Counting mentions alone, the WTCC wins: it is named three times.
    assert linker.link(text).primary_championship.slug == "wtcc"
    assert linker.link(text, year=2018).primary_championship.slug == "wtcr"
    # In 2012 the WTCR did not exist: the same words are about the WTCC.
    assert linker.link(text, year=2012).primary_championship.slug == "wtcc"
    # And through the importer, which reads the date of the text.
    (tmp_path / "wtcr.txt").write_text(WTCR_2018, encoding="utf-8")
    call_command("import_legacy", str(tmp_path), verbosity=0)
    from articles.models import Article

    article = Article.objects.get()
    assert article.primary_championship.slug == "wtcr"
    assert set(article.championships.values_list("slug", flat=True)) == {"wtcr", "wtcc"}


# Events: a name each season reuses, resolved by the article's year.


@pytest.fixture
def portugal_rallies(db):
    """The same rally in two WRC seasons, and a race of another series in Portugal."""
    wrc = ChampionshipFactory(name="Championnat du monde des rallyes", short_name="WRC", slug="wrc")
    wrc.aliases = ["WRC"]
    wrc.save()
    events = {}
    for year in (2021, 2022):
        season = SeasonFactory(championship=wrc, year=year)
        events[year] = EventFactory(
            season=season,
            name="Rallye du Portugal",
            slug="portugal",
            aliases=["Rally de Portugal"],
            start_date=f"{year}-05-20",
            end_date=f"{year}-05-23",
        )
    wtcr = ChampionshipFactory(name="WTCR", slug="wtcr")
    events["wtcr"] = EventFactory(
        season=SeasonFactory(championship=wtcr, year=2021),
        name="WTCR Race of Portugal",
        slug="portugal",
        aliases=["WTCR Course du Portugal"],
        start_date="2021-07-03",
        end_date="2021-07-04",
    )
    return events


def test_an_event_is_the_one_of_the_articles_year(portugal_rallies):
    linker = Linker.from_registry()
    text = "WRC : Ogier s'impose au Rallye du Portugal devant Evans."
    assert pks(linker.link(text, year=2021).events) == [portugal_rallies[2021].pk]
    assert pks(linker.link(text, year=2022).events) == [portugal_rallies[2022].pk]
    # No season of that year, or no date at all: no event is linked rather than a wrong one.
    assert linker.link(text, year=2019).events == []
    assert linker.link(text).events == []
    # A year the sentence gives beside the name wins over the article's.
    text = "WRC : retour sur l'édition 2021 du Rallye du Portugal, avant celle de cette année."
    assert pks(linker.link(text, year=2022).events) == [portugal_rallies[2021].pk]
    text = "WRC : Ogier avait gagné le Rallye du Portugal en mai 2022."
    assert pks(linker.link(text, year=2025).events) == [portugal_rallies[2022].pk]
    # Its other names work the same way.
    text = "WRC : victoire d'Ogier au Rally de Portugal."
    assert pks(linker.link(text, year=2022).events) == [portugal_rallies[2022].pk]


def test_an_event_named_without_its_series_needs_the_series_in_the_text(portugal_rallies):
    linker = Linker.from_registry()
    # A travel piece naming the rally but no series: the name alone is not enough.
    alone = linker.link("Les routes du Rallye du Portugal attirent les touristes.", year=2021)
    assert alone.events == [] and alone.championships == []


def test_an_event_naming_its_series_links_both_and_counts_for_the_primary(portugal_rallies):
    linker = Linker.from_registry()
    result = linker.link("Michelisz remporte la WTCR Course du Portugal à Vila Real.", year=2021)
    assert pks(result.events) == [portugal_rallies["wtcr"].pk]
    assert [c.slug for c in result.championships] == ["wtcr"]
    assert result.primary_championship.slug == "wtcr"
    # In a year without that event, the series' own name inside it is still found.
    result = linker.link("Michelisz remporte la WTCR Course du Portugal à Vila Real.", year=2023)
    assert result.events == [] and result.primary_championship.slug == "wtcr"


def test_the_importer_links_the_event_of_the_texts_date(portugal_rallies, tmp_path):
    (tmp_path / "a.txt").write_text(
        " date 2022-05 WRC : Ogier gagne le Rallye du Portugal.", encoding="utf-8"
    )
    call_command("import_legacy", str(tmp_path), verbosity=0)
    from articles.models import Article

    article = Article.objects.get()
    assert list(article.events.all()) == [portugal_rallies[2022]]


def pks(entities) -> list[int]:
    return [e.pk for e in entities]


def test_a_circuit_named_in_a_text_about_a_series_links_its_round_there_that_year(db):
    wtcr = ChampionshipFactory(name="WTCR", slug="wtcr")
    macau = CircuitFactory(name="Circuit de Guia", slug="guia", aliases=["Macao"])
    spielberg = CircuitFactory(name="Red Bull Ring", slug="red-bull-ring")
    season = SeasonFactory(championship=wtcr, year=2018)
    final = EventFactory(season=season, name="WTCR Race of Macau", slug="macao", circuit=macau)
    # Two rounds at one circuit in one season: the circuit alone cannot tell which.
    EventFactory(season=season, name="Course 1 d'Autriche", slug="autriche-1", circuit=spielberg)
    EventFactory(season=season, name="Course 2 d'Autriche", slug="autriche-2", circuit=spielberg)
    ChampionshipFactory(name="Grand Prix de Macao F3", slug="macau-f3")
    linker = Linker.from_registry()
    text = "WTCR : Tarquini sacré à Macao."
    assert pks(linker.link(text, year=2018).events) == [final.pk]
    assert linker.link(text, year=2019).events == []
    assert linker.link("WTCR : Muller gagne au Red Bull Ring.", year=2018).events == []
    # A text about another series naming the circuit links no WTCR round.
    f3 = linker.link(
        "Le Grand Prix de Macao F3 se court à Macao, sur le circuit de Guia.", year=2018
    )
    assert [c.slug for c in f3.circuits] == ["guia"] and f3.events == []


def test_a_circuit_recalled_months_later_is_the_round_that_was_held_there(db):
    """ "Comme à Suzuka" in January 2019: the October 2018 round, not the October 2019 one."""
    wtcr = ChampionshipFactory(name="WTCR", slug="wtcr")
    suzuka = CircuitFactory(name="Suzuka", slug="suzuka")
    rounds = {
        year: EventFactory(
            season=SeasonFactory(championship=wtcr, year=year),
            name="WTCR Race of Japan",
            slug="japon",
            circuit=suzuka,
            start_date=datetime.date(year, 10, 26),
            end_date=datetime.date(year, 10, 28),
        )
        for year in (2018, 2019)
    }
    linker = Linker.from_registry()
    text = "WTCR : l'Alfa Romeo s'est battue pour la victoire, comme à Suzuka."
    assert pks(linker.link(text, day=datetime.date(2019, 1, 15)).events) == [rounds[2018].pk]
    assert pks(linker.link(text, day=datetime.date(2019, 9, 1)).events) == [rounds[2019].pk]
    # Too far from any round to tell.
    assert linker.link(text, day=datetime.date(2018, 2, 1)).events == []


def test_two_years_beside_an_events_name_make_it_uncertain(portugal_rallies):
    linker = Linker.from_registry()
    text = "WRC : Toyota vise le Rallye du Portugal dès 2021 ou 2022."
    assert linker.link(text, year=2020).events == []


def test_relink_after_a_calendar_import_links_the_archive_to_its_events(tmp_path, db):
    """The archive came first; the season's calendar is imported later."""
    wrc = ChampionshipFactory(name="WRC", slug="wrc")
    (tmp_path / "a.txt").write_text(
        " date 2022-05 WRC : Ogier gagne le Rallye du Portugal.", encoding="utf-8"
    )
    call_command("import_legacy", str(tmp_path), verbosity=0)
    from articles.models import Article

    article = Article.objects.get()
    assert not article.events.exists()
    portugal = EventFactory(
        season=SeasonFactory(championship=wrc, year=2022),
        name="Rallye du Portugal",
        slug="portugal",
        start_date="2022-05-19",
        end_date="2022-05-22",
    )
    call_command("relink", verbosity=0)
    assert list(article.events.all()) == [portugal]

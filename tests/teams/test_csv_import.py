"""Calendars, entry lists and results imported from CSV files, as archive staff do it: a bad line
is refused with its number and its reason, everything else is imported, and importing the same
files again changes nothing."""

import datetime
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from teams.csv_import import ImportFileError, SourceFile, import_files, read_upload
from teams.models import Driver, Entry, Event, Result, Season
from teams.standings import DRIVERS, standings
from tests.teams.factories import CircuitFactory, EntryFactory, SeasonFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 7)

CALENDAR = """championship,season,round,event,slug,circuit,location,start_date,end_date,aliases
wtcr,2019,1,Course du Maroc,maroc,marrakech,Marrakech,2019-04-05,2019-04-07,Race of Morocco
wtcr,2019,2,Course de Hongrie,hongrie,Hungaroring,Mogyoród,2019-04-26,2019-04-28,
"""

# French headers, semicolons and French dates, as a spreadsheet saved in France writes them.
ENTRIES = """Championnat;Saison;Numéro;Pilotes;Équipe;Voiture;Constructeur;Catégorie
WTCR;2019;68;Yann Ehrlacher;Cyan Racing;Lynk & Co 03 TCR;Lynk & Co;
WTCR;2019;9;Kevin Ceccon;Team Mulsanne;Giulietta TCR;Alfa Romeo;
WTCR;2019;5;Norbert Michelisz / Gabriele Tarquini;BRC Racing Team;i30 N TCR;Hyundai;
"""

RESULTS = """championship,season,event,session,position,status,number,laps,time,points
wtcr,2019,maroc,course 1,1,,68,12,25:01.2,
wtcr,2019,maroc,course 1,2,,9,12,+1.4,
wtcr,2019,maroc,course 1,,DNF,5,3,,
wtcr,2019,maroc,course 2,1,,9,14,,
wtcr,2019,maroc,course 2,2,,77,14,,
wtcr,2019,hongrie,course 1,1,,68,11,,
"""


@pytest.fixture
def registry(world):
    CircuitFactory(name="Circuit Moulay El Hassan", slug="marrakech", country="MA")
    CircuitFactory(name="Hungaroring", slug="hungaroring", country="HU")
    world["wtcr"].aliases = ["WTCR"]
    world["wtcr"].save()
    season = SeasonFactory.build(year=2019)  # only the points scale, the import makes the season
    return {**world, "scale": season.points_scale}


def zipped(**files) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def run(data: bytes, name="saison.zip", **kwargs):
    return import_files(read_upload(name, data), today=TODAY, **kwargs)


def test_a_zip_brings_a_whole_season_and_a_bad_line_is_refused_with_its_reason(registry):
    # Files are read calendar first, then entries, then results, whatever their names.
    data = zipped(**{"a-resultats.csv": RESULTS, "b-engages.csv": ENTRIES, "c-cal.csv": CALENDAR})
    report = run(data)
    assert [(p.file, p.line, p.message) for p in report.problems] == [
        ("a-resultats.csv", 6, "Aucun engagé #77 dans la liste des engagés de WTCR 2019."),
    ]
    assert {kind: vars(c) for kind, c in report.counts.items()} == {
        "calendar": {"created": 2, "updated": 0, "unchanged": 0},
        "entries": {"created": 3, "updated": 0, "unchanged": 0},
        "results": {"created": 5, "updated": 0, "unchanged": 0},
    }
    season = Season.objects.get(championship__slug="wtcr", label="2019")
    assert season.status == Season.Status.FINISHED  # its calendar is over
    morocco = Event.objects.get(season=season, slug="maroc")
    assert (morocco.circuit.slug, morocco.aliases) == ("marrakech", ["Race of Morocco"])
    shared = Entry.objects.get(season=season, number="5")
    assert [d.name for d in shared.drivers.order_by("name")] == [
        "Gabriele Tarquini",
        "Norbert Michelisz",
    ]
    assert shared.manufacturer.name == "Hyundai" and shared.car.name == "i30 N TCR"
    dnf = Result.objects.get(entry=shared)
    assert (dnf.status, dnf.position, dnf.laps) == (Result.Status.DNF, None, 3)
    # New names were added to the registry, and said so.
    assert "Yann Ehrlacher" in report.added["Pilotes"]
    assert Driver.objects.filter(name="Yann Ehrlacher").count() == 1
    season.points_scale = registry["scale"]
    table = standings(season, DRIVERS)
    assert [(s.competitor.name, int(s.points)) for s in table[:2]] == [
        ("Yann Ehrlacher", 50),
        ("Kevin Ceccon", 43),
    ]


def test_importing_the_same_files_again_changes_nothing(registry):
    data = zipped(**{"cal.csv": CALENDAR, "eng.csv": ENTRIES, "res.csv": RESULTS})
    run(data)
    sizes = [m.objects.count() for m in (Season, Event, Entry, Result, Driver)]
    again = run(data)
    assert [m.objects.count() for m in (Season, Event, Entry, Result, Driver)] == sizes
    assert all(c.created == 0 and c.updated == 0 for c in again.counts.values())
    assert again.counts["results"].unchanged == 5
    assert dict(again.added) == {}


def test_a_corrected_timing_sheet_updates_results_in_place(registry):
    run(zipped(**{"cal.csv": CALENDAR, "eng.csv": ENTRIES, "res.csv": RESULTS}))
    corrected = RESULTS.replace(
        "wtcr,2019,maroc,course 1,,DNF,5,3,,", "wtcr,2019,maroc,course 1,,DSQ,5,3,,"
    )
    report = run(corrected.encode(), name="res.csv")
    assert report.counts["results"].updated == 1
    assert Result.objects.get(entry__number="5").status == Result.Status.DSQ


def test_conflicting_rows_are_refused_and_say_with_what(registry):
    run(zipped(**{"cal.csv": CALENDAR, "eng.csv": ENTRIES, "res.csv": RESULTS}))
    clash = (
        "championship,season,event,session,position,number\n"
        "wtcr,2019,maroc,course 1,1,9\n"
        "wtcr,2019,japon,course 1,1,9\n"
        "wtcr,2020,maroc,course 1,1,9\n"
    )
    report = run(clash.encode(), name="res.csv")
    assert [(p.line, p.message) for p in report.problems] == [
        (2, "La position 1 de course 1 est déjà celle de #68 Cyan Racing."),
        (3, "Aucune épreuve « japon » au calendrier de WTCR 2019."),
        (4, "WTCR n’a pas de saison « 2020 »."),
    ]
    round_clash = (
        "championship,season,round,event,start_date\nwtcr,2019,2,Course de Slovaquie,2019-05-10\n"
    )
    (problem,) = run(round_clash.encode(), name="cal.csv").problems
    assert problem.message == "La manche 2 de WTCR 2019 est déjà « Course de Hongrie »."


def test_a_refused_row_leaves_nothing_behind_not_even_a_new_name(registry):
    run(CALENDAR.encode(), name="cal.csv")
    bad = (
        "championship,season,number,drivers,team,car\n"
        "wtcr,2019,12,Pilote Inconnu,Équipe Nouvelle,Voiture Mystère\n"
    )
    report = run(bad.encode(), name="eng.csv")
    assert [p.message for p in report.problems] == [
        "Voiture inconnue « Voiture Mystère » : indiquez son constructeur pour l’ajouter."
    ]
    assert not Driver.objects.filter(name="Pilote Inconnu").exists()
    assert dict(report.added) == {}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("wtcr,2019,9,Course,2019-13-01", "start_date « 2019-13-01 » n’est pas une date"),
        ("wtcr,2019,x,Course,2019-05-01", "round « x » n’est pas un nombre entier"),
        ("wtcr,2019,9,,2019-05-01", "La colonne event est vide."),
        ("inconnu,2019,9,Course,2019-05-01", "Championnat inconnu « inconnu »."),
        ("wtcr,2019-2020-2021-2022-2023,9,Course,2019-05-01", "est un nom trop long"),
        ("wtcr,2019,99999,Course,2019-05-01", "jusqu’à 32767"),
    ],
)
def test_each_bad_value_is_named_in_the_message(registry, line, message):
    csv_text = f"championship,season,round,event,start_date\n{line}\n"
    (problem,) = run(csv_text.encode(), name="cal.csv").problems
    assert (problem.line, message in problem.message) == (2, True)


def test_a_dry_run_reports_everything_and_writes_nothing(registry):
    report = run(
        zipped(**{"cal.csv": CALENDAR, "eng.csv": ENTRIES, "res.csv": RESULTS}), dry_run=True
    )
    assert report.counts["results"].created == 5 and len(report.problems) == 1
    assert not Season.objects.exists() and not Driver.objects.filter(name="Yann Ehrlacher").exists()


def test_a_spreadsheet_in_windows_1252_reads_right(registry):
    run(CALENDAR.encode(), name="cal.csv")
    report = run(ENTRIES.encode("cp1252"), name="engagés.csv")
    assert report.problems == [] and report.counts["entries"].created == 3
    assert Entry.objects.get(number="9").team.name == "Team Mulsanne"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.png", b"\x89PNG", "Envoyez un fichier .csv"),
        ("vide.zip", zipped(**{"lisez-moi.txt": "rien"}), "ne contient aucun fichier .csv"),
        ("casse.zip", b"PK\x03\x04 pas un zip", "ne peut pas être lue"),
        ("gros.csv", b"x" * (5 * 1024 * 1024 + 1), "plus de 5 Mo"),
    ],
)
def test_an_unreadable_upload_is_refused_with_a_message(name, data, message):
    with pytest.raises(ImportFileError, match=message):
        read_upload(name, data)


def test_a_file_whose_columns_say_nothing_known_is_reported_not_guessed(registry):
    report = import_files([SourceFile("x.csv", "nom,couleur\nA,rouge\n")], today=TODAY)
    assert [p.message for p in report.problems] == ["x.csv : colonnes inconnues : nom, couleur."]


def test_the_command_imports_and_reports_refused_lines_on_stderr(registry, tmp_path, capsys):
    (tmp_path / "cal.csv").write_text(CALENDAR, encoding="utf-8")
    (tmp_path / "eng.csv").write_text(ENTRIES, encoding="utf-8")
    (tmp_path / "res.csv").write_text(RESULTS, encoding="utf-8")
    with pytest.raises(CommandError, match="1 row"):
        call_command(
            "import_registry_csv", *(tmp_path / n for n in ("cal.csv", "eng.csv", "res.csv"))
        )
    captured = capsys.readouterr()
    assert "res.csv, line 6: Aucun engagé #77" in captured.err
    assert "results: 5 created" in captured.out
    assert Result.objects.count() == 5


def test_results_of_an_entry_typed_in_the_admin_are_matched_by_number(registry):
    season = SeasonFactory(championship=registry["wtcr"], year=2021, label="2021")
    EntryFactory(season=season, number="29")
    Event.objects.create(
        season=season,
        name="Course de France",
        slug="france",
        start_date=datetime.date(2021, 10, 16),
        end_date=datetime.date(2021, 10, 17),
    )
    report = run(
        b"championship,season,event,position,number\nwtcr,2021,France,1,29\n", name="r.csv"
    )
    assert report.problems == [] and Result.objects.get().entry.number == "29"


def test_a_wildcard_is_marked_in_its_entry_list_and_not_ranked(registry):
    entries = ENTRIES.replace("Catégorie\n", "Catégorie;Invité\n").replace(
        "Kevin Ceccon;Team Mulsanne;Giulietta TCR;Alfa Romeo;\n",
        "Kevin Ceccon;Team Mulsanne;Giulietta TCR;Alfa Romeo;;oui\n",
    )
    report = run(zipped(**{"c.csv": CALENDAR, "e.csv": entries, "r.csv": RESULTS}))
    assert [p.line for p in report.problems] == [6]  # car 77 is on no entry list
    assert list(Entry.objects.filter(guest=True).values_list("number", flat=True)) == ["9"]
    season = Season.objects.get()
    # Ceccon won race 2 of Morocco as a wildcard: he is classified there, not ranked.
    ranked = [s.competitor.name for s in standings(season, DRIVERS)]
    assert ranked[0] == "Yann Ehrlacher" and "Kevin Ceccon" not in ranked

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.bench.evaluate import FileResult, Score, evaluate
from articles.management.commands import evaluate_import
from tests.teams.factories import (
    ChampionshipFactory,
    DriverFactory,
    ManufacturerFactory,
    TeamFactory,
)

RALLY = (
    " date 2021-05 Sébastien Ogier gagne au Portugal en WRC avec sa Toyota.\n\n"
    "Le Français devance Elfyn Evans de dix secondes.\n"
)
NO_HEADER = "Partager:\nHyundai Motorsport s'impose en WRC.\nLa suite au prochain numéro.\n"
TRUTH = [
    {
        "file": "000_aaaaaaaaaaaaaaaa.txt",
        "date": "2021-05",
        "language": "fr",
        "championships": ["FIA World Rally Championship (WRC)"],
        "manufacturers": ["Toyota"],
        "teams": [],
        "drivers": ["Sébastien Ogier", "Elfyn Evans"],
        "primary_championship": "FIA World Rally Championship (WRC)",
    },
    {
        "file": "001_bbbbbbbbbbbbbbbb.txt",
        "date": None,
        "language": "fr",
        "championships": [],
        "manufacturers": [],
        "teams": ["Hyundai Motorsport"],
        "drivers": [],
        "primary_championship": None,
    },
    {
        "file": "002_cccccccccccccccc.txt",
        "date": "2020-01",
        "language": "fr",
        "championships": [],
        "manufacturers": [],
        "teams": [],
        "drivers": [],
        "primary_championship": None,
    },
]


@pytest.fixture
def folder(tmp_path, db):
    ChampionshipFactory(name="FIA World Rally Championship (WRC)", slug="wrc", aliases=["WRC"])
    hyundai = ManufacturerFactory(name="Hyundai", slug="hyundai")
    ManufacturerFactory(name="Toyota", slug="toyota")
    TeamFactory(name="Hyundai Motorsport", slug="hyundai-motorsport", manufacturers=[hyundai])
    DriverFactory(name="Sébastien Ogier", slug="sebastien-ogier")
    (tmp_path / "000_aaaaaaaaaaaaaaaa.txt").write_text(RALLY, encoding="utf-8")
    (tmp_path / "001_bbbbbbbbbbbbbbbb.txt").write_text(NO_HEADER, encoding="utf-8")
    (tmp_path / "truth.json").write_text(json.dumps(TRUTH), encoding="utf-8")
    return tmp_path


def run(*args) -> str:
    out = StringIO()
    call_command("evaluate_import", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_scores_are_zero_safe():
    assert (Score().precision, Score().recall) == (1.0, 1.0)
    score = Score(tp=3, fp=1, fn=2)
    assert (score.precision, score.recall) == (0.75, 0.6)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_evaluate_counts_matches_and_lists_misses():
    truth = [
        {"file": "a.txt", "date": "2020-01", "drivers": ["Ana Pilote"], "teams": ["Écurie"]},
        {"file": "b.txt", "date": None, "primary_championship": None},
    ]
    results = {
        "a.txt": FileResult(
            file="a.txt", date="2020-01", entities={"drivers": ["Ana Pilote", "Bob Faux"]}
        ),
        "b.txt": FileResult(file="b.txt", date="2019-12", primary_championship="Série"),
    }
    evaluation = evaluate(truth, results, languages=False)
    assert (evaluation.dates_right, evaluation.primaries_right) == (1, 1)
    assert evaluation.languages_right is None
    drivers, teams = evaluation.scores["drivers"], evaluation.scores["teams"]
    assert (drivers.tp, drivers.fp, drivers.fn) == (1, 1, 0)
    assert (teams.tp, teams.fp, teams.fn) == (0, 0, 1)
    assert evaluation.misses == [
        {
            "file": "a.txt",
            "teams": {"fp": [], "fn": ["Écurie"]},
            "drivers": {"fp": ["Bob Faux"], "fn": []},
        },
        {
            "file": "b.txt",
            "date": {"expected": None, "found": "2019-12"},
            "primary_championship": {"expected": None, "found": "Série"},
        },
    ]


def test_command_prints_figures_and_misses(folder, monkeypatch):
    monkeypatch.setattr(evaluate_import, "language_detector", lambda: None)
    output = run(str(folder))
    assert "date: 2/3 (67%)" in output
    assert "language: not measured" in output
    assert "primary championship: 2/3 (67%)" in output
    assert "championships       1    1    0  0.500  1.000  0.667" in output
    assert "drivers             1    0    1  1.000  0.500  0.667" in output
    assert "FN Elfyn Evans" in output
    assert "002_cccccccccccccccc.txt" in output and "cannot read" in output


def test_command_measures_languages_when_a_detector_exists(folder, monkeypatch):
    monkeypatch.setattr(evaluate_import, "language_detector", lambda: lambda text: "fr")
    assert "language: 2/3 (67%)" in run(str(folder))


def test_command_prints_json(folder, monkeypatch):
    monkeypatch.setattr(evaluate_import, "language_detector", lambda: None)
    figures = json.loads(run(str(folder), "--json"))
    assert figures["files"] == 3
    assert figures["language_accuracy"] is None
    assert figures["entities"]["teams"] == {
        "tp": 1,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    by_file = {miss["file"]: miss for miss in figures["misses"]}
    assert by_file["001_bbbbbbbbbbbbbbbb.txt"]["championships"] == {
        "fp": ["FIA World Rally Championship (WRC)"],
        "fn": [],
    }


def test_command_needs_a_truth_file(tmp_path, db):
    with pytest.raises(CommandError, match="truth.json"):
        run(str(tmp_path))

import json
from pathlib import Path

import pytest

from articles.importing.decode import decode_legacy
from articles.importing.language import SUPPORTED, detect_language
from articles.importing.parse import parse_legacy

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "legacy-samples"

TEXTS = {
    "fr": "Le pilote alsacien a remporté le rallye dimanche après une dernière spéciale "
    "disputée sous la pluie. Son équipier termine deuxième, à une poignée de secondes, et "
    "l'écurie prend la tête du championnat des constructeurs.",
    "en": "The Belgian driver won the rally on Sunday after a final stage run in heavy rain. "
    "His teammate finished second, a handful of seconds behind, and the team now leads the "
    "manufacturers' standings.",
    "it": "Il pilota belga ha vinto il rally domenica dopo un'ultima prova speciale disputata "
    "sotto la pioggia. Il suo compagno di squadra è arrivato secondo, a pochi secondi, e la "
    "scuderia guida ora la classifica costruttori.",
    "es": "El piloto belga ganó el rally el domingo tras un último tramo disputado bajo la "
    "lluvia. Su compañero de equipo terminó segundo, a pocos segundos, y la escudería lidera "
    "ahora la clasificación de constructores.",
    "de": "Der belgische Fahrer gewann die Rallye am Sonntag nach einer letzten Wertungsprüfung "
    "im Regen. Sein Teamkollege wurde Zweiter, nur wenige Sekunden zurück, und das Team führt "
    "nun die Herstellerwertung an.",
    "pt": "O piloto belga venceu o rali no domingo depois de uma última especial disputada "
    "debaixo de chuva. O seu colega de equipa terminou em segundo, a poucos segundos, e a "
    "equipa lidera agora o campeonato de construtores.",
    "nl": "De Belgische coureur won zondag de rally na een laatste klassement onder zware "
    "regen. Zijn teamgenoot werd tweede, op enkele seconden, en het team leidt nu het "
    "kampioenschap voor constructeurs.",
}


def test_every_supported_language_has_a_test_text():
    assert set(TEXTS) == set(SUPPORTED)


@pytest.mark.parametrize("code", SUPPORTED)
def test_detects_the_language_of_a_race_report(code):
    assert detect_language(TEXTS[code]) == code


def test_reads_only_the_start_of_a_long_text():
    text = TEXTS["fr"] + " " + TEXTS["en"] * 20
    assert detect_language(text) == "fr"


@pytest.mark.parametrize("text", ["", "Bravo !", "1:07.744 — 2e à 4.704", "pole position"])
def test_too_short_or_unclear_text_gives_none(text):
    assert detect_language(text) is None


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the legacy samples are not checked out here")
def test_agrees_with_the_sample_truth_on_at_least_95_percent():
    truth = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))
    right = 0
    for entry in truth:
        data = (SAMPLES / entry["file"]).read_bytes()
        text = parse_legacy(decode_legacy(data).text, name=entry["file"])
        right += detect_language("\n\n".join(text.paragraphs)) == entry["language"]
    assert right >= 0.95 * len(truth)

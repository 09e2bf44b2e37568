"""Headlines of legacy texts: a sentence or a clause, never cut mid-phrase; subheads as <h2>."""

import pytest
from django.utils.html import escape

from articles.importing.headline import TITLE_LENGTH, headline, is_subhead
from articles.importing.parse import parse_legacy

LONG_LEAD = (
    "L'équipe Bonnefoy a annoncé jeudi son retour en championnat d'Europe des voitures de "
    "tourisme, avec deux Cupra confiées à de jeunes pilotes issus de la formule 4 française."
)


def parse(text: str):
    return parse_legacy(text, name="100_0123456789abcdef.txt")


def test_a_short_first_sentence_is_the_headline_and_the_standfirst_goes_on_from_it():
    text = parse(" date 2021-03 Bonnefoy revient en course. Deux Cupra au départ.\n\nSuite.\n")
    assert text.title == "Bonnefoy revient en course"
    assert text.standfirst == "Deux Cupra au départ."
    assert text.body_html == "<p>Suite.</p>"


def test_a_long_first_sentence_gives_its_first_clause_and_the_standfirst_the_rest():
    text = parse(f" date 2021-03 {LONG_LEAD} Le programme sera dévoilé lundi.\n\nSuite.\n")
    assert text.title == (
        "L'équipe Bonnefoy a annoncé jeudi son retour en championnat d'Europe des voitures "
        "de tourisme"
    )
    assert text.standfirst == (
        "Avec deux Cupra confiées à de jeunes pilotes issus de la formule 4 française. "
        "Le programme sera dévoilé lundi."
    )
    assert text.title not in text.standfirst
    assert "title_to_review" in text.flags


def test_an_opening_circumstance_is_not_a_headline_and_the_sentence_opens_the_body():
    sentence = (
        "Après une saison 2020 perturbée par la pandémie et deux manches annulées, "
        "l'écurie lyonnaise Bonnefoy aligne trois voitures en 2021, dont une pour une pilote."
    )
    text = parse(f" date 2021-03 {sentence} Le budget double.\n\nSuite.\n")
    assert text.title == "L'écurie lyonnaise Bonnefoy aligne trois voitures en 2021"
    assert text.standfirst == "Le budget double."
    assert text.body_html == f"<p>{escape(sentence)}</p>\n<p>Suite.</p>"


@pytest.mark.parametrize(
    "sentence",
    [
        "Le pilote de l'équipe Bonnefoy menait la course devant son coéquipier lorsque au "
        "douzième tour, il a perdu le contrôle de sa voiture dans le virage du Pont, sans gravité.",
        "« Nous avons trouvé les réglages qui nous manquaient depuis le début de la saison "
        "et la voiture était enfin à la hauteur de nos ambitions », se réjouit le directeur.",
        "Bonnefoy " + "et encore " * 30 + "fin.",
    ],
)
def test_a_headline_is_never_cut_in_a_word_nor_ends_on_a_dangling_word(sentence):
    found = headline(sentence)
    assert len(found.title) <= TITLE_LENGTH
    assert not found.title.endswith("…")
    last = found.title.rstrip(" »”").split()[-1]
    assert last.casefold() not in {"de", "la", "le", "les", "et", "à", "au", "lorsque"}
    assert found.title.count("«") == found.title.count("»")
    words = found.title.replace(" »", "").split()
    assert " ".join(words) in " ".join(sentence.replace("« ", "« ").split())


def test_a_subordinate_clause_left_open_is_trimmed():
    found = headline(
        "Le pilote de l'équipe Bonnefoy menait la course devant son coéquipier lorsque au "
        "douzième tour, il a perdu le contrôle de sa voiture dans le virage du Pont, sans gravité."
    )
    assert found.title == "Le pilote de l'équipe Bonnefoy menait la course devant son coéquipier"


def test_legacy_subheads_become_h2_and_the_rest_stays_paragraphs():
    paragraph = "Les essais ont confirmé le potentiel de la voiture sur piste sèche. " * 3
    text = parse(
        " date 2021-03 Bonnefoy revient. Deux Cupra.\n\n"
        f"{paragraph}\n\n"
        "Un hiver chargé…\n\n"
        f"{paragraph}\n\n"
        "… Et un printemps décisif\n\n"
        f"{paragraph}\n\n"
        "OBJECTIF TITRE EN 2022\n\n"
        f"{paragraph}\n\n"
        "« On y croit. »\n\n"
        f"{paragraph}\n\n"
        "Par Jean Dupont\n"
    )
    html = text.body_html
    assert "<h2>Un hiver chargé…</h2>" in html
    assert "<h2>… Et un printemps décisif</h2>" in html
    assert "<h2>OBJECTIF TITRE EN 2022</h2>" in html
    assert "<p>« On y croit. »</p>" in html  # a quote
    assert "<p>Par Jean Dupont</p>" in html  # a signature, last
    assert html.count("<h2>") == 3


@pytest.mark.parametrize(
    ("line", "following", "expected"),
    [
        ("Des débuts difficiles…", "Un long paragraphe qui suit le titre. " * 2, True),
        ("Une phrase courte.", "Un long paragraphe qui suit le titre. " * 2, False),
        ("Des débuts difficiles…", "Court.", False),
        ("Des débuts difficiles…", None, False),
        ("Voir https://exemple.fr", "Un long paragraphe qui suit le titre. " * 2, False),
        ("Hiver", "Un long paragraphe qui suit le titre. " * 2, False),
    ],
)
def test_what_counts_as_a_subhead(line, following, expected):
    assert is_subhead(line, following) is expected

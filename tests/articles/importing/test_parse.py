import datetime
import json
from pathlib import Path

import pytest

from articles.importing.decode import LegacyFormatError, decode_legacy
from articles.importing.notes import Note
from articles.importing.parse import TITLE_LENGTH, legacy_id_from_name, parse_legacy

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "legacy-samples"


def parse_bytes(data: bytes | str, name: str = "042_0123456789abcdef.txt"):
    if isinstance(data, str):
        data = data.encode()
    return parse_legacy(decode_legacy(data).text, name=name)


def test_month_header_gives_a_month_precision_date():
    text = parse_bytes(
        " date 2019-01 Le Team Mulsanne retournera en WTCR. Il alignera deux Alfa Romeo.\n\n"
        "Second paragraphe.\n"
    )
    assert text.date == datetime.date(2019, 1, 1)
    assert text.date_precision == "month"
    assert text.date_label == "2019-01"
    assert text.title == "Le Team Mulsanne retournera en WTCR"
    assert text.standfirst == "Il alignera deux Alfa Romeo."
    assert text.paragraphs[1:] == ["Second paragraphe."]
    assert text.flags == ["title_to_review"]


def test_day_header_keeps_the_day():
    text = parse_bytes(b" date 2023-06-04 Neuville wins in Sardinia. A long-awaited win.\n")
    assert text.date == datetime.date(2023, 6, 4)
    assert text.date_precision == "day"
    assert text.date_label == "2023-06-04"


def test_no_header_means_no_date_and_a_flag():
    text = parse_bytes("Partager:\nFerrari remporte les 24 Heures du Mans.\nUn autre paragraphe.")
    assert text.date is None
    assert "no_date" in text.flags
    assert text.warnings
    # Single line breaks and no blank line: one paragraph per line; the share widget's
    # "Partager:" is cleaned away and kept for audit.
    assert text.paragraphs == ["Ferrari remporte les 24 Heures du Mans.", "Un autre paragraphe."]
    assert [r.text for r in text.removals] == ["Partager:"]


def test_impossible_date_is_ignored_with_a_warning():
    text = parse_bytes(" date 2019-13 Un texte daté d'un mois qui n'existe pas.")
    assert text.date is None
    assert "no_date" in text.flags
    assert text.warnings == [Note("impossible_date", {"header": "date 2019-13"})]
    assert text.title == "Un texte daté d'un mois qui n'existe pas"


def test_crlf_bom_trailing_spaces_and_runs_of_blank_lines():
    data = (
        "\ufeff date 2020-02 Premier paragraphe.   \r\n\r\n\r\n\r\n"
        "Deuxième   paragraphe \r\nsur deux lignes.  \r\n\r\n\r\nTroisième.\r\n\r\n"
    ).encode()
    text = parse_bytes(data)
    assert text.date == datetime.date(2020, 2, 1)
    assert text.paragraphs == [
        "Premier paragraphe.",
        "Deuxième paragraphe sur deux lignes.",
        "Troisième.",
    ]


def test_same_text_with_crlf_or_bom_has_the_same_hash():
    plain = parse_bytes(b" date 2020-02 Texte.\n\nSuite.\n")
    windows = parse_bytes(b"\xef\xbb\xbf date 2020-02 Texte.\r\n\r\nSuite.")
    assert plain.content_hash == windows.content_hash


def test_date_line_with_no_text_after_it():
    text = parse_bytes(b" date 2020-08 -\n\nLe texte commence ici. Et continue.\n")
    assert text.date == datetime.date(2020, 8, 1)
    assert text.title == "Le texte commence ici"


def test_one_paragraph_file():
    text = parse_bytes(" date 2021-07 Peugeot présente la 9X8. Elle n'a pas d'aileron.".encode())
    assert text.title == "Peugeot présente la 9X8"
    assert text.standfirst == "Elle n'a pas d'aileron."
    assert text.paragraphs == ["Peugeot présente la 9X8. Elle n'a pas d'aileron."]
    assert text.body_html == ""


def test_a_long_sentence_without_clauses_gives_whole_words_and_opens_the_body():
    sentence = "Après un meeting agité " + "très " * 40 + "mouvementé à Magny-Cours, CMR repart."
    text = parse_bytes(f" date 2020-09 {sentence} Deuxième phrase.".encode())
    assert not text.title.endswith("…")
    assert len(text.title) <= TITLE_LENGTH
    assert sentence.startswith(text.title + " ")  # whole words
    assert text.standfirst == "Deuxième phrase."
    assert text.body_html.startswith(f"<p>{sentence}</p>")  # nothing lost


def test_abbreviations_do_not_end_the_first_sentence():
    text = parse_bytes(" date 2022-06 M. Dupont et J. Calado ont gagné. Bravo.".encode())
    assert text.title == "M. Dupont et J. Calado ont gagné"


def test_unbalanced_quotes_in_the_title_are_closed():
    long = "« " + "Nous avons " * 20 + "gagné » dit-il. Suite."
    text = parse_bytes(f" date 2022-06 {long}".encode())
    assert text.title.count("«") == text.title.count("»")


def test_body_paragraphs_are_escaped():
    text = parse_bytes(b" date 2022-06 Titre. Chapo.\n\n<script>alert(1)</script> & co\n")
    assert text.body_html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>"


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"", "empty_file", "fichier vide"),
        (b"  \n\n\t \r\n", "only_whitespace", "le fichier ne contient que des blancs"),
        (
            b"\x00\x01binary\x00",
            "binary_nul",
            "contenu binaire (octets nuls), pas un fichier texte",
        ),
    ],
)
def test_unusable_files_are_refused_with_a_reason(data, code, words):
    with pytest.raises(LegacyFormatError) as refused:
        parse_bytes(data)
    assert refused.value.note.code == code and str(refused.value) == words


def test_header_without_any_text_is_refused():
    with pytest.raises(LegacyFormatError, match="aucun texte après la ligne de date"):
        parse_bytes(b" date 2020-08 \n\n\n")


def test_cp1252_file_is_decoded_with_a_warning():
    decoded = decode_legacy(" date 2019-01 Citroën a gagné.".encode("cp1252"))
    assert "Citroën" in decoded.text
    assert decoded.warnings == [Note("not_utf8", {"encoding": "cp1252"})]
    assert str(decoded.warnings[0]) == "pas en UTF-8 : lu comme cp1252 (détecté)"


def test_legacy_id_comes_from_the_file_name():
    assert legacy_id_from_name("dossier/000_6d0ae2bd49ce17cf.txt") == "000_6d0ae2bd49ce17cf"


@pytest.mark.skipif(
    not SAMPLES.is_dir(), reason="the shared legacy samples are not beside the repo"
)
def test_every_shared_sample_parses_with_the_annotated_date():
    truth = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))
    assert len(truth) == len(list(SAMPLES.glob("*.txt")))
    for entry in truth:
        text = parse_bytes((SAMPLES / entry["file"]).read_bytes(), name=entry["file"])
        got = text.date.strftime("%Y-%m") if text.date else None
        assert got == entry["date"], entry["file"]
        assert text.title and text.paragraphs, entry["file"]


def test_a_text_of_one_huge_paragraph_keeps_a_short_standfirst_and_loses_nothing():
    sentence = "La Giulietta TCR a dominé les essais libres du matin sur le circuit de Monza. "
    text = " date 2019-05 " + sentence * 60_000  # about 4.7 MB, never a blank line
    legacy = parse_legacy(text, name="000_aaaaaaaaaaaaaaaa.txt")
    assert len(legacy.standfirst) <= 600 and legacy.standfirst.endswith(".")
    assert all(len(p) <= 5_000 for p in legacy.paragraphs)
    assert "long_text_split" in legacy.flags
    rebuilt = " ".join(legacy.paragraphs)
    assert rebuilt.split() == text.split()[2:]  # every word, in order, once


def test_a_long_paragraph_without_sentences_is_cut_between_words():
    words = "mot " * 3_000
    legacy = parse_legacy(f" date 2019-05 Titre court.\n\n{words}", name="001_bbbbbbbbbbbbbbbb.txt")
    assert all(len(p) <= 5_000 for p in legacy.paragraphs)
    assert " ".join(legacy.paragraphs[1:]).split() == words.split()

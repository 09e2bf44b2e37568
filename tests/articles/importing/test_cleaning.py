import pytest

from articles.importing.clean import DEFAULT_RULES, RULES, Removal, clean_paragraphs

LEAD = "Le pilote alsacien a signé la pole position samedi au Castellet."
BODY = "Son équipier a terminé troisième, à deux dixièmes."


def removed(result) -> list[tuple[str, str]]:
    return [(removal.rule, removal.text) for removal in result.removals]


def test_every_rule_has_a_french_description_and_is_on_by_default():
    assert set(DEFAULT_RULES) == set(RULES)
    assert all(rule.description for rule in RULES.values())


def test_audio_player_prefix_goes_and_the_lead_stays():
    result = clean_paragraphs([f"Charger le lecteur audio {LEAD}", BODY])
    assert result.paragraphs == [LEAD, BODY]
    assert removed(result) == [("audio_player", "Charger le lecteur audio")]


def test_press_release_label_alone_is_dropped():
    result = clean_paragraphs(["Communiqué de Presse :", LEAD])
    assert result.paragraphs == [LEAD]
    assert removed(result) == [("press_release", "Communiqué de Presse :")]


def test_press_release_label_before_the_text_is_cut_off():
    result = clean_paragraphs([f"COMMUNIQUÉ DE PRESSE : {LEAD}"])
    assert result.paragraphs == [LEAD]


def test_agency_label_in_lower_case_goes():
    result = clean_paragraphs(["agenzia Il pilota ferrarista ha vinto a Monza.", BODY])
    assert result.paragraphs == ["Il pilota ferrarista ha vinto a Monza.", BODY]
    assert removed(result) == [("agency_label", "agenzia")]


def test_a_sentence_starting_with_agenzia_stays():
    paragraph = "Agenzia e scuderia hanno firmato un accordo per la stagione."
    assert clean_paragraphs([paragraph]).paragraphs == [paragraph]


def test_timestamp_line_is_dropped():
    result = clean_paragraphs(["12/03/2022 à 18h45", LEAD])
    assert result.paragraphs == [LEAD]
    assert removed(result) == [("timestamp", "12/03/2022 à 18h45")]


def test_published_stamps_before_the_text_are_cut_off():
    result = clean_paragraphs(
        [f"Publié le 12 mars 2022 à 18h45 | Mis à jour le 13 mars 2022 à 09h10 {LEAD}"]
    )
    assert result.paragraphs == [LEAD]
    assert [r.rule for r in result.removals] == ["timestamp", "timestamp"]


def test_a_date_that_is_the_subject_of_the_sentence_stays():
    paragraph = "12 mars 2022 restera la date de la première victoire de l'écurie."
    assert clean_paragraphs([paragraph]).paragraphs == [paragraph]


def test_a_time_before_live_text_stays():
    paragraph = "18h45 – Le drapeau à damiers s'abaisse sur le circuit."
    assert clean_paragraphs([paragraph]).paragraphs == [paragraph]


def test_share_buttons_and_author_line_at_the_head_go_one_after_the_other():
    result = clean_paragraphs(["Autore: Marco Bianchi", "Partager:", LEAD, BODY])
    assert result.paragraphs == [LEAD, BODY]
    assert removed(result) == [
        ("author_line", "Autore: Marco Bianchi"),
        ("share_buttons", "Partager:"),
    ]


def test_share_verb_in_a_real_sentence_stays():
    paragraph = "Partager la piste avec son ancien équipier n'a rien eu de simple, a-t-il confié."
    assert clean_paragraphs([paragraph, BODY]).paragraphs == [paragraph, BODY]


def test_author_name_run_into_the_text_is_left_alone():
    # Where the name ends cannot be told, so nothing is removed.
    paragraph = "Autore: Marco Bianchi Il pilota ha vinto."
    assert clean_paragraphs([paragraph]).paragraphs == [paragraph]


@pytest.mark.parametrize(
    "line",
    [
        "À lire aussi : Rallye du Portugal, la pluie redistribue les cartes",
        "A lire aussi: Le calendrier de la saison dévoilé",
        "Lire aussi : Les essais libres en direct",
        "LIRE AUSSI :",
        "À lire aussi Le retour du constructeur en endurance",
    ],
)
def test_read_also_link_lines_are_dropped(line):
    result = clean_paragraphs([LEAD, line, BODY])
    assert result.paragraphs == [LEAD, BODY]
    assert removed(result) == [("read_also", line)]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Il faut lire aussi le règlement technique pour comprendre la pénalité.",
        "Lire aussi Fangio en vacances reste un plaisir de passionné.",
    ],
)
def test_sentences_mentioning_lire_aussi_stay(paragraph):
    assert clean_paragraphs([LEAD, paragraph]).paragraphs == [LEAD, paragraph]


def test_inline_tweet_link_goes_and_the_sentence_stays():
    result = clean_paragraphs(["Quel dépassement pic.twitter.com/Zx81kQa dans l'épingle !"])
    assert result.paragraphs == ["Quel dépassement dans l'épingle !"]
    assert removed(result) == [("tweet_link", "pic.twitter.com/Zx81kQa")]


def test_tweet_link_glued_to_hashtags_goes_alone():
    result = clean_paragraphs(["Quelle course 🏁#Rallye@EquipeBleuepic.twitter.com/Qw3rTy"])
    assert result.paragraphs == ["Quelle course 🏁#Rallye@EquipeBleue"]


def test_embedded_tweet_signature_goes_and_the_tweet_text_stays():
    result = clean_paragraphs(
        ["Merci à toute l'équipe ! — Jean Martin (@jmartin_racing) 4 juin 2023", BODY]
    )
    assert result.paragraphs == ["Merci à toute l'équipe !", BODY]
    assert removed(result) == [("tweet_signature", "— Jean Martin (@jmartin_racing) 4 juin 2023")]


def test_english_tweet_signature_after_a_link():
    result = clean_paragraphs(["Podium! pic.twitter.com/ab12 — Team Bleu (@teambleu) June 4, 2023"])
    assert result.paragraphs == ["Podium!"]
    assert result.counts == {"tweet_link": 1, "tweet_signature": 1}


def test_hyphenated_names_are_not_taken_for_a_tweet_signature():
    paragraph = "Le duel Martin-Dubois a tenu en haleine les tribunes jusqu'au dernier tour."
    assert clean_paragraphs([paragraph]).paragraphs == [paragraph]


def test_rss_footer_at_the_end_of_a_paragraph_goes():
    footer = "The post Victoire au Castellet appeared first on Paddock Blog."
    result = clean_paragraphs([LEAD, f"{BODY} {footer}"])
    assert result.paragraphs == [LEAD, BODY]
    assert removed(result) == [("rss_footer", footer)]


def test_french_rss_footer_alone_is_dropped():
    footer = "L'article Victoire au Castellet est apparu en premier sur Paddock Blog."
    result = clean_paragraphs([LEAD, footer])
    assert result.paragraphs == [LEAD]


def test_tags_line_goes_alone_or_after_the_last_sentence():
    result = clean_paragraphs([f"{BODY} TAGS: Rallye, Portugal", "Tags : Endurance, Hypercar"])
    assert result.paragraphs == [BODY]
    assert removed(result) == [
        ("tags_line", "TAGS: Rallye, Portugal"),
        ("tags_line", "Tags : Endurance, Hypercar"),
    ]


def test_tags_inside_a_german_sentence_stay():
    paragraph = "Der Fahrer des Tags: ein Rookie aus Bayern."
    assert clean_paragraphs([paragraph]).paragraphs == [paragraph]


@pytest.mark.parametrize(
    "credit",
    ["© Peugeot", "Getty Images", "Photo : DPPI", "Crédit photo : Alpine Racing", "(Photo AFP)"],
)
def test_photo_credit_paragraphs_are_dropped(credit):
    result = clean_paragraphs([LEAD, credit, BODY])
    assert result.paragraphs == [LEAD, BODY]
    assert removed(result) == [("photo_credit", credit)]


@pytest.mark.parametrize(
    "paragraph", ["Photo : la berlinette au départ", "Photo finish pour la deuxième place !"]
)
def test_captions_and_sentences_about_photos_stay(paragraph):
    assert clean_paragraphs([LEAD, paragraph]).paragraphs == [LEAD, paragraph]


def test_agency_credit_after_the_last_sentence_goes():
    result = clean_paragraphs([f"{BODY} ATS"])
    assert result.paragraphs == [BODY]
    assert removed(result) == [("trailing_credit", "ATS")]


def test_plain_article_is_left_untouched():
    paragraphs = [LEAD, BODY, "« Nous avons lu aussi les données », a-t-il ajouté."]
    result = clean_paragraphs(paragraphs)
    assert result.paragraphs == paragraphs
    assert result.removals == []
    assert result.counts == {}


def test_only_the_selected_rules_apply():
    paragraphs = ["Partager:", LEAD, "TAGS: Rallye"]
    result = clean_paragraphs(paragraphs, rules=["tags_line"])
    assert result.paragraphs == ["Partager:", LEAD]
    assert result.removals == [Removal("tags_line", "TAGS: Rallye")]


def test_no_rules_changes_nothing():
    paragraphs = ["Partager:", LEAD]
    assert clean_paragraphs(paragraphs, rules=[]).paragraphs == paragraphs


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="lecteur"):
        clean_paragraphs([LEAD], rules=["lecteur"])


def test_counts_give_removals_per_rule():
    result = clean_paragraphs(
        [
            "Partager:",
            LEAD,
            "À lire aussi : Les essais en direct",
            f"{BODY} pic.twitter.com/a1 pic.twitter.com/b2",
            "© Alpine",
        ]
    )
    assert result.counts == {"share_buttons": 1, "read_also": 1, "tweet_link": 2, "photo_credit": 1}
    assert result.paragraphs == [LEAD, BODY]


def test_the_input_list_is_not_modified():
    paragraphs = ["Partager:", LEAD]
    clean_paragraphs(paragraphs)
    assert paragraphs == ["Partager:", LEAD]

"""The search text analyser (app/text/analyser.py): what each kind of text becomes, and that offsets hold."""

from pathlib import Path

import pytest
import yaml

from app.config import REPO_ROOT
from app.text import QueryTerm, Token, analyse, index_form, query_terms

SEED = REPO_ROOT / "seed_data"


def terms(text: str) -> list[str]:
    return [token.term for token in analyse(text) if not token.is_stop]


def seed_texts() -> list[str]:
    texts = [path.read_text("utf-8") for path in sorted((SEED / "documents").glob("*.txt"))]
    for path in sorted((SEED / "claims").glob("*.yaml")):
        texts += [c["quote"] for c in yaml.safe_load(Path(path).read_text("utf-8"))["claims"]]
    return texts


# --- the odd characters of the seeds ----------------------------------------------------------------------


def test_non_breaking_hyphen_separates_like_a_hyphen():
    expected = ["prisoner", "war", "exchange"]
    assert terms("Prisoner\u2011of\u2011War Exchange") == terms("Prisoner-of-War Exchange") == expected


def test_date_written_with_non_breaking_hyphens_gives_its_numbers():
    assert terms("Date: 2025\u201112\u201125 22:27:52") == ["date", "2025", "12", "25", "22", "27", "52"]


def test_curly_apostrophe_possessive_is_dropped_like_a_straight_one():
    expected = ["zelensky", "public", "praise"]
    assert terms("zelensky\u2019s public Praise") == terms("Zelensky's public praise") == expected


def test_curly_apostrophe_inside_a_name_joins_it():
    assert terms("Michael R. O\u2019hara") == terms("Michael R. O'Hara") == ["michael", "r", "ohara"]


def test_curly_double_quotes_are_not_part_of_words():
    assert terms("\u201cproductive and constructive,\u201d") == ["productive", "constructive"]


def test_en_and_em_dashes_separate_words():
    assert terms("Reaction \u2013 Key quotations") == ["reaction", "key", "quotation"]
    assert terms("Both sides \u2014 backed by external partners \u2014 continue") == [
        "side", "back", "external", "partner", "continue",
    ]  # fmt: skip


def test_no_break_space_separates_words():
    assert terms("15\u00a0billion") == ["15", "billion"]


def test_emoji_and_symbols_are_not_words():
    assert terms("\U0001f9e0 Current Status \u2714 Territorial Disputes \u2694\ufe0f") == [
        "current", "status", "territorial", "dispute",
    ]  # fmt: skip


def test_fullwidth_letters_and_ligatures_fold_to_plain_letters():
    assert terms("\uff2e\uff21\uff34\uff2f \ufb01nance") == ["nato", "finance"]


def test_accents_are_dropped_and_case_folded():
    assert terms("Café DÉTENTE") == ["cafe", "detente"]


# --- numbers, symbols and acronyms ------------------------------------------------------------------------


def test_thousands_separators_are_dropped_and_decimals_kept():
    assert terms("2,300 Ukrainian POWs for 1,800 soldiers, 1.5 times") == [
        "2300", "ukrainian", "pow", "1800", "soldier", "1.5", "time",
    ]  # fmt: skip


def test_percent_and_currency_signs_become_words():
    assert terms("about 99%-in Luhansk") == ["99", "percent", "luhansk"]
    assert terms("~35 %") == terms("35 percent") == ["35", "percent"]
    assert terms("$15 billion") == ["dollar", "15", "billion"]


def test_acronyms_are_kept_and_lose_only_a_plural_s():
    assert terms("NATO, the OSCE, the UN and NGOs") == ["nato", "osce", "un", "ngo"]


def test_dotted_abbreviation_is_one_term_and_never_a_stop_word():
    assert terms("U.S. envoys") == terms("US envoys") == ["us", "envoy"]
    assert terms("U.S.\u2011provided") == ["us", "provide"]


def test_single_letter_abbreviation_and_name_stay_apart():
    assert terms("Catherine J.Lee") == ["catherine", "j", "lee"]


def test_ordinal_keeps_its_letters():
    assert terms("the 20th point") == ["20th", "point"]


# --- lemmas -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("withdrew", "withdraw"), ("withdrawn", "withdraw"), ("held", "hold"), ("sought", "seek"),
        ("brought", "bring"), ("fought", "fight"), ("won", "win"), ("led", "lead"), ("spoke", "speak"),
        ("thought", "think"), ("left", "leave"), ("struck", "strike"), ("went", "go"), ("gone", "go"),
        ("bought", "buy"), ("caught", "catch"), ("took", "take"),
    ],
)  # fmt: skip
def test_irregular_verbs_become_their_base_form(inflected: str, base: str):
    assert analyse(inflected)[0].term == base


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("referenda", "referendum"), ("curricula", "curriculum"), ("crises", "crisis"), ("criteria", "criterion"),
        ("casualties", "casualty"), ("territories", "territory"), ("allies", "ally"), ("men", "man"),
        ("women", "woman"), ("children", "child"),
    ],
)  # fmt: skip
def test_irregular_nouns_become_their_singular(plural: str, singular: str):
    assert analyse(plural)[0].term == singular


def test_regular_inflections_share_a_term():
    assert len({analyse(word)[0].term for word in ("monitor", "monitored", "monitoring", "monitors")}) == 1
    assert len({analyse(word)[0].term for word in ("guarantee", "guarantees", "guaranteed")}) == 1


def test_words_the_lemma_table_lacks_lose_a_regular_plural():
    assert terms("strongholds stakeholders pows") == ["stronghold", "stakeholder", "pow"]


def test_names_ending_like_a_plural_are_kept():
    assert terms("Donbas Reuters") == ["donbas", "reuter"]  # Reuters is consistent, if not pretty


# --- British and American spelling ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("demilitarised", "demilitarized"), ("defence", "defense"), ("neighbouring", "neighboring"),
        ("dialogue", "dialog"), ("stabilising", "stabilizing"), ("honour", "honor"), ("centre", "center"),
        ("programme", "program"), ("analysed", "analyzed"), ("organisation", "organization"),
        ("revitalisation", "revitalization"),  # not in breame's table: the -isation rule
    ],
)  # fmt: skip
def test_british_spelling_is_folded_to_american(british: str, american: str):
    assert terms(british) == terms(american)


def test_ise_words_that_are_not_the_ize_suffix_keep_ise():
    assert terms("supervised promise otherwise") == ["supervise", "promise", "otherwise"]


# --- stop words -------------------------------------------------------------------------------------------


def test_whole_question_reduces_to_its_informative_terms():
    assert terms("What share of Luhansk does Russia control?") == ["share", "luhansk", "russia", "control"]
    assert terms("What did Zelenskiy say about the Donbas?") == ["zelenskiy", "donbas"]
    assert terms("How many POWs would be exchanged, and who's holding them?") == ["pow", "exchange", "hold"]


def test_stop_words_are_kept_as_tokens_and_marked():
    assert analyse("the plan") == [Token("the", 0, 3, True), Token("plan", 4, 8, False)]


def test_a_word_never_becomes_a_stop_word_through_its_lemma():
    assert terms("us") == ["us"]  # its lemma would be "we"


# --- offsets and the index form ---------------------------------------------------------------------------


def test_offsets_are_code_points_of_the_text_as_given():
    text = "\U0001f9e0 zelensky\u2019s 2,300 POWs"
    tokens = analyse(text)
    assert [(t.term, text[t.start : t.end]) for t in tokens] == [
        ("zelensky", "zelensky\u2019s"), ("2300", "2,300"), ("pow", "POWs"),
    ]  # fmt: skip


def test_every_token_of_the_seed_texts_maps_back_to_the_characters_it_came_from():
    for text in seed_texts():
        previous_end = 0
        for token in analyse(text):
            assert previous_end <= token.start < token.end <= len(text)
            assert [t.term for t in analyse(text[token.start : token.end])] == [token.term]
            previous_end = token.end


def test_index_form_is_the_terms_without_stop_words():
    assert index_form("Ukrainian troops withdrew from Siversk.") == "ukrainian troop withdraw siversk"


def test_index_form_holds_the_terms_analyse_gives_for_every_seed_text():
    # index_form reads the tokens its own faster way: it must index exactly what queries and snippets analyse.
    for text in seed_texts():
        assert index_form(text) == " ".join(token.term for token in analyse(text) if not token.is_stop)


def test_index_form_reads_each_kind_of_token_as_analyse_does_wherever_it_stands():
    # index_form analyses a token once, read alone: the reading must not depend on what follows it.
    text = "U.S.A. 2,300,5 20th 2025abc 1.5% $3 €4 O’hara's POWs NGOs e.g. don't 99%. x-ray 2,300."
    for piece in (text, text.replace(" ", "\u00a0"), text.replace(" ", "")):
        assert index_form(piece) == " ".join(token.term for token in analyse(piece) if not token.is_stop)


def test_analysis_is_deterministic():
    texts = seed_texts()
    assert [index_form(t) for t in texts] == [index_form(t) for t in texts]


# --- queries ----------------------------------------------------------------------------------------------


def test_query_terms_of_a_question_drop_stop_words_and_keep_words_as_typed():
    assert query_terms("Has Zelenskiy withdrawn troops?") == [
        QueryTerm("zelenskiy", "Zelenskiy"), QueryTerm("withdraw", "withdrawn"), QueryTerm("troop", "troops"),
    ]  # fmt: skip


def test_query_prefix_is_marked_and_kept_even_for_a_stop_word():
    assert query_terms("withdr* the*") == [QueryTerm("withdr", "withdr", prefix=True), QueryTerm("the", "the", True)]


def test_quoted_phrase_is_one_phrase_marked_quoted():
    assert query_terms('ceasefire "freedom of navigation"') == [
        QueryTerm("ceasefire", "ceasefire"),
        QueryTerm("freedom", "freedom", phrase=0, quoted=True),
        QueryTerm("navigation", "navigation", phrase=0, quoted=True),
    ]


def test_curly_quotes_make_a_phrase_too():
    assert [t.phrase for t in query_terms("\u201cpeace package\u201d")] == [0, 0]


def test_hyphenated_compound_is_an_unquoted_phrase():
    assert query_terms("prisoner\u2011of\u2011war swap") == [
        QueryTerm("prisoner", "prisoner", phrase=0),
        QueryTerm("war", "war", phrase=0),
        QueryTerm("swap", "swap"),
    ]


def test_unmatched_quote_quotes_nothing():
    assert query_terms('"ceasefire stages') == [QueryTerm("ceasefire", "ceasefire"), QueryTerm("stage", "stages")]


def test_repeated_single_terms_are_asked_once():
    assert query_terms("Russia russia RUSSIA") == [QueryTerm("russia", "Russia")]


def test_query_of_stop_words_only_has_no_terms():
    assert query_terms("What is it, and who does it?") == []

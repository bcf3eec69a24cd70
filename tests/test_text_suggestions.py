"""Did you mean (app/text/suggestions.py): the closest indexed terms to a term that matched nothing."""

from app.text import Correction, Suggestion, closest_terms, corrections, query_terms

VOCABULARY = {"zelensky": 12, "zelenskiy": 20, "ceasefire": 30, "kushner": 5, "luhansk": 7, "99": 2}


def test_a_misspelt_name_finds_the_indexed_spellings_best_first():
    assert closest_terms("zelenksy", VOCABULARY) == [Suggestion("zelensky", 87.5), Suggestion("zelenskiy", 82.4)]


def test_equally_close_terms_go_to_the_one_more_records_use():
    assert [s.term for s in closest_terms("zelenski", VOCABULARY)] == ["zelenskiy", "zelensky"]


def test_a_known_term_a_number_and_a_short_term_get_no_suggestion():
    assert closest_terms("ceasefire", VOCABULARY) == []
    assert closest_terms("98", VOCABULARY) == []
    assert closest_terms("ze", VOCABULARY) == []


def test_nothing_close_enough_gets_no_suggestion():
    assert closest_terms("refinery", VOCABULARY) == []


def test_a_plain_list_of_terms_works_too():
    assert closest_terms("kushnr", ["kushner", "luhansk"]) == [Suggestion("kushner", 92.3)]


def test_corrections_cover_the_unmatched_words_of_a_query_only():
    assert corrections(query_terms("Zelenksy ceasfire Luhansk withdr*"), VOCABULARY) == [
        Correction("Zelenksy", "zelenksy", (Suggestion("zelensky", 87.5), Suggestion("zelenskiy", 82.4))),
        Correction("ceasfire", "ceasfire", (Suggestion("ceasefire", 94.1),)),
    ]

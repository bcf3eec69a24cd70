"""Query expansion by aliases and the thesaurus (app/text/expansion.py), on plain records and the seed's."""

import pytest
import yaml

from app.config import REPO_ROOT
from app.text import Concept, Form, Match, QueryTerm, build_lexicon, expand, explain, query_terms

THESAURUS = [
    {"id": "prisoner-of-war", "terms": ["prisoner of war", "POW"]},
    {"id": "ceasefire", "terms": ["ceasefire", "truce"]},
    {"id": "nuclear-plant", "terms": ["nuclear plant", "NPP"]},
    {"id": "zaporizhzhia-nuclear-plant", "terms": ["Zaporizhzhia nuclear plant", "ZNPP"]},
]
ACTORS = [{"id": "volodymyr-zelensky", "name": "Volodymyr Zelensky", "aliases": ["Zelenskiy", "Zelensky"]}]
ISSUES = [{"id": "prisoner-exchange", "name": "Prisoner-of-war exchange", "aliases": ["prisoner swap"]}]


@pytest.fixture(scope="module")
def lexicon():
    return build_lexicon(thesaurus=THESAURUS, actors=ACTORS, issues=ISSUES)


def test_a_plain_term_is_a_concept_of_its_own(lexicon):
    assert expand(query_terms("Siversk"), lexicon) == [Concept((QueryTerm("siversk", "Siversk"),))]


def test_an_inflected_abbreviation_finds_the_thesaurus_phrase(lexicon):
    [concept] = expand(query_terms("POWs"), lexicon)
    assert concept.matches == (Match("thesaurus", "prisoner-of-war", "POW"),)
    phrase = Form(("prisoner", "war"), "prisoner of war", "thesaurus", "prisoner-of-war")
    assert concept.alternatives == (phrase,)


def test_a_phrase_in_a_whole_question_finds_the_abbreviation(lexicon):
    concepts = expand(query_terms("How many prisoners of war does Kyiv hold?"), lexicon)
    assert [c.phrase for c in concepts] == [("prisoner", "war"), ("kyiv",), ("hold",)]
    assert [a.form for a in concepts[0].alternatives] == ["POW"]


def test_an_actor_alias_expands_to_every_other_spelling_and_names_the_actor(lexicon):
    [concept] = expand(query_terms("zelensky"), lexicon)
    assert concept.matches == (Match("actor", "volodymyr-zelensky", "Zelensky"),)
    assert [a.terms for a in concept.alternatives] == [("volodymyr", "zelensky"), ("zelenskiy",)]


def test_the_longest_form_wins(lexicon):
    concepts = expand(query_terms("Zaporizhzhia nuclear plant control"), lexicon)
    assert [c.phrase for c in concepts] == [("zaporizhzhia", "nuclear", "plant"), ("control",)]
    assert concepts[0].matches == (Match("thesaurus", "zaporizhzhia-nuclear-plant", "Zaporizhzhia nuclear plant"),)
    assert [a.form for a in concepts[0].alternatives] == ["ZNPP"]


def test_a_question_naming_an_issue_matches_the_issue_rather_than_the_shorter_thesaurus_phrase(lexicon):
    concepts = expand(query_terms("Were prisoners of war exchanged?"), lexicon)
    assert [(c.phrase, c.matches) for c in concepts] == [
        (("prisoner", "war", "exchange"), (Match("issue", "prisoner-exchange", "Prisoner-of-war exchange"),))
    ]


def test_an_issue_alias_names_the_issue_and_offers_its_name(lexicon):
    concepts = expand(query_terms("prisoner swap"), lexicon)
    assert concepts[0].matches == (Match("issue", "prisoner-exchange", "prisoner swap"),)
    assert [a.form for a in concepts[0].alternatives] == ["Prisoner-of-war exchange"]


def test_a_hyphenated_compound_is_matched_whole(lexicon):
    [concept] = expand(query_terms("prisoner-of-war"), lexicon)
    assert concept.matches == (Match("thesaurus", "prisoner-of-war", "prisoner of war"),)


def test_a_form_never_cuts_through_a_compound(lexicon):
    concepts = expand(query_terms("nuclear-plant-safety"), lexicon)
    assert [(c.phrase, c.matches) for c in concepts] == [(("nuclear", "plant", "safety"), ())]


def test_quoted_phrases_and_prefixes_are_searched_as_typed(lexicon):
    concepts = expand(query_terms('"prisoner of war" truce*'), lexicon)
    assert [(c.phrase, c.alternatives) for c in concepts] == [(("prisoner", "war"), ()), (("truce",), ())]


def test_explain_says_which_entry_gave_the_match(lexicon):
    [concept] = expand(query_terms("POWs"), lexicon)
    assert explain(concept, concept.alternatives[0]) == 'POWs → "prisoner of war" (thesaurus prisoner-of-war)'


def test_every_seed_thesaurus_entry_expands_each_of_its_forms_to_the_others():
    entries = yaml.safe_load((REPO_ROOT / "seed_data" / "thesaurus.yaml").read_text("utf-8"))["thesaurus"]
    lexicon = build_lexicon(thesaurus=entries)
    for entry in entries:
        for form in entry["terms"]:
            concepts = expand(query_terms(form), lexicon)
            assert len(concepts) == 1, form
            assert Match("thesaurus", entry["id"], form) in concepts[0].matches, form
            offered = {a.form for a in concepts[0].alternatives if a.entry_id == entry["id"]}
            assert offered, form

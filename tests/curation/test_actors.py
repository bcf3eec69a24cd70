"""Actors through every spelling the knowledge base knows; names it does not know become mentions."""

from app.curation import Vocabulary, suggest
from app.curation.actors import demonyms, find_mentions, matcher_for
from app.curation.folding import LOCAL_FOLDING

VOCABULARY = Vocabulary.build(
    actors=[
        {"id": "ukraine", "name": "Ukraine", "kind": "state", "aliases": ["Ukraine", "Kyiv"]},
        {"id": "russia", "name": "Russia", "kind": "state", "aliases": ["Moscow"]},
        {"id": "united-states", "name": "United States", "kind": "state", "aliases": ["U.S.", "US", "Washington"]},
        {"id": "us-envoys", "name": "U.S. envoys", "kind": "group", "aliases": ["U.S. envoys"]},
        {"id": "un", "name": "United Nations", "kind": "organisation", "aliases": ["UN"]},
        {
            "id": "volodymyr-zelensky",
            "name": "Volodymyr Zelensky",
            "kind": "person",
            "aliases": ["Zelenskiy", "Zelensky"],
            "roles": [{"role": "President of Ukraine", "claim_id": "c1"}, {"role": "President", "claim_id": "c2"}],
        },
        {"id": "jared-kushner", "name": "Jared Kushner", "kind": "person", "aliases": ["Kushner"]},
    ]
)


def actors_in(text: str) -> list[tuple[str, str]]:
    kept, _ = matcher_for(VOCABULARY, LOCAL_FOLDING).find(text)
    return [(text[h.start : h.end], h.actor_id) for h in kept]


def test_every_alias_in_any_case_and_before_a_possessive_names_the_actor():
    assert actors_in("zelensky’s aides met jared Kushner and ZELENSKIY in Kyiv") == [
        ("zelensky", "volodymyr-zelensky"),
        ("jared Kushner", "jared-kushner"),
        ("ZELENSKIY", "volodymyr-zelensky"),
        ("Kyiv", "ukraine"),
    ]


def test_a_title_only_one_actor_holds_names_it_in_both_word_orders():
    assert actors_in("Ukraine’s president spoke; the President of Ukraine agreed") == [
        ("Ukraine’s president", "volodymyr-zelensky"),
        ("President of Ukraine", "volodymyr-zelensky"),
    ]


def test_a_one_word_title_names_nobody():
    assert actors_in("The President spoke.") == []


def test_short_capital_aliases_match_only_as_written():
    assert actors_in("Let us talk to the UN and the US, un-named.") == [("UN", "un"), ("US", "united-states")]


def test_the_longest_spelling_wins_and_the_names_inside_it_are_kept_as_nested():
    kept, nested = matcher_for(VOCABULARY, LOCAL_FOLDING).find("talks with U.S. envoys")

    assert [(h.actor_id) for h in kept] == ["us-envoys"]
    assert [(h.actor_id) for h in nested] == ["united-states"]


def test_a_state_is_named_by_its_regular_adjective():
    assert demonyms("Ukraine") == ("Ukrainian",)
    assert demonyms("Russia") == ("Russian",)
    assert demonyms("United States") == ()
    assert actors_in("Russian forces pushed on") == [("Russian", "russia")]


def test_suggestions_list_the_actors_named_and_nested():
    (found,) = suggest("Zelenskiy welcomed a dialog with U.S. envoys.", VOCABULARY)

    assert found.actor_ids == ["volodymyr-zelensky", "us-envoys", "united-states"]


def test_names_no_actor_matches_are_mentions_with_offsets():
    text = "The Russian defense ministry reported the capture of Sviato-Pokrovske near Rostov, says UN OCHA."
    kept, _ = matcher_for(VOCABULARY, LOCAL_FOLDING).find(text)

    mentions = find_mentions(text, 0, len(text), kept)

    assert [(m.text, m.kind) for m in mentions] == [
        ("Sviato-Pokrovske", "name"),
        ("Rostov", "name"),
        ("UN OCHA", "name"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_capitals_that_start_a_sentence_or_a_label_are_no_mentions():
    text = "Key Factors: rapid deployment. Stage 3 follows. Ukrainian troops withdrew. The Peace Council met."

    assert [m.text for m in find_mentions(text, 0, len(text), [])] == ["Peace Council"]

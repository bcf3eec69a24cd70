"""/search over analysed text: inflections, spellings, aliases, the thesaurus, whole questions, claim filters
and why each hit matched — on both backends."""

from datetime import date

import pytest
from sqlmodel import Session

from app import models
from app.search import forget_lexicon
from tests.factories import make_actor, make_claim, make_issue, make_source
from tests.helpers import API, invalid_parameter

SOURCE_TEXT = (
    "Zelenskiy said Russian troops withdrew from the city. "
    "The sides exchanged 2,300 POWs. "
    "A demilitarized zone would separate the armies. "
    "Talks on territorial concessions stalled."
)


@pytest.fixture
def analysed(session: Session, client):
    source = make_source(session, id="article", text=SOURCE_TEXT, title="An article")
    make_actor(session, id="zelensky", name="Volodymyr Zelensky", aliases=["Zelenskiy", "Zelenskyy"])
    make_issue(session, id="territory", name="Territory", aliases=["territorial concessions", "land for peace"])
    make_claim(session, id="withdrawal", source=source, quote="Russian troops withdrew from the city",
               statement="Russian troops withdrew from the city.", actor_ids=["zelensky"],
               stated_on=date(2025, 11, 20))  # fmt: skip
    make_claim(session, id="pow-exchange", source=source, quote="The sides exchanged 2,300 POWs",
               statement="The sides exchanged 2,300 POWs.", stated_on=date(2025, 11, 25))  # fmt: skip
    make_claim(session, id="buffer", source=source, quote="A demilitarized zone would separate the armies",
               statement="A demilitarized zone would separate the armies.", issue_ids=["territory"])  # fmt: skip
    session.add(models.ThesaurusEntry(id="prisoner-of-war", terms=["prisoner of war", "POW", "captive"]))
    session.commit()
    forget_lexicon()  # the thesaurus row was written without a revision
    return client


def claim_hits(client, **params) -> list[str]:
    response = client.get(f"{API}/search", params={"kind": "claim", **params})
    assert response.status_code == 200, response.text
    return [hit["id"] for hit in response.json()["items"]]


def test_an_inflected_form_finds_the_irregular_one(analysed):
    assert claim_hits(analysed, q="withdraw") == ["withdrawal"]
    assert claim_hits(analysed, q="withdrawing troops", match="all") == ["withdrawal"]


def test_british_spelling_finds_the_american_one(analysed):
    assert claim_hits(analysed, q="demilitarised") == ["buffer"]


def test_an_actor_alias_finds_every_spelling_and_says_which_alias(analysed):
    response = analysed.get(f"{API}/search", params={"q": "Zelenskyy", "kind": "source"})

    assert [hit["id"] for hit in response.json()["items"]] == ["article"]
    assert response.json()["items"][0]["matched"] == [
        {"query": "Zelenskyy", "found": "Zelenskiy", "via": 'Zelenskyy → "Zelenskiy" (actor zelensky)'}
    ]


def test_the_thesaurus_expands_a_phrase_to_its_abbreviation(analysed):
    response = analysed.get(f"{API}/search", params={"q": "prisoners of war", "kind": "claim"})

    assert [hit["id"] for hit in response.json()["items"]] == ["pow-exchange"]
    assert response.json()["items"][0]["matched"][0]["via"] == ('prisoners war → "POW" (thesaurus prisoner-of-war)')


def test_an_issue_alias_expands_the_query(analysed):
    assert "buffer" not in claim_hits(analysed, q="land for peace")
    found = analysed.get(f"{API}/search", params={"q": "land for peace", "kind": "source"}).json()["items"]
    assert [hit["id"] for hit in found] == ["article"]  # it holds "territorial concessions"


def test_a_whole_question_finds_its_answer_first(analysed):
    assert claim_hits(analysed, q="How many prisoners of war did the sides exchange?")[0] == "pow-exchange"
    assert claim_hits(analysed, q="Which troops withdrew from the city, according to Zelenskiy?")[0] == "withdrawal"


def test_a_question_of_stop_words_only_finds_nothing(analysed):
    response = analysed.get(f"{API}/search", params={"q": "What is it?"})

    assert (response.status_code, response.json()["items"], response.json()["total"]) == (200, [], 0)


def test_match_must_be_any_or_all(analysed):
    response = analysed.get(f"{API}/search", params={"q": "troops", "match": "some"})

    assert response.status_code == 422
    assert [error["name"] for error in response.json()["errors"]] == ["match"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor_id": "zelensky"}, ["withdrawal"]),
        ({"issue_id": "territory"}, ["buffer"]),
        ({"source_id": "article"}, ["buffer", "pow-exchange", "withdrawal"]),
        ({"source_id": "elsewhere"}, []),
        ({"stated_from": "2025-11-21"}, ["pow-exchange"]),
        ({"stated_to": "2025-11-21"}, ["withdrawal"]),
    ],
)
def test_claim_filters_keep_the_claims_that_pass(analysed, filters, expected):
    response = analysed.get(f"{API}/search", params={"q": "troops POWs demilitarized", **filters})

    assert response.status_code == 200
    assert sorted(hit["id"] for hit in response.json()["items"]) == expected
    assert {hit["kind"] for hit in response.json()["items"]} <= {"claim"}


def test_a_reversed_date_range_is_refused_naming_its_end_as_the_claim_list_refuses_it(analysed):
    params = {"q": "troops", "stated_from": "2025-11-25", "stated_to": "2025-11-21"}
    response = analysed.get(f"{API}/search", params=params)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == invalid_parameter(
        f"{API}/search", "stated_to", "must not be before stated_from (2025-11-25)"
    )


def test_a_claim_filter_leaves_out_other_kinds(analysed):
    response = analysed.get(f"{API}/search", params={"q": "POWs", "source_id": "article"})

    assert [(hit["kind"], hit["id"]) for hit in response.json()["items"]] == [("claim", "pow-exchange")]


def test_the_snippet_marks_the_words_as_written(analysed):
    items = analysed.get(f"{API}/search", params={"q": "withdraw", "kind": "claim"}).json()["items"]

    assert items[0]["snippet"] == "Russian troops <mark>withdrew</mark> from the city."

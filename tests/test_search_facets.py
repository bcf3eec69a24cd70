"""/search's counts per kind, its "did you mean" when nothing matched, and claims matched through the actors
they are linked to — on both backends."""

from datetime import date

import pytest
from sqlmodel import Session

from app import models
from app.config import get_settings
from app.services import search as search_service
from tests.factories import make_actor, make_claim, make_source
from tests.helpers import API
from tests.test_keyset import by_offset, offset_order, walk_pages

SOURCE_TEXT = (
    "Zelenskiy said Russian troops withdrew from the city. "
    "The sides exchanged 2,300 POWs. "
    "The Kremlin rejected any ceasefire. "
    "Zelensky met the envoys in Geneva."
)


@pytest.fixture
def linked(session: Session, client):
    source = make_source(session, id="article", text=SOURCE_TEXT, title="An article")
    make_actor(session, id="zelensky", name="Volodymyr Zelensky", aliases=["Zelensky", "Zelenskiy", "Zelenskyy"])
    make_actor(session, id="putin", name="Vladimir Putin", aliases=["Putin"])
    make_claim(session, id="withdrawal", source=source, quote="Russian troops withdrew from the city",
               statement="Russian troops withdrew from the city.", actor_ids=["zelensky"],
               stated_on=date(2025, 11, 20))  # fmt: skip
    make_claim(session, id="pow-exchange", source=source, quote="The sides exchanged 2,300 POWs",
               statement="The sides exchanged 2,300 POWs.")  # fmt: skip
    make_claim(session, id="no-ceasefire", source=source, quote="The Kremlin rejected any ceasefire",
               statement="The Kremlin rejected any ceasefire.", speaker_id="putin")  # fmt: skip
    make_claim(session, id="geneva", source=source, quote="Zelensky met the envoys in Geneva",
               statement="Zelensky met the envoys in Geneva.", actor_ids=["zelensky"])  # fmt: skip
    session.commit()
    return client


def search(client, **params) -> dict:
    response = client.get(f"{API}/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def ids(body: dict) -> list[str]:
    return [hit["id"] for hit in body["items"]]


def test_facets_are_counted_only_when_asked_for(linked):
    assert search(linked, q="troops POWs")["facets"] is None


def test_facets_count_the_matches_of_each_kind(linked):
    body = search(linked, q="troops POWs", facets=True)

    assert body["facets"] == {"kind": {"claim": 2, "source": 1}, "exact": True}


def test_facets_count_every_kind_while_the_page_keeps_one(linked):
    body = search(linked, q="troops POWs", kind="source", facets=True)

    assert ids(body) == ["article"]
    assert body["total"] == 1
    assert body["facets"] == {"kind": {"claim": 2, "source": 1}, "exact": True}


def test_facets_follow_the_claim_filters(linked):
    body = search(linked, q="troops POWs", stated_from="2025-11-01", facets=True)

    assert body["facets"] == {"kind": {"claim": 1}, "exact": True}


def test_facets_stop_counting_at_the_bound_of_total(linked, monkeypatch):
    monkeypatch.setattr(get_settings(), "count_limit", 2)

    body = search(linked, q="troops POWs", limit=1, facets=True)

    assert (body["total"], body["total_exact"]) == (2, False)
    assert sum(body["facets"]["kind"].values()) == 2
    assert body["facets"]["exact"] is False


def test_a_query_that_finds_nothing_is_offered_the_closest_terms(linked):
    body = search(linked, q="Zelenksy", facets=True)

    assert (body["items"], body["total"], body["facets"]) == ([], 0, {"kind": {}, "exact": True})
    suggestions = [(s["query"], s["word"], s["term"]) for s in body["did_you_mean"]]
    assert suggestions[0] == ("zelensky", "Zelenksy", "zelensky")
    assert {term for _, _, term in suggestions} <= {"zelensky", "zelenskiy", "zelenskyy"}
    similarities = [s["similarity"] for s in body["did_you_mean"]]
    assert similarities == sorted(similarities, reverse=True) and similarities[-1] >= 75


def test_did_you_mean_replaces_only_the_unknown_word_in_the_query(linked):
    body = search(linked, q="troops withdrew from the citty", match="all")

    assert body["items"] == []
    assert [(s["query"], s["word"], s["term"]) for s in body["did_you_mean"]] == [
        ("troops withdrew from the city", "citty", "city")
    ]


def test_did_you_mean_is_empty_when_something_matched_or_nothing_is_close(linked):
    assert search(linked, q="troops")["did_you_mean"] == []
    assert search(linked, q="xylophone")["did_you_mean"] == []


def test_a_claim_linked_to_the_actor_the_query_names_matches_and_says_so(linked):
    body = search(linked, q="Zelensky", kind="claim", facets=True)

    # The claim whose text names him ranks first; the one only linked to him follows.
    assert ids(body) == ["geneva", "withdrawal"]
    assert body["items"][1]["matched"] == [
        {"query": "Zelensky", "found": "actor:zelensky", "via": "Zelensky → linked to actor zelensky"}
    ]
    # Named and linked, the first is found once, for both reasons.
    assert body["items"][0]["matched"] == [
        {"query": "Zelensky", "found": "Zelensky", "via": None},
        {"query": "Zelensky", "found": "actor:zelensky", "via": "Zelensky → linked to actor zelensky"},
    ]
    assert body["total"] == 2
    assert body["facets"]["kind"]["claim"] == 2


def test_any_alias_finds_the_linked_claims(linked):
    assert ids(search(linked, q="Zelenskyy", kind="claim")) == ["geneva", "withdrawal"]


def test_the_speaker_of_a_claim_is_linked_to_it(linked):
    body = search(linked, q="Putin", kind="claim")

    assert ids(body) == ["no-ceasefire"]
    assert body["items"][0]["matched"] == [
        {"query": "Putin", "found": "actor:putin", "via": "Putin → linked to actor putin"}
    ]


def test_with_match_all_a_linked_claim_must_hold_the_rest_of_the_query(linked):
    assert ids(search(linked, q="Zelensky troops", kind="claim", match="all")) == ["withdrawal"]
    assert ids(search(linked, q="Zelensky POWs", kind="claim", match="all")) == []


def test_linked_claims_keep_the_claim_filters(linked):
    assert ids(search(linked, q="Zelensky", kind="claim", stated_to="2025-12-01")) == ["withdrawal"]


@pytest.mark.parametrize("limit", [1, 2])
def test_paging_walks_text_and_linked_matches_once_each(linked, monkeypatch, limit):
    monkeypatch.setattr(get_settings(), "count_limit", 2)  # tiers of three: the walk crosses tiers too
    params = {"q": "Zelensky ceasefire"}
    every = offset_order(linked, "/search", **params)

    assert {"withdrawal", "no-ceasefire", "geneva"} <= {item_id for _, item_id in every}
    assert [key for page in walk_pages(linked, "/search", **params, limit=limit) for key in page] == every
    assert by_offset(linked, "/search", limit=limit, **params) == every


def test_a_query_matches_no_more_linked_claims_than_their_bound(linked, session, monkeypatch):
    source = session.get(models.Source, "article")
    make_claim(session, id="pows-again", source=source, quote="The sides exchanged 2,300 POWs",
               statement="The sides exchanged prisoners.", actor_ids=["zelensky"])  # fmt: skip
    session.commit()
    assert ids(search(linked, q="Zelensky", kind="claim")) == ["geneva", "pows-again", "withdrawal"]

    monkeypatch.setattr(search_service, "LINKED_CLAIMS_LIMIT", 2)  # the first two by id: geneva, pows-again

    assert ids(search(linked, q="Zelensky", kind="claim")) == ["geneva", "pows-again"]

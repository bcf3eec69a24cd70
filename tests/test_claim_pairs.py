"""GET /claim-pairs and /claim-pair-counts: relations with both claims and both sources, filtered, weighed, counted."""

import csv
import io
import json
import re

import pytest

from app.models.vocab import RelationType, Reliability
from tests.factories import make_claim, make_issue, make_relation, make_source
from tests.helpers import API, invalid_parameter

PAIRS = f"{API}/claim-pairs"
TEXT_A = "The zones are policed by Ukraine. Nobody decided anything."
TEXT_B = "The zones are under joint oversight. Russia decided everything."


@pytest.fixture
def pairs(client, session):
    """Two sources (graded B and E), two claims in each, three contradictions and one support."""
    make_issue(session, id="territory", name="Territory")
    make_issue(session, id="guarantees", name="Guarantees")
    first = make_source(session, id="source-a", title="A", text=TEXT_A, reliability=Reliability.B)
    second = make_source(session, id="source-b", title="B", text=TEXT_B, reliability=Reliability.E)
    make_claim(session, id="a1", source=first, quote="The zones are policed by Ukraine", credibility=2,
               issue_ids=["territory"])  # fmt: skip
    make_claim(session, id="a2", source=first, quote="Nobody decided anything", credibility=6)
    make_claim(session, id="b1", source=second, quote="The zones are under joint oversight", credibility=4,
               issue_ids=["guarantees"])  # fmt: skip
    make_claim(session, id="b2", source=second, quote="Russia decided everything", credibility=1)
    contradicts = RelationType.contradicts
    make_relation(session, id="r-between", type=contradicts, from_claim_id="a1", to_claim_id="b1", rationale="x")
    make_relation(session, id="r-within", type=contradicts, from_claim_id="a1", to_claim_id="a2", rationale="y")
    make_relation(session, id="r-decided", type=contradicts, from_claim_id="b2", to_claim_id="a2", rationale="z")
    make_relation(session, id="r-support", type=RelationType.supports, from_claim_id="b2", to_claim_id="a1")
    return client


# Per claim: credibility 1 → 5 … 5 → 1, 6 → 0; per source: A → 5 … E → 1, F → 0.
WEIGHTS = {
    "r-between": 4 + 2 + 4 + 1,
    "r-within": 4 + 0 + 4 + 4,
    "r-decided": 5 + 0 + 1 + 4,
    "r-support": 5 + 4 + 1 + 4,
}


def pair_ids(client, **params):
    response = client.get(PAIRS, params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return [pair["id"] for pair in response.json()["items"]]


def test_a_pair_holds_the_relation_both_claims_both_sources_and_its_weight(pairs):
    response = pairs.get(PAIRS, params={"claim_id": "b1"})
    sources = {s["id"]: s for s in pairs.get(f"{API}/sources").json()["items"]}

    assert response.status_code == 200
    assert response.json()["items"] == [
        pairs.get(f"{API}/claim-relations/r-between").json()
        | {
            "weight": WEIGHTS["r-between"],
            "within_source": False,
            "issue_ids": ["guarantees", "territory"],
            "from_claim": pairs.get(f"{API}/claims/a1").json(),
            "to_claim": pairs.get(f"{API}/claims/b1").json(),
            "from_source": sources["source-a"],
            "to_source": sources["source-b"],
        }
    ]


def test_pairs_sorted_by_weight_put_the_best_backed_first(pairs):
    by_weight = sorted(WEIGHTS, key=lambda relation: (-WEIGHTS[relation], relation))

    assert pair_ids(pairs, sort="-weight") == by_weight
    assert pair_ids(pairs, sort="weight") == sorted(WEIGHTS, key=lambda relation: (WEIGHTS[relation], relation))
    assert [p["weight"] for p in pairs.get(PAIRS, params={"sort": "-weight"}).json()["items"]] == [
        WEIGHTS[r] for r in by_weight
    ]


def test_keyset_pages_by_weight_walk_every_pair_once_in_order(pairs):
    url, seen = f"{PAIRS}?sort=-weight&after=&limit=1", []
    while url:
        response = pairs.get(url)
        assert response.status_code == 200
        seen += [pair["id"] for pair in response.json()["items"]]
        found = re.search(r'<([^>]+)>; rel="next"', response.headers["link"])
        url = found.group(1) if found else None

    assert seen == pair_ids(pairs, sort="-weight")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "contradicts"}, ["r-between", "r-decided", "r-within"]),
        ({"type": "supports"}, ["r-support"]),
        ({"claim_id": "a2"}, ["r-decided", "r-within"]),
        ({"issue_id": "territory"}, ["r-between", "r-support", "r-within"]),
        ({"issue_id": "guarantees"}, ["r-between"]),
        ({"source_id": "source-b"}, ["r-between", "r-decided", "r-support"]),
        ({"source_id": ["source-b", "source-a"]}, ["r-between", "r-decided", "r-support"]),
        ({"source_id": ["source-a", "source-a"]}, ["r-within"]),
        ({"scope": "within"}, ["r-within"]),
        ({"scope": "between", "type": "contradicts"}, ["r-between", "r-decided"]),
        ({"scope": "within", "source_id": "source-b"}, []),
    ],
)
def test_pairs_are_filtered_by_type_claim_issue_sources_and_scope(pairs, params, expected):
    assert pair_ids(pairs, **params) == expected


def test_more_than_two_sources_are_rejected(pairs):
    response = pairs.get(PAIRS, params={"source_id": ["source-a", "source-b", "source-c"]})

    assert response.status_code == 422
    assert response.json() == invalid_parameter(
        PAIRS, "source_id", "give one source, or two for the pairs between them"
    )


def test_one_pair_is_the_listed_pair_and_an_unknown_one_is_404(pairs):
    listed = pairs.get(PAIRS, params={"claim_id": "b1"}).json()["items"][0]

    response = pairs.get(f"{PAIRS}/r-between")
    missing = pairs.get(f"{PAIRS}/nope")

    assert response.status_code == 200
    assert response.json() == listed
    assert response.headers["etag"]
    assert missing.status_code == 404
    assert missing.json()["detail"] == "No claim relation with id 'nope'."


def test_counts_of_pairs_per_pair_of_sources_and_per_issue(pairs):
    sources = pairs.get(f"{API}/sources").json()["items"]

    response = pairs.get(f"{API}/claim-pair-counts", params={"type": "contradicts"})

    assert response.status_code == 200
    assert response.json() == {
        "total": 3,
        "source_pairs": [
            {"source_ids": ["source-a", "source-b"], "count": 2},
            {"source_ids": ["source-a", "source-a"], "count": 1},
        ],
        "issues": [{"issue_id": "territory", "count": 2}, {"issue_id": "guarantees", "count": 1}],
        "sources": sources,
    }


def test_counts_of_one_issue_count_only_its_pairs(pairs):
    response = pairs.get(f"{API}/claim-pair-counts", params={"issue_id": "guarantees"})

    assert response.status_code == 200
    assert response.json()["total"] == 1
    assert response.json()["source_pairs"] == [{"source_ids": ["source-a", "source-b"], "count": 1}]
    assert response.json()["issues"] == [{"issue_id": "guarantees", "count": 1}, {"issue_id": "territory", "count": 1}]


def test_counts_of_an_empty_knowledge_base_are_zero(client):
    response = client.get(f"{API}/claim-pair-counts")

    assert response.status_code == 200
    assert response.json() == {"total": 0, "source_pairs": [], "issues": [], "sources": []}


def test_seeded_envoy_contradiction_is_a_pair_between_the_praise_and_breaking_articles(kb):
    contradictions = kb.get(f"{API}/claim-relations", params={"type": "contradicts", "limit": 500}).json()["total"]
    between = pair_ids(
        kb, type="contradicts", source_id=["zelensky-praise-us-envoys-blueprint", "breaking-zelenskiy-hails-momentum"]
    )
    summary = kb.get(f"{API}/claim-pair-counts", params={"type": "contradicts"}).json()

    assert "us-envoys-identity-conflict" in between
    assert summary["total"] == contradictions
    assert sum(cell["count"] for cell in summary["source_pairs"]) == contradictions
    assert len(between) == next(
        cell["count"] for cell in summary["source_pairs"]
        if set(cell["source_ids"]) == {"zelensky-praise-us-envoys-blueprint", "breaking-zelenskiy-hails-momentum"}
    )  # fmt: skip


def test_pairs_as_csv_carry_each_embedded_claim_and_source_as_one_json_cell(pairs):
    response = pairs.get(f"{PAIRS}.csv", params={"claim_id": "b1"})
    (row,) = csv.DictReader(io.StringIO(response.text))

    assert response.status_code == 200
    assert row["id"] == "r-between" and row["weight"] == str(WEIGHTS["r-between"])
    assert json.loads(row["from_claim"]) == pairs.get(f"{API}/claims/a1").json()
    assert json.loads(row["to_source"])["id"] == "source-b"

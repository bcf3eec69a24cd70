"""/claim-relations and /claims/{id}/relations: contradictions, support and updates between claims."""

import pytest

from tests.helpers import API, assert_sorted_by, not_found, page_ids, rejected_names

RELATION_SORTS = ["id", "-id", "type", "-type"]
ALL_RELATIONS = ["envoy-supports-basis", "kremlin-contradicts-reuters", "later-estimate-updates"]


def test_get_claim_relation_returns_both_ends_and_the_rationale(world):
    response = world.get(f"{API}/claim-relations/kremlin-contradicts-reuters")

    assert response.status_code == 200
    assert response.json() == {
        "id": "kremlin-contradicts-reuters",
        "type": "contradicts",
        "from_claim_id": "russia-claims-80-donetsk",
        "to_claim_id": "russia-controls-75-donetsk",
        "rationale": "80% against about 75% of Donetsk.",
    }


def test_list_claim_relations_answers_every_relation(world):
    response = world.get(f"{API}/claim-relations", params={"type": "supports"})

    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "id": "envoy-supports-basis",
                "type": "supports",
                "from_claim_id": "envoy-calls-talks-productive",
                "to_claim_id": "plan-basis-for-settlement",
                "rationale": "Both treat the plan as workable.",
            }
        ],
        "total": 1,
        "total_exact": True,
        "limit": 50,
        "offset": 0,
    }


@pytest.mark.parametrize(
    ("path", "label"),
    [("/claim-relations/nope", "claim relation"), ("/claims/nope/relations", "claim")],
)
def test_relation_routes_answer_404_problem_for_an_unknown_id(world, path, label):
    response = world.get(f"{API}{path}")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == not_found(f"{API}{path}", label, "nope")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL_RELATIONS),
        ({"type": "contradicts"}, ["kremlin-contradicts-reuters"]),
        ({"claim_id": "russia-controls-75-donetsk"}, ["kremlin-contradicts-reuters", "later-estimate-updates"]),
        ({"claim_id": "envoy-calls-talks-productive"}, ["envoy-supports-basis"]),
        ({"claim_id": "article-5-guarantees-reviewed"}, []),
        ({"from_claim_id": "russia-claims-80-donetsk"}, ["kremlin-contradicts-reuters", "later-estimate-updates"]),
        ({"from_claim_id": "russia-controls-75-donetsk"}, []),
        ({"to_claim_id": "plan-basis-for-settlement"}, ["envoy-supports-basis"]),
        ({"type": "updates", "claim_id": "russia-controls-75-donetsk"}, ["later-estimate-updates"]),
    ],
)
def test_list_claim_relations_filters(world, params, expected):
    assert page_ids(world, "/claim-relations", **params) == (expected, len(expected))


@pytest.mark.parametrize("path", ["/claim-relations", "/claims/russia-controls-75-donetsk/relations"])
def test_relation_lists_reject_an_unknown_type(world, path):
    assert rejected_names(world.get(f"{API}{path}", params={"type": "refutes"})) == ["type"]


@pytest.mark.parametrize("sort", RELATION_SORTS)
def test_list_claim_relations_sorts_by_each_offered_field(world, sort):
    assert_sorted_by(world, "/claim-relations", sort)


@pytest.mark.parametrize(
    ("q", "expected"),
    [("workable", ["envoy-supports-basis"]), ("Kremlin estimate", ["later-estimate-updates"]), ("hoax", [])],
)
def test_list_claim_relations_full_text_filter_searches_rationales(world, q, expected):
    assert page_ids(world, "/claim-relations", q=q) == (expected, len(expected))


@pytest.mark.parametrize(
    ("claim_id", "params", "expected"),
    [
        ("russia-controls-75-donetsk", {}, ["kremlin-contradicts-reuters", "later-estimate-updates"]),
        ("russia-claims-80-donetsk", {}, ["kremlin-contradicts-reuters", "later-estimate-updates"]),
        ("russia-controls-75-donetsk", {"type": "updates"}, ["later-estimate-updates"]),
        ("russia-controls-75-donetsk", {"sort": "-type"}, ["later-estimate-updates", "kremlin-contradicts-reuters"]),
        ("plan-basis-for-settlement", {}, ["envoy-supports-basis"]),
        ("article-5-guarantees-reviewed", {}, []),
    ],
)
def test_list_relations_of_a_claim_answers_those_at_either_end(world, claim_id, params, expected):
    assert page_ids(world, f"/claims/{claim_id}/relations", **params) == (expected, len(expected))


def test_claim_relations_agree_with_the_relations_embedded_in_claims(world):
    relations = world.get(f"{API}/claim-relations").json()["items"]
    embedded = {
        (r["relation_id"], c["id"], r["direction"], r["claim_id"])
        for c in world.get(f"{API}/claims").json()["items"]
        for r in c["relations"]
    }

    assert embedded == {
        (r["id"], own, direction, other)
        for r in relations
        for own, direction, other in (
            (r["from_claim_id"], "outgoing", r["to_claim_id"]),
            (r["to_claim_id"], "incoming", r["from_claim_id"]),
        )
    }

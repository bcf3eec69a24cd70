"""/issues and /positions: the disputed issues, and the stances actors take on issues, plans and points."""

import pytest

from tests.helpers import API, assert_sorted_by, csv_rows, not_found, page_ids, rejected_names

ISSUE_SORTS = ["id", "-id", "name", "-name"]
POSITION_SORTS = ["id", "-id", "actor_id", "-actor_id", "stance", "-stance", "issue_id", "-issue_id"]


def test_get_issue_returns_the_issue(world):
    response = world.get(f"{API}/issues/territory")

    assert response.status_code == 200
    assert response.json() == {"id": "territory", "name": "Territory", "description": "Who holds Donetsk and Luhansk."}


def test_list_issues_answers_every_issue(world):
    response = world.get(f"{API}/issues", params={"limit": 2, "offset": 1})

    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {"id": "sanctions", "name": "Sanctions relief", "description": None},
            {"id": "territory", "name": "Territory", "description": "Who holds Donetsk and Luhansk."},
        ],
        "total": 3,
        "total_exact": True,
        "limit": 2,
        "offset": 1,
    }


@pytest.mark.parametrize("sort", ISSUE_SORTS)
def test_list_issues_sorts_by_each_offered_field(world, sort):
    assert_sorted_by(world, "/issues", sort)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Donetsk", ["territory"]),  # in the description
        ("guarantees", ["guarantees"]),
        ("relief", ["sanctions"]),
        ("elections", []),
    ],
)
def test_list_issues_full_text_filter_searches_names_and_descriptions(world, q, expected):
    assert page_ids(world, "/issues", q=q) == (expected, len(expected))


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/issues/nope", "issue"),
        ("/issues/nope/positions", "issue"),
        ("/issues/nope/claims", "issue"),
        ("/issues/nope/plan-points", "issue"),
        ("/positions/nope", "position"),
    ],
)
def test_issue_and_position_routes_answer_404_problem_for_an_unknown_id(world, path, label):
    response = world.get(f"{API}{path}")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == not_found(f"{API}{path}", label, "nope")


@pytest.mark.parametrize(
    ("path", "params", "expected"),
    [
        ("/issues/territory/positions", {}, ["buffer-zone-rejected"]),
        ("/issues/guarantees/positions", {}, ["guarantees-with-conditions"]),
        ("/issues/territory/positions", {"stance": "opposes"}, ["buffer-zone-rejected"]),
        ("/issues/territory/positions", {"stance": "supports"}, []),
        ("/issues/territory/claims", {}, ["russia-claims-80-donetsk", "russia-controls-75-donetsk"]),
        (
            "/issues/territory/claims",
            {"sort": "credibility"},
            ["russia-controls-75-donetsk", "russia-claims-80-donetsk"],
        ),
        ("/issues/sanctions/claims", {}, []),
        ("/issues/guarantees/plan-points", {}, ["article-5-guarantees"]),
        ("/issues/territory/plan-points", {}, ["donetsk-buffer-zone"]),
    ],
)
def test_issue_sub_collections_list_positions_claims_and_plan_points(world, path, params, expected):
    assert page_ids(world, path, **params) == (expected, len(expected))


def test_issue_positions_rejects_an_unknown_stance(world):
    assert rejected_names(world.get(f"{API}/issues/territory/positions", params={"stance": "maybe"})) == ["stance"]


def test_get_position_returns_its_targets_and_the_claims_behind_it(world):
    response = world.get(f"{API}/positions/buffer-zone-rejected")

    assert response.status_code == 200
    assert response.json() == {
        "id": "buffer-zone-rejected",
        "actor_id": "ukraine",
        "stance": "opposes",
        "summary": "Ukraine rejects a demilitarised zone in Donetsk.",
        "issue_id": "territory",
        "plan_id": None,
        "plan_point_id": "donetsk-buffer-zone",
        "claim_ids": ["russia-controls-75-donetsk"],
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["buffer-zone-rejected", "guarantees-with-conditions", "sanctions-undecided", "twenty-point-backed"]),
        ({"actor_id": "russia"}, ["guarantees-with-conditions"]),
        ({"actor_id": "zelensky"}, []),
        ({"issue_id": "sanctions"}, ["sanctions-undecided"]),
        ({"plan_id": "twenty-point"}, ["twenty-point-backed"]),
        ({"plan_point_id": "donetsk-buffer-zone"}, ["buffer-zone-rejected"]),
        ({"stance": "conditional"}, ["guarantees-with-conditions"]),
        ({"claim_id": "plan-basis-for-settlement"}, ["guarantees-with-conditions"]),
        ({"claim_id": "russia-claims-80-donetsk"}, []),
        ({"issue_id": "territory", "stance": "opposes"}, ["buffer-zone-rejected"]),
        ({"issue_id": "territory", "actor_id": "usa"}, []),
    ],
)
def test_list_positions_filters(world, params, expected):
    assert page_ids(world, "/positions", **params) == (expected, len(expected))


def test_list_positions_rejects_an_unknown_stance(world):
    assert rejected_names(world.get(f"{API}/positions", params={"stance": "neutral"})) == ["stance"]


@pytest.mark.parametrize("sort", POSITION_SORTS)
def test_list_positions_sorts_by_each_offered_field(world, sort):
    assert_sorted_by(world, "/positions", sort)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("NATO", ["guarantees-with-conditions"]),
        ("lifted", ["sanctions-undecided"]),
        ("demilitarised Donetsk", ["buffer-zone-rejected"]),
        ("ceasefire", []),
    ],
)
def test_list_positions_full_text_filter_searches_summaries(world, q, expected):
    assert page_ids(world, "/positions", q=q) == (expected, len(expected))


def test_list_positions_csv_carries_the_backing_claim_ids(world):
    rows = csv_rows(world.get(f"{API}/positions.csv", params={"actor_id": "usa"}))

    assert rows == [
        {
            "id": "twenty-point-backed",
            "actor_id": "usa",
            "stance": "supports",
            "summary": "The United States backs the revised plan.",
            "issue_id": "",
            "plan_id": "twenty-point",
            "plan_point_id": "",
            "claim_ids": "envoy-calls-talks-productive",
        }
    ]

"""/plans and /plan-points: peace plans, their points in source order, and what is said about them."""

import pytest

from tests.helpers import API, assert_sorted_by, csv_rows, invalid_parameter, not_found, page_ids, rejected_names

PLAN_SORTS = ["id", "-id", "name", "-name", "announced_on", "-announced_on", "status", "-status"]
PLAN_POINT_SORTS = [
    "id",
    "-id",
    "plan_id",
    "-plan_id",
    "sequence",
    "-sequence",
    "ordinal",
    "-ordinal",
    "category",
    "-category",
]
TWENTY_POINT_POINTS = ["ceasefire-line", "article-5-guarantees", "guarantee-review"]
US_DRAFT_POINTS = ["donetsk-buffer-zone", "sanctions-relief"]


def test_get_plan_returns_its_proposers_and_the_plan_it_supersedes(world):
    response = world.get(f"{API}/plans/twenty-point")

    assert response.status_code == 200
    assert response.json() == {
        "id": "twenty-point",
        "name": "Revised 20-point plan",
        "status": "under_negotiation",
        "announced_on": "2025-11-30",
        "description": None,
        "supersedes_id": "us-draft",
        "source_id": "reuters-geneva",
        "proposer_ids": ["ukraine", "usa"],
    }


def test_list_plans_answers_every_plan(world):
    response = world.get(f"{API}/plans", params={"status": "proposed"})

    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "id": "counter-proposal",
                "name": "European counter-proposal",
                "status": "proposed",
                "announced_on": None,
                "description": "Europe's answer to the 28-point draft.",
                "supersedes_id": None,
                "source_id": None,
                "proposer_ids": ["coalition"],
            }
        ],
        "total": 1,
        "total_exact": True,
        "limit": 50,
        "offset": 0,
    }


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/plans/nope", "plan"),
        ("/plans/nope/points", "plan"),
        ("/plans/nope/positions", "plan"),
        ("/plan-points/nope", "plan point"),
        ("/plan-points/nope/claims", "plan point"),
        ("/plan-points/nope/positions", "plan point"),
    ],
)
def test_plan_routes_answer_404_problem_for_an_unknown_id(world, path, label):
    response = world.get(f"{API}{path}")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == not_found(f"{API}{path}", label, "nope")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["counter-proposal", "twenty-point", "us-draft"]),
        ({"status": "superseded"}, ["us-draft"]),
        ({"status": "accepted"}, []),
        ({"actor_id": "usa"}, ["twenty-point", "us-draft"]),
        ({"actor_id": "coalition"}, ["counter-proposal"]),
        ({"actor_id": "russia"}, []),
        ({"announced_from": "2025-11-25"}, ["twenty-point"]),
        ({"announced_to": "2025-11-25"}, ["us-draft"]),
        ({"announced_from": "2025-11-20", "announced_to": "2025-11-30"}, ["twenty-point", "us-draft"]),
        ({"actor_id": "usa", "status": "under_negotiation"}, ["twenty-point"]),
    ],
)
def test_list_plans_filters(world, params, expected):
    assert page_ids(world, "/plans", **params) == (expected, len(expected))


def test_list_plans_rejects_an_unknown_status(world):
    assert rejected_names(world.get(f"{API}/plans", params={"status": "signed"})) == ["status"]


def test_list_plans_rejects_a_reversed_announced_range_naming_announced_to(world):
    response = world.get(f"{API}/plans", params={"announced_from": "2025-11-30", "announced_to": "2025-11-20"})

    assert response.status_code == 422
    assert response.json() == invalid_parameter(
        f"{API}/plans", "announced_to", "must not be before announced_from (2025-11-30)"
    )


@pytest.mark.parametrize("sort", PLAN_SORTS)
def test_list_plans_sorts_by_each_offered_field(world, sort):
    assert_sorted_by(world, "/plans", sort)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Revised", ["twenty-point"]),
        ("28-point", ["counter-proposal", "us-draft"]),  # a name, and a description
        ("European", ["counter-proposal"]),
        ("armistice", []),
    ],
)
def test_list_plans_full_text_filter_searches_names_and_descriptions(world, q, expected):
    found, total = page_ids(world, "/plans", q=q)

    assert (sorted(found), total) == (expected, len(expected))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/plans/twenty-point/points", TWENTY_POINT_POINTS),
        ("/plans/us-draft/points", US_DRAFT_POINTS),
        ("/plans/counter-proposal/points", []),
        ("/plans/twenty-point/positions", ["twenty-point-backed"]),
        ("/plans/us-draft/positions", []),  # positions on its points are not positions on the plan
    ],
)
def test_plan_sub_collections_list_its_points_in_source_order_and_its_positions(world, path, expected):
    assert page_ids(world, path) == (expected, len(expected))


def test_list_plan_points_of_plan_sorts(world):
    assert page_ids(world, "/plans/twenty-point/points", sort="-sequence") == (TWENTY_POINT_POINTS[::-1], 3)


def test_get_plan_point_returns_the_issues_it_touches(world):
    response = world.get(f"{API}/plan-points/article-5-guarantees")

    assert response.status_code == 200
    assert response.json() == {
        "id": "article-5-guarantees",
        "plan_id": "twenty-point",
        "parent_id": None,
        "ordinal": 2,
        "sequence": 2,
        "text": "Security guarantees mirroring Article 5.",
        "category": "security_guarantees",
        "issue_ids": ["guarantees"],
    }


def test_list_plan_points_answers_plan_by_plan_in_source_order(world):
    assert page_ids(world, "/plan-points") == (TWENTY_POINT_POINTS + US_DRAFT_POINTS, 5)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"plan_id": "us-draft"}, US_DRAFT_POINTS),
        ({"category": "security_guarantees"}, ["article-5-guarantees", "guarantee-review"]),
        ({"category": "nuclear"}, []),
        ({"issue_id": "territory"}, ["donetsk-buffer-zone"]),
        ({"issue_id": "guarantees"}, ["article-5-guarantees"]),
        ({"parent_id": "article-5-guarantees"}, ["guarantee-review"]),
        ({"plan_id": "us-draft", "category": "economy"}, ["sanctions-relief"]),
    ],
)
def test_list_plan_points_filters(world, params, expected):
    assert page_ids(world, "/plan-points", **params) == (expected, len(expected))


def test_list_plan_points_rejects_an_unknown_category(world):
    assert rejected_names(world.get(f"{API}/plan-points", params={"category": "weather"})) == ["category"]


@pytest.mark.parametrize("sort", PLAN_POINT_SORTS)
def test_list_plan_points_sorts_by_each_offered_field(world, sort):
    assert_sorted_by(world, "/plan-points", sort)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("guarantees", ["article-5-guarantees", "guarantee-review"]),
        ("Donetsk buffer", ["donetsk-buffer-zone"]),
        ("referendum", []),
    ],
)
def test_list_plan_points_full_text_filter_searches_point_texts(world, q, expected):
    found, total = page_ids(world, "/plan-points", q=q)

    assert (sorted(found), total) == (expected, len(expected))


def test_list_plan_points_csv_joins_issue_ids(world):
    rows = csv_rows(world.get(f"{API}/plan-points.csv", params={"plan_id": "us-draft"}))

    assert [(row["id"], row["sequence"], row["ordinal"], row["issue_ids"]) for row in rows] == [
        ("donetsk-buffer-zone", "1", "21", "territory"),
        ("sanctions-relief", "2", "14", "sanctions"),
    ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/plan-points/donetsk-buffer-zone/claims", ["russia-controls-75-donetsk"]),
        ("/plan-points/article-5-guarantees/claims", ["article-5-guarantees-reviewed"]),
        ("/plan-points/guarantee-review/claims", []),
        ("/plan-points/donetsk-buffer-zone/positions", ["buffer-zone-rejected"]),
        ("/plan-points/sanctions-relief/positions", ["sanctions-undecided"]),
        ("/plan-points/ceasefire-line/positions", []),
    ],
)
def test_plan_point_sub_collections_list_its_claims_and_positions(world, path, expected):
    assert page_ids(world, path) == (expected, len(expected))

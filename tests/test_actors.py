"""/actors: people, states and organisations with their aliases and stated roles, and what they say and do."""

import json

import pytest

from tests.helpers import API, assert_sorted_by, csv_rows, not_found, page_ids, rejected_names

ACTOR_SORTS = ["id", "-id", "name", "-name", "kind", "-kind"]


def test_get_actor_returns_aliases_affiliation_and_the_roles_claims_state(world):
    response = world.get(f"{API}/actors/witkoff")

    assert response.status_code == 200
    assert response.json() == {
        "id": "witkoff",
        "name": "Steve Witkoff",
        "kind": "person",
        "description": "US special envoy.",
        "affiliation_id": "usa",
        "aliases": ["Witkoff"],
        "roles": [{"role": "special envoy", "claim_id": "envoy-calls-talks-productive", "source_id": "reuters-geneva"}],
    }


def test_list_actors_answers_every_actor_with_roles(world):
    response = world.get(f"{API}/actors", params={"kind": "state", "limit": 2})

    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "id": "russia",
                "name": "Russia",
                "kind": "state",
                "description": None,
                "affiliation_id": None,
                "aliases": [],
                "roles": [],
            },
            {
                "id": "ukraine",
                "name": "Ukraine",
                "kind": "state",
                "description": None,
                "affiliation_id": None,
                "aliases": [],
                "roles": [],
            },
        ],
        "total": 3,
        "total_exact": True,
        "limit": 2,
        "offset": 0,
    }


def test_get_actor_answers_404_problem_for_an_unknown_id(world):
    response = world.get(f"{API}/actors/nobody")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == not_found(f"{API}/actors/nobody", "actor", "nobody")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["coalition", "russia", "ukraine", "usa", "witkoff", "zelensky"]),
        ({"kind": "person"}, ["witkoff", "zelensky"]),
        ({"kind": "organisation"}, ["coalition"]),
        ({"kind": "body"}, []),
        ({"affiliation_id": "usa"}, ["witkoff"]),
        ({"affiliation_id": "ukraine", "kind": "state"}, []),
    ],
)
def test_list_actors_filters(world, params, expected):
    assert page_ids(world, "/actors", **params) == (expected, len(expected))


def test_list_actors_rejects_an_unknown_kind(world):
    assert rejected_names(world.get(f"{API}/actors", params={"kind": "alien"})) == ["kind"]


@pytest.mark.parametrize("sort", ACTOR_SORTS)
def test_list_actors_sorts_by_each_offered_field(world, sort):
    assert_sorted_by(world, "/actors", sort)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Zelenskyy", ["zelensky"]),
        ("zelenskiy", ["zelensky"]),
        ("Volodymyr", ["zelensky"]),
        ("U.S.", ["usa"]),
        ("envoy", ["witkoff"]),
        ("Putin", []),
    ],
)
def test_list_actors_full_text_filter_searches_names_aliases_and_descriptions(world, q, expected):
    assert page_ids(world, "/actors", q=q) == (expected, len(expected))


def test_list_actors_csv_joins_aliases_and_carries_roles_as_json(world):
    rows = csv_rows(world.get(f"{API}/actors.csv", params={"kind": "person"}))

    assert [(row["id"], row["aliases"]) for row in rows] == [
        ("witkoff", "Witkoff"),
        ("zelensky", "Zelenskyy;Zelenskiy"),
    ]
    assert json.loads(rows[0]["roles"]) == [
        {"role": "special envoy", "claim_id": "envoy-calls-talks-productive", "source_id": "reuters-geneva"}
    ]
    assert rows[1]["roles"] == ""  # an empty list is an empty cell, whatever it would hold


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # claims about the actor or spoken by it
        (
            "/actors/russia/claims",
            ["plan-basis-for-settlement", "russia-claims-80-donetsk", "russia-controls-75-donetsk"],
        ),
        ("/actors/witkoff/claims", ["envoy-calls-talks-productive"]),
        ("/actors/zelensky/claims", []),
        ("/actors/usa/positions", ["twenty-point-backed"]),
        ("/actors/coalition/positions", ["sanctions-undecided"]),
        ("/actors/zelensky/positions", []),
        ("/actors/ukraine/events", ["geneva-talks"]),
        ("/actors/witkoff/events", ["miami-call"]),
        ("/actors/coalition/events", []),
    ],
)
def test_actor_sub_collections_list_what_concerns_the_actor(world, path, expected):
    assert page_ids(world, path) == (expected, len(expected))


@pytest.mark.parametrize(
    ("path", "sort", "expected"),
    [
        (
            "/actors/russia/claims",
            "-stated_on",
            ["russia-claims-80-donetsk", "russia-controls-75-donetsk", "plan-basis-for-settlement"],
        ),
        ("/actors/usa/events", "-occurred_on", ["geneva-talks"]),
        ("/actors/russia/positions", "-stance", ["guarantees-with-conditions"]),
    ],
)
def test_actor_sub_collections_sort(world, path, sort, expected):
    assert page_ids(world, path, sort=sort) == (expected, len(expected))


@pytest.mark.parametrize("sub", ["claims", "positions", "events"])
def test_actor_sub_collections_answer_404_for_an_unknown_actor(world, sub):
    response = world.get(f"{API}/actors/nobody/{sub}")

    assert response.status_code == 404
    assert response.json() == not_found(f"{API}/actors/nobody/{sub}", "actor", "nobody")

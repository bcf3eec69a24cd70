"""/events: dated or datable happenings, the actors in them and the claims that report them."""

import pytest

from tests.helpers import API, assert_sorted_by, invalid_parameter, not_found, page_ids, rejected_names

EVENT_SORTS = ["id", "-id", "occurred_on", "-occurred_on", "kind", "-kind", "title", "-title"]


def test_get_event_returns_its_actors_and_reporting_claims(world):
    response = world.get(f"{API}/events/geneva-talks")

    assert response.status_code == 200
    assert response.json() == {
        "id": "geneva-talks",
        "title": "Geneva talks",
        "kind": "talks",
        "occurred_on": "2025-11-23",
        "date_note": None,
        "location": "Geneva",
        "description": None,
        "actor_ids": ["ukraine", "usa"],
        "claim_ids": ["envoy-calls-talks-productive", "russia-controls-75-donetsk"],
    }


def test_list_events_gives_undated_events_the_sources_words(world):
    response = world.get(f"{API}/events", params={"kind": "call"})

    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "id": "miami-call",
                "title": "Call from Miami",
                "kind": "call",
                "occurred_on": None,
                "date_note": "late November",
                "location": None,
                "description": None,
                "actor_ids": ["witkoff"],
                "claim_ids": [],
            }
        ],
        "total": 1,
        "total_exact": True,
        "limit": 50,
        "offset": 0,
    }


@pytest.mark.parametrize("path", ["/events/nope", "/events/nope/claims"])
def test_event_routes_answer_404_problem_for_an_unknown_id(world, path):
    response = world.get(f"{API}{path}")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == not_found(f"{API}{path}", "event", "nope")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["geneva-talks", "miami-call", "strike-on-kyiv"]),
        ({"kind": "strike"}, ["strike-on-kyiv"]),
        ({"kind": "evacuation"}, []),
        ({"actor_id": "usa"}, ["geneva-talks"]),
        ({"actor_id": "russia"}, ["strike-on-kyiv"]),
        ({"claim_id": "russia-controls-75-donetsk"}, ["geneva-talks"]),
        ({"claim_id": "plan-basis-for-settlement"}, []),
        ({"occurred_from": "2025-11-24"}, ["strike-on-kyiv"]),
        ({"occurred_to": "2025-11-24"}, ["geneva-talks"]),
        ({"occurred_from": "2025-11-23", "occurred_to": "2025-11-25"}, ["geneva-talks", "strike-on-kyiv"]),
        ({"kind": "talks", "actor_id": "russia"}, []),
    ],
)
def test_list_events_filters(world, params, expected):
    assert page_ids(world, "/events", **params) == (expected, len(expected))


@pytest.mark.parametrize(("params", "name"), [({"kind": "riot"}, "kind"), ({"occurred_from": "soon"}, "occurred_from")])
def test_list_events_rejects_malformed_filters(world, params, name):
    assert rejected_names(world.get(f"{API}/events", params=params)) == [name]


def test_list_events_rejects_a_reversed_occurred_range_naming_occurred_to(world):
    response = world.get(f"{API}/events", params={"occurred_from": "2025-11-25", "occurred_to": "2025-11-23"})

    assert response.status_code == 422
    assert response.json() == invalid_parameter(
        f"{API}/events", "occurred_to", "must not be before occurred_from (2025-11-25)"
    )


@pytest.mark.parametrize("sort", EVENT_SORTS)
def test_list_events_sorts_by_each_offered_field(world, sort):
    assert_sorted_by(world, "/events", sort)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Miami", ["miami-call"]),
        ("November", ["miami-call"]),  # in the date note
        ("Kyiv", ["strike-on-kyiv"]),
        ("Geneva", ["geneva-talks"]),
        ("Istanbul", []),
    ],
)
def test_list_events_full_text_filter_searches_titles_notes_and_locations(world, q, expected):
    assert page_ids(world, "/events", q=q) == (expected, len(expected))


@pytest.mark.parametrize(
    ("path", "params", "expected"),
    [
        ("/events/geneva-talks/claims", {}, ["envoy-calls-talks-productive", "russia-controls-75-donetsk"]),
        (
            "/events/geneva-talks/claims",
            {"sort": "-id"},
            ["russia-controls-75-donetsk", "envoy-calls-talks-productive"],
        ),
        ("/events/strike-on-kyiv/claims", {}, []),
    ],
)
def test_list_event_claims_answers_the_claims_that_report_it(world, path, params, expected):
    assert page_ids(world, path, **params) == (expected, len(expected))

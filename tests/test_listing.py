"""Behaviour every list shares: the page envelope, limit/offset bounds, Link headers, sorting and CSV."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from app.config import get_settings
from tests.factories import make_issue
from tests.helpers import API, COLLECTIONS, csv_rows, ids, invalid_parameter, rejected_names

SUB_COLLECTIONS = [
    "/actors/russia/claims",
    "/actors/usa/positions",
    "/actors/ukraine/events",
    "/sources/reuters-geneva/claims",
    "/plans/twenty-point/points",
    "/plans/twenty-point/positions",
    "/plan-points/donetsk-buffer-zone/claims",
    "/plan-points/donetsk-buffer-zone/positions",
    "/issues/territory/positions",
    "/issues/territory/claims",
    "/issues/guarantees/plan-points",
    "/events/geneva-talks/claims",
    "/claims/russia-controls-75-donetsk/relations",
]
SORTABLE = COLLECTIONS + SUB_COLLECTIONS
EVERY_LIST = [*SORTABLE, "/search?q=donetsk"]


def get(client, path: str, *, headers: dict | None = None, suffix: str = "", **params):
    """GET a list path that may carry required parameters of its own (``/search?q=…``), adding ``params``;
    ``suffix`` asks for another format of it (``.csv``)."""
    url = urlsplit(path)
    return client.get(f"{API}{url.path}{suffix}", params={**parse_qs(url.query), **params}, headers=headers)


def links(response) -> dict[str, dict[str, list[str]]]:
    """The Link header as rel → query parameters of its URL."""
    return {rel: parse_qs(urlsplit(link["url"]).query) for rel, link in response.links.items()}


@pytest.mark.parametrize("path", EVERY_LIST)
def test_list_answers_the_page_envelope_with_default_paging(world, path):
    response = get(world, path)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    search_only = {"facets", "did_you_mean"} if path.startswith("/search") else set()  # app/services/search.py
    assert set(body) == {"items", "total", "total_exact", "limit", "offset"} | search_only
    assert (body["limit"], body["offset"]) == (50, 0)
    assert body["total"] == len(body["items"]) > 0
    assert set(response.links) == {"first"}


def test_list_defaults_to_fifty_items_and_links_the_next_page(client, session):
    for n in range(51):
        make_issue(session, id=f"issue-{n:02}", name=f"Issue {n}")

    response = client.get(f"{API}/issues")

    assert response.status_code == 200
    body = response.json()
    assert (body["total"], body["limit"], body["offset"], len(body["items"])) == (51, 50, 0, 50)
    assert links(response) == {
        "first": {"offset": ["0"], "limit": ["50"]},
        "next": {"offset": ["50"], "limit": ["50"]},
    }
    assert ids(client.get(response.links["next"]["url"])) == ["issue-50"]


def test_list_accepts_the_largest_limit(world):
    response = world.get(f"{API}/claims", params={"limit": 500})

    assert response.status_code == 200
    assert response.json()["limit"] == 500


@pytest.mark.parametrize("path", EVERY_LIST)
@pytest.mark.parametrize(
    ("limit", "reason"),
    [
        ("0", "Input should be greater than or equal to 1"),
        ("501", "Input should be less than or equal to 500"),
        ("-5", "Input should be greater than or equal to 1"),
        ("ten", "Input should be a valid integer, unable to parse string as an integer"),
    ],
)
def test_list_rejects_a_limit_out_of_bounds(world, path, limit, reason):
    response = get(world, path, limit=limit)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == invalid_parameter(urlsplit(f"{API}{path}").path, "limit", reason)


@pytest.mark.parametrize("path", EVERY_LIST)
def test_list_rejects_a_negative_offset(world, path):
    assert rejected_names(get(world, path, offset=-1)) == ["offset"]


def test_list_rejects_an_offset_beyond_the_bound_instead_of_overflowing(world):
    assert get(world, "/claims", offset=10**9).json()["items"] == []
    response = get(world, "/claims", offset=2**63)

    assert response.json() == invalid_parameter(
        f"{API}/claims", "offset", "Input should be less than or equal to 1000000000"
    )


@pytest.mark.parametrize("path", SORTABLE)
def test_list_rejects_an_unknown_sort(world, path):
    assert rejected_names(get(world, path, sort="colour")) == ["sort"]


@pytest.mark.parametrize("path", SORTABLE)
def test_list_rejects_a_sort_on_a_field_it_does_not_offer(world, path):
    assert rejected_names(get(world, path, sort="-text")) == ["sort"]


@pytest.mark.parametrize("path", EVERY_LIST)
def test_list_pages_through_every_item_by_following_next_links(world, path):
    everything = get(world, path, limit=500).json()
    response, seen = get(world, path, limit=1), []
    while True:
        assert response.status_code == 200
        assert response.json()["total"] == everything["total"]
        seen += ids(response)
        if "next" not in response.links:
            break
        response = world.get(response.links["next"]["url"])

    assert seen == [item["id"] for item in everything["items"]]
    assert len(seen) == everything["total"]


def test_list_links_first_prev_and_next_keeping_the_other_parameters(world):
    response = world.get(f"{API}/claims", params={"sort": "-credibility", "limit": 2, "offset": 2})

    assert response.status_code == 200
    assert response.json()["offset"] == 2
    assert links(response) == {
        "first": {"sort": ["-credibility"], "offset": ["0"], "limit": ["2"]},
        "prev": {"sort": ["-credibility"], "offset": ["0"], "limit": ["2"]},
        "next": {"sort": ["-credibility"], "offset": ["4"], "limit": ["2"]},
    }


def test_last_page_links_back_but_not_forward(world):
    response = world.get(f"{API}/claims", params={"limit": 2, "offset": 4})

    assert ids(response) == ["russia-controls-75-donetsk"]
    assert links(response) == {
        "first": {"offset": ["0"], "limit": ["2"]},
        "prev": {"offset": ["2"], "limit": ["2"]},
    }


def test_offset_past_the_end_answers_an_empty_page_with_the_total(world):
    response = world.get(f"{API}/claims", params={"offset": 40, "limit": 10})

    assert response.status_code == 200
    assert response.json() == {"items": [], "total": 5, "total_exact": True, "limit": 10, "offset": 40}
    assert links(response)["prev"] == {"offset": ["30"], "limit": ["10"]}


# ---------------------------------------------------------------- bounded counting


@pytest.fixture
def count_limit_of_two(monkeypatch):
    monkeypatch.setattr(get_settings(), "count_limit", 2)


@pytest.mark.parametrize("path", EVERY_LIST)
def test_counting_stops_at_the_bound_and_says_total_is_a_lower_bound(world, monkeypatch, path):
    everything = get(world, path, limit=500).json()
    if everything["total"] < 2:
        pytest.skip(f"{path} has one record: no bound can be passed")
    monkeypatch.setattr(get_settings(), "count_limit", 1)

    response = get(world, path, limit=1)

    body = response.json()
    assert (body["total"], body["total_exact"], len(body["items"])) == (1, False, 1)
    assert "x-total-count" not in response.headers
    assert (links(response)["next"]["offset"], links(response)["next"]["limit"]) == (["1"], ["1"])


def test_counting_goes_at_least_to_the_end_of_the_page_asked_for(world, count_limit_of_two):
    everything = world.get(f"{API}/claims", params={"limit": 500}).json()  # the bound is offset + limit here
    last_page = world.get(f"{API}/claims", params={"offset": everything["total"] - 1, "limit": 2})

    assert (everything["total"] > 2, everything["total_exact"]) == (True, True)
    assert (last_page.json()["total"], last_page.json()["total_exact"]) == (everything["total"], True)
    assert last_page.headers["x-total-count"] == str(everything["total"])
    assert "next" not in links(last_page)


def test_a_capped_page_just_short_of_the_end_still_links_to_the_next(world, count_limit_of_two):
    total = world.get(f"{API}/claims", params={"limit": 500}).json()["total"]
    response = world.get(f"{API}/claims", params={"offset": total - 3, "limit": 2})

    assert (response.json()["total"], response.json()["total_exact"]) == (total - 1, False)
    assert links(response)["next"] == {"offset": [str(total - 1)], "limit": ["2"]}


def test_offset_skips_items_in_the_listed_order(world):
    everything = ids(world.get(f"{API}/events"))

    assert ids(world.get(f"{API}/events", params={"offset": 1})) == everything[1:]


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ";".join(value)
    return str(value)


@pytest.mark.parametrize("path", EVERY_LIST)
def test_csv_holds_the_rows_of_the_json_page(world, path):
    page = get(world, path).json()
    response = get(world, path, suffix=".csv", limit=50)

    rows = csv_rows(response)
    assert response.text.splitlines()[0].split(",") == list(page["items"][0])
    assert response.headers["x-total-count"] == str(page["total"])
    assert 'rel="first"' in response.headers["link"]
    assert len(rows) == len(page["items"])
    for row, item in zip(rows, page["items"], strict=True):
        for name, value in item.items():
            if isinstance(value, list) and value and not isinstance(value[0], str):
                assert json.loads(row[name]) == value  # nested records travel as JSON
            else:
                assert row[name] == _csv_cell(value), name


@pytest.mark.parametrize("path", EVERY_LIST)
def test_ndjson_holds_the_records_of_the_json_page(world, path):
    page = get(world, path, limit=3).json()
    response = get(world, path, suffix=".ndjson", limit=3)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson"
    assert [json.loads(line) for line in response.text.splitlines()] == page["items"]


@pytest.mark.parametrize("accept", ["text/csv", "application/x-ndjson", "text/html,application/xml;q=0.9,*/*;q=0.8"])
def test_a_list_path_answers_json_whatever_the_accept_header_asks(world, accept):
    response = world.get(f"{API}/claims", headers={"Accept": accept})

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json()["total"] == 5


def test_csv_joins_id_lists_with_semicolons(world):
    rows = {row["id"]: row for row in csv_rows(world.get(f"{API}/plans.csv"))}

    assert rows["twenty-point"]["proposer_ids"] == "ukraine;usa"
    assert rows["counter-proposal"]["proposer_ids"] == "coalition"


def test_csv_keeps_non_ascii_text_verbatim(world):
    rows = csv_rows(world.get(f"{API}/claims.csv", params={"source_id": "blog-note"}))

    assert [row["quote"] for row in rows] == ["“Article 5” & be re‑examined in 2035"]


@pytest.mark.parametrize("suffix", ["", ".csv", ".ndjson"])
@pytest.mark.parametrize("path", EVERY_LIST)
def test_a_list_refuses_a_parameter_it_does_not_take(world, path, suffix):
    response = get(world, path, suffix=suffix, limit=1, bogus=1)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [error["name"] for error in response.json()["errors"]] == ["bogus"]


@pytest.mark.parametrize("suffix", ["", ".csv", ".ndjson"])
def test_a_list_refuses_a_one_value_parameter_sent_twice(world, suffix):
    response = world.get(f"{API}/claims{suffix}", params=[("source_id", "a"), ("source_id", "b"), ("limit", "1")])

    assert response.status_code == 422
    assert response.json() == invalid_parameter(
        f"{API}/claims{suffix}", "source_id", "takes one value, and was given more than one"
    )


def test_a_parameter_that_takes_several_values_may_be_repeated(world):
    response = world.get(f"{API}/search", params=[("q", "Kyiv"), ("kind", "claim"), ("kind", "actor")])

    assert response.status_code == 200
    assert {hit["kind"] for hit in response.json()["items"]} <= {"claim", "actor"}


def test_the_format_parameter_is_gone_from_lists(world):
    response = world.get(f"{API}/claims", params={"format": "csv"})
    reason = response.json()["errors"][0]["reason"]

    assert response.json() == invalid_parameter(f"{API}/claims", "format", reason)
    assert reason.startswith("is not a parameter of this operation (it takes: actor_id, after, event_id, ")

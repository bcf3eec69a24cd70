"""Whole collections as files: CSV and NDJSON without ``limit`` stream every record, a chunk at a time.

A stream reads the list by its own keyset walk in the service layer (app/paging.py), so it goes past the first
chunk of 500 in any order — plan points in plan order included — and each answer names its file.
"""

import csv
import io
import json

import pytest

from app.services.record_export import COLLECTIONS
from tests.factories import make_plan, make_plan_point
from tests.helpers import API, csv_rows

NDJSON = "application/x-ndjson"
POINTS = 520  # more than a chunk (500)


@pytest.fixture
def long_plans(client, session):
    """520 plan points in two plans, their ids running against their plan order."""
    make_plan(session, id="b-long-plan", name="A long plan")
    make_plan(session, id="a-short-plan", name="A short plan")
    for n in range(POINTS):
        plan_id, sequence = ("a-short-plan", n + 1) if n < 20 else ("b-long-plan", n - 19)
        make_plan_point(session, id=f"point-{POINTS - n:04}", plan_id=plan_id, sequence=sequence, text=f"Point {n}.")
    return client


def plan_order(client, path: str) -> list[str]:
    ids = []
    for offset in range(0, POINTS, 500):
        ids += [p["id"] for p in client.get(f"{API}{path}", params={"limit": 500, "offset": offset}).json()["items"]]
    return ids


@pytest.mark.parametrize("path", ["/plan-points", "/plans/b-long-plan/points", "/plan-points?category=other"])
def test_ndjson_past_a_chunk_of_plan_points_streams_every_point_in_plan_order(long_plans, path):
    collection, _, query = path.partition("?")
    response = long_plans.get(f"{API}{collection}.ndjson?{query}")

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == NDJSON
    points = [json.loads(line) for line in response.text.splitlines()]
    expected = plan_order(long_plans, path)
    assert [p["id"] for p in points] == expected
    assert len(set(expected)) == len(expected) == (POINTS if path != "/plans/b-long-plan/points" else POINTS - 20)
    assert response.headers["x-total-count"] == str(len(expected))


def test_csv_past_a_chunk_streams_every_row_once(long_plans):
    response = long_plans.get(f"{API}/plan-points.csv")

    rows = csv_rows(response)
    assert [row["id"] for row in rows] == plan_order(long_plans, "/plan-points")
    assert response.text.count("id,plan_id,") == 1  # one header, then the rows of every chunk
    assert response.headers["content-disposition"] == 'attachment; filename="plan-points.csv"'


def test_a_keyset_walk_past_a_chunk_of_plan_points_ends_on_its_last_point(long_plans):
    first = long_plans.get(f"{API}/plan-points", params={"after": "", "limit": 500})
    second = long_plans.get(first.links["next"]["url"])

    assert [len(first.json()["items"]), len(second.json()["items"])] == [500, 20]
    assert "next" not in second.links
    walked = [p["id"] for p in first.json()["items"] + second.json()["items"]]
    assert walked == plan_order(long_plans, "/plan-points")


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_csv_without_limit_streams_the_whole_collection(kb, collection):
    counts = kb.get(f"{API}/stats").json()["counts"]

    response = kb.get(f"{API}/{collection}.csv")

    rows = csv_rows(response)
    assert len(rows) == len({row["id"] for row in rows}) == counts[COLLECTIONS[collection].kind]
    assert response.headers["x-total-count"] == str(len(rows))
    assert response.headers["content-disposition"] == f'attachment; filename="{collection}.csv"'
    assert "link" not in response.headers


def test_csv_without_limit_keeps_filters_sort_and_offset(kb):
    params = {"quantitative": "true", "sort": "-value"}
    every = kb.get(f"{API}/claims", params=params | {"limit": 500}).json()["items"]

    response = kb.get(f"{API}/claims.csv", params=params | {"offset": 2})

    assert [row["id"] for row in csv_rows(response)] == [claim["id"] for claim in every[2:]]


def test_the_csv_url_read_as_a_table_holds_every_claim(kb):
    response = kb.get(f"{API}/claims.csv")

    table = list(csv.DictReader(io.StringIO(response.text)))
    assert len(table) == kb.get(f"{API}/stats").json()["counts"]["claim"] == 167


@pytest.mark.parametrize(
    ("path", "params", "filename"),
    [
        ("/claims.ndjson", {}, "claims.ndjson"),
        ("/claims.csv", {"limit": 5}, "claims.csv"),
        ("/claims.ndjson", {"limit": 5}, "claims.ndjson"),
        ("/plans/us-peace-package/points.csv", {}, "plans-us-peace-package-points.csv"),
        ("/search.ndjson", {"q": "ceasefire"}, "search.ndjson"),
    ],
)
def test_csv_and_ndjson_answers_name_their_file(kb, path, params, filename):
    response = kb.get(f"{API}{path}", params=params)

    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'


def test_json_answers_are_no_download(kb):
    assert "content-disposition" not in kb.get(f"{API}/claims").headers


def test_a_csv_page_keeps_its_links(kb):
    response = kb.get(f"{API}/claims.csv", params={"limit": 5, "after": ""})

    assert len(csv_rows(response)) == 5
    assert set(response.links) == {"first", "next"}

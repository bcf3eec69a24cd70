"""Small assertions and expectations shared by the API tests."""

import csv
import io
from typing import Any

import httpx

API = "/api/v1"
# Every top-level collection; each is text-bearing, so each takes `q` too.
COLLECTIONS = [
    "/actors",
    "/sources",
    "/plans",
    "/plan-points",
    "/issues",
    "/positions",
    "/claims",
    "/events",
    "/claim-relations",
]


def ids(response: httpx.Response) -> list[str]:
    """The ids of a page's items, in order."""
    return [item["id"] for item in response.json()["items"]]


def page_ids(client, path: str, **params: Any) -> tuple[list[str], int]:
    """Ask for a page and return its item ids and total, asserting it succeeded."""
    response = client.get(f"{API}{path}", params=params)
    assert response.status_code == 200, response.text
    return ids(response), response.json()["total"]


def sorted_ids(items: list[dict], sort: str) -> list[str]:
    """The order a sort value promises: the field ascending with nulls first, or descending (``-field``)
    with nulls last; equal values keep ascending id order."""
    field, descending = sort.lstrip("-"), sort.startswith("-")
    by_id = sorted(items, key=lambda item: item["id"])
    present = sorted((i for i in by_id if i[field] is not None), key=lambda i: i[field], reverse=descending)
    missing = [i for i in by_id if i[field] is None]
    ordered = present + missing if descending else missing + present
    return [item["id"] for item in ordered]


def assert_sorted_by(client, path: str, sort: str) -> None:
    """The collection answers ``?sort=`` in the promised order, and the data can tell it from the default."""
    default = client.get(f"{API}{path}", params={"limit": 500})
    assert default.status_code == 200
    expected = sorted_ids(default.json()["items"], sort)
    if sort != "id":
        assert expected != ids(default), f"the test data cannot tell sort={sort} from the default order"
    response = client.get(f"{API}{path}", params={"sort": sort, "limit": 500})
    assert response.status_code == 200
    assert ids(response) == expected


def invalid_parameter(path: str, name: str, reason: str) -> dict:
    """The problem document for one rejected query parameter."""
    return {
        "type": "urn:peacekb:problem:invalid-parameter",
        "title": "Unprocessable Entity",
        "status": 422,
        "detail": f"{name}: {reason}",
        "instance": path,
        "errors": [{"location": "query", "name": name, "reason": reason}],
    }


def not_found(path: str, label: str, record_id: str) -> dict:
    return {
        "type": "urn:peacekb:problem:not-found",
        "title": "Not Found",
        "status": 404,
        "detail": f"No {label} with id '{record_id}'.",
        "instance": path,
    }


def rejected_names(response: httpx.Response) -> list[str]:
    """The parameter names a 422 problem document reports."""
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return [error["name"] for error in response.json()["errors"]]


def csv_rows(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.text)))

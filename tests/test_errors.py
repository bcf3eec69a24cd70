"""Every error is one RFC 9457 application/problem+json document, whichever layer raised it."""

import pytest
from fastapi.testclient import TestClient

from app.errors import Conflict, NotFound
from app.main import create_app
from tests.helpers import API, not_found

ITEM_ROUTES = [
    ("/actors", "actor"),
    ("/sources", "source"),
    ("/plans", "plan"),
    ("/plan-points", "plan point"),
    ("/issues", "issue"),
    ("/positions", "position"),
    ("/claims", "claim"),
    ("/events", "event"),
    ("/claim-relations", "claim relation"),
]


@pytest.mark.parametrize(("collection", "label"), ITEM_ROUTES)
def test_unknown_id_answers_404_problem_naming_what_was_looked_for(world, collection, label):
    response = world.get(f"{API}{collection}/no-such-id")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == not_found(f"{API}{collection}/no-such-id", label, "no-such-id")


def test_unknown_id_with_non_ascii_characters_is_named_verbatim(world):
    response = world.get(f"{API}/claims/🧠 x")

    assert response.status_code == 404
    assert response.json() == not_found(f"{API}/claims/🧠 x", "claim", "🧠 x")


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v2/claims", "/nope", "/api/v1/claims/x/unknown"])
def test_unknown_route_answers_404_problem(world, path):
    response = world.get(path)

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {"type": "about:blank", "title": "Not Found", "status": 404, "instance": path}


@pytest.mark.parametrize("path", ["/health", f"{API}/search", f"{API}/stats"])
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_a_method_a_read_only_route_lacks_answers_405_problem_with_allow(world, path, method):
    response = world.request(method, path)

    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["allow"] == "GET, HEAD"  # HEAD is answered wherever GET is
    assert response.json() == {"type": "about:blank", "title": "Method Not Allowed", "status": 405, "instance": path}


def test_405_on_an_export_path_allows_what_the_export_takes_not_what_a_record_under_its_name_would(world):
    # /claims/{claim_id}.jsonld: the path /claims/x.jsonld also fits /claims/{claim_id}, which takes writes.
    response = world.request("OPTIONS", f"{API}/claims/russia-controls-99-percent-luhansk.jsonld")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


def test_several_rejected_parameters_are_all_reported(world):
    response = world.get(f"{API}/claims", params={"limit": 0, "sort": "colour", "max_credibility": 9})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert (body["type"], body["title"], body["status"], body["instance"]) == (
        "urn:peacekb:problem:invalid-parameter",
        "Unprocessable Entity",
        422,
        f"{API}/claims",
    )
    # In the order the operation documents its parameters: the filters, then the paging.
    assert [(e["location"], e["name"]) for e in body["errors"]] == [
        ("query", "sort"),
        ("query", "max_credibility"),
        ("query", "limit"),
    ]
    assert body["detail"] == "; ".join(f"{e['name']}: {e['reason']}" for e in body["errors"])


def _app_with_failing_routes():
    app = create_app()

    @app.get("/boom")
    def boom():
        raise RuntimeError("SELECT secret FROM credentials")  # must never reach the client

    @app.get("/conflict")
    def conflict():
        raise Conflict("The record changed meanwhile.")

    @app.get("/missing")
    def missing():
        raise NotFound("No such thing.")

    return app


def test_unexpected_error_answers_a_bare_500_problem_without_internals():
    with TestClient(_app_with_failing_routes(), raise_server_exceptions=False) as client:
        response = client.get("/boom")

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "An unexpected error occurred.",
        "instance": "/boom",
    }


@pytest.mark.parametrize(
    ("path", "status", "slug", "title", "detail"),
    [
        ("/conflict", 409, "conflict", "Conflict", "The record changed meanwhile."),
        ("/missing", 404, "not-found", "Not Found", "No such thing."),
    ],
)
def test_domain_problems_are_rendered_with_their_status_and_type(path, status, slug, title, detail):
    with TestClient(_app_with_failing_routes()) as client:
        response = client.get(path)

    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": f"urn:peacekb:problem:{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": path,
    }


def test_openapi_documents_problem_responses_on_every_read_route(world):
    paths = world.get("/openapi.json").json()["paths"]

    reads = [path for path, operations in paths.items() if path.startswith(API) and "get" in operations]
    assert {f"{API}{collection}" for collection, _ in ITEM_ROUTES} <= set(reads)
    for path in reads:
        operation = paths[path]["get"]
        responses = operation["responses"]
        # Only the answers a route can give: 404 when the path names a record (a history is empty instead); 422
        # everywhere, as any operation refuses a query parameter it does not take.
        expected = (
            {"404", "422"}
            if "{" in path and not path.endswith(("/history", "/history.csv", "/history.ndjson"))
            else {"422"}
        )
        assert {status for status in responses if status in ("404", "422")} == expected, path
        for status in expected:
            assert "application/problem+json" in responses[status]["content"], (path, status)

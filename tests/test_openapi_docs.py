"""The OpenAPI document is complete for client generators, and /docs and /redoc work with no network."""

import re

import pytest
from pydantic import BaseModel

from app import models
from app.errors import InvalidField, ProblemDetails
from app.listing import Page
from app.main import create_app
from app.routes.docs import ASSETS_DIR
from app.routes.search import SearchHit, Stats
from app.services import claim_pairs, graph, plan_diff, positions_matrix
from app.services.resources import RESOURCES
from tests.conftest import client_for

DOCUMENT = create_app().openapi()
OPERATIONS = [
    (method, path, operation)
    for path, operations in DOCUMENT["paths"].items()
    for method, operation in operations.items()
]
SCHEMAS = DOCUMENT["components"]["schemas"]


def _ids(operations):
    return [f"{method.upper()} {path}" for method, path, _ in operations]


def test_document_is_openapi_3_1_with_unique_operation_ids():
    operation_ids = [operation["operationId"] for _, _, operation in OPERATIONS]

    assert DOCUMENT["openapi"].startswith("3.1")
    assert len(operation_ids) == len(set(operation_ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in operation_ids)


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=_ids(OPERATIONS))
def test_every_operation_is_documented(method, path, operation):
    summary, description = operation.get("summary", ""), operation.get("description", "")
    tags = {tag["name"]: tag.get("description") for tag in DOCUMENT["tags"]}

    assert summary, "no summary"
    assert description.strip().rstrip(".") != summary, "the description only repeats the summary"
    assert operation.get("tags") and all(tags.get(tag) for tag in operation["tags"]), "an undescribed tag"
    for parameter in operation.get("parameters", []):
        assert parameter.get("description"), f"parameter {parameter['name']} has no description"
        assert parameter["schema"].get("examples"), f"parameter {parameter['name']} has no example"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=_ids(OPERATIONS))
def test_every_error_response_is_a_problem_document(method, path, operation):
    errors = {status: response for status, response in operation["responses"].items() if status[0] in "45"}

    # Query parameters and bodies can be rejected; a path id or an If-Match header is free text.
    can_reject = any(p["in"] == "query" for p in operation.get("parameters", [])) or "requestBody" in operation
    assert ("422" in errors) == can_reject, "422 documented where no input can be rejected, or missing"
    for status, response in errors.items():
        assert response["description"], status
        assert response["content"] == {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}
        }, status


def test_list_operations_document_their_csv_and_ndjson_answers():
    lists = [op for _, _, op in OPERATIONS if "Page_" in str(op["responses"].get("200", {}))]
    content_types = {tuple(sorted(op["responses"]["200"]["content"])) for op in lists}

    assert len(lists) > 30
    assert content_types == {("application/json", "application/x-ndjson", "text/csv")}


# Component schemas are validated against the models they were generated from.
_MODELS = {
    model.__name__: model
    for model in [
        *(getattr(models, name) for name in models.__all__),
        *(resource.create for resource in RESOURCES.values()),
        *(resource.update for resource in RESOURCES.values()),
        ProblemDetails,
        InvalidField,
        SearchHit,
        Stats,
        plan_diff.PlanDiff,
        plan_diff.DiffPoint,
        plan_diff.PointDiff,
        plan_diff.TextChange,
        plan_diff.DiffSummary,
        graph.Graph,
        graph.GraphNode,
        graph.GraphEdge,
        positions_matrix.PositionMatrix,
        positions_matrix.MatrixActor,
        positions_matrix.MatrixIssue,
        positions_matrix.MatrixCell,
        positions_matrix.MatrixPosition,
        claim_pairs.ClaimPair,
        claim_pairs.ClaimPairSummary,
        claim_pairs.SourcePairCount,
        claim_pairs.IssueCount,
    ]
    if isinstance(model, type) and issubclass(model, BaseModel)
}


def _model_of(name: str) -> type[BaseModel] | None:
    if name.startswith("Page_") and name.removeprefix("Page_").rstrip("_") in _MODELS:
        return Page[_MODELS[name.removeprefix("Page_").rstrip("_")]]
    return _MODELS.get(name)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_schema_has_an_example_its_model_accepts(name):
    schema = SCHEMAS[name]
    model = _model_of(name)

    assert schema.get("examples"), f"{name} has no example"
    for example in schema["examples"]:
        if "enum" in schema:
            assert example in schema["enum"]
        elif model is not None:
            model.model_validate(example)


def test_most_schemas_are_checked_against_their_model():
    checked = [name for name in SCHEMAS if "enum" in SCHEMAS[name] or _model_of(name) is not None]

    assert len(checked) >= len(SCHEMAS) - 5, sorted(set(SCHEMAS) - set(checked))


# Parameters that exclude others (a keyset cursor goes with neither `q` nor `offset`) are left out.
EXCLUSIVE = {"after"}


def _example_request(path: str, operation: dict) -> tuple[str, dict]:
    query = {}
    for parameter in operation.get("parameters", []):
        example = parameter["schema"]["examples"][0]
        if parameter["name"] in EXCLUSIVE:
            continue
        if parameter["in"] == "path":
            path = path.replace(f"{{{parameter['name']}}}", str(example))
        elif parameter["in"] == "query":
            query[parameter["name"]] = example
    return path, query


READS = [(m, p, op) for m, p, op in OPERATIONS if m == "get"]


@pytest.fixture(scope="module")
def reader(seeded_engine):
    """One client over the real seed for the whole module: these tests only read."""
    with client_for(seeded_engine) as client:
        yield client


@pytest.mark.parametrize(("method", "path", "operation"), READS, ids=_ids(READS))
def test_every_read_answers_200_when_called_with_its_examples(reader, method, path, operation):
    url, query = _example_request(path, operation)

    response = reader.get(url, params=query)

    assert response.status_code == 200, response.text


def test_docs_page_loads_swagger_ui_from_this_server_only(kb):
    response = kb.get("/docs")
    urls = re.findall(r"""(?:src|href)=["']([^"']+)""", response.text) + re.findall(r"url: '([^']+)'", response.text)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert sorted(urls) == [
        "/docs-assets/favicon.png",
        "/docs-assets/swagger-ui-bundle.js",
        "/docs-assets/swagger-ui.css",
        "/openapi.json",
    ]
    assert '"validatorUrl": null' in response.text


def test_redoc_page_loads_redoc_from_this_server_without_web_fonts(kb):
    response = kb.get("/redoc")
    urls = re.findall(r"""(?:src|href|spec-url)=["']([^"']+)""", response.text)

    assert response.status_code == 200
    assert sorted(urls) == ["/docs-assets/favicon.png", "/docs-assets/redoc.standalone.js", "/openapi.json"]
    assert "fonts.googleapis" not in response.text


@pytest.mark.parametrize(
    ("asset", "media_type"),
    [
        ("swagger-ui-bundle.js", "text/javascript"),
        ("swagger-ui.css", "text/css"),
        ("redoc.standalone.js", "text/javascript"),
        ("favicon.png", "image/png"),
    ],
)
def test_docs_assets_are_served_from_the_installed_package(kb, asset, media_type):
    response = kb.get(f"/docs-assets/{asset}")

    assert (ASSETS_DIR / asset).is_file()
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.content == (ASSETS_DIR / asset).read_bytes()


def test_openapi_document_is_served_finished(kb):
    served = kb.get("/openapi.json").json()

    assert served["paths"]["/api/v1/claims/{claim_id}"]["get"]["parameters"][0]["example"] == (
        "russia-controls-99-percent-luhansk"
    )
    assert served == DOCUMENT


def test_explorer_page_is_served_at_the_root(kb):
    page = kb.get("/")
    script = kb.get("/static/explorer.js")
    style = kb.get("/static/explorer.css")

    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="static/explorer.js">' in page.text
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")
    assert "http://" not in script.text and "https://" not in script.text  # nothing loaded from elsewhere

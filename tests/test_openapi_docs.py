"""The OpenAPI document is complete for client generators, and /docs and /redoc work with no network."""

import re

import pytest
from pydantic import BaseModel

from app import models
from app.config import get_settings
from app.curation import model as curation
from app.errors import InvalidField, ProblemDetails
from app.listing import Page
from app.main import create_app
from app.routes.docs import ASSETS_DIR
from app.routes.search import SearchHit, Stats
from app.routes.suggestions import SuggestedClaims, TextToSuggest
from app.services import claim_pairs, graph, plan_diff, positions_matrix
from app.services.resources import RESOURCES
from app.services.search import DidYouMean, MatchedTerm, SearchFacets, SearchPage
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


def _resolved(node: dict) -> dict:
    """A parameter, response or header, through its reference to the shared components."""
    if "$ref" not in node:
        return node
    _, _, section, name = node["$ref"].split("/")
    return DOCUMENT["components"][section][name]


def _parameters(operation: dict) -> list[dict]:
    return [_resolved(parameter) for parameter in operation.get("parameters", [])]


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
    for parameter in _parameters(operation):
        assert parameter.get("description"), f"parameter {parameter['name']} has no description"
        assert parameter["schema"].get("examples"), f"parameter {parameter['name']} has no example"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=_ids(OPERATIONS))
def test_every_error_response_is_a_problem_document(method, path, operation):
    errors = {status: _resolved(answer) for status, answer in operation["responses"].items() if status[0] in "45"}

    # Any operation refuses a query parameter it does not take, so any can answer 422.
    assert "422" in errors
    for status, response in errors.items():
        assert response["description"], status
        assert response["content"] == {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}
        }, status


LISTS = [(m, p, op) for m, p, op in OPERATIONS if "Page_" in str(op["responses"].get("200", {}))]


def test_a_list_answers_json_only_and_has_a_csv_and_an_ndjson_sibling_with_the_same_parameters():
    assert len(LISTS) > 30
    for _, path, operation in LISTS:
        assert list(operation["responses"]["200"]["content"]) == ["application/json"], path
        for suffix, media_type in ((".csv", "text/csv"), (".ndjson", "application/x-ndjson")):
            sibling = DOCUMENT["paths"][path + suffix]["get"]
            assert sibling["operationId"] == f"{operation['operationId']}_{suffix[1:]}"
            assert list(sibling["responses"]["200"]["content"]) == [media_type]
            assert sibling["responses"]["200"]["content"][media_type]["schema"] == {"type": "string"}
            assert sibling["parameters"] == operation["parameters"], path + suffix


def test_no_operation_takes_a_format_parameter_or_answers_more_than_one_success_type():
    for _, path, operation in OPERATIONS:
        assert "format" not in {parameter["name"] for parameter in _parameters(operation)}, path
        for status, answer in operation["responses"].items():
            if status[0] == "2":
                assert len(_resolved(answer).get("content", {})) <= 1, f"{path} {status}"


def _schemas_served() -> set[str]:
    """The component schemas a success answer can hold, at any depth."""
    found: set[str] = set()

    def visit(node) -> None:
        if isinstance(node, dict):
            reference = node.get("$ref", "")
            if reference.startswith("#/components/schemas/") and reference.rsplit("/", 1)[-1] not in found:
                found.add(reference.rsplit("/", 1)[-1])
                visit(SCHEMAS[reference.rsplit("/", 1)[-1]])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    for _, _, operation in OPERATIONS:
        visit({status: answer for status, answer in operation["responses"].items() if status[0] == "2"})
    return found


SERVED = sorted(_schemas_served())


@pytest.mark.parametrize("name", SERVED)
def test_a_served_schema_requires_every_field_it_always_sends(name):
    schema = SCHEMAS[name]

    assert set(schema.get("required", [])) == set(schema.get("properties", {}))


def test_problem_documents_leave_out_their_empty_members_rather_than_send_null():
    schema = SCHEMAS["ProblemDetails"]

    assert schema["required"] == ["type", "title", "status"]
    assert "null" not in str(schema["properties"])


def _admits_null(schema: dict) -> bool:
    return {"type": "null"} in schema.get("anyOf", [])


@pytest.mark.parametrize("resource", RESOURCES.values(), ids=lambda resource: resource.kind)
def test_an_update_schema_admits_null_only_where_the_record_may_be_empty(resource):
    update, create = SCHEMAS[resource.update.__name__], SCHEMAS[resource.create.__name__]
    nullable = {name for name, field in update["properties"].items() if _admits_null(field)}

    assert nullable == {name for name, field in create["properties"].items() if _admits_null(field)} - {"id"}
    assert not {name for name, field in update["properties"].items() if "default" in field and not _admits_null(field)}


ITEMS = [(m, p, op) for m, p, op in OPERATIONS if m == "get" and op["operationId"].startswith("get_") and "{" in p]


def test_the_document_declares_its_servers_license_and_shared_answers():
    assert DOCUMENT["servers"] == [{"url": "/", "description": "This server"}]
    assert DOCUMENT["info"]["license"] == {"name": "MIT", "identifier": "MIT"}
    assert set(DOCUMENT["components"]["responses"]) == {
        "NotModified", "PreconditionFailed", "PayloadTooLarge", "ServiceUnavailable"
    }  # fmt: skip
    assert set(DOCUMENT["components"]["headers"]) == {
        "Link", "X-Total-Count", "ETag", "Location", "Retry-After", "Content-Disposition"
    }  # fmt: skip


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=_ids(OPERATIONS))
def test_every_operation_declares_the_answers_and_headers_it_can_give(method, path, operation):
    responses = operation["responses"]
    success = _resolved(responses.get("200") or responses.get("201") or responses["204"])
    headers = {name: _resolved(header) for name, header in success.get("headers", {}).items()}
    takes = {parameter["name"] for parameter in _parameters(operation)}

    assert ("412" in responses) == ("If-Match" in takes)
    assert ("413" in responses) == ("requestBody" in operation)
    assert ("503" in responses) == path.startswith("/api/"), "the query time limit and a busy database"
    assert "429" not in responses, "rate limiting is off by default"
    if (method, path, operation) in LISTS:
        assert headers["Link"]["required"] and not headers["X-Total-Count"].get("required")
    if path.endswith((".csv", ".ndjson")):
        assert set(headers) == {"Link", "X-Total-Count", "Content-Disposition"}
    if (method, path, operation) in ITEMS:
        assert "If-None-Match" in takes and "304" in responses and headers["ETag"]["required"]
        assert _resolved(responses["304"])["headers"]["ETag"] == {"$ref": "#/components/headers/ETag"}
    if method == "post" and "201" in responses:
        assert headers["Location"]["required"] and headers["ETag"]["required"]
    if method == "patch":
        assert headers["ETag"]["required"]


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=_ids(OPERATIONS))
def test_reads_are_public_and_writes_need_the_bearer_key(method, path, operation):
    expected = [] if method == "get" else [{"HTTPBearer": []}]
    if path == "/api/v1/bulk" or method != "get":
        expected = [{"HTTPBearer": []}]

    assert operation["security"] == expected


def test_reads_need_the_bearer_key_where_the_settings_say_so(monkeypatch):
    monkeypatch.setattr(get_settings(), "read_requires_key", True)
    document = create_app().openapi()
    reads = [(path, ops["get"]) for path, ops in document["paths"].items() if "get" in ops]

    for path, operation in reads:
        assert operation["security"] == ([] if path == "/health" else [{"HTTPBearer": []}]), path
        assert ("401" in operation["responses"]) == (path != "/health"), path


def test_rate_limiting_adds_429_with_retry_after_to_every_operation_but_health(monkeypatch):
    monkeypatch.setattr(get_settings(), "rate_limit_per_minute", 60)
    document = create_app().openapi()

    for path, operations in document["paths"].items():
        for operation in operations.values():
            assert (operation["responses"].get("429") is not None) == (path != "/health"), path
    retry_after = document["components"]["responses"]["TooManyRequests"]["headers"]["Retry-After"]
    assert retry_after["required"]


def _inline_enums(node, where: str = "") -> list[str]:
    if isinstance(node, dict):
        here = [where] if "enum" in node and where.count("/") > 3 else []
        return here + [found for key, value in node.items() for found in _inline_enums(value, f"{where}/{key}")]
    if isinstance(node, list):
        return [found for index, value in enumerate(node) for found in _inline_enums(value, f"{where}/{index}")]
    return []


def test_enums_used_more_than_once_are_shared_components():
    inline = _inline_enums(DOCUMENT["paths"], "#/paths") + _inline_enums(DOCUMENT["components"], "#/components")
    values = [str(_at(where)["enum"]) for where in inline]

    assert [value for value in values if values.count(value) > 1] == []
    sorts = [p["schema"] for _, _, operation in OPERATIONS for p in _parameters(operation) if p["name"] == "sort"]
    assert sorts and all("#/components/schemas/" in str(schema) for schema in sorts)


def _at(where: str):
    node = DOCUMENT
    for part in where.split("/")[1:]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


# Component schemas are validated against the models they were generated from.
_MODELS = {
    model.__name__: model
    for model in [
        *(getattr(models, name) for name in models.__all__),
        *(resource.create for resource in RESOURCES.values()),
        *(resource.update for resource in RESOURCES.values()),
        *(resource.public for resource in RESOURCES.values()),
        ProblemDetails,
        InvalidField,
        SearchHit,
        SearchPage,
        SearchFacets,
        DidYouMean,
        MatchedTerm,
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
        curation.Suggestion,
        curation.Quantity,
        curation.DateMention,
        curation.Mention,
        curation.RelationCandidate,
        SuggestedClaims,
        TextToSuggest,
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
    for parameter in _parameters(operation):
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
    success = operation["responses"]["200"]
    required = [name for name, header in success.get("headers", {}).items() if _resolved(header).get("required")]

    response = reader.get(url, params=query)

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == next(iter(success["content"]))
    assert [name for name in required if name not in response.headers] == []


def without_date(headers) -> dict:
    return {name: value for name, value in headers.items() if name != "date"}


@pytest.mark.parametrize(("method", "path", "operation"), READS, ids=_ids(READS))
def test_every_read_answers_head_as_it_answers_get_without_the_body(reader, method, path, operation):
    url, query = _example_request(path, operation)

    got, head = reader.get(url, params=query), reader.head(url, params=query)

    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert without_date(head.headers) == without_date(got.headers)


@pytest.mark.parametrize("url", ["/health", "/openapi.json", "/docs", "/redoc", "/", "/static/explorer.js",
                                 "/docs-assets/swagger-ui.css"])  # fmt: skip
def test_head_answers_on_the_pages_and_assets_too(kb, url):
    head = kb.head(url)

    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(kb.get(url).content))


@pytest.mark.parametrize(("method", "path", "operation"), READS, ids=_ids(READS))
def test_every_read_refuses_a_query_parameter_it_does_not_take(reader, method, path, operation):
    url, query = _example_request(path, operation)

    response = reader.get(url, params=query | {"bogus": "1"})

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [(e["location"], e["name"]) for e in response.json()["errors"]] == [("query", "bogus")]


@pytest.mark.parametrize(("method", "path", "operation"), ITEMS, ids=_ids(ITEMS))
def test_every_item_read_answers_304_to_its_own_etag(reader, method, path, operation):
    url, query = _example_request(path, operation)
    tag = reader.get(url, params=query).headers["etag"]

    response = reader.get(url, params=query, headers={"If-None-Match": tag})

    assert response.status_code == 304
    assert response.headers["etag"] == tag


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

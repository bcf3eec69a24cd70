"""The OpenAPI document, finished for client generators and the explorer.

FastAPI writes the document from the routes; this module completes it in one pass, so that every operation
reads the same way however its route was made:

- every parameter has a description and an example, taken from one catalogue keyed by parameter name
  (filters are named after what they filter, so ``claim_id`` means the same everywhere) — the examples are
  real records of the seeded knowledge base;
- every schema has an example: the public records' own, derived ones for their write and page forms;
- every error response is ``application/problem+json`` with the ``ProblemDetails`` schema (only), and every
  answer the server can give is declared where it can occur: 304 on item reads, 412 where ``If-Match`` is
  taken, 413 where a body is, 503 (the statement time limit, a busy database) on every operation that reads
  the database, 429 when rate limiting is on, 401 on reads when they need a key — with the headers each
  answer carries (``Link``, ``X-Total-Count``, ``ETag``, ``Location``, ``Retry-After``,
  ``Content-Disposition``), as shared components;
- every operation says its security: none for public reads, the bearer key for writes;
- every list's description says how paging works (its CSV and NDJSON forms are operations of their own,
  app/routes/base.py); every item read says how its ETag works.

A test walks the finished document and fails on any operation, parameter or schema that lacks one of these.
"""

import copy
import json
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from app.config import Settings, get_settings
from app.errors import PROBLEM_MEDIA_TYPE
from app.models import examples
from app.models.resource import RESOURCES

PROBLEM_SCHEMA = {"$ref": "#/components/schemas/ProblemDetails"}
NDJSON_MEDIA_TYPE = "application/x-ndjson"

# One description and one example per parameter name, for parameters whose route did not give its own.
PARAMETERS: dict[str, tuple[str, Any]] = {
    "limit": ("Items per page.", 10),
    "offset": ("Items to skip.", 0),
    "after": ('Keyset pagination: the cursor from a previous page\'s `Link: rel="next"` (empty to start).', ""),
    "sort": ("Sort by this field; a leading `-` sorts descending. Ties are broken by id.", None),
    "q": ("Full-text search; every word must match, a trailing * matches a prefix.", "security guarantees"),
    "claim_id": ("A claim's id.", "russia-controls-99-percent-luhansk"),
    "from_claim_id": ("Relations starting at this claim.", "kupchik-deputy-secretary-of-state"),
    "to_claim_id": ("Relations ending at this claim.", "witkoff-kushner-us-envoys-call"),
    "source_id": ("A source's id.", "breaking-zelenskiy-hails-momentum"),
    "document_id": ("Sources cut from this stored document.", "doc-002-zelenskiy-peace-talks"),
    "actor_id": ("An actor's id.", "ukraine"),
    "speaker_id": ("Claims this actor made.", "ukraine"),
    "affiliation_id": ("Actors belonging to this one.", "united-states"),
    "plan_id": ("A plan's id.", "revised-20-point-plan"),
    "other_id": ("The plan to compare with.", "us-peace-package"),
    "plan_point_id": ("A plan point's id.", "us-package-ceasefire-stage-1"),
    "parent_id": ("Sub-points of this point.", "us-package-phased-ceasefire"),
    "issue_id": ("A disputed issue's id.", "territory-donbas"),
    "position_id": ("A position's id.", "ukraine-opposes-ceding-territory"),
    "event_id": ("An event's id.", "capture-of-sviato-pokrovske"),
    "relation_id": ("A claim relation's id.", "kupchik-as-envoy-vs-witkoff-kushner"),
    "type": ("Only relations of this type.", "contradicts"),
    "stance": ("Only positions with this stance.", "opposes"),
    "status": ("Only plans with this status.", "proposed"),
    "category": ("Only points of this category.", "ceasefire"),
    "reliability": ("Only sources with this Admiralty reliability grade.", "B"),
    "stated_from": ("Stated on or after this date.", "2025-12-01"),
    "stated_to": ("Stated on or before this date.", "2025-12-31"),
    "occurred_from": ("Happened on or after this date.", "2025-12-01"),
    "occurred_to": ("Happened on or before this date.", "2025-12-31"),
    "published_from": ("Published on or after this date.", "2025-12-01"),
    "published_to": ("Published on or before this date.", "2025-12-31"),
    "announced_from": ("Announced on or after this date.", "2025-11-01"),
    "announced_to": ("Announced on or before this date.", "2025-12-31"),
    "quantitative": ("Only claims with (true) or without (false) a number or date.", True),
    "max_credibility": ("Credibility 1 (confirmed) up to this grade.", 3),
    "cascade": ("Also delete what needs this record and clear optional references (admin keys).", False),
    "If-Match": ("Write only if the record still has this ETag (else 412).", '"0d5cf1f27a4b8e1f9c3a6b2d4e8f7a10"'),
    "since": ("Cursor: revisions after this one (0 = from the start).", 0),
}
# Parameters whose example depends on the operation (the kinds a search or a feed accepts differ).
KIND_EXAMPLES = {"/api/v1/search": ["claim"], "/api/v1/changes": ["claim"]}
KIND_DESCRIPTION = "Only these kinds (repeatable)."

# Examples for schemas that are not a record's public form (those carry their own, from app/models/examples.py).
SCHEMA_EXAMPLES: dict[str, dict] = {
    "Health": {"status": "ok", "version": "0.1.0"},
    "ProblemDetails": {
        "type": "urn:peacekb:problem:not-found",
        "title": "Not Found",
        "status": 404,
        "detail": "No claim with id 'no-such-claim'.",
        "instance": "/api/v1/claims/no-such-claim",
    },
    "InvalidField": {"location": "query", "name": "limit", "reason": "Input should be less than or equal to 500"},
    "SearchHit": {
        "kind": "claim",
        "id": "russia-controls-99-percent-luhansk",
        "title": "Kyiv asserts that Russia holds near-total control, about 99%, of the neighboring Luhansk region.",
        "snippet": "…near-total domination-about <mark>99</mark>%-in neighboring Luhansk…",
        "score": 12.5,
        "matched": [{"query": "Luhansk", "found": "Luhansk", "via": None}],
    },
    "MatchedTerm": {
        "query": "POWs",
        "found": "prisoner of war",
        "via": 'POWs → "prisoner of war" (thesaurus prisoner-of-war)',
    },
    "SearchFacets": {"kind": {"claim": 12, "source": 2, "actor": 1}, "exact": True},
    "DidYouMean": {"query": "Zelensky ceasefire", "word": "Zelenksy", "term": "zelensky", "similarity": 87.5},
    "SearchPage": {
        "items": [],
        "total": 0,
        "total_exact": True,
        "limit": 50,
        "offset": 0,
        "facets": {"kind": {}, "exact": True},
        "did_you_mean": [{"query": "Zelensky ceasefire", "word": "Zelenksy", "term": "zelensky", "similarity": 87.5}],
    },
    "Stats": {"counts": {"source": 3, "actor": 56, "claim": 167}},
    "RelatedClaim": examples.CLAIM["relations"][0],
    "ActorRolePublic": examples.ACTOR["roles"][0],
    "RoleCreate": {"role": "U.S. envoy", "claim_id": "witkoff-us-envoy-blog"},
    "RevisionPublic": {
        "id": 412,
        "kind": "claim",
        "record_id": "russia-controls-99-percent-luhansk",
        "operation": "update",
        "key_name": "alice",
        "at": "2026-01-05T09:30:00Z",
        "before": {"credibility": 3},
        "after": {"credibility": 2},
    },
    "BulkReport": {"lines": 3, "applied": {"issue.upsert": 1, "claim.update": 1, "claim_relation.delete": 1}},
    "ChangeFeed": {
        "items": [],
        "since": 412,
        "next_since": 412,
        "has_more": False,
    },
}
# What a create example needs beyond the fields it shares with the public example.
CREATE_EXTRAS = {"SourceCreate": {"text": "The ceasefire holds. The ceasefire holds in Kharkiv too."}}
LIST_NOTE = (
    "Answers one page, `{items, total, total_exact, limit, offset}`, with a `Link` header (`first`, `prev`, "
    "`next`; with `after`, keyset cursors). Matches are counted up to a bound (`total_exact` false beyond it). "
    "The same records, with the same filters, come as CSV from `{path}.csv` and as NDJSON from `{path}.ndjson`; "
    "without `limit`, either streams every matching record. A keyset walk visits each record once and ends "
    "on its last page."
)
FORMAT_NOTES = {
    "text/csv": "The records of `{path}` as CSV, with its filters, sort and paging: a header row, then one row "
    "a record; lists of ids are joined with `;`, nested lists are JSON. Without `limit`, every matching record "
    "from `offset` (or `after`) on, streamed, as a file to save (`Content-Disposition`).",
    NDJSON_MEDIA_TYPE: "The records of `{path}` as NDJSON, one JSON object a line, with its filters, sort and "
    "paging; without `limit`, every matching record from `offset` (or `after`) on, streamed, as a file to save "
    "(`Content-Disposition`).",
}
ITEM_NOTE = (
    "The answer carries an `ETag`: send it back in `If-None-Match` to get 304 Not Modified while the record is "
    "unchanged, or in `If-Match` when writing. An unknown id answers 404."
)


def _shared_header(description: str, example: object, *, required: bool = False, **schema: object) -> dict:
    """A header component; `required` for a header always sent with the answers it is declared on, whose
    component then says so once."""
    component = {"description": description, "schema": schema, "example": example}
    return component | {"required": True} if required else component


# Headers, answers and parameters many operations share, declared once and referenced.
HEADERS: dict[str, dict] = {
    "Link": _shared_header(
        'Paging links (RFC 8288): `rel="first"`, `rel="prev"`, `rel="next"`; with `after`, keyset cursors.',
        '</api/v1/claims?offset=50&limit=50>; rel="next"',
        type="string",
    ),
    "X-Total-Count": _shared_header(
        "How many records match, sent when the count is exact (`total_exact`).", 167, type="integer", minimum=0
    ),
    "ETag": _shared_header(
        "The record's entity tag, for `If-None-Match` and `If-Match`.",
        '"0d5cf1f27a4b8e1f9c3a6b2d4e8f7a10"',
        required=True,
        type="string",
    ),
    "Location": _shared_header(
        "The new record's path.", "/api/v1/claims/russia-controls-99-percent-luhansk", required=True, type="string"
    ),
    "Retry-After": _shared_header("Seconds to wait before trying again.", 1, type="integer", minimum=1),
    "Content-Disposition": _shared_header(
        "The file name a browser or `curl -OJ` saves the answer as.", 'attachment; filename="claims.csv"', type="string"
    ),
}


def _header(name: str, *, required: bool = False) -> dict:
    """A reference to the shared header, or — where it is required there and not everywhere (a reference
    cannot add `required`) — the header spelt out."""
    if HEADERS[name].get("required", False) == required:
        return {"$ref": f"#/components/headers/{name}"}
    return HEADERS[name] | {"required": required}


PROBLEM_CONTENT = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}
RESPONSES: dict[str, dict] = {
    "NotModified": {
        "description": "Not Modified: the record still has the ETag sent in `If-None-Match`.",
        "headers": {"ETag": _header("ETag", required=True)},
    },
    "PreconditionFailed": {
        "description": "The record's ETag no longer matches `If-Match`: read it again.",
        "content": PROBLEM_CONTENT,
    },
    "PayloadTooLarge": {
        "description": "The body is larger than the server accepts (PEACEKB_MAX_BODY_BYTES; "
        "PEACEKB_MAX_BULK_BODY_BYTES for /bulk).",
        "content": PROBLEM_CONTENT,
    },
    "TooManyRequests": {
        "description": "Too many requests from this key or address (PEACEKB_RATE_LIMIT_PER_MINUTE).",
        "headers": {"Retry-After": _header("Retry-After", required=True)},
        "content": PROBLEM_CONTENT,
    },
    "ServiceUnavailable": {
        "description": "A statement ran past the query time limit (PEACEKB_QUERY_TIMEOUT_MS), or the database "
        "is busy (with `Retry-After`); narrow the request or try again.",
        "headers": {"Retry-After": _header("Retry-After")},
        "content": PROBLEM_CONTENT,
    },
}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "Answer 304 Not Modified, without a body, while the record still has one of these ETags.",
    "schema": {"type": "string", "examples": ['"0d5cf1f27a4b8e1f9c3a6b2d4e8f7a10"']},
}
# Each write schema's kind's public schema (``ClaimCreate`` → ``ClaimPublic``), whose example its own derives from.
PUBLIC_OF_WRITE = {
    resource.create.__name__.removesuffix("Create"): resource.public.__name__ for resource in RESOURCES.values()
}


def install_openapi(app: FastAPI, settings: Settings | None = None) -> None:
    """Make ``app.openapi()`` return the finished document (built once, on first request)."""
    build: Callable[[], dict] = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            finish(build(), settings or get_settings())  # FastAPI's build caches the document; finish it in place
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]


def finish(document: dict, settings: Settings | None = None) -> dict:
    settings = settings or get_settings()
    components = document.setdefault("components", {})
    schemas = components.get("schemas", {})
    components["headers"] = copy.deepcopy(HEADERS)
    components["responses"] = copy.deepcopy(RESPONSES)
    components["parameters"] = {"IfNoneMatch": copy.deepcopy(IF_NONE_MATCH)}
    document.setdefault("servers", [{"url": "/", "description": "This server"}])
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            shape = _shape_of(path, method, operation)
            _complete_responses(path, method, shape, operation, settings)
            for parameter in operation.get("parameters", []):
                _complete_parameter(path, parameter, schemas)
            if shape == "item":
                operation["parameters"].append({"$ref": "#/components/parameters/IfNoneMatch"})
            _complete_security(path, method, operation, settings)
            _complete_description(path, shape, operation)
    for schema in schemas.values():
        # FastAPI writes the document without nulls (exclude_none), examples included: a record's example
        # would lack the fields it holds as null, which its schema requires.
        for example in schema.get("examples", []):
            _restore_nulls(example, schema, schemas)
    for name, schema in schemas.items():
        if "examples" not in schema:
            example = _schema_example(name, schema, schemas)
            if example is not None:
                schema["examples"] = [example]
    _drop_unreferenced(document, ("responses", "parameters", "headers"))  # responses refer to headers
    return document


def _drop_unreferenced(document: dict, sections: tuple[str, ...]) -> None:
    """Remove the shared components no operation refers to (429 while rate limiting is off, say)."""
    for section in sections:
        text = json.dumps(document["paths"]) + json.dumps({name: document["components"][name] for name in sections})
        components = document["components"][section]
        for name in [name for name in components if f'"#/components/{section}/{name}"' not in text]:
            del components[name]


def _shape_of(path: str, method: str, operation: dict) -> str | None:
    """What an operation is, for what it answers: a ``list`` (the JSON page), a list in another ``format``
    (CSV, NDJSON), an ``item`` read (with an ETag), or None."""
    if method != "get":
        return None
    success = operation["responses"].get("200", {}).get("content", {})
    if success.get("application/json", {}).get("schema", {}).get("$ref", "").startswith("#/components/schemas/Page_"):
        return "list"
    if set(success) & set(FORMAT_NOTES):
        return "format"
    if operation["operationId"].startswith("get_") and "{" in path:
        return "item"
    return None


def _complete_description(path: str, shape: str | None, operation: dict) -> None:
    if shape == "list":
        note = LIST_NOTE.replace("{path}", path)
    elif shape == "format":
        (media_type,) = operation["responses"]["200"]["content"]
        note = FORMAT_NOTES[media_type].replace("{path}", path.rsplit(".", 1)[0])
    else:
        note = ITEM_NOTE if shape == "item" else None
    if note:
        description = operation.get("description") or operation.get("summary", "")
        operation["description"] = f"{description.strip()}\n\n{note}"


def _complete_security(path: str, method: str, operation: dict, settings: Settings) -> None:
    """Writes already name the bearer scheme (their dependency); reads are public, unless keys are required."""
    if "security" in operation:
        return
    if method == "get" and path.startswith("/api/") and settings.read_requires_key:
        operation["security"] = [{"HTTPBearer": []}]
        operation["responses"]["401"] = {"description": "No API key, or an invalid one", "content": PROBLEM_CONTENT}
    else:
        operation["security"] = []


def _complete_parameter(path: str, parameter: dict, schemas: dict) -> None:
    name, schema = parameter["name"], parameter.setdefault("schema", {})
    description, example = PARAMETERS.get(name, (None, None))
    if name == "kind":
        description, example = KIND_DESCRIPTION, KIND_EXAMPLES.get(path.removesuffix(".csv").removesuffix(".ndjson"))
    declared = _declared_example(path, name)
    if declared is not None and ((name == "kind" and example is None) or name not in PARAMETERS):
        example = declared
    if not parameter.get("description"):
        parameter["description"] = schema.get("description") or description
    if "examples" not in schema:
        example = example if example is not None else _first_enum_value(schema, schemas)
        if example is not None:
            schema["examples"] = [example]
    if parameter.get("required") and "example" not in parameter and schema.get("examples"):
        # Swagger UI fills a parameter's own example into "Try it out": ids that exist, ready to execute.
        # Optional filters keep theirs in the schema only, so that trying a list does not filter it away.
        parameter["example"] = schema["examples"][0]


def _declared_example(path: str, name: str) -> Any:
    """A parameter's example from the public example of the declared kind whose collection the path is in:
    its id for the item's path parameter, a field's value for a filter on that field, a listed id for a
    filter on a link (``claim_id`` of ``claim_ids``)."""
    for resource in RESOURCES.values():
        if not path.startswith(f"/api/v1/{resource.collection}"):
            continue
        record = (resource.public.model_config.get("json_schema_extra") or {}).get("examples", [{}])[0]
        if name == resource.parameter:
            return record.get("id")
        if name in record and not isinstance(record[name], list):
            return record[name]
        if record.get(f"{name}s"):
            return record[f"{name}s"][0]
    return None


def _first_enum_value(schema: dict, schemas: dict) -> Any:
    for option in [schema, *schema.get("anyOf", [])]:
        target = _resolve(option, schemas)
        if "enum" in target:
            return target["enum"][0]
    return None


def _resolve(schema: dict, schemas: dict) -> dict:
    reference = schema.get("$ref", "")
    return schemas.get(reference.rsplit("/", 1)[-1], {}) if reference else schema


def _complete_responses(path: str, method: str, shape: str | None, operation: dict, settings: Settings) -> None:
    responses = operation.get("responses", {})
    for status, response in responses.items():
        if status[0] in "45":
            # Errors are only ever sent as problem documents; FastAPI also lists application/json for them.
            response["content"] = PROBLEM_CONTENT
    headers: dict[str, dict] = {}
    if shape == "list":
        headers = {"Link": _header("Link", required=True), "X-Total-Count": _header("X-Total-Count")}
    elif shape == "format":
        # A page has its links; a whole collection streamed (no `limit`) only its count.
        headers = {name: _header(name) for name in ("Link", "X-Total-Count", "Content-Disposition")}
    elif shape == "item" or method == "patch":
        headers = {"ETag": _header("ETag", required=True)}
    elif method == "post" and "201" in responses:
        headers = {"Location": _header("Location", required=True), "ETag": _header("ETag", required=True)}
    if headers:
        (responses.get("200") or responses["201"]).setdefault("headers", {}).update(headers)
    answers = {}
    if shape == "item":
        answers["304"] = "NotModified"
    if any(parameter.get("name") == "If-Match" for parameter in operation.get("parameters", [])):
        answers["412"] = "PreconditionFailed"
    if "requestBody" in operation:
        answers["413"] = "PayloadTooLarge"
    if settings.rate_limit_per_minute and path != "/health":
        answers["429"] = "TooManyRequests"
    if path.startswith("/api/"):
        answers["503"] = "ServiceUnavailable"
    for status, name in answers.items():
        responses[status] = {"$ref": f"#/components/responses/{name}"}
    operation["responses"] = dict(sorted(responses.items()))


def _schema_example(name: str, schema: dict, schemas: dict) -> Any:
    if name in SCHEMA_EXAMPLES:
        return SCHEMA_EXAMPLES[name]
    if "enum" in schema:
        return schema["enum"][0]
    if name.startswith("Page_"):
        item = _public_example(name.removeprefix("Page_").rstrip("_"), schemas)
        return {"items": [item] if item is not None else [], "total": 1, "total_exact": True, "limit": 50, "offset": 0}
    for suffix in ("Create", "Update"):
        if name.endswith(suffix) and name.removesuffix(suffix) in PUBLIC_OF_WRITE:
            public = _public_example(PUBLIC_OF_WRITE[name.removesuffix(suffix)], schemas)
            if public is None:
                return None
            fields = schema.get("properties", {})
            created = _fit(public, schema, schemas) | CREATE_EXTRAS.get(name, {})
            if suffix == "Create":
                return created
            # An update sends only what changes: the first field after the id.
            changed = next(k for k in fields if k in created)
            return {changed: created[changed]}
    return _example_from_properties(schema, schemas)


def _restore_nulls(value: Any, schema: dict, schemas: dict) -> None:
    """Put back, at every depth of ``value``, the required fields its schema lets be null that it lacks."""
    options = [_resolve(option, schemas) for option in [schema, *schema.get("anyOf", [])]]
    if isinstance(value, dict):
        target = next((option for option in options if "properties" in option), {})
        for name, field in target.get("properties", {}).items():
            if name in value:
                _restore_nulls(value[name], field, schemas)
            elif name in target.get("required", []) and {"type": "null"} in field.get("anyOf", []):
                value[name] = None
    elif isinstance(value, list):
        items = next((option["items"] for option in options if "items" in option), {})
        for item in value:
            _restore_nulls(item, items, schemas)


def _fit(value: Any, schema: dict, schemas: dict) -> Any:
    """``value`` cut down to what ``schema`` allows: only its properties, at every depth."""
    options = [_resolve(option, schemas) for option in [schema, *schema.get("anyOf", [])]]
    if isinstance(value, dict):
        properties = next((o["properties"] for o in options if "properties" in o), {})
        return {key: _fit(item, properties[key], schemas) for key, item in value.items() if key in properties}
    if isinstance(value, list):
        items = next((o["items"] for o in options if "items" in o), {})
        return [_fit(item, items, schemas) for item in value]
    return value


def _public_example(name: str, schemas: dict) -> dict | None:
    found = schemas.get(name, {}).get("examples")
    return copy.deepcopy(found[0]) if found else None


def _example_from_properties(schema: dict, schemas: dict) -> dict | None:
    """An object's example assembled from its properties' own examples (only when every property has one)."""
    properties = schema.get("properties")
    if not properties:
        return None
    example = {}
    for field, prop in properties.items():
        found = prop.get("examples") or _resolve(prop, schemas).get("examples")
        if not found:
            return None
        example[field] = found[0]
    return example

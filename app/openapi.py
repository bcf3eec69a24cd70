"""The OpenAPI document, finished for client generators and the explorer.

FastAPI writes the document from the routes; this module completes it in one pass, so that every operation
reads the same way however its route was made:

- every parameter has a description and an example, taken from one catalogue keyed by parameter name
  (filters are named after what they filter, so ``claim_id`` means the same everywhere) — the examples are
  real records of the seeded knowledge base;
- every schema has an example: the public records' own, derived ones for their write and page forms;
- every error response is ``application/problem+json`` with the ``ProblemDetails`` schema (only);
- every list operation also documents its CSV and NDJSON answers, and its description says how paging works;
  every item read says how its ETag works.

A test walks the finished document and fails on any operation, parameter or schema that lacks one of these.
"""

import copy
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from app.errors import PROBLEM_MEDIA_TYPE
from app.models import examples

PROBLEM_SCHEMA = {"$ref": "#/components/schemas/ProblemDetails"}
NDJSON_MEDIA_TYPE = "application/x-ndjson"

# One description and one example per parameter name, for parameters whose route did not give its own.
PARAMETERS: dict[str, tuple[str, Any]] = {
    "limit": ("Items per page.", 10),
    "offset": ("Items to skip.", 0),
    "after": ('Keyset pagination: the cursor from a previous page\'s `Link: rel="next"` (empty to start).', ""),
    "format": (
        "Response format: `json` (the page), `csv` (its rows, a header first) or `ndjson` (one record a line); "
        "CSV and NDJSON without `limit` stream the whole collection from `offset` (or `after`) on, as a file "
        "(`Content-Disposition`). `Accept: text/csv` or `Accept: application/x-ndjson` ask the same.",
        "csv",
    ),
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
# Public schemas whose examples seed the write forms of the same record kind.
LIST_NOTE = (
    "Answers one page, `{items, total, total_exact, limit, offset}`, with a `Link` header (`first`, `prev`, "
    "`next`; with `after`, keyset cursors). Matches are counted up to a bound (`total_exact` false beyond it). "
    "`format=csv` or `format=ndjson` (or the `Accept` header) give the same records as CSV or NDJSON; "
    "without `limit`, either streams every matching record. A keyset walk visits each record once and ends "
    "on its last page."
)
ITEM_NOTE = (
    "The answer carries an `ETag`: send it back in `If-None-Match` to get 304 Not Modified while the record is "
    "unchanged, or in `If-Match` when writing. An unknown id answers 404."
)
PUBLIC_OF_WRITE = {
    "Source": "SourcePublic",
    "Actor": "ActorPublic",
    "Plan": "PlanPublic",
    "PlanPoint": "PlanPointPublic",
    "Issue": "DisputedIssuePublic",
    "Position": "PositionPublic",
    "Claim": "ClaimPublic",
    "Event": "EventPublic",
    "Relation": "ClaimRelationPublic",
}


def install_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` return the finished document (built once, on first request)."""
    build: Callable[[], dict] = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            finish(build())  # FastAPI's build caches the document on the app; finish it in place
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]


def finish(document: dict) -> dict:
    schemas = document.get("components", {}).get("schemas", {})
    for path, operations in document.get("paths", {}).items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                _complete_parameter(path, parameter, schemas)
            _complete_responses(operation, schemas)
            _complete_description(operation)
    for name, schema in schemas.items():
        if "examples" not in schema:
            example = _schema_example(name, schema, schemas)
            if example is not None:
                schema["examples"] = [example]
    return document


def _complete_description(operation: dict) -> None:
    is_list = "text/csv" in operation["responses"].get("200", {}).get("content", {})
    is_item = operation["operationId"].startswith("get_") and any(
        parameter["in"] == "path" for parameter in operation.get("parameters", [])
    )
    note = LIST_NOTE if is_list else ITEM_NOTE if is_item else None
    if note:
        description = operation.get("description") or operation.get("summary", "")
        operation["description"] = f"{description.strip()}\n\n{note}"


def _complete_parameter(path: str, parameter: dict, schemas: dict) -> None:
    name, schema = parameter["name"], parameter.setdefault("schema", {})
    description, example = PARAMETERS.get(name, (None, None))
    if name == "kind":
        description, example = KIND_DESCRIPTION, KIND_EXAMPLES.get(path)
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


def _first_enum_value(schema: dict, schemas: dict) -> Any:
    for option in [schema, *schema.get("anyOf", [])]:
        target = _resolve(option, schemas)
        if "enum" in target:
            return target["enum"][0]
    return None


def _resolve(schema: dict, schemas: dict) -> dict:
    reference = schema.get("$ref", "")
    return schemas.get(reference.rsplit("/", 1)[-1], {}) if reference else schema


def _complete_responses(operation: dict, schemas: dict) -> None:
    responses = operation.get("responses", {})
    if "requestBody" not in operation and not any(p["in"] == "query" for p in operation.get("parameters", [])):
        # FastAPI documents 422 for any parameter; a path id or an If-Match header is free text, never rejected.
        responses.pop("422", None)
    for status, response in responses.items():
        if status[0] in "45":
            # Errors are only ever sent as problem documents; FastAPI also lists application/json for them.
            response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_SCHEMA}}
    success = responses.get("200", {}).get("content", {})
    page_schema = success.get("application/json", {}).get("schema", {})
    if page_schema.get("$ref", "").startswith("#/components/schemas/Page_"):
        success["text/csv"] = {"schema": {"type": "string", "description": "The page's rows, a header first."}}
        success[NDJSON_MEDIA_TYPE] = {
            "schema": {"type": "string", "description": "One record (JSON) a line; see the `format` parameter."}
        }


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

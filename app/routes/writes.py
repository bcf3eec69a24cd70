"""Writes on every collection — POST, PATCH, DELETE — plus each record's history, built from one registry.

Every kind of record is written the same way (app/services/writes.py), so the routes are made by one
factory per kind rather than written out nine times; each still gets its own typed body, operationId,
summary and tag in the OpenAPI document.
"""

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from app.auth import SCOPE_RANK, Writer
from app.db import SessionDep
from app.errors import PROBLEM_MEDIA_TYPE, Forbidden, ProblemDetails
from app.etags import etag_of
from app.listing import Page, PageDep, respond
from app.models import RecordKind, RevisionPublic
from app.models.resource import referenced
from app.read_pool import in_read_pool
from app.services import bulk, revisions, writes
from app.services.resources import RESOURCES, Resource
from app.services.rules import rules_for

IfMatch = Annotated[
    str | None, Header(description="Write only if the record still has this ETag (else 412).", alias="If-Match")
]


def _problem(description: str) -> dict:
    return {"model": ProblemDetails, "description": description, "content": {PROBLEM_MEDIA_TYPE: {}}}


WRITE_RESPONSES = {
    401: _problem("No API key, or an invalid one"),
    403: _problem("The key lacks the scope (write; admin to cascade)"),
    409: _problem("Conflicts with existing data"),
}  # 412 where If-Match is taken and 413 where a body is: app/openapi.py declares them (shared components)


def _responses(*statuses: int) -> dict:
    return {status: WRITE_RESPONSES[status] for status in statuses}


@dataclass
class Writing:
    """What every write route takes: the session, the writer's key and the response whose headers it sets."""

    session: SessionDep
    caller: Writer
    response: Response

    def committed(self, record: dict) -> dict:
        """Commit the write and answer the record as it now is, with its new ETag."""
        self.session.commit()
        self.response.headers["ETag"] = etag_of(record)
        return record


WritingDep = Annotated[Writing, Depends()]


def _write_routes(router: APIRouter, resource: Resource) -> None:
    kind, path, label, public = resource.kind, f"/{resource.collection}", resource.label, resource.public
    create_schema, update_schema = resource.create, resource.update
    name = kind
    RecordId = Annotated[str, Path(alias=resource.parameter, description=f"The {label}'s id.")]

    def create(request: Request, writing: WritingDep, data: Annotated[create_schema, Body()]):
        created = writes.create_record(writing.session, kind, data, key_name=writing.caller.name)
        # The router's own prefix is empty here: the collection's full path is the one this POST came to.
        writing.response.headers["Location"] = f"{request.url.path.rstrip('/')}/{created['id']}"
        return writing.committed(created)

    def change(
        writing: WritingDep, record_id: RecordId, data: Annotated[update_schema, Body()], if_match: IfMatch = None
    ):
        changed = writes.update_record(
            writing.session, kind, record_id, data, key_name=writing.caller.name, if_match=if_match
        )
        return writing.committed(changed)

    def remove(
        session: SessionDep,
        caller: Writer,
        record_id: RecordId,
        if_match: IfMatch = None,
        cascade: Annotated[
            bool,
            Query(description="Also delete what needs this record and clear optional references (admin keys)."),
        ] = False,
    ):
        if cascade and SCOPE_RANK[caller.scope] < SCOPE_RANK["admin"]:
            raise Forbidden("Deleting with cascade=true needs a key with the 'admin' scope.")
        writes.delete_record(session, kind, record_id, key_name=caller.name, cascade=cascade, if_match=if_match)
        session.commit()
        return Response(status_code=204)

    @in_read_pool
    def history(request: Request, session: SessionDep, page: PageDep, record_id: RecordId):
        found = revisions.history(session=session, kind=kind, record_id=record_id, page=page)
        return respond(request, page, found, RevisionPublic)

    item = f"{path}/{{{resource.parameter}}}"
    create_note = _CREATE_NOTES.get(
        kind,
        f"Needs a `write` key. Answers the new {label} (201) with its `Location` and "
        "`ETag`; a taken id is a conflict (409), a reference to a missing record is rejected (422).",
    )
    update_conflicts = [409] if rules_for(kind).update_conflicts else []
    # (path, endpoint, method, operation, summary, documented answers, description, what else the route sets)
    operations = (
        (path, create, "POST", f"create_{name}", f"Create a {label}", _responses(401, 403, 409), create_note,
         {"status_code": 201, "response_model": public}),
        (item, change, "PATCH", f"update_{name}", f"Change fields of a {label}",
         _responses(401, 403, *update_conflicts), "Send only the fields to change; `null` clears an optional field.",
         {"response_model": public}),
        (item, remove, "DELETE", f"delete_{name}", f"Delete a {label}",
         _responses(401, 403, *([409] if referenced(kind) else [])),
         f"Needs a `write` key. A {label} that other records need is not deleted (409 lists them) unless "
         "`cascade=true` (an `admin` key). Send `If-Match` to delete only the state you read.",
         {"status_code": 204, "response_class": Response}),
        # The history of an id that never existed is empty, not missing: no 404.
        (f"{item}/history", history, "GET", f"list_{name}_history", f"List the revisions of a {label}, oldest first",
         {404: None}, f"Every write to this {label} — create, update, delete — with the record before and after, "
         "the key's name and the time (UTC). The seed load is recorded as `seed`.",
         {"response_model": Page[RevisionPublic]}),
    )  # fmt: skip
    for route_path, endpoint, method, operation, summary, responses, description, settings in operations:
        router.add_api_route(
            route_path, endpoint, methods=[method], name=operation, summary=summary, responses=responses,
            description=description, **settings,
        )  # fmt: skip


_CREATE_NOTES = {
    "claim": "The server finds `quote` in the source's text and stores its code-point offsets. A quote that "
    "occurs more than once needs `prefix`, `suffix` (as the W3C TextQuoteSelector) or `quote_start`; a quote "
    "that is not in the source is refused with the closest passage.",
    "source": "A source's text cannot change once claims cite it: add a corrected source with `updates_id`.",
}


class ChangeFeed(BaseModel):
    """Revisions after a cursor; pass `next_since` as `since` to continue."""

    items: list[RevisionPublic]
    since: int
    next_since: int
    has_more: bool


BULK_EXAMPLE = "\n".join(
    [
        '{"op": "upsert", "kind": "issue", "data": {"id": "prisoner-exchange", "name": "Prisoner exchange"}}',
        '{"op": "update", "kind": "claim", "id": "russia-controls-99-percent-luhansk", "data": {"credibility": 2}}',
        '{"op": "delete", "kind": "claim_relation", "id": "some-relation"}',
    ]
)


def _bulk(session, body: str, key_name: str, allow_cascade: bool) -> bulk.BulkReport:
    try:
        report = bulk.apply_lines(session, body.splitlines(), key_name=key_name, allow_cascade=allow_cascade)
    except Exception:
        session.rollback()
        raise
    session.commit()
    return report


def build_router(make_router) -> APIRouter:
    router = make_router()
    for resource in RESOURCES.values():
        sub = make_router(tags=[resource.tag_name])
        _write_routes(sub, resource)
        router.include_router(sub)

    @router.post(
        "/bulk",
        response_model=bulk.BulkReport,
        tags=["bulk"],
        responses=_responses(401, 403),
        openapi_extra={
            "requestBody": {
                "required": False,  # an empty body is an empty import: it applies nothing
                "content": {"application/x-ndjson": {"schema": {"type": "string"}, "example": BULK_EXAMPLE}},
            }
        },
    )
    async def bulk_write(request: Request, session: SessionDep, caller: Writer):
        """Apply many writes from NDJSON in one transaction: all of them, or none and every line's error.

        Each line is `{"op", "kind", "id", "data"}`; `op` is `create`, `update`, `upsert` (the default) or
        `delete`. Needs a `write` key (`admin` for lines that delete with `cascade`). On any failure nothing is
        kept and the 422 problem document names each failing line.
        """
        body = (await request.body()).decode("utf-8", errors="replace")
        allow_cascade = SCOPE_RANK[caller.scope] >= SCOPE_RANK["admin"]
        return await run_in_threadpool(_bulk, session, body, caller.name, allow_cascade)

    @router.get("/changes", response_model=ChangeFeed, tags=["changes"])
    @in_read_pool
    def list_changes(
        session: SessionDep,
        since: Annotated[int, Query(ge=0, description="Cursor: revisions after this one (0 = from the start).")] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        kind: Annotated[list[RecordKind] | None, Query(description="Only these kinds (repeatable).")] = None,
    ):
        """Follow every write in order, to keep a mirror in sync.

        Answers the revisions after the cursor `since`, oldest first; pass `next_since` back as `since` to
        continue, until `has_more` is false.
        """
        items = revisions.changes_since(session=session, since=since, limit=limit + 1, kinds=kind)
        page = items[:limit]
        return ChangeFeed(
            items=page, since=since, next_since=page[-1].id if page else since, has_more=len(items) > limit
        )

    return router

"""Bulk writes from NDJSON: one record operation per line, all in one transaction — all or nothing.

A line is ``{"op": "upsert", "kind": "claim", "data": {...}}``; ``op`` is ``create``, ``update`` (partial),
``upsert`` (the default: create, or replace the fields given) or ``delete`` (with ``id``, and optional
``cascade``). Every line is tried, each inside a savepoint, so one failure does not hide the next: the
caller hears every line's problem, and nothing is kept unless every line succeeded. Upserts make an
interrupted import safe to run again.
"""

import json
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlmodel import Session

from app.errors import InvalidField, InvalidInput, Problem
from app.services import writes
from app.services.resources import RESOURCES

MAX_REPORTED_ERRORS = 100


class BulkLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    op: Literal["create", "update", "upsert", "delete"] = "upsert"
    kind: Literal[tuple(RESOURCES)]  # type: ignore[valid-type]
    id: str | None = None
    data: dict | None = None
    cascade: bool = False


class BulkReport(BaseModel):
    """What a bulk import applied, per kind and operation."""

    lines: int
    applied: dict[str, int]


def apply_lines(
    session: Session,
    lines: Iterable[str],
    *,
    key_name: str,
    allow_cascade: bool,
    on_line: Callable[[], None] | None = None,
) -> BulkReport:
    """Apply every line in the session's transaction; raise InvalidInput naming each failing line."""
    errors: list[InvalidField] = []
    applied: Counter[str] = Counter()
    count = 0
    for number, raw in enumerate(lines, start=1):
        count = number
        if on_line:
            on_line()
        if not raw.strip():
            continue
        try:
            with session.begin_nested():
                operation = _apply(session, raw, key_name=key_name, allow_cascade=allow_cascade)
            applied[operation] += 1
        except Problem as problem:
            for error in problem.errors or [InvalidField(location="body", name="line", reason=problem.detail)]:
                errors.append(InvalidField(location=f"line {number}", name=error.name, reason=error.reason))
        if len(errors) >= MAX_REPORTED_ERRORS:
            break
    if errors:
        raise InvalidInput(errors)
    return BulkReport(lines=count, applied=dict(sorted(applied.items())))


def _apply(session: Session, raw: str, *, key_name: str, allow_cascade: bool) -> str:
    try:
        line = BulkLine.model_validate(json.loads(raw))
    except json.JSONDecodeError as error:
        raise writes.invalid("line", f"not valid JSON: {error.msg}") from None
    except ValidationError as error:
        raise InvalidInput(
            [InvalidField(location="body", name=".".join(map(str, e["loc"])), reason=e["msg"]) for e in error.errors()]
        ) from None
    resource = RESOURCES[line.kind]
    record_id = line.id or (line.data or {}).get("id")
    if not record_id:
        raise writes.invalid("id", "every line needs an id (in 'id' or in 'data')")
    if line.op == "delete":
        if line.cascade and not allow_cascade:
            raise writes.invalid("cascade", "cascading deletes need an admin key")
        writes.delete_record(session, line.kind, record_id, key_name=key_name, cascade=line.cascade)
        return f"{line.kind}.delete"
    data = (line.data or {}) | {"id": record_id}
    exists = session.get(resource.table, record_id) is not None
    if line.op == "create" or (line.op == "upsert" and not exists):
        writes.create_record(session, line.kind, writes.validated(resource.create, data), key_name=key_name)
        return f"{line.kind}.create"
    fields = {name: value for name, value in data.items() if name != "id"}
    writes.update_record(session, line.kind, record_id, writes.validated(resource.update, fields), key_name=key_name)
    return f"{line.kind}.update"

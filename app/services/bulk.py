"""Bulk writes from NDJSON: one record operation per line, all in one transaction — all or nothing.

A line is ``{"op": "upsert", "kind": "claim", "data": {...}}``; ``op`` is ``create``, ``update`` (partial),
``upsert`` (the default: create, or replace the fields given) or ``delete`` (with ``id``, and optional
``cascade``). Every line is tried, each inside a savepoint, so one failure does not hide the next: the
caller hears every line's problem, and nothing is kept unless every line succeeded. Upserts make an
interrupted import safe to run again.
"""

import json
from collections.abc import Callable, Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlmodel import Session

from app.errors import InvalidField, InvalidInput, Problem, invalid_input
from app.services import fast_import, writes
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
    lines: Iterable[str | bytes],
    *,
    key_name: str,
    allow_cascade: bool,
    on_progress: Callable[[int], None] | None = None,
    commit_every: int | None = None,
    on_commit: Callable[[int], None] | None = None,
    batch_size: int = fast_import.BATCH_SIZE,
) -> BulkReport:
    """Apply every line in the session's transaction; raise InvalidInput naming each failing line.

    Runs of new (or unchanged) records take the fast path (app/services/fast_import.py); every other line the
    write engine, alone. ``on_progress`` hears the number of the last line done. With ``commit_every``, the
    import commits whenever that many more lines have gone in without an error (``on_commit`` hears the
    line number), and stops at the next such point once a line has failed, leaving that stretch uncommitted.
    """
    errors: list[InvalidField] = []
    count = committed = 0

    def slow(number: int, raw: str | bytes) -> str | None:
        text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
        if not text.strip():
            return None
        try:
            with session.begin_nested():
                return _apply(session, text, key_name=key_name, allow_cascade=allow_cascade)
        except Problem as problem:
            for error in problem.errors or [InvalidField(location="body", name="line", reason=problem.detail)]:
                errors.append(InvalidField(location=f"line {number}", name=error.name, reason=error.reason))
            return None

    def after_step(number: int) -> bool:
        nonlocal count, committed
        count = number
        if on_progress:
            on_progress(number)
        if commit_every and number - committed >= commit_every:
            if errors:
                return False
            session.commit()
            committed = number
            if on_commit:
                on_commit(number)
        return len(errors) < MAX_REPORTED_ERRORS

    applied = fast_import.apply_all(
        session,
        lines,
        key_name=key_name,
        slow=slow,
        after_step=after_step,
        batch_size=min(batch_size, commit_every or batch_size),
    )
    if errors:
        raise InvalidInput(errors)
    return BulkReport(lines=count, applied=dict(sorted(applied.items())))


def _apply(session: Session, raw: str, *, key_name: str, allow_cascade: bool) -> str:
    try:
        line = BulkLine.model_validate(json.loads(raw))
    except json.JSONDecodeError as error:
        raise writes.invalid("line", f"not valid JSON: {error.msg}") from None
    except ValidationError as error:
        raise invalid_input(error) from None
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

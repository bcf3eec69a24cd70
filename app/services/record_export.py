"""The formats of ``peacekb export``: whole collections as NDJSON or CSV, read a chunk at a time.

Records come in their public form — what ``GET /api/v1/{collection}/{id}`` answers — ordered by id and read
``MAX_LIMIT`` at a time (keyset pagination), so an export holds one chunk in memory however large the
knowledge base is.
"""

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session

from app.listing import MAX_LIMIT, ndjson_line, to_csv
from app.services.export import export_knowledge_base
from app.services.jsonld import jsonld_document, jsonld_nodes
from app.services.resources import RESOURCES, Resource

COLLECTIONS: dict[str, Resource] = {resource.collection: resource for resource in RESOURCES.values()}


def records(session: Session, resource: Resource) -> Iterator[BaseModel]:
    """Every record of one kind in its public form, by id, a chunk at a time."""
    table, last = resource.table, None
    while True:
        statement = select(table).order_by(table.id).limit(MAX_LIMIT)
        if last is not None:
            statement = statement.where(table.id > last)
        rows = list(session.scalars(statement))
        if not rows:
            return
        yield from resource.to_public(session, rows)
        last = rows[-1].id
        session.expunge_all()  # the chunk is written out: let it go


def ndjson_records(session: Session, resource: Resource) -> Iterator[str]:
    """One kind's records, one JSON object a line."""
    for record in records(session, resource):
        yield ndjson_line(record, resource.public)


def ndjson_knowledge_base(session: Session) -> Iterator[str]:
    """Every record of every kind, a line each: ``{"kind": "claim", "record": {...}}``."""
    for resource in RESOURCES.values():
        for record in records(session, resource):
            data = record.model_dump(mode="json", include=set(resource.public.model_fields))
            yield json.dumps({"kind": resource.kind, "record": data}, ensure_ascii=False) + "\n"


def csv_records(session: Session, resource: Resource) -> Iterator[str]:
    """One kind's records as CSV, the header first (lists of ids joined with ';', nested lists as JSON)."""
    header = to_csv([], resource.public)
    yield header
    chunk: list[BaseModel] = []
    for record in records(session, resource):
        chunk.append(record)
        if len(chunk) == MAX_LIMIT:
            yield to_csv(chunk, resource.public)[len(header) :]
            chunk = []
    if chunk:
        yield to_csv(chunk, resource.public)[len(header) :]


def _writer(output: Path | None) -> tuple[TextIO, bool]:
    if output is None:
        return sys.stdout, False
    return output.open("w", encoding="utf-8", newline=""), True


def write_export(session: Session, *, format: str, kind: str | None, output: Path | None, base_url: str) -> None:
    """Write an export (``peacekb export``) to a file, a directory of CSV files, or stdout, piece by piece.

    Raises ValueError for a combination that cannot be written (an unknown kind, a kind for json or jsonld,
    CSV of every kind to anything but a directory).
    """
    if kind is not None and kind not in COLLECTIONS:
        raise ValueError(f"--kind must be one of: {', '.join(COLLECTIONS)}")
    if kind is not None and format in ("json", "jsonld"):
        raise ValueError(f"--kind applies to ndjson and csv; {format} exports the whole knowledge base")
    if format == "csv" and kind is None:
        if output is None or (output.exists() and not output.is_dir()):
            raise ValueError("csv of every kind needs --output DIR (one file per collection), or --kind")
        output.mkdir(parents=True, exist_ok=True)
        for collection, resource in COLLECTIONS.items():
            with (output / f"{collection}.csv").open("w", encoding="utf-8", newline="") as handle:
                handle.writelines(csv_records(session, resource))
        return
    pieces = _pieces(session, format=format, resource=COLLECTIONS[kind] if kind else None, base_url=base_url)
    handle, owned = _writer(output)
    try:
        handle.writelines(pieces)
    finally:
        if owned:
            handle.close()


def _pieces(session: Session, *, format: str, resource: Resource | None, base_url: str) -> Iterable[str]:
    if format == "json":
        document = export_knowledge_base(session).model_dump(mode="json", exclude_none=True)
        return [json.dumps(document, ensure_ascii=False, indent=1) + "\n"]
    if format == "jsonld":
        return jsonld_document(jsonld_nodes(session), base=base_url)
    if format == "csv":
        return csv_records(session, resource)  # type: ignore[arg-type]
    return ndjson_records(session, resource) if resource else ndjson_knowledge_base(session)

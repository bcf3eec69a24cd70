"""The formats of ``peacekb export``: whole collections as NDJSON or CSV, read a chunk at a time.

Records come in their public form — what ``GET /api/v1/{collection}/{id}`` answers — ordered by id and read
a chunk at a time by the same keyset walk as a list's stream (app/paging.py), so an export holds one chunk
in memory however large the knowledge base is.
"""

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel
from sqlmodel import Session

from app.keyset import Ordering
from app.listing import csv_header, csv_rows, ndjson_line
from app.paging import every_chunk, whole_list
from app.services.export import export_knowledge_base
from app.services.jsonld import jsonld_document, jsonld_nodes
from app.services.lookup import rows_of
from app.services.records import list_records
from app.services.resources import RESOURCES, Resource, to_public

COLLECTIONS: dict[str, Resource] = {resource.collection: resource for resource in RESOURCES.values()}


def chunks(session: Session, resource: Resource) -> Iterator[list[BaseModel]]:
    """Every record of one kind in its public form, by id, a chunk at a time."""
    table = resource.table
    return every_chunk(session, rows_of(table), Ordering("", [], table.id), public=to_public(resource.kind))


def ndjson_records(session: Session, resource: Resource) -> Iterator[str]:
    """One kind's records, one JSON object a line."""
    for chunk in chunks(session, resource):
        yield "".join(ndjson_line(record, resource.public) for record in chunk)


def ndjson_knowledge_base(session: Session) -> Iterator[str]:
    """Every record of every kind, a line each: ``{"kind": "claim", "record": {...}}``."""
    for resource in RESOURCES.values():
        fields = set(resource.public.model_fields)
        for chunk in chunks(session, resource):
            yield "".join(
                json.dumps({"kind": resource.kind, "record": record.model_dump(mode="json", include=fields)},
                           ensure_ascii=False) + "\n"
                for record in chunk
            )  # fmt: skip


def csv_records(session: Session, resource: Resource) -> Iterator[str]:
    """One kind's records as CSV, the header first (lists of ids joined with ';', nested lists as JSON)."""
    yield csv_header(resource.public)
    for chunk in chunks(session, resource):
        yield csv_rows(chunk, resource.public)


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
        claims = list_records(session, "claim", page=whole_list(), models=True)
        return jsonld_document(jsonld_nodes(session, claims), base=base_url)
    if format == "csv":
        return csv_records(session, resource)  # type: ignore[arg-type]
    return ndjson_records(session, resource) if resource else ndjson_knowledge_base(session)

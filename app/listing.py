"""Lists over HTTP: the page envelope, the paging and sorting parameters, the Link header, CSV and NDJSON.

Every collection route answers ``{"items", "total", "total_exact", "limit", "offset"}`` through ``respond``,
so paging, sorting and formats behave the same everywhere. Its CSV and NDJSON forms are operations of their
own, on the same path with a suffix (``/claims.csv``, ``/claims.ndjson``: app/routes/base.py), whose paging
dependency (``page_params_in``) names the format. Asked for without a ``limit`` they stream the whole
collection, read a chunk at a time by the list's own keyset walk (app/paging.py), and come as a file to save
(``Content-Disposition``).

JSON pages are serialized once and returned as the response, so FastAPI does not validate and encode them a
second time against the response model (which still documents them): records the database built as JSON
(app/services/database_json.py) by orjson, pages of public models (search) by pydantic's own serializer.
The page limits are settings, read per request (and into the OpenAPI document when it is built).
"""

import csv
import io
import json
import re
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Generic, Literal, TypeVar
from urllib.parse import quote

import orjson
from fastapi import Depends, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from app.config import get_settings
from app.errors import InvalidParameter
from app.keyset import Key, Ordering
from app.models.resource import RESOURCES

if TYPE_CHECKING:
    from app.paging import PageResult

# SQLite integers are 64-bit: an unbounded offset would overflow in the driver instead of answering 422.
MAX_OFFSET = 1_000_000_000
NDJSON_MEDIA_TYPE = "application/x-ndjson"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
# The formats answered as a file of records: a download named after the collection.
FILE_EXTENSIONS = {"csv": "csv", "ndjson": "ndjson"}


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a collection."""

    items: list[T]
    total: int = Field(
        description="Matching records, counted up to PEACEKB_COUNT_LIMIT (default 1,000) or offset + limit, "
        "whichever is larger; when there are more, this bound, and `total_exact` is false."
    )
    total_exact: bool = Field(description="False when `total` is a lower bound: counting stopped there.")
    limit: int
    offset: int


Format = Literal["json", "csv", "ndjson", "jsonld"]


@dataclass(frozen=True)
class PageParams:
    limit: int
    offset: int
    # How the records are answered; "jsonld" is the claims' linked-data document (app/routes/exports.py).
    format: Format
    # A file format asked for without a limit: every record from ``offset`` (or ``after``) on, streamed.
    whole_collection: bool = False
    # Keyset mode: continue after this cursor ("" starts from the beginning); None pages by offset.
    after: str | None = None


def _default_limit() -> int:
    return get_settings().page_limit_default


def _document_limit(schema: dict) -> None:
    """The limit's bounds as the settings give them, written into the OpenAPI document as it is built."""
    settings = get_settings()
    schema["maximum"], schema["default"] = settings.page_limit_max, settings.page_limit_default


Limit = Annotated[
    int,
    Query(ge=1, default_factory=_default_limit, json_schema_extra=_document_limit, description="Items per page."),
]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
After = Annotated[
    str | None,
    Query(
        max_length=1000,
        description='Keyset pagination: the cursor in a previous page\'s `Link: rel="next"` (empty to start). '
        "As fast 900,000 rows deep as on page 1.",
    ),
]


def paging(request: Request, *, limit: int, offset: int, after: str | None, format: str) -> PageParams:
    """The page asked for, checked: a limit within the setting's bound, and no offset beside a cursor."""
    maximum = get_settings().page_limit_max
    if limit > maximum:
        raise InvalidParameter("limit", f"Input should be less than or equal to {maximum}")
    if after is not None and offset:
        raise InvalidParameter("offset", "cannot be combined with after: a cursor already says where to go on")
    whole = format != "json" and "limit" not in request.query_params
    return PageParams(limit=limit, offset=offset, format=format, whole_collection=whole, after=after)


def page_params_in(format: Format) -> Callable[..., Awaitable[PageParams]]:
    """The paging dependency of a list answered in ``format``: each format is an operation of its own."""

    async def page_params(  # async: pure parsing, no reason for a thread-pool trip
        request: Request, limit: Limit, offset: Offset = 0, after: After = None
    ) -> PageParams:
        return paging(request, limit=limit, offset=offset, after=after, format=format)

    return page_params


page_params = page_params_in("json")
PageDep = Annotated[PageParams, Depends(page_params)]


@cache
def sort_of(kind: str) -> type[Enum]:
    """The one sort enum of a declared kind, from its sort fields: every list of that kind takes it."""
    resource = RESOURCES[kind]
    return sort_enum(resource.sort_name, list(resource.sort_fields))


def sort_enum(name: str, fields: list[str]) -> type[Enum]:
    """An enum of ``field`` and ``-field`` (descending) values, so OpenAPI lists the allowed sorts."""
    values = [value for field in fields for value in (field, f"-{field}")]
    return Enum(name, {value: value for value in values}, type=str)


def order_by(sort: Enum | None, columns: dict[str, Any], tiebreak: Any) -> Ordering:
    """The order for a sort value: the field (nulls first; ``-field`` descending, nulls last), then the id,
    which keeps pages stable when values repeat. No sort: id order."""
    if sort is None:
        return Ordering("", [], tiebreak)
    column = columns[sort.value.lstrip("-")]
    return Ordering(sort.value, [Key(column, descending=sort.value.startswith("-"))], tiebreak)


_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def link_header(request: Request, page: PageParams, result: "PageResult") -> str:
    """``first``, ``prev`` (by offset) and ``next`` while a record follows the page (keyset: its cursor)."""

    def url(**params: Any) -> str:
        # Percent-encode what the path holds beyond ASCII: header values must be Latin-1.
        return quote(str(request.url.include_query_params(**params, limit=page.limit)), safe=_URL_SAFE)

    if page.after is not None:
        links = [f'<{url(after="")}>; rel="first"']
        if result.next_after is not None:
            links.append(f'<{url(after=result.next_after)}>; rel="next"')
        return ", ".join(links)
    links = [f'<{url(offset=0)}>; rel="first"']
    if page.offset > 0:
        links.append(f'<{url(offset=max(0, page.offset - page.limit))}>; rel="prev"')
    if result.has_more:
        links.append(f'<{url(offset=page.offset + page.limit)}>; rel="next"')
    return ", ".join(links)


def respond(
    request: Request,
    page: PageParams,
    result: "PageResult",
    model: type[BaseModel],
    *,
    envelope: type[Page] | None = None,
    **fields: Any,
):
    """Answer a list request: the JSON page (with its Link header), or its records as CSV or NDJSON — the
    page, or without ``limit`` the whole collection, streamed. ``X-Total-Count`` only when the count is exact.
    A list whose JSON page says more than ``Page`` does names its ``envelope`` and the ``fields`` it adds.
    """
    headers = {"X-Total-Count": str(result.total)} if result.total_exact else {}
    if page.format in FILE_EXTENSIONS:
        headers["Content-Disposition"] = attachment(request, FILE_EXTENSIONS[page.format])
    media_type = CSV_MEDIA_TYPE if page.format == "csv" else NDJSON_MEDIA_TYPE
    if page.whole_collection:
        return StreamingResponse(render_records(result, model, page.format), media_type=media_type, headers=headers)
    headers["Link"] = link_header(request, page, result)
    if page.format in FILE_EXTENSIONS:
        return Response("".join(render_records(result, model, page.format)), media_type=media_type, headers=headers)
    counts = {"total": result.total, "total_exact": result.total_exact, "limit": page.limit, "offset": page.offset}
    if envelope is None and all(isinstance(item, dict) for item in result.items):
        # Records the database built (app/services/database_json.py): JSON-ready already, in field order.
        return Response(orjson.dumps({"items": result.items, **counts}), media_type="application/json", headers=headers)
    body = (envelope or Page[model]).model_construct(items=result.items, **counts, **fields)
    return Response(body.model_dump_json(), media_type="application/json", headers=headers)


def render_records(result: "PageResult", model: type[BaseModel], format: str) -> Iterator[str]:
    """The records of a page or a whole collection as CSV (a header first) or NDJSON, a chunk at a time."""
    if format == "csv":
        yield csv_header(model)
        for chunk in result.chunks():
            yield csv_rows(chunk, model)
        return
    for chunk in result.chunks():
        yield "".join(ndjson_line(item, model) for item in chunk)


def attachment(request: Request, extension: str) -> str:
    """``Content-Disposition`` naming the file after the collection: ``claims.csv``,
    ``plans-us-peace-package-points.ndjson``."""
    path = re.sub(r"^/api/v\d+/", "", request.url.path)
    path = re.sub(r"\.(csv|ndjson)$", "", path.strip("/"))
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", path.replace("/", "-")).strip("-.") or "records"
    return f'attachment; filename="{name}.{extension}"'


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return ";".join(value)
        return json.dumps([v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value])
    if isinstance(value, BaseModel):  # an embedded record (a claim pair's claims): one JSON cell, as lists are
        return value.model_dump_json()
    return value


def csv_header(model: type[BaseModel]) -> str:
    """The CSV header line: the public form's field names."""
    return _csv_text([list(model.model_fields)])


def csv_rows(items: list[BaseModel] | list[dict], model: type[BaseModel]) -> str:
    """Records (models, or the JSON-ready dicts the database built) flattened to CSV lines: one column per
    field, lists of ids joined with ';', nested lists as JSON."""
    fields = list(model.model_fields)
    if items and isinstance(items[0], dict):
        return _csv_text([_csv_cell(item[name]) for name in fields] for item in items)
    return _csv_text([_csv_cell(getattr(item, name)) for name in fields] for item in items)


def _csv_text(rows: Iterable[list]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def ndjson_line(item: BaseModel | dict, model: type[BaseModel]) -> str:
    """One record as one line of JSON, with the fields of its public form (a dict the database built has
    exactly those)."""
    if isinstance(item, dict):
        return orjson.dumps(item).decode() + "\n"
    return item.model_dump_json(include=set(model.model_fields)) + "\n"


def require_order(name_from: str, start: Any, name_to: str, end: Any) -> None:
    """Reject a range whose start lies after its end, naming both parameters."""
    if start is not None and end is not None and start > end:
        raise InvalidParameter(name_to, f"must not be before {name_from} ({start})")

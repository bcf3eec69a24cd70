"""Lists: the page envelope, paging and sorting dependencies, the Link header, and CSV rendering.

Every collection route answers ``{"items", "total", "limit", "offset"}`` through ``respond`` — or CSV, when
asked with ``?format=csv`` or ``Accept: text/csv``, or NDJSON with ``?format=ndjson`` or
``Accept: application/x-ndjson`` — so paging, sorting and formats behave the same everywhere. NDJSON asked
for without a ``limit`` streams the whole collection (app/streaming.py).
"""

import csv
import io
import json
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Generic, Literal, TypeVar
from urllib.parse import quote

from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel
from sqlalchemy import Select, func, select
from sqlmodel import Session

from app.config import get_settings
from app.db import sortable
from app.errors import InvalidParameter
from app.keyset import Ordering, encode

_settings = get_settings()
MAX_LIMIT = _settings.page_limit_max
DEFAULT_LIMIT = _settings.page_limit_default
# SQLite integers are 64-bit: an unbounded offset would overflow in the driver instead of answering 422.
MAX_OFFSET = 1_000_000_000
NDJSON_MEDIA_TYPE = "application/x-ndjson"


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a collection."""

    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class PageParams:
    limit: int
    offset: int
    format: Literal["json", "csv", "ndjson"]
    # NDJSON without a limit: every record from ``offset`` on, streamed chunk by chunk (app/streaming.py).
    whole_collection: bool = False
    # Keyset mode: continue after this cursor ("" starts from the beginning); None pages by offset.
    after: str | None = None


def page_params(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
    format: Annotated[
        Literal["json", "csv", "ndjson"] | None,
        Query(
            description="Response format; `Accept: text/csv` or `Accept: application/x-ndjson` also ask for one. "
            "NDJSON without `limit` streams the whole collection."
        ),
    ] = None,
    after: Annotated[
        str | None,
        Query(
            max_length=1000,
            description='Keyset pagination: the cursor in a previous page\'s `Link: rel="next"` (empty to start). '
            "As fast 900,000 rows deep as on page 1; not with `q`.",
        ),
    ] = None,
) -> PageParams:
    if format is None:
        accept = request.headers.get("accept", "")
        format = "csv" if "text/csv" in accept else "ndjson" if NDJSON_MEDIA_TYPE in accept else "json"
    whole = format == "ndjson" and "limit" not in request.query_params
    if after is not None and offset:
        raise InvalidParameter("offset", "cannot be combined with after: a cursor already says where to go on")
    return PageParams(limit=limit, offset=offset, format=format, whole_collection=whole, after=after)


PageDep = Annotated[PageParams, Depends(page_params)]


def sort_enum(name: str, fields: list[str]) -> type[Enum]:
    """An enum of ``field`` and ``-field`` (descending) values, so OpenAPI lists the allowed sorts."""
    values = [value for field in fields for value in (field, f"-{field}")]
    return Enum(name, {value: value for value in values}, type=str)


def order_by(sort: Enum | None, columns: dict[str, Any], tiebreak: Any) -> Ordering:
    """ORDER BY for a sort value; the id tie-break keeps pages stable when values repeat."""
    if sort is None:
        return Ordering([sortable(tiebreak)], sort=None, column=None, tiebreak=tiebreak)
    raw = columns[sort.value.lstrip("-")]
    column = sortable(raw)
    if sort.value.startswith("-"):
        clauses = [column.desc().nulls_last(), sortable(tiebreak)]
    else:
        clauses = [column.asc().nulls_first(), sortable(tiebreak)]
    return Ordering(clauses, sort=sort.value, column=raw, tiebreak=tiebreak)


def fetch_page(
    session: Session, statement: Select, ordering: list, page: PageParams, *, mappings: bool = False
) -> tuple[list, int]:
    """Run a filtered query for one page and count the whole filtered set.

    Rows come back as ORM objects, or as column mappings when the statement selects columns.
    """
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0
    if page.after is not None:
        if not isinstance(ordering, Ordering):
            raise InvalidParameter("after", "keyset pagination needs a sort order, not relevance (q)")
        if page.after:
            statement = statement.where(ordering.after(page.after))
    result = session.execute(statement.order_by(*ordering).limit(page.limit).offset(page.offset))
    rows = result.mappings().all() if mappings else result.scalars().all()
    return list(rows), total


_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def keyset_links(request: Request, page: PageParams, items: list[BaseModel]) -> str:
    """Links in keyset mode: the first page, and the next one while pages come back full."""

    def url(after: str) -> str:
        return quote(str(request.url.include_query_params(after=after, limit=page.limit)), safe=_URL_SAFE)

    links = [f'<{url("")}>; rel="first"']
    if len(items) == page.limit:
        sort = request.query_params.get("sort")
        last = items[-1]
        value = getattr(last, sort.lstrip("-")) if sort else None
        links.append(f'<{url(encode(sort, value, last.id))}>; rel="next"')
    return ", ".join(links)


def link_header(request: Request, page: PageParams, total: int, items: list[BaseModel] = ()) -> str:
    links = []

    def url(offset: int) -> str:
        # Percent-encode what the path holds beyond ASCII: header values must be Latin-1.
        return quote(str(request.url.include_query_params(offset=offset, limit=page.limit)), safe=_URL_SAFE)

    if page.after is not None:
        return keyset_links(request, page, items)
    links.append(f'<{url(0)}>; rel="first"')
    if page.offset > 0:
        links.append(f'<{url(max(0, page.offset - page.limit))}>; rel="prev"')
    if page.offset + page.limit < total:
        links.append(f'<{url(page.offset + page.limit)}>; rel="next"')
    return ", ".join(links)


def respond(
    request: Request,
    response: Response,
    page: PageParams,
    items: list[BaseModel],
    total: int,
    model: type[BaseModel],
):
    """Answer a list request: the JSON page (with Link header), or the same rows as CSV or NDJSON."""
    links = link_header(request, page, total, items)
    if page.format == "csv":
        headers = {"Link": links, "X-Total-Count": str(total)}
        return Response(to_csv(items, model), media_type="text/csv; charset=utf-8", headers=headers)
    if page.format == "ndjson":
        headers = {"Link": links, "X-Total-Count": str(total)}
        body = "".join(ndjson_line(item, model) for item in items)
        return Response(body, media_type=NDJSON_MEDIA_TYPE, headers=headers)
    response.headers["Link"] = links
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return ";".join(value)
        return json.dumps([v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value])
    return value


def to_csv(items: list[BaseModel], model: type[BaseModel]) -> str:
    """Flatten models to CSV: one column per field, lists of ids joined with ';', nested lists as JSON."""
    buffer = io.StringIO()
    fields = list(model.model_fields)
    writer = csv.writer(buffer)
    writer.writerow(fields)
    for item in items:
        writer.writerow([_csv_cell(getattr(item, name)) for name in fields])
    return buffer.getvalue()


def ndjson_line(item: BaseModel, model: type[BaseModel]) -> str:
    """One record as one line of JSON, with the fields of its public form."""
    return item.model_dump_json(include=set(model.model_fields)) + "\n"


def require_order(name_from: str, start: Any, name_to: str, end: Any) -> None:
    """Reject a range whose start lies after its end, naming both parameters."""
    if start is not None and end is not None and start > end:
        raise InvalidParameter(name_to, f"must not be before {name_from} ({start})")

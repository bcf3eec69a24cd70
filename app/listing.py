"""Lists: the page envelope, paging and sorting dependencies, the Link header, and CSV rendering.

Every collection route answers ``{"items", "total", "limit", "offset"}`` through ``respond`` — or CSV, when
asked with ``?format=csv`` or ``Accept: text/csv`` — so paging, sorting and formats behave the same
everywhere.
"""

import csv
import io
import json
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, func, select
from sqlmodel import Session

from app.config import get_settings
from app.db import sortable
from app.errors import InvalidParameter

_settings = get_settings()
MAX_LIMIT = _settings.page_limit_max
DEFAULT_LIMIT = _settings.page_limit_default
# SQLite integers are 64-bit: an unbounded offset would overflow in the driver instead of answering 422.
MAX_OFFSET = 1_000_000_000


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
    format: Literal["json", "csv"]


def page_params(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
    format: Annotated[
        Literal["json", "csv"] | None,
        Query(description="Response format; `Accept: text/csv` also asks for CSV."),
    ] = None,
) -> PageParams:
    wants_csv = format == "csv" or (format is None and "text/csv" in request.headers.get("accept", ""))
    return PageParams(limit=limit, offset=offset, format="csv" if wants_csv else "json")


PageDep = Annotated[PageParams, Depends(page_params)]


def sort_enum(name: str, fields: list[str]) -> type[Enum]:
    """An enum of ``field`` and ``-field`` (descending) values, so OpenAPI lists the allowed sorts."""
    values = [value for field in fields for value in (field, f"-{field}")]
    return Enum(name, {value: value for value in values}, type=str)


def order_by(sort: Enum | None, columns: dict[str, Any], tiebreak: Any) -> list[ColumnElement]:
    """ORDER BY for a sort value; the id tie-break keeps pages stable when values repeat."""
    if sort is None:
        return [sortable(tiebreak)]
    column = sortable(columns[sort.value.lstrip("-")])
    if sort.value.startswith("-"):
        return [column.desc().nulls_last(), sortable(tiebreak)]
    return [column.asc().nulls_first(), sortable(tiebreak)]


def fetch_page(
    session: Session, statement: Select, ordering: list, page: PageParams, *, mappings: bool = False
) -> tuple[list, int]:
    """Run a filtered query for one page and count the whole filtered set.

    Rows come back as ORM objects, or as column mappings when the statement selects columns.
    """
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0
    result = session.execute(statement.order_by(*ordering).limit(page.limit).offset(page.offset))
    rows = result.mappings().all() if mappings else result.scalars().all()
    return list(rows), total


def link_header(request: Request, page: PageParams, total: int) -> str:
    links = []

    def url(offset: int) -> str:
        return str(request.url.include_query_params(offset=offset, limit=page.limit))

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
    """Answer a list request: the JSON page (with Link header) or the same rows as CSV."""
    links = link_header(request, page, total)
    if page.format == "csv":
        headers = {"Link": links, "X-Total-Count": str(total)}
        return Response(to_csv(items, model), media_type="text/csv; charset=utf-8", headers=headers)
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


def require_order(name_from: str, start: Any, name_to: str, end: Any) -> None:
    """Reject a range whose start lies after its end, naming both parameters."""
    if start is not None and end is not None and start > end:
        raise InvalidParameter(name_to, f"must not be before {name_from} ({start})")

"""Lists: the page envelope, paging and sorting dependencies, the Link header, and CSV rendering.

Every collection route answers ``{"items", "total", "total_exact", "limit", "offset"}`` through ``respond`` —
or CSV, when asked with ``?format=csv`` or ``Accept: text/csv``, or NDJSON with ``?format=ndjson`` or
``Accept: application/x-ndjson`` — so paging, sorting and formats behave the same everywhere. NDJSON asked
for without a ``limit`` streams the whole collection (app/streaming.py).

Counting is bounded (``count_bound``): a page never pays for counting a million matches. JSON pages are
serialized once, by pydantic's own serializer straight to bytes, and returned as the response, so FastAPI
does not validate and encode them a second time against the response model (which still documents them).
"""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Generic, Literal, TypeVar
from urllib.parse import quote

from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import CompoundSelect, Select, func, literal_column, select
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
COUNT_LIMIT = _settings.count_limit
NDJSON_MEDIA_TYPE = "application/x-ndjson"


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


@dataclass(frozen=True)
class PageParams:
    limit: int
    offset: int
    format: Literal["json", "csv", "ndjson"]
    # NDJSON without a limit: every record from ``offset`` on, streamed chunk by chunk (app/streaming.py).
    whole_collection: bool = False
    # Keyset mode: continue after this cursor ("" starts from the beginning); None pages by offset.
    after: str | None = None
    # Asked by app/streaming.py for a chunk of a stream: ``respond`` answers the envelope as a dict.
    chunk: bool = False


async def page_params(  # async: pure parsing, no reason for a thread-pool trip
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


class Relevance(list):
    """ORDER BY relevance rank; ``counted`` is the same filter unranked, for counting the matches (ranking
    costs per match, counting need not pay it)."""

    def __init__(self, clauses: list, counted: Select):
        super().__init__(clauses)
        self.counted = counted


def count_bound(page: PageParams) -> int:
    """How far a list counts its matches: past this, ``total`` is a lower bound.

    Counting at least to the end of the page asked for keeps ``rel="next"`` right on every page.
    """
    return max(COUNT_LIMIT, page.offset + page.limit)


# The ids matching a filter, as index walks in id order, continuing after an id (or from the start): see
# ``fetch_page``. Each walk selects one column labelled ``id``; several are united.
IdWalk = Callable[[str | None], Select | CompoundSelect]


def fetch_page(
    session: Session,
    statement: Select,
    ordering: list,
    page: PageParams,
    *,
    walk: IdWalk | None = None,
) -> tuple[list, int]:
    """Run a filtered query for one page and count the filtered set, up to one past ``count_bound``.

    Rows come back as the statement selects them: plain rows (app/services/lookup.py ``rows_of``).

    A list in id order whose one filter is a set of ids read off an index in id order (an actor's claims)
    passes that set as ``walk`` and an unfiltered ``statement``: the page's ids and the count are then
    taken off the walk itself, so neither reads past what it needs, at any depth of keyset paging.
    """
    if walk is not None and isinstance(ordering, Ordering) and ordering.column is None:
        return _fetch_walked(session, statement, ordering, page, walk)
    filtered = ordering.counted if isinstance(ordering, Relevance) else statement
    total = _count(session, filtered, page)
    if page.after is not None:
        if not isinstance(ordering, Ordering):
            raise InvalidParameter("after", "keyset pagination needs a sort order, not relevance (q)")
        if page.after:
            statement = statement.where(ordering.after(page.after))
    return session.execute(statement.order_by(*ordering).limit(page.limit).offset(page.offset)).all(), total


def _count(session: Session, statement: Select, page: PageParams) -> int:
    """How many rows the statement selects, counting no further than one past ``count_bound``."""
    # Selecting a constant lets the database count off an index instead of reading each row.
    matching = statement.with_only_columns(literal_column("1"), maintain_column_froms=True).order_by(None)
    return _bounded_count(session, matching, page)


def _bounded_count(session: Session, rows: Select | CompoundSelect, page: PageParams) -> int:
    counted = rows.limit(count_bound(page) + 1).subquery()
    return session.scalar(select(func.count()).select_from(counted)) or 0


def _fetch_walked(
    session: Session, statement: Select, ordering: Ordering, page: PageParams, walk: IdWalk
) -> tuple[list, int]:
    after = ordering.after_id(page.after) if page.after else None
    total = _bounded_count(session, _in_id_order(session, walk(None)), page)
    ids = _in_id_order(session, walk(after)).limit(page.limit).offset(page.offset)
    return session.execute(statement.where(ordering.tiebreak.in_(ids)).order_by(*ordering)).all(), total


def _in_id_order(session: Session, ids: Select | CompoundSelect) -> Select | CompoundSelect:
    if session.get_bind().dialect.name == "sqlite":
        # SQLite merges index walks that are each in order (MERGE (UNION)) only when the compound itself is
        # ordered; its ids compare by code point, the lists' order.
        return ids.order_by(literal_column("id"))
    every = ids.subquery()
    return select(every.c.id).order_by(sortable(every.c.id))


_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def keyset_links(request: Request, page: PageParams, items: list[BaseModel]) -> str:
    """Links in keyset mode: the first page, and the next one while pages come back full."""

    def url(after: str) -> str:
        return quote(str(request.url.include_query_params(after=after, limit=page.limit)), safe=_URL_SAFE)

    links = [f'<{url("")}>; rel="first"']
    if len(items) == page.limit:
        links.append(f'<{url(cursor_after(request.query_params.get("sort"), items[-1]))}>; rel="next"')
    return ", ".join(links)


def cursor_after(sort: str | None, last: BaseModel) -> str:
    """The keyset cursor continuing a list sorted by ``sort`` after its record ``last``."""
    return encode(sort, getattr(last, sort.lstrip("-")) if sort else None, last.id)


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
    page: PageParams,
    items: list[BaseModel],
    total: int,
    model: type[BaseModel],
):
    """Answer a list request: the JSON page (with Link header), or the same rows as CSV or NDJSON.

    ``total`` is what ``fetch_page`` counted: one past ``count_bound`` means there are more than the bound.
    ``X-Total-Count`` is sent only when the count is exact.
    """
    bound = count_bound(page)
    exact, shown = total <= bound, min(total, bound)
    if page.chunk:
        return {"items": items, "total": shown, "total_exact": exact}
    headers = {"Link": link_header(request, page, total, items)}
    if exact:
        headers["X-Total-Count"] = str(shown)
    if page.format == "csv":
        return Response(to_csv(items, model), media_type="text/csv; charset=utf-8", headers=headers)
    if page.format == "ndjson":
        body = "".join(ndjson_line(item, model) for item in items)
        return Response(body, media_type=NDJSON_MEDIA_TYPE, headers=headers)
    envelope = Page[model].model_construct(items=items, total=shown, total_exact=exact, limit=page.limit,
                                           offset=page.offset)  # fmt: skip
    return Response(envelope.model_dump_json(), media_type="application/json", headers=headers)


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

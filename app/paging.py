"""Running a list's query: one page, or a whole collection a chunk at a time, under one paging contract.

A list service builds its filtered statement and its order — an ``Ordering`` (app/keyset.py), or a
``RankedOrdering`` for relevance (app/ranking.py) — and ``fetch_page`` reads the page the client named, by
offset or after a cursor. Every page is read one row past its end: that row says whether a next page exists,
and the cursor of the page's last row continues there (``PageResult.next_after``), so no walk links to an
empty page. A whole collection — CSV or NDJSON asked for without ``limit``, JSON-LD, ``peacekb export`` — is
the same query continued after each chunk's last row (``PageResult.chunks``): the millionth record costs what
the first did, memory holds one chunk, and nothing calls a route again.

Counting is bounded (``count_bound``): a page never pays for counting a million matches.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Generic, TypeVar

from sqlalchemy import CompoundSelect, Select, func, literal_column, select
from sqlalchemy.engine import Row
from sqlmodel import Session

from app.config import get_settings
from app.db import sortable
from app.listing import PageParams

# Records a whole-collection stream or an export reads at a time.
CHUNK = 500

T = TypeVar("T")
# A page's rows in their public form: one call per page, so links and relations cost a query per page.
Public = Callable[[Session, list[Row]], list[Any]]
# The ids matching a filter, as index walks in id order, continuing after an id (or from the start): see
# ``fetch_page``. Each walk selects one column labelled ``id``; several are united.
IdWalk = Callable[[str | None], Select | CompoundSelect]


@dataclass
class PageResult(Generic[T]):
    """A page of a list: its records, the bounded count, and whether a record follows the page.

    ``next_after`` is the cursor of the next page (None at the end), made when asked for: an offset page
    links by offset. A whole collection's result holds its first chunk and reads the rest as ``chunks`` asks
    for them.
    """

    items: list[T]
    total: int
    total_exact: bool
    has_more: bool
    last_cursor: Callable[[], str] | None = None
    more: Callable[[str], "PageResult[T]"] | None = None

    @cached_property
    def next_after(self) -> str | None:
        return self.last_cursor() if self.has_more and self.last_cursor else None

    def chunks(self) -> Iterator[list[T]]:
        """The records a chunk at a time: this page, then (for a whole collection) each chunk after it."""
        current = self
        while True:
            if current.items:
                yield current.items
            if current.next_after is None or self.more is None:
                return
            current = self.more(current.next_after)

    def records(self) -> Iterator[T]:
        for chunk in self.chunks():
            yield from chunk


def whole_list() -> PageParams:
    """What an export asks of a list service: every record, from the start, a chunk at a time."""
    return PageParams(limit=CHUNK, offset=0, format="json", whole_collection=True)


def every_chunk(session: Session, statement: Select, ordering: Any, *, public: Public) -> Iterator[list]:
    """Every record of a list in its order and public form, a chunk at a time."""
    return fetch_page(session, statement, ordering, whole_list(), public=public).chunks()


def count_bound(page: PageParams) -> int:
    """How far a list counts its matches: past this, ``total`` is a lower bound.

    Counting at least to the end of the page asked for keeps ``total`` a true bound on every page.
    """
    return max(get_settings().count_limit, page.offset + page.limit)


def fetch_page(
    session: Session,
    statement: Select | None,
    ordering: Any,
    page: PageParams,
    *,
    public: Public,
    walk: IdWalk | None = None,
) -> PageResult:
    """The page of the filtered ``statement`` that ``page`` names, in ``ordering``, in its public form.

    Rows come back as the statement selects them (plain rows, app/services/lookup.py ``rows_of``), each
    carrying its order's keys. A list in id order whose one filter is a set of ids read off an index in id
    order (an actor's claims) passes that set as ``walk`` and an unfiltered ``statement``: the page's ids and
    the count are then taken off the walk itself, so neither reads past what it needs, at any depth.
    """
    if not page.whole_collection:
        return _page(session, statement, ordering, page, public, walk, counted=True)
    first = _page(session, statement, ordering, replace(page, limit=CHUNK), public, walk, counted=True)
    following = PageParams(limit=CHUNK, offset=0, format=page.format, after="")
    first.more = lambda cursor: _page(
        session, statement, ordering, replace(following, after=cursor), public, walk, counted=False
    )
    return first


def _page(
    session: Session,
    statement: Select | None,
    ordering: Any,
    page: PageParams,
    public: Public,
    walk: IdWalk | None,
    *,
    counted: bool,
) -> PageResult:
    peek = page.limit + 1  # one row past the page: is there a next one?
    bound = count_bound(page)
    if walk is not None and ordering.by_id:
        after = ordering.position(page.after)[1] if page.after else None
        total = _bounded_count(session, _in_id_order(session, walk(None)), page) if counted else 0
        ids = _in_id_order(session, walk(after)).limit(peek).offset(page.offset)
        rows = session.execute(statement.where(ordering.tiebreak.in_(ids)).order_by(*ordering.clauses)).all()
    else:
        rows = ordering.rows(session, statement, after=page.after or None, offset=page.offset, limit=peek)
        total = 0
        if counted:
            # A ranked first page has read every match already when there are fewer than a tier of them.
            total = ordering.count_read(rows, offset=page.offset, after=page.after, bound=bound)
            if total is None:
                total = _count(session, ordering.counted(statement), page)
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    last = rows[-1] if rows else None
    return PageResult(public(session, rows), min(total, bound), total <= bound, more, lambda: ordering.cursor(last))


def _count(session: Session, statement: Select, page: PageParams) -> int:
    """How many rows the statement selects, counting no further than one past ``count_bound``."""
    # Selecting a constant lets the database count off an index instead of reading each row.
    matching = statement.with_only_columns(literal_column("1"), maintain_column_froms=True).order_by(None)
    return _bounded_count(session, matching, page)


def _bounded_count(session: Session, rows: Select | CompoundSelect, page: PageParams) -> int:
    counted = rows.limit(count_bound(page) + 1).subquery()
    return session.scalar(select(func.count()).select_from(counted)) or 0


def _in_id_order(session: Session, ids: Select | CompoundSelect) -> Select | CompoundSelect:
    if session.get_bind().dialect.name == "sqlite":
        # SQLite merges index walks that are each in order (MERGE (UNION)) only when the compound itself is
        # ordered; its ids compare by code point, the lists' order.
        return ids.order_by(literal_column("id"))
    every = ids.subquery()
    return select(every.c.id).order_by(sortable(every.c.id))

"""Relevance order: a full-text query's matches, best first, in tiers that offset and keyset both walk.

Ranking costs per match (FTS5's bm25 reads each match's sizes, PostgreSQL's ts_rank_cd its vector), and a
common word matches hundreds of thousands of records. So matches are ranked a tier at a time: the most
recently indexed ``tier_size()`` of them (the count bound and one more: 1,001 by default) best first, then
the next tier of older ones, and so on to the oldest. That is one fixed order of every match, which both
ways of paging walk:

- by offset, a page reads the tier its offset falls in, and the next tier when the page runs past its end;
- by keyset, a cursor names its row's tier (by the tier's newest index entry) and the row's rank and id in
  it, so a page ranks one tier or two at any depth, and a walk visits every match once and ends.

A list filtered besides ``q`` forms its tiers of the matches that pass the filters, so that no tier is empty
of them. Ties in rank are broken by id (for search, by kind and then id), in code-point order.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, Float, Integer, Select, func, literal, literal_column, select, union_all
from sqlalchemy.engine import Row
from sqlmodel import Session, SQLModel

from app.config import get_settings
from app.errors import InvalidParameter
from app.keyset import NOT_A_CURSOR, Key, Ordering, decode, encode
from app.search import (
    INDEX,
    SearchQuery,
    indexed_order,
    match_clause,
    parse_query,
    rank_expression,
    rank_of,
)

RELEVANCE = "relevance"  # the name of this order in cursors


def tier_size() -> int:
    """How many matches are ranked together: as many as a first page counts, and one more."""
    return get_settings().count_limit + 1


class RankedOrdering(ABC):
    """Relevance order over the search index (see the module); ``RankedList`` and ``RankedSearch`` say which
    entries match and what rows a page selects from a tier of them."""

    name = RELEVANCE
    by_id = False
    # The labels of the keys rows are ordered by within a tier (before the tie-breaking id), and of the id.
    tier_keys: tuple[str, ...] = ("rank",)
    id_label = "id"

    def __init__(self, session: Session, user_text: str, *, match_all: bool):
        # Parsed now, so text with no word is refused before any page is read.
        self.session, self.query = session, parse_query(session, user_text, match_all=match_all)

    @abstractmethod
    def matching(self, statement: Select | None) -> list[ColumnElement]:
        """The WHERE clauses of the index entries this order ranks."""

    @abstractmethod
    def page_of(self, tier: Any, statement: Select | None) -> tuple[Select, Ordering]:
        """The rows a page selects from a tier (subquery) of ranked entries, and their order within it."""

    def entry_columns(self) -> list[ColumnElement]:
        return [INDEX.c.item_id]

    def rank_key(self, tier: Any) -> Key:
        return Key(tier.c.rank, nullable=False, compared_as=lambda value: rank_of(self.session, value))

    def branches(self, statement: Select | None, *, ranked: bool) -> list[Select]:
        """Selects of the matching entries (their ``entry_columns``, ``seq`` and, ``ranked``, ``rank``), which
        together make the matches: one, unless some entries match otherwise than by their text."""
        columns = [*self.entry_columns(), indexed_order(self.session).label("seq")]
        if ranked:
            columns.append(rank_expression(self.session, self.query).label("rank"))
        return [select(*columns).select_from(INDEX).where(*self.matching(statement))]

    def counted(self, statement: Select | None) -> Select:
        branches = self.branches(statement, ranked=False)
        if len(branches) == 1:
            return branches[0]
        every = union_all(*branches).subquery("matches")
        return select(every.c.seq).select_from(every)

    def count_read(self, rows: list[Row], *, offset: int, after: str | None, bound: int) -> int | None:
        """The count a page's rows tell: a page read from the newest tier's start without a cursor carries the
        tier's size (``rows``), and a tier short of full holds every match. A full one holds one past the count
        bound when that is the tier size less one (so the list's count would stop there too)."""
        size = tier_size()
        if after or offset >= size:
            return None  # the page did not read the newest tier whole
        if not rows:
            return 0 if offset == 0 else None
        first_tier = rows[0].tier_size
        if first_tier < size:
            return first_tier
        return size if bound + 1 == size else None

    def cursor(self, row: Row) -> str:
        values = [row.tier_top, *(row._mapping[label] for label in self.tier_keys)]
        return encode(self.name, values, row._mapping[self.id_label])

    def rows(self, session: Session, statement: Select | None, *, after: str | None, offset: int, limit: int):
        """Up to ``limit`` rows in relevance order, from ``offset`` or after the ``after`` cursor."""
        size = tier_size()
        if after:
            top, position = self._position(after)
            tier_index, skip = 0, 0
        else:
            top, position = None, None
            tier_index, skip = divmod(offset, size)
        rows: list[Row] = []
        while True:
            tier = self._entries(statement, top=top, tier_index=tier_index, size=size, ranked=True).subquery("tier")
            page, order = self.page_of(tier, statement)
            if top is None:
                # Every row of the tier is in this query (no cursor cuts it): the tier's bounds come with it.
                seq = tier.c.seq
                page = page.add_columns(func.max(seq).over().label("tier_top"), func.count().over().label("tier_size"))
            else:
                page = page.add_columns(literal(top, Integer).label("tier_top"))
            if position is not None:
                page = page.where(order.after_position(*position))
            found = session.execute(page.order_by(*order.clauses).limit(limit - len(rows)).offset(skip)).all()
            rows += found
            if len(rows) >= limit:
                return rows
            if found and top is None and found[-1].tier_size < size:
                return rows  # a tier short of full is the oldest
            bottom, count = self._bounds(statement, top, tier_index, size)
            if count < size:
                return rows
            top, tier_index, skip, position = bottom - 1, 0, 0, None

    def _entries(self, statement: Select | None, *, top: int | None, tier_index: int, size: int, ranked: bool):
        """One tier of matching entries, newest first: those at or below ``top``, or the ``tier_index``-th."""
        seq = indexed_order(self.session)
        branches = self.branches(statement, ranked=ranked)
        if top is not None:
            branches = [branch.where(seq <= top) for branch in branches]
        if len(branches) == 1:
            entries = branches[0].order_by(seq.desc())
        else:
            entries = union_all(*branches).order_by(literal_column("seq").desc())
        entries = entries.limit(size)
        return entries.offset(tier_index * size) if tier_index else entries

    def _bounds(self, statement: Select | None, top: int | None, tier_index: int, size: int) -> tuple[Any, int]:
        """The oldest entry of a tier and its size: where the next tier starts, once a page reaches its end."""
        entries = self._entries(statement, top=top, tier_index=tier_index, size=size, ranked=False).subquery()
        bottom, count = self.session.execute(select(func.min(entries.c.seq), func.count()).select_from(entries)).one()
        return bottom, count

    def _position(self, cursor: str) -> tuple[int, tuple[list[Any], Any]]:
        """The tier (its newest entry) and the (keys, id) of the cursor's row."""
        name, value, last_id = decode(cursor)
        if name != self.name:
            raise InvalidParameter("after", f"this cursor continues sort '{name}', not '{self.name}'")
        if not isinstance(value, list) or len(value) != 1 + len(self.tier_keys) or not isinstance(last_id, str):
            raise InvalidParameter("after", NOT_A_CURSOR)
        top, rank, *rest = value
        numbers_ok = _is_int(top) and (_is_int(rank) or isinstance(rank, float))
        if not numbers_ok or not all(isinstance(other, str) for other in rest):
            raise InvalidParameter("after", NOT_A_CURSOR)
        return top, ([float(rank), *rest], last_id)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class RankedList(RankedOrdering):
    """Relevance order of one kind's list (``q`` without ``sort``): the list's filtered rows, ranked."""

    def __init__(self, session: Session, user_text: str, *, kind: str, table: type[SQLModel]):
        super().__init__(session, user_text, match_all=True)  # ``q`` filters a list: every concept
        self.kind, self.table = kind, table
        self._matched: tuple[Select | None, list[ColumnElement]] | None = None

    def matching(self, statement: Select | None) -> list[ColumnElement]:
        if self._matched is not None and self._matched[0] is statement:
            return self._matched[1]  # the count and the page ask for the same list's entries
        where = [match_clause(self.session, self.query), INDEX.c.kind == self.kind]
        if statement is not None and statement.whereclause is not None:
            # The list's filters, checked per match (a primary-key read): the index stays the outer loop.
            one = statement.with_only_columns(literal_column("1"), maintain_column_froms=True)
            where.append(one.where(self.table.id == INDEX.c.item_id).exists())
        self._matched = (statement, where)
        return where

    def page_of(self, tier: Any, statement: Select | None) -> tuple[Select, Ordering]:
        page = statement.join(tier, tier.c.item_id == self.table.id).add_columns(tier.c.rank)
        return page, Ordering(self.name, [self.rank_key(tier)], self.table.id)


# The rank of an entry that matches by a link alone, none of its text: the worst there is (bm25 is at most 0,
# and ts_rank_cd negated too).
UNRANKED = 0.0


class RankedSearch(RankedOrdering):
    """Relevance order of ``/search``: the index entries themselves, of every kind or of ``kinds``.

    ``linked`` gives, for the parsed query, a WHERE clause of entries that match it by a link rather than by
    their text (claims linked to an actor the query names), or None: those rank last (``UNRANKED``)."""

    tier_keys = ("rank", "kind")
    id_label = "item_id"

    def __init__(
        self,
        session: Session,
        user_text: str,
        *,
        kinds: list[str] | None,
        match_all: bool,
        filters=(),
        linked: Callable[[SearchQuery], ColumnElement | None] = lambda _query: None,
    ):
        super().__init__(session, user_text, match_all=match_all)
        self.kinds, self.filters = kinds, list(filters)
        self.linked = linked(self.query)

    def matching(self, statement: Select | None) -> list[ColumnElement]:
        return [match_clause(self.session, self.query), *self.filters, *self._of_kinds(every_kind=False)]

    def _of_kinds(self, *, every_kind: bool) -> list[ColumnElement]:
        return [INDEX.c.kind.in_(self.kinds)] if self.kinds and not every_kind else []

    def branches(self, statement: Select | None, *, ranked: bool, every_kind: bool = False) -> list[Select]:
        seq = indexed_order(self.session)
        columns = [*self.entry_columns(), seq.label("seq")]
        text_matches = [match_clause(self.session, self.query), *self.filters, *self._of_kinds(every_kind=every_kind)]
        by_text = select(*columns, *self._rank(ranked)).select_from(INDEX).where(*text_matches)
        if self.linked is None:
            return [by_text]
        by_link = select(*columns, *self._rank(ranked, unranked=True)).select_from(INDEX)
        by_link = by_link.where(self.linked, *self.filters, *self._of_kinds(every_kind=every_kind))
        return [by_text, by_link]

    def _rank(self, ranked: bool, *, unranked: bool = False) -> list[ColumnElement]:
        if not ranked:
            return []
        # Single precision, as PostgreSQL's ts_rank_cd is, so the two branches' ranks compare as one column.
        rank = (
            literal_column(f"CAST({UNRANKED} AS REAL)", Float)
            if unranked
            else rank_expression(self.session, self.query)
        )
        return [rank.label("rank")]

    def matches_of_every_kind(self) -> Select:
        """The ``kind`` of every entry matching the query and the filters, whatever ``kinds`` asked for (what
        the counts per kind count), newest first: the entries a first page's tier has just read."""
        seq = indexed_order(self.session)
        branches = [
            branch.with_only_columns(INDEX.c.kind, seq.label("seq"))
            for branch in self.branches(None, ranked=False, every_kind=True)
        ]
        if len(branches) == 1:
            return branches[0].order_by(seq.desc())
        return union_all(*branches).order_by(literal_column("seq").desc())

    def entry_columns(self) -> list[ColumnElement]:
        return [INDEX.c.kind, INDEX.c.item_id, INDEX.c.title]

    def page_of(self, tier: Any, statement: Select | None) -> tuple[Select, Ordering]:
        keys = [self.rank_key(tier), Key(tier.c.kind, nullable=False)]
        return select(tier), Ordering(self.name, keys, tier.c.item_id)

"""Keyset pagination: continue an ordered list after the last row seen, at the same cost at any depth.

An ``Ordering`` is the ORDER BY of a list — its keys, then the record id that breaks their ties — which also
says "after this row" in SQL and makes the cursor of a row. Cursors are opaque to clients: base64url JSON of
the ordering's name, the row's key values (one value for one key, a list for several, null for none) and
its id. Rows carry each key under its column's name, so the cursor is made from the row the page ends on.
"""

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, Select, TypeDecorator, and_, false, or_
from sqlalchemy.engine import Row
from sqlmodel import Session

from app.db import sortable, stored_value
from app.errors import InvalidParameter

NOT_A_CURSOR = "is not a cursor this API gave out"


@dataclass(frozen=True)
class Key:
    """One ORDER BY key: ascending with nulls first, or descending with nulls last (the sort parameter's
    promise); ``name`` is the label rows carry its value under."""

    column: Any
    descending: bool = False
    name: str = ""
    nullable: bool = True
    # How a cursor's value is compared with the column, when not as a plain parameter.
    compared_as: Callable[[Any], Any] | None = None

    @property
    def label(self) -> str:
        return self.name or self.column.key


class Ordering:
    """The order of a list: ``keys`` then ``tiebreak`` (the id, ascending), named for its cursors."""

    def __init__(self, name: str, keys: list[Key], tiebreak: Any):
        self.name, self.keys, self.tiebreak = name, keys, tiebreak

    @property
    def clauses(self) -> list[ColumnElement]:
        """ORDER BY, the same on every backend (app/db.py ``sortable``)."""
        ordered = [
            sortable(key.column).desc().nulls_last() if key.descending else sortable(key.column).asc().nulls_first()
            for key in self.keys
        ]
        return [*ordered, sortable(self.tiebreak)]

    @property
    def by_id(self) -> bool:
        return not self.keys

    def cursor(self, row: Row) -> str:
        """The cursor continuing after this row (which carries every key under its label)."""
        values = [stored_value(row._mapping[key.label]) for key in self.keys]
        return encode(self.name, values[0] if len(values) == 1 else values or None, row._mapping[_label(self.tiebreak)])

    def position(self, cursor: str) -> tuple[list[Any], Any]:
        """The key values and id of the cursor's row, refusing a cursor made for another order."""
        name, value, last_id = decode(cursor)
        if name != self.name:
            raise InvalidParameter("after", f"this cursor continues sort '{name}', not '{self.name}'")
        values = _as_values(value, len(self.keys))
        if not isinstance(values, list) or len(values) != len(self.keys):
            raise InvalidParameter("after", NOT_A_CURSOR)
        typed = [_typed(key.column, value) for key, value in zip(self.keys, values, strict=True)]
        return typed, _typed(self.tiebreak, last_id, nullable=False)

    def rows(self, session: Session, statement: Select, *, after: str | None, offset: int, limit: int) -> list[Row]:
        """Up to ``limit`` rows of the statement in this order, from ``offset`` or after the ``after`` cursor."""
        if after:
            statement = statement.where(self.after(after))
        return session.execute(statement.order_by(*self.clauses).limit(limit).offset(offset)).all()

    def counted(self, statement: Select) -> Select:
        """What the list's count counts: the filtered rows, whatever their order."""
        return statement

    def count_read(self, rows: list[Row], *, offset: int, after: str | None, bound: int) -> int | None:
        """The page's count (as ``paging`` bounds it: at most ``bound`` + 1) when reading ``rows`` has told it
        already; a plain order's page tells nothing of the rows past it."""
        return None

    def after(self, cursor: str) -> ColumnElement:
        """The WHERE clause selecting the rows that come after the cursor's row in this order."""
        return self.after_position(*self.position(cursor))

    def after_position(self, values: list[Any], last_id: Any) -> ColumnElement:
        """Rows after (values, id): later in the first key that differs, or equal in all and a later id."""
        alternatives, equal = [], []
        for key, value in zip(self.keys, values, strict=True):
            if value is not None and key.compared_as is not None:
                value = key.compared_as(value)
            alternatives.append(and_(*equal, _beyond(key, value)))
            equal.append(key.column.is_(None) if value is None else sortable(key.column) == value)
        alternatives.append(and_(*equal, sortable(self.tiebreak) > last_id))
        return or_(*alternatives)


def _as_values(value: Any, keys: int) -> Any:
    """A cursor's value as a list of one value per key: null for none, the value itself for one."""
    if keys == 0:
        return [] if value is None else None
    return [value] if keys == 1 else value


def _beyond(key: Key, value: Any) -> ColumnElement:
    """Rows whose key comes strictly after ``value`` (nulls first ascending, last descending)."""
    column = sortable(key.column)
    if value is None:
        return false() if key.descending else key.column.is_not(None)
    if key.descending:
        return or_(column < value, key.column.is_(None)) if key.nullable else column < value
    return column > value


def _label(column: Any) -> str:
    return column.key


def _typed(column: Any, value: Any, *, nullable: bool = True) -> Any:
    """A cursor's value as the column compares it; a value the column cannot hold is not one we gave out."""
    if value is None:
        if nullable:
            return None
        raise InvalidParameter("after", NOT_A_CURSOR)
    python_type = _python_type(column.type)
    try:
        if python_type is date:
            return date.fromisoformat(value)
        if isinstance(python_type, type) and issubclass(python_type, Enum):
            python_type(value)
        elif python_type is float and not isinstance(value, bool) and isinstance(value, int):
            return float(value)
        elif python_type in (int, float, str) and (isinstance(value, bool) or not isinstance(value, python_type)):
            raise ValueError
    except (TypeError, ValueError):
        raise InvalidParameter("after", NOT_A_CURSOR) from None
    return value


def _python_type(sql_type: Any) -> type | None:
    try:
        python_type = sql_type.python_type
    except NotImplementedError:
        return None
    if python_type is object and isinstance(sql_type, TypeDecorator):  # SQLModel's AutoString says object
        return _python_type(sql_type.impl_instance)
    return python_type


def encode(sort: str | None, value: Any, record_id: Any) -> str:
    payload = json.dumps([sort or "", stored_value(value), record_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode(cursor: str) -> tuple[str, Any, Any]:
    try:
        sort, value, record_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(sort, str):
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InvalidParameter("after", NOT_A_CURSOR) from None
    return sort, value, record_id

"""Keyset pagination: continue a sorted list after the last row seen, at the same cost at any depth.

An ``Ordering`` is the ORDER BY of a list (one sort column, then the id) that also knows how to say "after
this row" in SQL. Cursors are opaque to clients: base64url JSON of the sort, the row's sort value and its id.
"""

import base64
import binascii
import json
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from app.db import sortable, stored_value
from app.errors import InvalidParameter


class Ordering(list):
    """ORDER BY clauses for ``sort`` (``field`` or ``-field``, or None for id order), keyset-capable."""

    def __init__(self, clauses: list, *, sort: str | None, column: Any, tiebreak: Any):
        super().__init__(clauses)
        self.sort, self.column, self.tiebreak = sort or "", column, tiebreak

    def _position(self, cursor: str) -> tuple[Any, Any]:
        """The sort value and id of the cursor's row, refusing a cursor made for another sort."""
        sort, value, last_id = decode(cursor)
        if sort != self.sort:
            raise InvalidParameter("after", f"this cursor continues sort '{sort}', not '{self.sort}'")
        return value, last_id

    def after_id(self, cursor: str) -> Any:
        """The id of the cursor's row, for an id-ordered list."""
        return self._position(cursor)[1]

    def after(self, cursor: str) -> ColumnElement:
        """The WHERE clause selecting the rows that come after the cursor's row in this order."""
        value, last_id = self._position(cursor)
        later_id = sortable(self.tiebreak) > last_id
        if self.column is None:
            return later_id
        column, descending = sortable(self.column), self.sort.startswith("-")
        if value is None:  # nulls come first ascending, last descending
            tail = self.column.is_(None)
            return and_(tail, later_id) if descending else or_(and_(tail, later_id), self.column.is_not(None))
        value = _typed(self.column, value)
        beyond = column < value if descending else column > value
        tie = and_(column == value, later_id)
        return or_(beyond, tie, self.column.is_(None)) if descending else or_(beyond, tie)


def _typed(column: Any, value: Any) -> Any:
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return value
    return date.fromisoformat(value) if python_type is date else value


def encode(sort: str | None, value: Any, record_id: Any) -> str:
    payload = json.dumps([sort or "", stored_value(value), record_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode(cursor: str) -> tuple[str, Any, Any]:
    try:
        sort, value, record_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(sort, str):
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InvalidParameter("after", "is not a cursor this API gave out") from None
    return sort, value, record_id

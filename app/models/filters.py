"""The filters a kind's lists take, declared with the kind: each is a query parameter and the SQL condition it
adds. The list routes' parameters, their OpenAPI descriptions, the list services and the exports that take the
same filters are all read from these declarations (app/routes/records.py, app/services/records.py)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.sql.elements import ColumnElement

from app.models.fields import Day

Condition = Callable[[Any], ColumnElement]


@dataclass(frozen=True)
class Filter:
    """A query parameter ``name`` of type ``type``; ``keeps(value)`` is the condition a listed record meets."""

    name: str
    type: Any
    keeps: Condition
    description: str | None = None
    max_length: int | None = None
    ge: int | None = None
    le: int | None = None
    # A range's end names the filter starting it: given both, the end may not come before the start.
    not_before: str | None = None
    # Index walks that list the matching ids in id order, each (filtering column, id column) (migration 0003):
    # a list filtered by this alone reads its page off the index instead of sorting the matches.
    walks: tuple[tuple[Any, Any], ...] = ()

    @property
    def query(self) -> dict[str, Any]:
        """The parameter's documented constraints, as ``fastapi.Query`` takes them."""
        return {
            name: value
            for name, value in (("description", self.description), ("max_length", self.max_length),
                                ("ge", self.ge), ("le", self.le))
            if value is not None
        }  # fmt: skip


# The constraint every filter by another record's id shares: ids are slugs of at most 120 characters.
ID_LENGTH = 200


def equal(column: Any, type: Any = str, description: str | None = None, *, walk: bool = False,
          bounded: bool | None = None) -> Filter:  # fmt: skip
    """Records whose ``column`` equals the value; an id filter (``type`` str) is bounded unless described."""
    walks = ((column, column.class_.id),) if walk else ()
    limit = ID_LENGTH if (bounded if bounded is not None else type is str and description is None) else None
    return Filter(column.key, type, lambda value: column == value, description, limit, walks=walks)


def listing(owner: Any, target: Any, name: str, description: str | None = None, *, walk: bool = False,
            bounded: bool | None = None) -> Filter:  # fmt: skip
    """Records whose link table row (``owner`` → ``target``) names the value: a claim's ``issue_id``; bounded
    as an id unless described."""
    limit = ID_LENGTH if (bounded if bounded is not None else description is None) else None
    walks = ((target, owner),) if walk else ()

    def keeps(value: Any) -> ColumnElement:
        return _owner_id(owner).in_(select(owner).where(target == value))

    return Filter(name, str, keeps, description, limit, walks=walks)


def _owner_id(owner: Any) -> Any:
    """The id column of the table a link table's owner column points into."""
    return next(iter(owner.foreign_keys)).column


def day_range(column: Any, prefix: str, *, described: tuple[str, str] | None = None) -> tuple[Filter, Filter]:
    """``{prefix}_from`` and ``{prefix}_to``: records dated on or after, on or before (the end not before the
    start); ``described`` gives the two descriptions, where the list documents them."""
    start, end = described or (None, None)
    return (
        Filter(f"{prefix}_from", Day, lambda value: column >= value, start),
        Filter(f"{prefix}_to", Day, lambda value: column <= value, end, not_before=f"{prefix}_from"),
    )

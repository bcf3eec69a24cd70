"""Lists of any declared kind: filtered by its columns and its links, sorted by its declared sort fields,
searched through the one index — what a kind without hand-tuned reads gets from its declaration."""

from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from app.listing import PageParams
from app.models.resource import RESOURCES
from app.paging import PageResult, fetch_page
from app.services.lookup import ordered_search, rows_of
from app.services.resources import to_public


def list_records(
    session: Session,
    kind: str,
    *,
    page: PageParams,
    sort: Enum | None = None,
    q: str | None = None,
    equal: dict[str, Any] | None = None,
    linked: dict[str, str] | None = None,
    listed_by: tuple[str, str, str] | None = None,
) -> PageResult:
    """One page of records of ``kind``: ``equal`` maps columns to values; ``linked`` maps a link field to a
    target id the record must list; ``listed_by`` = (owner kind, link field, owner id) keeps the records that
    owner's link lists (a place's claims)."""
    resource = RESOURCES[kind]
    table = resource.table
    statement = rows_of(table)
    for column, value in (equal or {}).items():
        if value is not None:
            statement = statement.where(getattr(table, column) == value)
    for name, target in (linked or {}).items():
        if target is not None:
            link = resource.links[name]
            owners = select(getattr(link.table, link.owner)).where(getattr(link.table, link.target) == target)
            statement = statement.where(table.id.in_(owners))
    if listed_by is not None:
        owner_kind, name, owner_id = listed_by
        link = RESOURCES[owner_kind].links[name]
        targets = select(getattr(link.table, link.target)).where(getattr(link.table, link.owner) == owner_id)
        statement = statement.where(table.id.in_(targets))
    statement, ordering = ordered_search(
        session, statement, table, kind=kind, q=q, sort=sort, columns=resource.sort_columns
    )
    return fetch_page(session, statement, ordering, page, public=to_public(kind))

"""Lists of any declared kind: filtered by its declared filters (app/models/filters.py), sorted by its declared
sort fields, searched through the one index — every list of records, and its sub-lists, is this one function."""

from collections.abc import Callable
from enum import Enum
from typing import Any

from pydantic import BaseModel
from sqlalchemy import CompoundSelect, Select, select, union
from sqlmodel import Session, SQLModel

from app.db import sortable
from app.keyset import Key, Ordering
from app.listing import PageParams, order_by, require_order
from app.models.resource import RESOURCES, Resource
from app.paging import IdWalk, PageResult, fetch_page
from app.services.database_json import json_forms
from app.services.lookup import fields_of, ordered_search, rows_of
from app.services.resources import public_forms, to_public


def given_filters(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """The filters of ``kind`` given a value (an empty one counts as not given), a range checked to run
    forwards; an unknown name is a programming error, not a client's."""
    declared = {declared.name: declared for declared in RESOURCES[kind].filters}
    given = {name: value for name, value in values.items() if value is not None and value != ""}
    for name in given:
        start = declared[name].not_before
        if start is not None:
            require_order(start, given.get(start), name, given[name])
    return given


def list_records(
    session: Session,
    kind: str,
    *,
    page: PageParams,
    sort: Enum | None = None,
    q: str | None = None,
    filters: dict[str, Any] | None = None,
    listed_by: tuple[str, str, str] | None = None,
    models: bool = False,
) -> PageResult:
    """One page of records of ``kind`` meeting every given filter (by name, as its list's query parameters);
    ``listed_by`` = (owner kind, link field, owner id) keeps the records that owner's link lists (a place's
    claims). The records come as the JSON-ready dicts the database built (app/services/database_json.py),
    or with ``models`` as public models (for the JSON-LD documents, which read their attributes)."""
    resource = RESOURCES[kind]
    given = given_filters(kind, filters or {})
    built = None if models else json_forms(kind, resource.listed)
    public = built or _listed_form(resource)
    walk = _id_walk(resource, given) if sort is None and q is None and listed_by is None else None
    if walk is not None:
        ordering = order_by(None, resource.sort_columns, resource.table.id)
        rows = select(*_keys_of(resource.table, ordering)) if built else rows_of(resource.table)
        return fetch_page(session, rows, ordering, page, public=public, walk=walk)
    table = resource.table
    natural = sort is None and q is None and bool(resource.natural_order)
    keyed = _natural_order(resource) if natural else order_by(sort, resource.sort_columns, table.id)
    statement = select(*_keys_of(table, keyed)) if built else rows_of(table)
    conditions = {declared.name: declared.keeps for declared in resource.filters}
    for name, value in given.items():
        statement = statement.where(conditions[name](value))
    if listed_by is not None:
        owner_kind, name, owner_id = listed_by
        link = RESOURCES[owner_kind].links[name]
        targets = select(getattr(link.table, link.target)).where(getattr(link.table, link.owner) == owner_id)
        statement = statement.where(table.id.in_(targets))
    statement, ordering = ordered_search(
        session, statement, table, kind=kind, q=q, sort=sort, columns=resource.sort_columns
    )
    if natural:
        ordering = keyed
    if resource.summary is not None and not built:
        statement = statement.with_only_columns(*summary_columns(resource))
    return fetch_page(session, statement, ordering, page, public=public)


def _keys_of(table: type[SQLModel], ordering: Ordering) -> list:
    """What a page's rows need when the database builds the records: the id, and the values of the order's
    keys that a cursor carries. Narrow rows sort and page cheaper than whole records: a ranked tier of
    1,001 matches is sorted before its page is cut. (Relevance adds its own columns: app/ranking.py.)"""
    return [table.id, *(key.column.label(key.label) for key in ordering.keys if key.label != "id")]


def _natural_order(resource: Resource) -> Ordering:
    keys = [Key(getattr(resource.table, name), nullable=False) for name in resource.natural_order]
    return Ordering("", keys, resource.table.id)


def _id_walk(resource: Resource, given: dict[str, Any]) -> IdWalk | None:
    """For a list filtered by one filter alone that declares index walks (an actor's claims), the walks
    listing its ids in id order."""
    if len(given) != 1:
        return None
    ((name, value),) = given.items()
    walks = next(declared.walks for declared in resource.filters if declared.name == name)
    if not walks:
        return None

    def walk(after: str | None) -> Select | CompoundSelect:
        parts = [
            select(record_id.label("id")).where(key == value, *([sortable(record_id) > after] if after else []))
            for key, record_id in walks
        ]
        return parts[0] if len(parts) == 1 else union(*parts)

    return walk


def public_item(session: Session, kind: str, row: Any) -> BaseModel | dict:
    """One record's public form, built by the database where it can (app/services/database_json.py)."""
    build = json_forms(kind, RESOURCES[kind].public)
    return build(session, [row])[0] if build else public_forms(session, kind, [row])[0]


def summary_columns(resource: Resource) -> list:
    """The columns of a kind's list form: its summary's stored fields, then those the database computes."""
    columns = resource.table.__table__.c
    fields = resource.summary.model_fields
    return [
        *(columns[name] for name in fields if name in columns),
        *(expression.label(name) for name, expression in resource.summary_extras.items()),
    ]


def _listed_form(resource: Resource) -> Callable[[Session, list], list]:
    """The public form of a page's rows: the declared summary where a list answers one, else the item's."""
    if resource.summary is None:
        return to_public(resource.kind)
    summary = resource.summary
    return lambda _session, rows: [summary.model_validate(fields_of(row)) for row in rows]

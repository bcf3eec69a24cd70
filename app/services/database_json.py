"""Records' public JSON built by the database: one expression per kind, form and dialect, derived from the
public model (its fields), the kind's links and its rules' extras (app/services/rules.py ``database_extras``).

SQLite builds it with ``json_object`` and ``json_group_array``, PostgreSQL with ``json_build_object`` and
``json_agg`` (``json``, not ``jsonb``: it keeps the model's field order). A field the database cannot give (a
kind whose rules declare an extra without its SQL) leaves the kind on the pydantic path: ``record_json``
answers None. tests/test_database_json.py holds every record of the seed and of a synthetic set, on both
backends, byte-equal to the model's own serialisation once orjson writes it, so the contract cannot drift.

The JSON, CSV and NDJSON pages, streams and items of every declared kind's reads (app/services/records.py,
app/routes/records.py, the claim by id) are built from it; JSON-LD, search and the whole-knowledge-base
export read the public models.
"""

from collections.abc import Callable
from functools import cache
from typing import Any, get_args

import orjson
from pydantic import BaseModel
from sqlalchemy import JSON, ColumnElement, Float, Select, bindparam, case, func, literal, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.sql import Subquery
from sqlmodel import Session

from app.db import sortable
from app.models.resource import RESOURCES
from app.services.resources import link_columns
from app.services.rules import rules_for


class JsonDialect:
    """How one database builds a JSON object and a JSON array of a correlated query's rows, in order."""

    def __init__(self, name: str) -> None:
        self.sqlite = name == "sqlite"

    def object(self, fields: dict[str, ColumnElement]) -> ColumnElement:
        pairs = [part for name, value in fields.items() for part in (literal(name), value)]
        return func.json_object(*pairs) if self.sqlite else func.json_build_object(*pairs)

    def number(self, column: ColumnElement) -> ColumnElement:
        """A float column as JSON. SQLite's json_object writes 15 significant digits (0.30000000000000004
        would be 0.3): 17 always read back the same double, and orjson writes it again in its shortest form."""
        if not self.sqlite:
            return column
        return case((column.is_(None), None), else_=func.json(func.printf("%!.17g", column)))

    def embedded(self, value: ColumnElement) -> ColumnElement:
        """A JSON value read back from a column or a subquery, embedded as JSON (not as a string of it)."""
        return func.json(value) if self.sqlite else value

    def array(self, value: ColumnElement, where: Any, order_by: list[ColumnElement], *, of: Any) -> ColumnElement:
        """The JSON array of ``value`` (a column, or an ``object``) over the rows meeting ``where``, in
        ``order_by``, for each row of the table ``of``; '[]' when none."""
        if self.sqlite:
            # An ordered subquery feeds json_group_array in its order; JSON read back from it comes as text.
            ordered = select(value.label("v")).where(where).order_by(*order_by).correlate(of)
            rows: Subquery = ordered.subquery()
            element = func.json(rows.c.v) if _is_object(value) else rows.c.v
            return func.json(select(func.json_group_array(element)).scalar_subquery())
        aggregated = func.json_agg(aggregate_order_by(value, *order_by))
        return select(func.coalesce(aggregated, literal("[]").cast(JSON))).where(where).correlate(of).scalar_subquery()


def _is_object(value: ColumnElement) -> bool:
    return getattr(value, "name", None) in {"json_object", "json_build_object"}


@cache
def record_json(kind: str, form: type[BaseModel], dialect: str) -> ColumnElement | None:
    """The expression building one record's ``form`` (the kind's public form or its list's summary) as JSON
    text, correlated with the kind's table; None when a field of the form has no SQL here."""
    resource = RESOURCES[kind]
    columns = resource.table.__table__.c
    links = link_columns(kind)
    json = JsonDialect(dialect)
    extras = rules_for(kind).database_extras(json, resource.table) | {
        name: expression for name, expression in resource.summary_extras.items()
    }
    fields: dict[str, ColumnElement] = {}
    for name in form.model_fields:
        if name in extras:
            fields[name] = extras[name]
        elif name in links:
            owner, target = links[name]
            fields[name] = json.array(target, owner == resource.table.id, [sortable(target)], of=resource.table)
        elif name in columns:
            column = columns[name]
            if isinstance(column.type, JSON):
                fields[name] = json.embedded(column)
            else:
                fields[name] = json.number(column) if isinstance(column.type, Float) else column
        else:
            return None
    return json.object(fields)


@cache
def by_id(kind: str, form: type[BaseModel], dialect: str) -> Select:
    """One record's JSON, its id bound as ``id``: for a kind whose form the database builds."""
    table = RESOURCES[kind].table
    return select(record_json(kind, form, dialect)).where(table.id == bindparam("id"))


@cache
def _by_ids(kind: str, form: type[BaseModel], dialect: str) -> Select | None:
    built = record_json(kind, form, dialect)
    if built is None:
        return None
    table = RESOURCES[kind].table
    return select(table.id, built.label("record")).where(table.id.in_(bindparam("ids", expanding=True)))


@cache
def json_forms(kind: str, form: type[BaseModel]) -> Callable[[Session, list], list[dict]] | None:
    """The page builder of paging (``public=``) answering the rows' records in ``form``, built by the database
    and parsed by orjson (dicts in the model's field order), or None when the kind takes the pydantic path."""

    def build(session: Session, rows: list) -> list[dict]:
        if not rows:
            return []
        connection = session.connection()
        statement = _by_ids(kind, form, connection.dialect.name)
        built = dict(connection.execute(statement, {"ids": [row.id for row in rows]}).all())
        return [parsed(built[row.id], form) for row in rows]

    available = all(record_json(kind, form, dialect) is not None for dialect in ("sqlite", "postgresql"))
    return build if available else None


def parsed(record: Any, form: type[BaseModel]) -> dict:
    """A record as the database built it, parsed: psycopg hands PostgreSQL's json back parsed already,
    SQLite's comes as text. PostgreSQL writes a whole float without its fraction (80, not 80.0): the form's
    float fields are floats again, as the model serialises them."""
    if not isinstance(record, dict):
        return orjson.loads(record)
    for name in _float_fields(form):
        if isinstance(record[name], int):
            record[name] = float(record[name])
    return record


@cache
def _float_fields(form: type[BaseModel]) -> tuple[str, ...]:
    return tuple(
        name for name, field in form.model_fields.items() if float in (field.annotation, *get_args(field.annotation))
    )

"""Public forms of any declared kind (app/models/resource.py): its columns, its link lists, the links of
others it shows, and its rules' extras — built the same way for every list, item, snapshot and export."""

from functools import cache

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session

from app.models.resource import RESOURCES, Resource, kind_of_table
from app.services.lookup import fields_of, grouped_many
from app.services.rules import rules_for

__all__ = [
    "RESOURCES", "Resource", "create_form", "kind_of_table", "link_columns", "public_forms", "snapshot", "snapshots",
    "to_public",
]  # fmt: skip


@cache
def link_columns(kind: str) -> dict[str, tuple]:
    """The (owner, target) columns of each list-of-ids field on the kind's public form."""
    resource = RESOURCES[kind]
    own = {name: (getattr(link.table, link.owner), getattr(link.table, link.target))
           for name, link in resource.links.items()}  # fmt: skip
    shown = {name: (getattr(link.table, link.target), getattr(link.table, link.owner))
             for name, (_, link) in resource.shown.items()}  # fmt: skip
    return own | shown


def public_forms(session: Session, kind: str, records: list) -> list[BaseModel]:
    """Records (ORM objects or column rows) in their public form: one query per list field kind, not per row."""
    resource = RESOURCES[kind]
    rows = [fields_of(record) for record in records]
    lists = link_columns(kind)
    linked = grouped_many(session, lists, [row["id"] for row in rows]) if lists and rows else {}
    extras = rules_for(kind).public_extras(session, rows) if rows else {}
    public = resource.public.model_validate
    return [
        public(row | {name: linked[name][row["id"]] for name in linked} | extras.get(row["id"], {})) for row in rows
    ]


def to_public(kind: str):
    """``public_forms`` for one kind, in the shape paging takes (``public=``)."""
    return lambda session, records: public_forms(session, kind, records)


def snapshots(session: Session, kind: str, ids: list[str]) -> dict[str, dict]:
    """The public form of each existing record among ``ids``, as the revision history stores it, by id."""
    table = RESOURCES[kind].table
    found: dict[str, dict] = {}
    for chunk in range(0, len(ids), 500):
        rows = list(session.scalars(select(table).where(table.id.in_(ids[chunk : chunk + 500]))))
        for item in public_forms(session, kind, rows):
            found[item.id] = item.model_dump(mode="json")
    return found


def snapshot(session: Session, kind: str, record_id: str) -> dict | None:
    """The record's public form as JSON-ready data, or None when it does not exist."""
    row = session.get(RESOURCES[kind].table, record_id)
    if row is None:
        return None
    return public_forms(session, kind, [row])[0].model_dump(mode="json")


def create_form(kind: str, public: dict, changes: dict | None = None) -> dict:
    """The create-schema fields of a record from its public form (what an update validates against, what an
    export writes), with ``changes`` laid over them."""
    fields = RESOURCES[kind].create.model_fields
    changes = changes or {}
    stored = {name: public[name] for name in fields if name in public}
    return rules_for(kind).merged_for_update(stored, changes) | changes

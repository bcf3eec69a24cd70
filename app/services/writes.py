"""The write engine: create, update and delete any kind of record, the same way for the API and bulk import.

Each operation checks everything first (schema, references, quote anchoring, preconditions), then writes the
row and its links, re-indexes it for search, and records a revision — all in the caller's transaction,
which the caller commits. Nothing here commits, so a bulk import is all or nothing.
"""

from dataclasses import dataclass

from pydantic import BaseModel, ValidationError
from sqlalchemy import Table, delete, func, insert, select, update
from sqlmodel import Session, SQLModel

from app import models
from app.db import sortable
from app.errors import Conflict, NotFound, invalid_input
from app.etags import check_if_match
from app.search import remove_entries
from app.services import revisions
from app.services.indexing import reindex
from app.services.resources import RESOURCES, Resource, create_form, kind_of_table, snapshot
from app.services.rules import invalid, rules_for

# Positions must keep a target: losing their last one in a cascade deletes them instead.
POSITION_TARGETS = ("issue_id", "plan_id", "plan_point_id")


def validated(schema: type[BaseModel], data: dict) -> BaseModel:
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise invalid_input(exc) from None


def resource_for(kind: str) -> Resource:
    return RESOURCES[kind]


# ---- create and update ------------------------------------------------------------------------------


def create_record(session: Session, kind: str, data: BaseModel, *, key_name: str) -> dict:
    """Insert a new record; return its public form."""
    resource = resource_for(kind)
    values = data.model_dump()
    record_id = values["id"]
    if session.get(resource.table, record_id) is not None:
        raise Conflict(f"{resource.article} {resource.label} with id '{record_id}' already exists.")
    row = _row_values(session, resource, values, record_id)
    shown_in = _snapshots(session, _shown_in(session, kind, values))
    session.execute(insert(resource.table).values(**row))
    _write_links(session, resource, record_id, values, replace=False)
    after = snapshot(session, kind, record_id)
    revisions.record(session, kind=kind, record_id=record_id, operation="create", key_name=key_name,
                     before=None, after=after)  # fmt: skip
    reindex(session, kind, [record_id])
    _record_knock_on(session, shown_in, key_name=key_name)
    return after


def update_record(
    session: Session, kind: str, record_id: str, patch: BaseModel, *, key_name: str, if_match: str | None = None
) -> dict:
    """Change the fields present in ``patch``; return the record's new public form."""
    resource = resource_for(kind)
    before = _existing(session, resource, record_id)
    check_if_match(if_match, before)
    changes = patch.model_dump(exclude_unset=True)
    values = validated(resource.create, create_form(kind, before, changes) | {"id": record_id}).model_dump()
    row = _row_values(session, resource, values, record_id)
    rules_for(kind).before_update(session, record_id, row)
    shown_in = _snapshots(session, _shown_in(session, kind, before) | _shown_in(session, kind, values))
    session.execute(update(resource.table).where(resource.table.id == record_id).values(**row))
    _write_links(session, resource, record_id, {k: v for k, v in values.items() if k in changes}, replace=True)
    session.expire_all()
    after = snapshot(session, kind, record_id)
    if after != before:
        revisions.record(session, kind=kind, record_id=record_id, operation="update", key_name=key_name,
                         before=before, after=after)  # fmt: skip
        reindex(session, kind, [record_id])
        _record_knock_on(session, shown_in, key_name=key_name)
    return after


def _shown_in(session: Session, kind: str, values: dict) -> set[tuple[str, str]]:
    """Other records whose public form shows part of this one, so that writing it changes them too: the
    targets of its links that list it (an event's claims), and what its rules name (a claim's relations)."""
    listed = {
        (link.target_kind, target)
        for name, link in resource_for(kind).links.items()
        if link.shown_as
        for target in values.get(name) or []
    }
    return listed | rules_for(kind).shown_in(session, values)


def _snapshots(session: Session, records: set[tuple[str, str]]) -> dict[tuple[str, str], dict | None]:
    return {(kind, record_id): snapshot(session, kind, record_id) for kind, record_id in sorted(records)}


def _record_knock_on(session: Session, before: dict[tuple[str, str], dict | None], *, key_name: str) -> None:
    """Record an update of each record in ``before`` whose public form the write changed (the change feed
    must carry every change a mirror needs)."""
    session.expire_all()
    for (kind, record_id), old in before.items():
        new = snapshot(session, kind, record_id)
        if old is not None and new is not None and new != old:
            revisions.record(session, kind=kind, record_id=record_id, operation="update", key_name=key_name,
                             before=old, after=new)  # fmt: skip


def _existing(session: Session, resource: Resource, record_id: str) -> dict:
    found = snapshot(session, resource.kind, record_id)
    if found is None:
        raise NotFound(f"No {resource.label} with id '{record_id}'.")
    return found


def _row_values(session: Session, resource: Resource, values: dict, record_id: str) -> dict:
    """The table's columns from validated input: references checked, derived columns computed."""
    columns = set(resource.table.model_fields)
    row = {name: value for name, value in values.items() if name in columns}
    _check_references(session, resource, row, values, record_id)
    rules_for(resource.kind).derive(values, row, StoredRecords(session), record_id)
    return row


def _check_references(session: Session, resource: Resource, row: dict, values: dict, record_id: str) -> None:
    table: Table = resource.table.__table__
    for column in table.columns:
        value = row.get(column.name)
        for foreign_key in column.foreign_keys:
            if value is None:
                continue
            if foreign_key.column.table is table and value == record_id:
                raise invalid(column.name, "a record cannot refer to itself")
            if not _exists(session, foreign_key.column.table, value):
                raise invalid(column.name, f"no {_label(foreign_key.column.table)} with id '{value}'")
            if foreign_key.column.table is table and _leads_back(session, table, column.name, value, record_id):
                raise invalid(column.name, f"'{value}' already leads back to '{record_id}' through {column.name}")
    for name, link in resource.links.items():
        for value in values.get(name) or []:
            if session.get(link.target_table, value) is None:
                raise invalid(name, f"no {resource_for(link.target_kind).label} with id '{value}'")


def _leads_back(session: Session, table: Table, column: str, start: str, record_id: str) -> bool:
    """Whether following ``column`` up from ``start`` reaches ``record_id`` (which would close a cycle)."""
    seen, current = set(), start
    while current is not None and current not in seen:
        if current == record_id:
            return True
        seen.add(current)
        current = session.execute(select(table.c[column]).where(table.c.id == current)).scalar()
    return False


def _exists(session: Session, table: Table, value: str) -> bool:
    return session.execute(select(table.c.id).where(table.c.id == value)).first() is not None


def _label(table: Table) -> str:
    kind = kind_of_table(table.name)
    return RESOURCES[kind].label if kind else table.name


class StoredRecords:
    """What the rules ask about other records (app/services/rules.py), answered from the database."""

    def __init__(self, session: Session):
        self.session = session

    def exists(self, kind: str, record_id: str) -> bool:
        return self.session.get(resource_for(kind).table, record_id) is not None

    def source_text(self, source_id: str) -> str | None:
        source = self.session.get(models.Source, source_id)
        return source.text if source else None

    def plan_of_point(self, point_id: str) -> str | None:
        point = self.session.get(models.PlanPoint, point_id)
        return point.plan_id if point else None

    def next_sequence(self, plan_id: str, record_id: str) -> int:
        point = models.PlanPoint
        last = self.session.scalar(
            select(func.max(point.sequence)).where(point.plan_id == plan_id, point.id != record_id)
        )
        return (last or 0) + 1

    def relation_twin(self, triple: tuple[str, str, str], record_id: str) -> str | None:
        relation = models.ClaimRelation
        type_, from_id, to_id = triple
        return self.session.scalar(
            select(relation.id).where(
                relation.type == type_, relation.from_claim_id == from_id, relation.to_claim_id == to_id,
                relation.id != record_id,
            )
        )  # fmt: skip


def _write_links(session: Session, resource: Resource, record_id: str, values: dict, *, replace: bool) -> None:
    for name, link in resource.links.items():
        if name not in values:
            continue
        owner = getattr(link.table, link.owner)
        if replace:
            session.execute(delete(link.table).where(owner == record_id))
        targets = sorted(set(values[name] or []))
        if targets:
            session.execute(insert(link.table), [{link.owner: record_id, link.target: t} for t in targets])
    rules_for(resource.kind).write_owned(session, record_id, values, replace=replace)


# ---- delete -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """Rows of ``table`` whose ``column`` holds the id being deleted; ``owners`` are the records affected."""

    table: Table
    column: str
    owners: list[tuple[str, str]]  # (kind, id) of the records that point here
    link: bool
    nullable: bool


def references_to(session: Session, resource: Resource, record_id: str) -> list[Reference]:
    """Everything that points at a record, found from the schema's foreign keys."""
    target = resource.table.__table__
    found = []
    for table in SQLModel.metadata.sorted_tables:
        for foreign_key in table.foreign_keys:
            if foreign_key.column.table is not target:
                continue
            column = foreign_key.parent
            owner_kind, owner_column = _owner_of(table, column.name)
            if owner_kind is None:
                continue
            owners = session.execute(
                select(table.c[owner_column]).where(column == record_id).order_by(sortable(table.c[owner_column]))
            ).scalars()
            owners = [(owner_kind, owner) for owner in dict.fromkeys(owners)]
            if owners:
                link = kind_of_table(table.name) is None
                found.append(Reference(table, column.name, owners, link, column.nullable and not link))
    return found


def _owner_of(table: Table, column: str) -> tuple[str | None, str]:
    """Which record a row of ``table`` belongs to: itself for record tables, the other end for links."""
    if (kind := kind_of_table(table.name)) is not None:
        return kind, "id"
    if table.name == "actor_role":
        return "actor", "actor_id"
    for other in table.columns:
        if other.name != column and other.foreign_keys:
            return kind_of_table(next(iter(other.foreign_keys)).column.table.name), other.name
    return None, column


def describe(references: list[Reference]) -> str:
    parts = []
    for ref in references:
        ids = ", ".join(owner for _, owner in ref.owners[:10]) + (" …" if len(ref.owners) > 10 else "")
        parts.append(f"{ref.table.name}.{ref.column} ({len(ref.owners)}: {ids})")
    return "; ".join(parts)


def delete_record(
    session: Session,
    kind: str,
    record_id: str,
    *,
    key_name: str,
    cascade: bool = False,
    if_match: str | None = None,
) -> None:
    """Delete a record. What points at it blocks the delete (409) unless ``cascade``: then records that need
    it are deleted too, optional references are cleared, and links to it are removed."""
    touched: dict[tuple[str, str], dict | None] = {}
    _delete(session, kind, record_id, key_name=key_name, cascade=cascade, if_match=if_match, touched=touched)
    # Once, after the whole cascade: one update per surviving record it changed, none for those it deleted.
    _record_knock_on(session, touched, key_name=key_name)


def _delete(
    session: Session,
    kind: str,
    record_id: str,
    *,
    key_name: str,
    cascade: bool,
    if_match: str | None,
    touched: dict[tuple[str, str], dict | None],
) -> None:
    """Delete one record (and, cascading, what needs it); note in ``touched`` the records it changes."""
    resource = resource_for(kind)
    before = _existing(session, resource, record_id)
    check_if_match(if_match, before)
    references = references_to(session, resource, record_id)
    # The record's own links (a claim's actor_ids, an actor's roles, ...) go with it; they do not block it.
    blocking = [ref for ref in references if not _own_link(resource, ref)]
    if blocking and not cascade:
        raise Conflict(
            f"{resource.label.capitalize()} '{record_id}' is referenced by {describe(blocking)}. "
            "Remove those references first, or delete with cascade=true.",
        )
    touched.setdefault((kind, record_id), before)  # unless the cascade already changed it: then as it was
    for shown_in, old in _snapshots(session, _shown_in(session, kind, before)).items():
        touched.setdefault(shown_in, old)
    for ref in references:
        for owner_kind, owner_id in ref.owners:
            if (owner_kind, owner_id) == (kind, record_id):
                continue
            needs_it = not ref.link and not ref.nullable
            if needs_it or _loses_last_target(session, ref, owner_id, record_id):
                if snapshot(session, owner_kind, owner_id) is not None:
                    _delete(session, owner_kind, owner_id, key_name=key_name, cascade=True, if_match=None,
                            touched=touched)  # fmt: skip
                continue
            touched.setdefault((owner_kind, owner_id), snapshot(session, owner_kind, owner_id))
        if ref.link:
            session.execute(delete(ref.table).where(ref.table.c[ref.column] == record_id))
        elif ref.nullable:
            session.execute(update(ref.table).where(ref.table.c[ref.column] == record_id).values({ref.column: None}))
    session.execute(delete(resource.table).where(resource.table.id == record_id))
    remove_entries(session, kind, [record_id])
    revisions.record(session, kind=kind, record_id=record_id, operation="delete", key_name=key_name,
                     before=touched.pop((kind, record_id)), after=None)  # fmt: skip
    session.expire_all()


def _own_link(resource: Resource, ref: Reference) -> bool:
    """Whether ``ref`` is one of the record's own link fields (or an actor's roles), not a reference to it."""
    if ref.table.name == "actor_role":
        return ref.column == "actor_id"
    return any(link.table.__table__ is ref.table and link.owner == ref.column for link in resource.links.values())


def _loses_last_target(session: Session, ref: Reference, owner_id: str, record_id: str) -> bool:
    """Whether a position would be left without a target, or without a claim to back it."""
    if ref.table.name == "position_claim" and ref.column == "claim_id":
        link = models.PositionClaim
        others = select(link.claim_id).where(link.position_id == owner_id, link.claim_id != record_id)
        return session.execute(others.limit(1)).first() is None
    if ref.table.name != "position":
        return False
    position = session.get(models.Position, owner_id)
    return not any(getattr(position, name) for name in POSITION_TARGETS if name != ref.column)

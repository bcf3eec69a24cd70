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
from app.errors import Conflict, InvalidParameter, NotFound, invalid_input
from app.etags import check_if_match
from app.search import remove_entries
from app.services import revisions
from app.services.anchoring import QuoteError, anchor_quote, quote_offsets
from app.services.indexing import reindex
from app.services.resources import KIND_OF_TABLE, RESOURCES, Resource
from app.services.seed_reader import sha256_hex

# Fields a claim derives from its quote: changing what the quote is anchored by re-anchors it.
ANCHOR_INPUTS = {"quote", "source_id", "prefix", "suffix"}
# Positions must keep a target: losing their last one in a cascade deletes them instead.
POSITION_TARGETS = ("issue_id", "plan_id", "plan_point_id")


def invalid(name: str, reason: str) -> InvalidParameter:
    return InvalidParameter(name, reason, location="body")


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
        article = "An" if resource.label[0] in "aeiou" else "A"
        raise Conflict(f"{article} {resource.label} with id '{record_id}' already exists.")
    row = _row_values(session, resource, values, record_id)
    shown_in = _snapshots(session, _shown_in(session, kind, values))
    session.execute(insert(resource.table).values(**row))
    _write_links(session, resource, record_id, values, replace=False)
    after = resource.snapshot(session, record_id)
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
    merged = {name: before.get(name) for name in resource.create.model_fields if name in before} | {"id": record_id}
    if kind == "claim" and ANCHOR_INPUTS & changes.keys() and "quote_start" not in changes:
        merged.pop("quote_start", None), merged.pop("quote_end", None)
    if kind == "claim" and "quote_start" in changes and "quote_end" not in changes:
        merged.pop("quote_end", None)  # the stored end belongs to the old start
    if kind == "actor" and "roles" in merged:
        merged["roles"] = [{"role": r["role"], "claim_id": r["claim_id"]} for r in merged["roles"]]
    merged |= changes
    values = validated(resource.create, merged).model_dump()
    text_changed = kind == "source" and values["text"] != session.get(models.Source, record_id).text
    if text_changed:
        _refuse_if_cited(session, record_id)
    row = _row_values(session, resource, values, record_id)
    if text_changed:
        # The new text is no longer a slice of the document it came from.
        row |= {"document_id": None, "document_start": None, "document_end": None}
    shown_in = _snapshots(session, _shown_in(session, kind, before) | _shown_in(session, kind, values))
    session.execute(update(resource.table).where(resource.table.id == record_id).values(**row))
    _write_links(session, resource, record_id, {k: v for k, v in values.items() if k in changes}, replace=True)
    session.expire_all()
    after = resource.snapshot(session, record_id)
    if after != before:
        revisions.record(session, kind=kind, record_id=record_id, operation="update", key_name=key_name,
                         before=before, after=after)  # fmt: skip
        reindex(session, kind, [record_id])
        _record_knock_on(session, shown_in, key_name=key_name)
    return after


def _shown_in(session: Session, kind: str, values: dict) -> set[tuple[str, str]]:
    """Other records whose public form shows part of this one, so that writing it changes them too: a claim's
    relations, an event's claims, and the source of each claim an actor's roles cite."""
    if kind == "claim_relation":
        return {("claim", values["from_claim_id"]), ("claim", values["to_claim_id"])}
    if kind == "claim":
        citing = session.scalars(select(models.ActorRole.actor_id).where(models.ActorRole.claim_id == values["id"]))
        return {("event", event_id) for event_id in values.get("event_ids") or []} | {("actor", a) for a in citing}
    return set()


def _snapshots(session: Session, records: set[tuple[str, str]]) -> dict[tuple[str, str], dict | None]:
    return {(kind, record_id): resource_for(kind).snapshot(session, record_id) for kind, record_id in sorted(records)}


def _record_knock_on(session: Session, before: dict[tuple[str, str], dict | None], *, key_name: str) -> None:
    """Record an update of each record in ``before`` whose public form the write changed (the change feed
    must carry every change a mirror needs)."""
    session.expire_all()
    for (kind, record_id), old in before.items():
        new = resource_for(kind).snapshot(session, record_id)
        if old is not None and new is not None and new != old:
            revisions.record(session, kind=kind, record_id=record_id, operation="update", key_name=key_name,
                             before=old, after=new)  # fmt: skip


def _existing(session: Session, resource: Resource, record_id: str) -> dict:
    snapshot = resource.snapshot(session, record_id)
    if snapshot is None:
        raise NotFound(f"No {resource.label} with id '{record_id}'.")
    return snapshot


def _refuse_if_cited(session: Session, source_id: str) -> None:
    cited = session.scalar(select(func.count()).where(models.Claim.source_id == source_id)) or 0
    if cited:
        raise Conflict(
            f"Source '{source_id}' is cited by {cited} claim(s); its text cannot change. "
            "Add the corrected text as a new source with updates_id set to this one."
        )


def _row_values(session: Session, resource: Resource, values: dict, record_id: str) -> dict:
    """The table's columns from validated input: references checked, derived columns computed."""
    columns = set(resource.table.model_fields)
    row = {name: value for name, value in values.items() if name in columns}
    _check_references(session, resource, row, values, record_id)
    if resource.kind == "source":
        row["sha256"] = sha256_hex(row["text"])
    elif resource.kind == "claim":
        row |= _anchor(session, values)
    elif resource.kind == "plan_point":
        _check_parent_in_plan(session, row)
        if row.get("sequence") is None:
            last = session.scalar(
                select(func.max(models.PlanPoint.sequence)).where(
                    models.PlanPoint.plan_id == row["plan_id"], models.PlanPoint.id != record_id
                )
            )
            row["sequence"] = (last or 0) + 1
    elif resource.kind == "claim_relation":
        _check_relation(session, row, record_id)
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
                raise invalid(name, f"no {_label(link.target_table.__table__)} with id '{value}'")
    for role in values.get("roles") or [] if resource.kind == "actor" else []:
        if session.get(models.Claim, role["claim_id"]) is None:
            raise invalid("roles.claim_id", f"no claim with id '{role['claim_id']}'")


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
    kind = KIND_OF_TABLE.get(table.name)
    return RESOURCES[kind].label if kind else table.name


def _anchor(session: Session, values: dict) -> dict:
    text = session.get(models.Source, values["source_id"]).text
    try:
        span = anchor_quote(
            text, values["quote"], start=values.get("quote_start"), prefix=values.get("prefix"),
            suffix=values.get("suffix"),
        )  # fmt: skip
    except QuoteError as error:
        raise invalid("quote", str(error)) from None
    if values.get("quote_end") is not None and values["quote_end"] != span.end:
        raise invalid("quote_end", f"the quote ends at {span.end}, not {values['quote_end']}")
    return quote_offsets(text, span)


def _check_parent_in_plan(session: Session, row: dict) -> None:
    if row.get("parent_id"):
        parent = session.get(models.PlanPoint, row["parent_id"])
        if parent.plan_id != row["plan_id"]:
            raise invalid("parent_id", f"point '{parent.id}' belongs to another plan ('{parent.plan_id}')")


def _check_relation(session: Session, row: dict, record_id: str) -> None:
    if row["from_claim_id"] == row["to_claim_id"]:
        raise invalid("to_claim_id", "a claim cannot relate to itself")
    relation = models.ClaimRelation
    twin = session.scalar(
        select(relation.id).where(
            relation.type == row["type"],
            relation.from_claim_id == row["from_claim_id"],
            relation.to_claim_id == row["to_claim_id"],
            relation.id != record_id,
        )
    )
    if twin:
        raise Conflict(f"Relation '{twin}' already links these claims with type '{row['type']}'.")


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
    if resource.kind == "actor" and "roles" in values:
        role = models.ActorRole
        if replace:
            session.execute(delete(role).where(role.actor_id == record_id))
        for entry in values["roles"] or []:
            session.execute(insert(role).values(actor_id=record_id, role=entry["role"], claim_id=entry["claim_id"]))


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
                link = table.name not in KIND_OF_TABLE
                found.append(Reference(table, column.name, owners, link, column.nullable and not link))
    return found


def _owner_of(table: Table, column: str) -> tuple[str | None, str]:
    """Which record a row of ``table`` belongs to: itself for record tables, the other end for links."""
    if table.name in KIND_OF_TABLE:
        return KIND_OF_TABLE[table.name], "id"
    if table.name == "actor_role":
        return "actor", "actor_id"
    for other in table.columns:
        if other.name != column and other.foreign_keys:
            return KIND_OF_TABLE.get(next(iter(other.foreign_keys)).column.table.name), other.name
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
    for shown_in, snapshot in _snapshots(session, _shown_in(session, kind, before)).items():
        touched.setdefault(shown_in, snapshot)
    for ref in references:
        for owner_kind, owner_id in ref.owners:
            if (owner_kind, owner_id) == (kind, record_id):
                continue
            needs_it = not ref.link and not ref.nullable
            if needs_it or _loses_last_target(session, ref, owner_id, record_id):
                if resource_for(owner_kind).snapshot(session, owner_id) is not None:
                    _delete(session, owner_kind, owner_id, key_name=key_name, cascade=True, if_match=None,
                            touched=touched)  # fmt: skip
                continue
            touched.setdefault((owner_kind, owner_id), resource_for(owner_kind).snapshot(session, owner_id))
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

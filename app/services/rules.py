"""Each kind's own write rules, beyond what its declaration says: derived columns, checks across records,
and the parts of its public form that are not columns or link lists.

The write engine (app/services/writes.py) and the fast import (app/services/fast_import.py) call the same
rules; what a rule needs to know about other records it asks a ``Known`` — the database for the engine, the
batch plus what it loaded for the fast import — so a rule is written once whichever path runs it. A kind
without rules of its own (most of them) takes the plain ``Rules``.
"""

from collections.abc import Iterator
from typing import Any, Protocol

from sqlalchemy import and_, bindparam, case, delete, func, insert, or_, select
from sqlmodel import Session

from app import models
from app.db import sortable
from app.errors import Conflict, InvalidParameter
from app.services.anchoring import QuoteError, anchor_quote, quote_offsets, sha256_hex

# Fields a claim derives from its quote: changing what the quote is anchored by re-anchors it.
ANCHOR_INPUTS = {"quote", "source_id", "prefix", "suffix"}


def invalid(name: str, reason: str) -> InvalidParameter:
    return InvalidParameter(name, reason, location="body")


class NotKnownHere(Exception):
    """A ``Known`` cannot answer without the database: the record goes to the write engine instead."""


class Known(Protocol):
    """What a rule may ask about records other than the one it judges."""

    def source_text(self, source_id: str) -> str | None: ...
    def exists(self, kind: str, record_id: str) -> bool: ...
    def plan_of_point(self, point_id: str) -> str | None: ...
    def next_sequence(self, plan_id: str, record_id: str) -> int: ...
    def relation_twin(self, triple: tuple[str, str, str], record_id: str) -> str | None: ...


class Batch(Protocol):
    """A fast-import batch, as the rules see it when a new record joins it."""

    relation_ids: dict[tuple[str, str, str], str]

    def show(self, kind: str, record_id: str, field: str, entry: dict, *, order: str) -> None:
        """Add ``entry`` to the list ``field`` of that record's public form (an extra, not a link list), whose
        entries stand in ``order``."""


class Rules:
    """The rules of a kind with none of its own: its row is its validated columns."""

    owned_fields: frozenset[str] = frozenset()  # create fields written by ``write_owned``, not as columns
    update_conflicts = False  # whether an update can conflict with other records (409)

    def asks(self, values: dict) -> list[tuple[str, str]]:
        """The questions ``derive`` will put to a ``Known`` about this record, so a batch loads the answers
        for all its records at once: (question, key)."""
        return []

    def merged_for_update(self, merged: dict, changes: dict) -> dict:
        """The stored record's fields to validate an update against, before the changes are laid over them."""
        return merged

    def derive(self, values: dict, row: dict, known: Known, record_id: str) -> None:
        """Check the record against others and add its derived columns to ``row``; raise a 4xx Problem when
        it cannot be written."""

    def owned_references(self, values: dict) -> list[tuple[str, str, str]]:
        """Ids its owned fields cite: (field, kind, id)."""
        return []

    def before_update(self, session: Session, record_id: str, row: dict) -> None:
        """Refuse an update the stored record forbids, or adjust its row; raise a 4xx Problem to refuse."""

    def write_owned(self, session: Session, record_id: str, values: dict, *, replace: bool) -> None:
        """Write the rows of tables the record owns besides its link lists (given in ``values``)."""

    def sync_owned(self, session: Session, records: dict[str, dict]) -> int:
        """Make the owned rows of each record (id → values) exactly what its values give; return how many
        rows were added or removed."""
        return 0

    def public_extras(self, session: Session, rows: list[dict]) -> dict[str, dict]:
        """Fields of the public form that are neither columns nor link lists, by record id."""
        return {}

    def database_extras(self, json: Any, table: Any) -> dict[str, Any]:
        """``public_extras`` as SQL expressions correlated with the kind's ``table``, built with ``json`` (a
        ``JsonDialect``, app/services/database_json.py); a kind whose extras have none here is read by pydantic."""
        return {}

    def fresh_extras(self, values: dict) -> dict:
        """``public_extras`` of a record just created from ``values``, before anything refers to it."""
        return {}

    def noted(self, values: dict, batch: Batch) -> None:
        """What a new record adds to a batch, for the records after it and the public forms of others."""

    def shown_in(self, session: Session, values: dict) -> set[tuple[str, str]]:
        """Records of other kinds whose public form shows part of this one, beyond declared link lists."""
        return set()


class SourceRules(Rules):
    update_conflicts = True  # a cited source's text

    def derive(self, values: dict, row: dict, known: Known, record_id: str) -> None:
        row["sha256"] = sha256_hex(row["text"])

    def before_update(self, session: Session, record_id: str, row: dict) -> None:
        if row["text"] == session.get(models.Source, record_id).text:
            return
        cited = session.scalar(select(func.count()).where(models.Claim.source_id == record_id)) or 0
        if cited:
            raise Conflict(
                f"Source '{record_id}' is cited by {cited} claim(s); its text cannot change. "
                "Add the corrected text as a new source with updates_id set to this one."
            )
        # The new text is no longer a slice of the document it came from.
        row |= {"document_id": None, "document_start": None, "document_end": None}

    def public_extras(self, session: Session, rows: list[dict]) -> dict[str, dict]:
        return {row["id"]: self.fresh_extras(row) for row in rows}

    def fresh_extras(self, values: dict) -> dict:
        return {"text_length": len(values["text"])}


class ActorRules(Rules):
    owned_fields = frozenset({"roles"})

    def fresh_extras(self, values: dict) -> dict:
        return {"roles": []}

    def merged_for_update(self, merged: dict, changes: dict) -> dict:
        if "roles" in merged:  # the public form names each role's source too; the create schema does not
            merged["roles"] = [{"role": r["role"], "claim_id": r["claim_id"]} for r in merged["roles"]]
        return merged

    def owned_references(self, values: dict) -> list[tuple[str, str, str]]:
        return [("roles.claim_id", "claim", role["claim_id"]) for role in values.get("roles") or []]

    def derive(self, values: dict, row: dict, known: Known, record_id: str) -> None:
        for name, kind, value in self.owned_references(values):
            if not known.exists(kind, value):
                raise invalid(name, f"no {kind} with id '{value}'")

    def sync_owned(self, session: Session, records: dict[str, dict]) -> int:
        wanted = {(actor_id, r["role"], r["claim_id"]) for actor_id, values in records.items() for r in values["roles"]}
        role = models.ActorRole
        current = {
            (row.actor_id, row.role, row.claim_id): row.id
            for row in session.scalars(select(role).where(role.actor_id.in_(list(records))))
        }
        stale = [row_id for key, row_id in current.items() if key not in wanted]
        missing = sorted(wanted - set(current))
        if stale:
            session.execute(delete(role).where(role.id.in_(stale)))
        if missing:
            session.execute(insert(role), [{"actor_id": a, "role": t, "claim_id": c} for a, t, c in missing])
        return len(stale) + len(missing)

    def write_owned(self, session: Session, record_id: str, values: dict, *, replace: bool) -> None:
        if "roles" not in values:
            return
        role = models.ActorRole
        if replace:
            session.execute(delete(role).where(role.actor_id == record_id))
        for entry in values["roles"] or []:
            session.execute(insert(role).values(actor_id=record_id, role=entry["role"], claim_id=entry["claim_id"]))

    def public_extras(self, session: Session, rows: list[dict]) -> dict[str, dict]:
        ids = [row["id"] for row in rows]
        roles: dict[str, dict] = {actor_id: {"roles": []} for actor_id in ids}
        if ids:
            role, claim = models.ActorRole, models.Claim
            for actor_id, name, claim_id, source_id in session.execute(
                select(role.actor_id, role.role, role.claim_id, claim.source_id)
                .join(claim, claim.id == role.claim_id)
                .where(role.actor_id.in_(ids))
                .order_by(role.actor_id, role.id)
            ):
                roles[actor_id]["roles"].append({"role": name, "claim_id": claim_id, "source_id": source_id})
        return roles

    def database_extras(self, json: Any, table: Any) -> dict[str, Any]:
        role, claim = models.ActorRole, models.Claim
        entry = json.object({"role": role.role, "claim_id": role.claim_id, "source_id": claim.source_id})
        return {
            "roles": json.array(entry, and_(role.actor_id == table.id, claim.id == role.claim_id), [role.id], of=table)
        }


class ClaimRules(Rules):
    def asks(self, values: dict) -> list[tuple[str, str]]:
        return [("source_text", values["source_id"])]

    def fresh_extras(self, values: dict) -> dict:
        return {"relations": []}

    def merged_for_update(self, merged: dict, changes: dict) -> dict:
        if ANCHOR_INPUTS & changes.keys() and "quote_start" not in changes:
            merged.pop("quote_start", None), merged.pop("quote_end", None)
        if "quote_start" in changes and "quote_end" not in changes:
            merged.pop("quote_end", None)  # the stored end belongs to the old start
        return merged

    def derive(self, values: dict, row: dict, known: Known, record_id: str) -> None:
        text = known.source_text(values["source_id"])
        if text is None:
            raise invalid("source_id", f"no source with id '{values['source_id']}'")
        try:
            span = anchor_quote(
                text, values["quote"], start=values.get("quote_start"), prefix=values.get("prefix"),
                suffix=values.get("suffix"),
            )  # fmt: skip
        except QuoteError as error:
            raise invalid("quote", str(error)) from None
        if values.get("quote_end") is not None and values["quote_end"] != span.end:
            raise invalid("quote_end", f"the quote ends at {span.end}, not {values['quote_end']}")
        row |= quote_offsets(text, span)

    def public_extras(self, session: Session, rows: list[dict]) -> dict[str, dict]:
        related: dict[str, dict] = {row["id"]: {"relations": []} for row in rows}
        if related:
            for relation in session.connection().execute(_RELATIONS_OF, {"ids": list(related)}):
                for own, view in relation_views(*relation):
                    if own in related:
                        related[own]["relations"].append(view)
        return related

    def database_extras(self, json: Any, table: Any) -> dict[str, Any]:
        relation = models.ClaimRelation
        outgoing = relation.from_claim_id == table.id
        view = json.object({
            "relation_id": relation.id, "type": relation.type,
            "direction": case((outgoing, "outgoing"), else_="incoming"),
            "claim_id": case((outgoing, relation.to_claim_id), else_=relation.from_claim_id),
            "rationale": relation.rationale,
        })  # fmt: skip
        return {
            "relations": json.array(
                view, or_(outgoing, relation.to_claim_id == table.id), [sortable(relation.id)], of=table
            )
        }

    def shown_in(self, session: Session, values: dict) -> set[tuple[str, str]]:
        citing = session.scalars(select(models.ActorRole.actor_id).where(models.ActorRole.claim_id == values["id"]))
        return {("actor", actor_id) for actor_id in citing}


def relation_views(relation_id: str, type_: str, from_id: str, to_id: str, rationale: str) -> Iterator[tuple]:
    """A relation as seen from each of its two claims: (claim id, ``RelatedClaim`` fields)."""
    for own, other, direction in ((from_id, to_id, "outgoing"), (to_id, from_id, "incoming")):
        yield own, {"relation_id": relation_id, "type": type_, "direction": direction, "claim_id": other,
                    "rationale": rationale}  # fmt: skip


_relation = models.ClaimRelation
RELATIONS = select(
    _relation.id, _relation.type, _relation.from_claim_id, _relation.to_claim_id, _relation.rationale
).order_by(sortable(_relation.id))
_RELATIONS_OF = RELATIONS.where(
    or_(_relation.from_claim_id.in_(bindparam("ids", expanding=True)),
        _relation.to_claim_id.in_(bindparam("ids", expanding=True)))
)  # fmt: skip


class PlanPointRules(Rules):
    def asks(self, values: dict) -> list[tuple[str, str]]:
        return [("plan_of_point", values["parent_id"])] if values.get("parent_id") else []

    def derive(self, values: dict, row: dict, known: Known, record_id: str) -> None:
        parent = row.get("parent_id")
        if parent and (plan := known.plan_of_point(parent)) != row["plan_id"]:
            raise invalid("parent_id", f"point '{parent}' belongs to another plan ('{plan}')")
        if row.get("sequence") is None:
            row["sequence"] = known.next_sequence(row["plan_id"], record_id)


class RelationRules(Rules):
    update_conflicts = True  # the same link under another id

    def asks(self, values: dict) -> list[tuple[str, str]]:
        return [("relations_from", values["from_claim_id"])]

    def noted(self, values: dict, batch: Batch) -> None:
        batch.relation_ids[(values["type"], values["from_claim_id"], values["to_claim_id"])] = values["id"]
        for own, view in relation_views(
            values["id"], values["type"], values["from_claim_id"], values["to_claim_id"], values["rationale"]
        ):
            batch.show("claim", own, "relations", view, order=values["id"])

    def derive(self, values: dict, row: dict, known: Known, record_id: str) -> None:
        if row["from_claim_id"] == row["to_claim_id"]:
            raise invalid("to_claim_id", "a claim cannot relate to itself")
        twin = known.relation_twin((row["type"], row["from_claim_id"], row["to_claim_id"]), record_id)
        if twin:
            raise Conflict(f"Relation '{twin}' already links these claims with type '{row['type']}'.")

    def shown_in(self, session: Session, values: dict) -> set[tuple[str, str]]:
        return {("claim", values["from_claim_id"]), ("claim", values["to_claim_id"])}


RULES: dict[str, Rules] = {
    "source": SourceRules(),
    "actor": ActorRules(),
    "claim": ClaimRules(),
    "plan_point": PlanPointRules(),
    "claim_relation": RelationRules(),
}
PLAIN = Rules()


def rules_for(kind: str) -> Rules:
    return RULES.get(kind, PLAIN)

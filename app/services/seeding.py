"""Write a checked seed into the database: one transaction, idempotent, search index kept in step.

Records are upserted by id and only written when they differ, and each seeded record's links are made to
equal the seed's, so loading the same seed twice changes nothing. Records that the seed does not mention
(added later over the API) are left alone.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, tuple_, update
from sqlmodel import Session, SQLModel

from app import models
from app.search import forget_lexicon
from app.services import revisions
from app.services.anchoring import quote_offsets, sha256_hex
from app.services.indexing import reindex
from app.services.resources import RESOURCES, public_forms
from app.services.seed_reader import ResolvedSeed, SeedError, resolve


@dataclass
class SeedReport:
    """How many records of each kind the load inserted or changed."""

    written: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.written.values())


def load_seed(session: Session, path: Path) -> SeedReport:
    """Check the seed at ``path`` completely, then write it in the session's transaction and commit."""
    resolved = resolve(path)
    try:
        report = _Writer(session).write(resolved)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return report


def parents_first(rows: list[dict], parent_key: str) -> list[dict]:
    """Order rows so that a row referring to another row of the same table comes after it."""
    by_id = {row["id"]: row for row in rows}
    ordered, placed = [], set()

    def place(row: dict, trail: frozenset = frozenset()) -> None:
        if row["id"] in placed or row["id"] in trail:
            return
        parent = by_id.get(row.get(parent_key))
        if parent is not None:
            place(parent, trail | {row["id"]})
        placed.add(row["id"])
        ordered.append(row)

    for row in rows:
        place(row)
    return ordered


def snapshots(session: Session, kind: str, ids: list[str]) -> dict[str, dict]:
    """The public form of each existing record among ``ids``, as the revision history stores it."""
    table = RESOURCES[kind].table
    found: dict[str, dict] = {}
    for chunk in range(0, len(ids), 500):
        rows = list(session.scalars(select(table).where(table.id.in_(ids[chunk : chunk + 500]))))
        for item in public_forms(session, kind, rows):
            found[item.id] = item.model_dump(mode="json")
    return found


class _Writer:
    def __init__(self, session: Session):
        self.session = session
        self.report = SeedReport()

    def upsert(self, name: str, table: type[SQLModel], rows: list[dict]) -> set[str]:
        """Insert missing rows and update differing ones; return the ids written."""
        if not rows:
            return set()
        existing = {
            row.id: row for row in self.session.scalars(select(table).where(table.id.in_([r["id"] for r in rows])))
        }
        written: set[str] = set()
        for row in rows:
            current = existing.get(row["id"])
            if current is None:
                self.session.execute(insert(table).values(**row))
            elif any(getattr(current, key) != value for key, value in row.items()):
                self.session.execute(update(table).where(table.id == row["id"]).values(**row))
            else:
                continue
            written.add(row["id"])
        self.report.written[name] = self.report.written.get(name, 0) + len(written)
        self.session.expire_all()
        return written

    def sync_links(self, table: type[SQLModel], owner: str, target: str, wanted: dict[str, Iterable[str]]) -> None:
        """Make the links of each owner in ``wanted`` exactly the given targets."""
        if not wanted:
            return
        owner_col, target_col = getattr(table, owner), getattr(table, target)
        current = set(self.session.execute(select(owner_col, target_col).where(owner_col.in_(list(wanted)))).all())
        desired = {(o, t) for o, targets in wanted.items() for t in targets}
        stale, missing = current - desired, desired - current
        if stale:
            self.session.execute(delete(table).where(tuple_(owner_col, target_col).in_(list(stale))))
        if missing:
            self.session.execute(insert(table), [{owner: o, target: t} for o, t in sorted(missing)])
        if stale or missing:
            self.report.written[table.__tablename__] = len(stale) + len(missing)

    def relations_stated_under_other_ids(self, r: ResolvedSeed) -> list[str]:
        """Seed relations the database already holds under another id (same type, same two claims): the
        table keeps one per pair, so writing them would fail mid-load. A relation renamed in the seed files
        since the last load is the usual cause."""
        relation = models.ClaimRelation
        wanted = {(rel.type, rel.from_claim_id, rel.to_claim_id): rel.id for rel in r.seed.relations}
        if not wanted:
            return []
        key = tuple_(relation.type, relation.from_claim_id, relation.to_claim_id)
        held = self.session.execute(
            select(relation.id, relation.type, relation.from_claim_id, relation.to_claim_id).where(
                key.in_(list(wanted))
            )
        )
        problems = []
        for held_id, *pair in held:
            seed_id = wanted[tuple(pair)]
            if seed_id != held_id:
                place = r.origins.get(("relations", seed_id), "?")
                problems.append(
                    f"{place}: relations '{seed_id}': repeats relation '{held_id}' already in the database (same "
                    f"type, same two claims); give it that id, or delete '{held_id}' first"
                )
        return problems

    def write(self, r: ResolvedSeed) -> SeedReport:
        seed = r.seed
        if problems := self.relations_stated_under_other_ids(r):
            raise SeedError(problems)
        seeded_ids = {
            "source": [s.id for s in seed.sources],
            "actor": [a.id for a in seed.actors],
            "issue": [i.id for i in seed.issues],
            "plan": [p.id for p in seed.plans],
            "plan_point": [pt.id for p in seed.plans for pt in p.points],
            "event": [e.id for e in seed.events],
            "claim": [c.id for c in seed.claims],
            "position": [p.id for p in seed.positions],
            "claim_relation": [rel.id for rel in seed.relations],
        }
        before = {kind: snapshots(self.session, kind, ids) for kind, ids in seeded_ids.items()}
        self.upsert(
            "documents",
            models.Document,
            [
                {
                    "id": d.id,
                    "filename": d.filename or Path(d.file or f"{d.id}.txt").name,
                    "text": r.document_texts[d.id],
                    "sha256": sha256_hex(r.document_texts[d.id]),
                }
                for d in seed.documents
            ],
        )
        written: dict[str, set[str]] = {}
        source_rows = parents_first([self._source_row(s, r) for s in seed.sources], "updates_id")
        written["source"] = self.upsert("sources", models.Source, source_rows)
        actor_rows = [
            a.model_dump(include={"id", "name", "kind", "description", "affiliation_id", "aliases"})
            for a in seed.actors
        ]
        written["actor"] = self.upsert("actors", models.Actor, parents_first(actor_rows, "affiliation_id"))
        issue_rows = [i.model_dump() for i in seed.issues]
        written["issue"] = self.upsert("issues", models.DisputedIssue, issue_rows)
        plan_rows = [p.model_dump(exclude={"proposer_ids", "points"}) for p in seed.plans]
        written["plan"] = self.upsert("plans", models.Plan, parents_first(plan_rows, "supersedes_id"))
        point_rows = [
            pt.model_dump(exclude={"issue_ids"}) | {"plan_id": p.id, "sequence": n}
            for p in seed.plans
            for n, pt in enumerate(p.points, start=1)
        ]
        written["plan_point"] = self.upsert("plan_points", models.PlanPoint, parents_first(point_rows, "parent_id"))
        written["event"] = self.upsert(
            "events", models.Event, [e.model_dump(exclude={"actor_ids"}) for e in seed.events]
        )
        claim_fields = set(models.Claim.model_fields)
        claim_rows = [
            c.model_dump(include=claim_fields) | quote_offsets(r.source_texts[c.source_id], r.claim_spans[c.id])
            for c in seed.claims
        ]
        written["claim"] = self.upsert("claims", models.Claim, claim_rows)
        written["position"] = self.upsert(
            "positions", models.Position, [p.model_dump(exclude={"claim_ids"}) for p in seed.positions]
        )
        written["claim_relation"] = self.upsert(
            "relations", models.ClaimRelation, [rel.model_dump() for rel in seed.relations]
        )
        self.upsert("thesaurus", models.ThesaurusEntry, [t.model_dump() for t in seed.thesaurus])
        forget_lexicon()  # the seed may change names, aliases and the thesaurus without a revision of them
        self._write_links(r)
        for kind, ids in written.items():
            if ids:
                reindex(self.session, kind, ids)
        self.session.expire_all()
        for kind, ids in seeded_ids.items():
            after = snapshots(self.session, kind, ids)
            for record_id in ids:
                old, new = before[kind].get(record_id), after.get(record_id)
                if old != new:
                    operation = "create" if old is None else "update"
                    revisions.record(self.session, kind=kind, record_id=record_id, key_name="seed",
                                     operation=operation, before=old, after=new)  # fmt: skip
        return self.report

    def _write_links(self, r: ResolvedSeed) -> None:
        seed, links = r.seed, self.sync_links
        links(models.PlanProposer, "plan_id", "actor_id", {p.id: p.proposer_ids for p in seed.plans})
        links(
            models.PlanPointIssue,
            "plan_point_id",
            "issue_id",
            {pt.id: pt.issue_ids for p in seed.plans for pt in p.points},
        )
        links(models.EventActor, "event_id", "actor_id", {e.id: e.actor_ids for e in seed.events})
        links(models.ClaimActor, "claim_id", "actor_id", {c.id: c.actor_ids for c in seed.claims})
        links(models.ClaimPlanPoint, "claim_id", "plan_point_id", {c.id: c.plan_point_ids for c in seed.claims})
        links(models.ClaimIssue, "claim_id", "issue_id", {c.id: c.issue_ids for c in seed.claims})
        links(models.ClaimEvent, "claim_id", "event_id", {c.id: c.event_ids for c in seed.claims})
        links(models.PositionClaim, "position_id", "claim_id", {p.id: p.claim_ids for p in seed.positions})
        self._write_roles(r)

    def _write_roles(self, r: ResolvedSeed) -> None:
        wanted = {(a.id, role.role, role.claim_id) for a in r.seed.actors for role in a.roles}
        owners = [a.id for a in r.seed.actors]
        role = models.ActorRole
        current = {
            (row.actor_id, row.role, row.claim_id): row.id
            for row in self.session.scalars(select(role).where(role.actor_id.in_(owners)))
        }
        stale = [row_id for key, row_id in current.items() if key not in wanted]
        missing = sorted(wanted - set(current))
        if stale:
            self.session.execute(delete(role).where(role.id.in_(stale)))
        if missing:
            self.session.execute(insert(role), [{"actor_id": a, "role": t, "claim_id": c} for a, t, c in missing])
        if stale or missing:
            self.report.written["actor_roles"] = len(stale) + len(missing)

    @staticmethod
    def _source_row(s: Any, r: ResolvedSeed) -> dict:
        span, text = r.source_spans[s.id], r.source_texts[s.id]
        row = s.model_dump(exclude={"begins_with", "ends_before", "text", "document_start", "document_end"})
        return row | {
            "text": text,
            "sha256": sha256_hex(text),
            "document_start": span.start if span else None,
            "document_end": span.end if span else None,
        }

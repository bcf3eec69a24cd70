"""Write a checked seed into the database: one transaction, idempotent, search index kept in step.

Records are upserted by id and only written when they differ, and each seeded record's links are made to
equal the seed's, so loading the same seed twice changes nothing. Records that the seed does not mention
(added later over the API) are left alone.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, select, tuple_, update
from sqlmodel import Session, SQLModel

from app import models
from app.models.resource import parents_first
from app.search import forget_lexicon
from app.services import revisions
from app.services.anchoring import sha256_hex
from app.services.indexing import reindex
from app.services.resources import RESOURCES, snapshots
from app.services.rules import rules_for
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


def parents_first_rows(rows: list[dict], parent_key: str) -> list[dict]:
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
        wanted = {(rel["type"], rel["from_claim_id"], rel["to_claim_id"]): rel["id"]
                  for rel in (record.values for record in r.records["claim_relation"])}  # fmt: skip
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
        if problems := self.relations_stated_under_other_ids(r):
            raise SeedError(problems)
        seeded_ids = {kind: [record.id for record in records] for kind, records in r.records.items()}
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
                for d in r.seed.documents
            ],
        )
        written: dict[str, set[str]] = {}
        for kind in parents_first():
            resource = RESOURCES[kind]
            columns = set(resource.table.model_fields)
            # The rows as the checks derived them (sha256, quote offsets): the rules ran once, in resolve().
            rows = [
                {name: value for name, value in record.row.items() if name in columns} for record in r.records[kind]
            ]
            for column, table in resource.references.items():
                if table == resource.table.__tablename__:
                    rows = parents_first_rows(rows, column)
            written[kind] = self.upsert(report_name(resource), resource.table, rows)
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
        for kind, records in r.records.items():
            resource, rules = RESOURCES[kind], rules_for(kind)
            for name, link in resource.links.items():
                self.sync_links(link.table, link.owner, link.target, {rec.id: rec.values[name] for rec in records})
            owned = {record.id: record.values for record in records}
            if rules.owned_fields and owned:
                changed = rules.sync_owned(self.session, owned)
                if changed:
                    self.report.written[f"{kind}_{'_'.join(sorted(rules.owned_fields))}"] = changed


def report_name(resource) -> str:
    """How a load's report names a kind: its seed section, or its collection."""
    return resource.seed_section or resource.collection.replace("-", "_")

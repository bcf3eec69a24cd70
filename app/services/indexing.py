"""What the search index holds for each kind of record: a title and a body of text."""

from collections.abc import Iterable

from sqlmodel import Session, select

from app import models
from app.search import SearchEntry, replace_entries


def _join(*parts: str | None) -> str:
    return "\n".join(part for part in parts if part)


# kind → (table, function giving the (title, body) to index for one row)
INDEXED = {
    "source": (models.Source, lambda r: (r.title, r.text)),
    "actor": (models.Actor, lambda r: (r.name, _join(" · ".join(r.aliases), r.description))),
    "plan": (models.Plan, lambda r: (r.name, r.description)),
    "plan_point": (models.PlanPoint, lambda r: (r.text, "")),
    "issue": (models.DisputedIssue, lambda r: (r.name, r.description)),
    "position": (models.Position, lambda r: (r.summary, "")),
    "claim": (models.Claim, lambda r: (r.statement, r.quote)),
    "event": (models.Event, lambda r: (r.title, _join(r.description, r.location, r.date_note))),
    "claim_relation": (models.ClaimRelation, lambda r: (r.rationale, "")),
}
KINDS = tuple(INDEXED)


def reindex(session: Session, kind: str, ids: Iterable[str]) -> None:
    """Refresh the index entries of these records from the rows as they now stand."""
    table, describe = INDEXED[kind]
    ids = list(ids)
    entries = []
    for chunk in range(0, len(ids), 500):
        for row in session.exec(select(table).where(table.id.in_(ids[chunk : chunk + 500]))):
            title, body = describe(row)
            entries.append(SearchEntry(kind, row.id, title or "", body or ""))
    replace_entries(session, kind, entries)

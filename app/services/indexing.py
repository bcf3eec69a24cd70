"""What the search index holds for each kind of record: the title and body its declaration names."""

from collections.abc import Iterable

from sqlmodel import Session, select

from app.models.resource import RESOURCES
from app.search import SearchEntry, replace_entries


def search_entries(kind: str, rows: Iterable) -> list[SearchEntry]:
    """The index entries of these rows (ORM objects or column rows) of one kind."""
    describe = RESOURCES[kind].search
    if describe is None:  # vocabulary, not evidence: the thesaurus expands searches, it is not a hit of one
        return []
    return [SearchEntry(kind, row.id, *(part or "" for part in describe(row))) for row in rows]


def reindex(session: Session, kind: str, ids: Iterable[str]) -> None:
    """Refresh the index entries of these records from the rows as they now stand."""
    table = RESOURCES[kind].table
    ids = list(ids)
    if RESOURCES[kind].search is None:
        return
    entries = []
    for chunk in range(0, len(ids), 500):
        entries += search_entries(kind, session.exec(select(table).where(table.id.in_(ids[chunk : chunk + 500]))))
    replace_entries(session, kind, entries)

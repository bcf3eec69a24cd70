"""The terms the search index holds, with how many entries hold each: what "did you mean" chooses from.

Read from the index's own term list (SQLite: an ``fts5vocab`` table over FTS5's; PostgreSQL: ``ts_stat`` over
the tsvectors), once per process and again after a write (``knowledge_base_version``), and only when a query
found nothing: reading it walks the whole term list, which no query that finds something should pay for.
"""

from sqlalchemy import text
from sqlmodel import Session

from app.search import SEARCH_TABLE, knowledge_base_version

_TERMS_TABLE = f"{SEARCH_TABLE}_terms"
_terms: tuple[tuple, dict[str, int]] | None = None


def indexed_terms(session: Session) -> dict[str, int]:
    """Every indexed term, with how many index entries hold it."""
    global _terms
    key = knowledge_base_version(session)
    if _terms is None or _terms[0] != key:
        _terms = (key, _read_terms(session))
    return _terms[1]


def _read_terms(session: Session) -> dict[str, int]:
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(text(f"SELECT word, ndoc FROM ts_stat('SELECT document FROM {SEARCH_TABLE}')"))
    else:
        # In the connection's temp schema: a view of the FTS5 index that no migration needs to know about.
        session.execute(
            text(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_TERMS_TABLE} USING fts5vocab(main, {SEARCH_TABLE}, row)")
        )
        rows = session.execute(text(f"SELECT term, doc FROM temp.{_TERMS_TABLE}"))
    return {term: count for term, count in rows}

"""Full-text search: one index over every text-bearing record, safe query building, ranked snippets.

SQLite keeps the index in an FTS5 virtual table ``search_index(kind, item_id, title, body)``. User text never
reaches ``MATCH`` raw: each word is quoted (as Datasette's ``escape_fts`` does), so no input can be an FTS
syntax error; a trailing ``*`` on a word is kept as a prefix search.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Subquery, bindparam, column, literal_column, select, table, text
from sqlmodel import Session

from app.errors import InvalidParameter

SEARCH_TABLE = "search_index"
CREATE_SEARCH_TABLE = (
    f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
    "kind UNINDEXED, item_id UNINDEXED, title, body, tokenize='porter unicode61 remove_diacritics 2')"
)
# Titles weigh ten times the body in bm25 ranking: a match in a claim's statement beats one in its quote.
CONFIGURE_RANK = f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rank) VALUES('rank', 'bm25(0.0, 0.0, 10.0, 1.0)')"
MAX_QUERY_WORDS = 32
# Snippet markers: control characters that cannot occur in stored text, replaced after HTML escaping.
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

_index = table(SEARCH_TABLE, column("kind"), column("item_id"), column("title"), column("body"))


def is_search_table(name: str) -> bool:
    return name == SEARCH_TABLE or name.startswith(f"{SEARCH_TABLE}_")


def fts_query(user_text: str, *, parameter: str = "q") -> str:
    """Turn free text into an FTS5 query that matches every word; reject text with no word in it."""
    # Control characters end a string early inside SQLite's FTS parser (NUL) or are our snippet markers.
    user_text = _CONTROL_CHARACTERS.sub(" ", user_text)
    words = []
    for raw in user_text.split()[:MAX_QUERY_WORDS]:
        prefix = raw.endswith("*") and len(raw.rstrip("*")) > 0
        word = raw.rstrip("*") if prefix else raw
        if not re.search(r"\w", word):
            continue
        quoted = '"' + word.replace('"', '""') + '"'
        words.append(quoted + "*" if prefix else quoted)
    if not words:
        raise InvalidParameter(parameter, "must contain at least one word to search for")
    return " ".join(words)


def matches(kind: str, user_text: str) -> Subquery:
    """``(item_id, rank)`` of the records of one kind that match the text; join it to filter and rank."""
    return (
        select(_index.c.item_id.label("item_id"), literal_column("rank").label("rank"))
        .where(text(f"{SEARCH_TABLE} MATCH :fts_query").bindparams(bindparam("fts_query", fts_query(user_text))))
        .where(_index.c.kind == kind)
        .subquery(f"{kind}_matches")
    )


@dataclass(frozen=True)
class SearchEntry:
    kind: str
    item_id: str
    title: str
    body: str


def replace_entries(session: Session, kind: str, entries: Iterable[SearchEntry]) -> None:
    """Make the index hold exactly ``entries`` for their records (of one kind)."""
    entries = list(entries)
    if not entries:
        return
    ids = [entry.item_id for entry in entries]
    for chunk in range(0, len(ids), 500):
        session.execute(_index.delete().where(_index.c.kind == kind, _index.c.item_id.in_(ids[chunk : chunk + 500])))
    session.execute(
        _index.insert(),
        [{"kind": e.kind, "item_id": e.item_id, "title": e.title, "body": e.body} for e in entries],
    )


def remove_entries(session: Session, kind: str, ids: list[str]) -> None:
    session.execute(_index.delete().where(_index.c.kind == kind, _index.c.item_id.in_(ids)))


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    title: str
    snippet: str
    score: float


def highlight(snippet: str) -> str:
    """HTML-escape a snippet, then turn the match markers into ``<mark>`` tags."""
    return html.escape(snippet).replace(_MARK_OPEN, "<mark>").replace(_MARK_CLOSE, "</mark>")


def search_all(
    session: Session, user_text: str, *, kinds: list[str] | None, limit: int, offset: int
) -> tuple[list[Hit], int]:
    """Rank every kind of record against the text; best first, with highlighted snippets."""
    query = fts_query(user_text)
    kind_filter = ""
    params: dict = {"q": query, "limit": limit, "offset": offset}
    if kinds:
        names = [f":kind{i}" for i in range(len(kinds))]
        kind_filter = f" AND kind IN ({', '.join(names)})"
        params.update({f"kind{i}": kind for i, kind in enumerate(kinds)})
    where = f"{SEARCH_TABLE} MATCH :q{kind_filter}"
    total = session.execute(text(f"SELECT count(*) FROM {SEARCH_TABLE} WHERE {where}"), params).scalar_one()
    rows = session.execute(
        text(
            f"SELECT kind, item_id, title,"
            f" snippet({SEARCH_TABLE}, -1, '{_MARK_OPEN}', '{_MARK_CLOSE}', '…', 24),"
            # kind and id break ties in rank, so that pages neither repeat nor skip hits of equal score
            f" rank FROM {SEARCH_TABLE} WHERE {where} ORDER BY rank, kind, item_id"
            " LIMIT :limit OFFSET :offset"
        ),
        params,
    ).all()
    hits = [Hit(kind, item_id, title, highlight(snippet), -float(rank)) for kind, item_id, title, snippet, rank in rows]
    return hits, total

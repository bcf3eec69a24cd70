"""Full-text search: one index over every text-bearing record, safe query building, ranked snippets.

One table ``search_index(kind, item_id, title, body)`` behind one interface (``matches``, ``match_clause``,
``rank_expression``, ``snippets``; app/ranking.py pages matches in relevance order):
SQLite keeps it as an FTS5 virtual table ranked by bm25; PostgreSQL as a table with a generated, weighted
``tsvector`` and a GIN index, ranked by ``ts_rank_cd``. Titles weigh ten times the body in both. User text
never reaches the query language raw: for FTS5 each word is quoted (as Datasette's ``escape_fts`` does), for
PostgreSQL only letters and digits are kept, so no input can be a syntax error; a trailing ``*`` on a word is
kept as a prefix search.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    String,
    Subquery,
    bindparam,
    case,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
    text,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import REAL
from sqlmodel import Session

from app.errors import InvalidParameter

SEARCH_TABLE = "search_index"
# PostgreSQL text search configuration: English stemming with accents folded, made by the migrations.
TS_CONFIG = "peacekb"
MAX_QUERY_WORDS = 32
# Snippet markers: characters that cannot occur in user queries (stripped) or in our texts, replaced by
# <mark> tags after HTML escaping. Private-use code points survive PostgreSQL's ts_headline options too.
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_LT, _GT = "\ue002", "\ue003"  # angle brackets masked from PostgreSQL's ts_headline

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\ue000-\ue003]")

# Typed, so that kinds and ids sort by code point on PostgreSQL too (app/db.py ``sortable``).
INDEX = table(
    SEARCH_TABLE, column("kind", String), column("item_id", String), column("title", String), column("body", String)
)


def is_search_table(name: str) -> bool:
    return name == SEARCH_TABLE or name.startswith(f"{SEARCH_TABLE}_")


def query_words(user_text: str, *, parameter: str = "q") -> list[tuple[str, bool]]:
    """The words of free text, each with whether it ends in ``*`` (a prefix); reject text with no word."""
    # Control characters end a string early inside SQLite's FTS parser (NUL) or are our snippet markers.
    user_text = _CONTROL_CHARACTERS.sub(" ", user_text)
    words = []
    for raw in user_text.split()[:MAX_QUERY_WORDS]:
        prefix = raw.endswith("*") and len(raw.rstrip("*")) > 0
        word = raw.rstrip("*") if prefix else raw
        if re.search(r"\w", word):
            words.append((word, prefix))
    if not words:
        raise InvalidParameter(parameter, "must contain at least one word to search for")
    return words


def fts_query(user_text: str, *, parameter: str = "q") -> str:
    """An FTS5 query matching every word: each one quoted, so nothing in it is FTS syntax."""
    quoted = [
        '"' + word.replace('"', '""') + '"' + ("*" if prefix else "")
        for word, prefix in query_words(user_text, parameter=parameter)
    ]
    return " ".join(quoted)


def _prefix_tsquery(word: str) -> str:
    """``to_tsquery`` text for a prefix word: its letters and digits only, the last part a prefix."""
    parts = re.findall(r"[^\W_]+", word)
    # A word of only underscores leaves nothing: match nothing rather than everything.
    return " & ".join([*parts[:-1], f"{parts[-1]}:*"]) if parts else "_"


def _pg_query(user_text: str):
    """A tsquery matching every word: PostgreSQL's own parser reads each plain word (``plainto_tsquery`` has
    no operators, so nothing is syntax), prefix words are built from their letters and digits."""
    terms = [
        func.to_tsquery(TS_CONFIG, _prefix_tsquery(word)) if prefix else func.plainto_tsquery(TS_CONFIG, word)
        for word, prefix in query_words(user_text)
    ]
    return reduce(lambda left, right: left.op("&&")(right), terms)


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def matches(session: Session, kind: str, user_text: str) -> Subquery:
    """``(item_id)`` of the records of one kind that match the text: join it to filter a list."""
    statement = select(INDEX.c.item_id.label("item_id")).where(match_clause(session, user_text), INDEX.c.kind == kind)
    return statement.subquery(f"{kind}_matches")


def match_clause(session: Session, user_text: str) -> ColumnElement:
    """The WHERE clause of the index entries matching the text (every word)."""
    if _is_postgres(session):
        return literal_column(f"{SEARCH_TABLE}.document").op("@@")(_pg_query(user_text))
    return _fts_match(user_text)


def rank_expression(session: Session, user_text: str) -> ColumnElement:
    """A matching entry's rank, best lowest: FTS5's bm25 (titles weigh ten times the body); on PostgreSQL,
    ``ts_rank_cd`` negated. A query's score is the rank negated (higher is better)."""
    if _is_postgres(session):
        document = literal_column(f"{SEARCH_TABLE}.document")
        return type_coerce(-func.ts_rank_cd(document, _pg_query(user_text)), Float)
    return literal_column(f"{SEARCH_TABLE}.rank", Float)


def rank_of(session: Session, value: float) -> ColumnElement | float:
    """A rank read back from a cursor, as ranks compare: PostgreSQL's ``ts_rank_cd`` is single precision,
    and the client saw it as the shortest decimal that reads back to it."""
    return cast(value, REAL) if _is_postgres(session) else value


def indexed_order(session: Session) -> ColumnElement:
    """The order entries were written in: FTS5's rowid; on PostgreSQL an identity column (migration 0003)."""
    return literal_column(f"{SEARCH_TABLE}.seq" if _is_postgres(session) else f"{SEARCH_TABLE}.rowid", Integer)


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
        session.execute(INDEX.delete().where(INDEX.c.kind == kind, INDEX.c.item_id.in_(ids[chunk : chunk + 500])))
    session.execute(
        INDEX.insert(),
        [{"kind": e.kind, "item_id": e.item_id, "title": e.title, "body": e.body} for e in entries],
    )


def remove_entries(session: Session, kind: str, ids: list[str]) -> None:
    session.execute(INDEX.delete().where(INDEX.c.kind == kind, INDEX.c.item_id.in_(ids)))


def highlight(snippet: str) -> str:
    """HTML-escape a snippet, then turn the match markers into ``<mark>`` tags."""
    snippet = snippet.replace(_LT, "<").replace(_GT, ">")
    return html.escape(snippet).replace(_MARK_OPEN, "<mark>").replace(_MARK_CLOSE, "</mark>")


def _headline(column, query):
    """ts_headline as FTS5's snippet() behaves: the whole of a short text, else a fragment around the match.

    Angle brackets are masked first: PostgreSQL's parser would take ``<b>`` for markup and drop it.
    """
    masked = func.replace(func.replace(column, "<", _LT), ">", _GT)
    marks = f"StartSel={_MARK_OPEN}, StopSel={_MARK_CLOSE}"
    return case(
        (func.length(column) <= 300, func.ts_headline(TS_CONFIG, masked, query, f"{marks}, HighlightAll=true")),
        else_=func.ts_headline(TS_CONFIG, masked, query, f"{marks}, MaxWords=30, MinWords=12"),
    )


def _fts_match(user_text: str):
    return text(f"{SEARCH_TABLE} MATCH :fts_query").bindparams(bindparam("fts_query", fts_query(user_text)))


def snippets(session: Session, user_text: str, entries: list[int]) -> dict[int, str]:
    """The marked snippet of each of these index entries (by ``indexed_order``), HTML-escaped, matches in
    ``<mark>``."""
    if not entries:
        return {}
    entry = indexed_order(session)
    if _is_postgres(session):
        query = _pg_query(user_text)
        snippet = case(
            (func.to_tsvector(TS_CONFIG, INDEX.c.title).op("@@")(query), _headline(INDEX.c.title, query)),
            else_=_headline(INDEX.c.body, query),
        )
        where = [entry.in_(entries)]
    else:
        snippet = literal_column(f"snippet({SEARCH_TABLE}, -1, '{_MARK_OPEN}', '{_MARK_CLOSE}', '…', 24)")
        where = [_fts_match(user_text), entry.in_(entries)]
    marked = session.execute(select(entry, snippet).select_from(INDEX).where(*where)).all()
    return {at: highlight(text) for at, text in marked}

"""Full-text search: one index over every text-bearing record, safe query building, ranked snippets.

One table ``search_index(kind, item_id, title, body)`` behind one interface (``matches``, ``search_all``):
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

from sqlalchemy import Subquery, bindparam, case, column, func, literal_column, select, table, text
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

_index = table(SEARCH_TABLE, column("kind"), column("item_id"), column("title"), column("body"))


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


def matches(session: Session, kind: str, user_text: str, *, window: int | None = None, ranked: bool = True) -> Subquery:
    """``(item_id, rank)`` of the records of one kind that match the text, best rank lowest; join it to filter
    and order. Unranked, ``(item_id)`` alone: to filter or count.

    With a ``window``, only the most recently indexed matches, that many, are kept and ranked: ranking costs
    per match (SQLite's bm25 reads each match's sizes), and a common word matches hundreds of thousands.
    """
    if _is_postgres(session):
        query = _pg_query(user_text)
        document = literal_column("document")
        rank = -func.ts_rank_cd(document, query)
        where = [document.op("@@")(query), _index.c.kind == kind]
    else:
        rank, where = literal_column("rank"), [_fts_match(user_text), _index.c.kind == kind]
    statement = select(_index.c.item_id.label("item_id"), *([rank.label("rank")] if ranked else [])).where(*where)
    if window is not None:
        statement = statement.order_by(_indexed_order(session).desc()).limit(window)
    return statement.subquery(f"{kind}_matches")


def _indexed_order(session: Session):
    """The order entries were written in: FTS5's rowid; on PostgreSQL an identity column (migration 0003)."""
    return literal_column("seq" if _is_postgres(session) else "rowid")


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


def search_all(
    session: Session, user_text: str, *, kinds: list[str] | None, limit: int, offset: int, window: int
) -> tuple[list[Hit], int]:
    """Rank every kind of record against the text; best first, with highlighted snippets.

    Ranks the ``window`` most recently indexed matches (as ``matches`` does) and answers how many of them
    there are with the page. Kind and id break ties in rank, so that pages neither repeat nor skip hits of
    equal score. Snippets are made for the page's hits only.
    """
    where = [_index.c.kind.in_(kinds)] if kinds else []
    if _is_postgres(session):
        query = _pg_query(user_text)
        document = literal_column("document")
        score = func.ts_rank_cd(document, query)
        where.append(document.op("@@")(query))
    else:
        where.append(_fts_match(user_text))
        score = -literal_column("rank")
    entry = _indexed_order(session)
    candidates = session.execute(
        select(entry, _index.c.kind, _index.c.item_id, _index.c.title, score)
        .select_from(_index)
        .where(*where)
        .order_by(entry.desc())
        .limit(window)
    ).all()
    # Best score first, then kind and id by code point (Python's str order), as every list orders ids.
    candidates.sort(key=lambda row: (-row[4], row[1], row[2]))
    shown = candidates[offset : offset + limit]
    snippets = _snippets(session, user_text, [row[0] for row in shown])
    hits = [
        Hit(kind, item_id, title, highlight(snippets[at]), float(value)) for at, kind, item_id, title, value in shown
    ]
    return hits, len(candidates)


def _fts_match(user_text: str):
    return text(f"{SEARCH_TABLE} MATCH :fts_query").bindparams(bindparam("fts_query", fts_query(user_text)))


def _snippets(session: Session, user_text: str, entries: list[int]) -> dict[int, str]:
    """The marked snippet of each of these index entries (by their rowid / seq)."""
    if not entries:
        return {}
    entry = _indexed_order(session)
    if _is_postgres(session):
        query = _pg_query(user_text)
        snippet = case(
            (func.to_tsvector(TS_CONFIG, _index.c.title).op("@@")(query), _headline(_index.c.title, query)),
            else_=_headline(_index.c.body, query),
        )
        where = [entry.in_(entries)]
    else:
        snippet = literal_column(f"snippet({SEARCH_TABLE}, -1, '{_MARK_OPEN}', '{_MARK_CLOSE}', '…', 24)")
        where = [_fts_match(user_text), entry.in_(entries)]
    return dict(session.execute(select(entry, snippet).select_from(_index).where(*where)).all())

"""Full-text search: one index over every text-bearing record, analysed queries, ranked snippets.

One table ``search_index(kind, item_id, title, body, title_terms, body_terms)`` behind one interface
(``matches``, ``match_clause``, ``rank_expression``, ``snippets``; app/ranking.py pages matches in relevance
order). The ``*_terms`` columns hold the text as app/text analyses it (lemmas, folded spelling, no stop words),
so both backends index the same terms: SQLite as an FTS5 virtual table over them ranked by bm25, PostgreSQL
as a weighted ``to_tsvector('simple', …)`` with a GIN index, ranked by ``ts_rank_cd``. Titles weigh ten times
the body in both.

A query is analysed the same way (``query_terms``) and expanded by actors' and issues' aliases and the
thesaurus (``expand``): each concept matches a record holding any of its forms, and a record matches the query
when it holds any concept (``match_all``: every concept), so a whole question works and records holding more
and rarer concepts rank first. Queries are built from analysed terms only, each quoted, so no user text is
ever query syntax; a trailing ``*`` on a word is kept as a prefix search.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    Select,
    String,
    Subquery,
    and_,
    bindparam,
    cast,
    column,
    false,
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
from app.text import Concept, Lexicon, analyse, build_lexicon, expand, index_form, query_terms

SEARCH_TABLE = "search_index"
MAX_QUERY_WORDS = 32
SNIPPET_WORDS = 24  # words in a snippet of a long text, as FTS5's snippet() was asked for
WHOLE_TEXT_UP_TO = 300  # characters: a text this short is its own snippet
# Snippet markers: characters that cannot occur in our texts, replaced by <mark> tags after HTML escaping.
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\ue000-\ue003]")

# Typed, so that kinds and ids sort by code point on PostgreSQL too (app/db.py ``sortable``).
INDEX = table(
    SEARCH_TABLE,
    column("kind", String),
    column("item_id", String),
    column("title", String),
    column("body", String),
    column("title_terms", String),
    column("body_terms", String),
)


def is_search_table(name: str) -> bool:
    return name == SEARCH_TABLE or name.startswith(f"{SEARCH_TABLE}_")


@dataclass(frozen=True)
class SearchQuery:
    """A query as concepts (app/text/expansion.py), and whether a match needs every one of them."""

    text: str
    concepts: tuple[Concept, ...]
    match_all: bool

    def forms(self, concept: Concept) -> list[tuple[tuple[str, bool], ...]]:
        """The ways to find a concept: its own terms, then each alternative's, as (term, prefix) phrases."""
        own = tuple((term.term, term.prefix) for term in concept.terms)
        return [own, *(tuple((term, False) for term in alternative.terms) for alternative in concept.alternatives)]


def parse_query(session: Session, user_text: str, *, match_all: bool = False, parameter: str = "q") -> SearchQuery:
    """The query ``user_text`` asks, expanded by the knowledge base's lexicon; text with no word is refused."""
    user_text = _CONTROL_CHARACTERS.sub(" ", user_text)
    words = user_text.split()[:MAX_QUERY_WORDS]
    if not any(analyse(word) for word in words):
        raise InvalidParameter(parameter, "must contain at least one word to search for")
    return _parse(" ".join(words), match_all, lexicon(session))


@lru_cache(maxsize=4096)
def _parse(user_text: str, match_all: bool, lexicon: Lexicon) -> SearchQuery:
    terms = [term for term in query_terms(user_text) if _SAFE_TERM.fullmatch(term.term)]
    return SearchQuery(user_text, tuple(expand(terms, lexicon)), match_all)


# Analysed terms are letters and digits, a number's decimal point at most: quoted, none can be query syntax.
_SAFE_TERM = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")

_lexicon: tuple[object, Lexicon] | None = None
_forgotten = 0  # how many times ``forget_lexicon`` was called: part of ``knowledge_base_version``


def knowledge_base_version(session: Session) -> tuple:
    """What changes with every write: the database, its latest revision id, and writes that record none."""
    from app.models import Revision

    return (session.get_bind().url, session.scalar(select(func.max(Revision.id))), _forgotten)


def lexicon(session: Session) -> Lexicon:
    """Actors' and issues' names and aliases and the thesaurus, built once per process and again after any
    write (``knowledge_base_version``)."""
    global _lexicon
    from app.models import Actor, DisputedIssue, ThesaurusEntry

    key = knowledge_base_version(session)
    if _lexicon is None or _lexicon[0] != key:
        entries = session.execute(select(ThesaurusEntry.id, ThesaurusEntry.terms))
        actors = session.execute(select(Actor.id, Actor.name, Actor.aliases))
        issues = session.execute(select(DisputedIssue.id, DisputedIssue.name, DisputedIssue.aliases))
        built = build_lexicon(
            thesaurus=[{"id": i, "terms": t} for i, t in entries],
            actors=[{"id": i, "name": n, "aliases": a} for i, n, a in actors],
            issues=[{"id": i, "name": n, "aliases": a} for i, n, a in issues],
        )
        _lexicon = (key, built)
    return _lexicon[1]


def forget_lexicon() -> None:
    """Build the lexicon (and app/search_vocabulary.py's terms) afresh on the next query, after a write that
    records no revision, such as the seed."""
    global _lexicon, _forgotten
    _lexicon, _forgotten = None, _forgotten + 1


def _fts_term(term: str, prefix: bool) -> str:
    return '"' + term + '"' + ("*" if prefix else "")


def fts_query(query: SearchQuery) -> str:
    """The FTS5 query: each concept an OR of its forms (a form of several terms a phrase), joined by OR or AND."""
    concepts = [
        "(" + " OR ".join(" + ".join(_fts_term(*term) for term in form) for form in query.forms(concept)) + ")"
        for concept in query.concepts
    ]
    return (" AND " if query.match_all else " OR ").join(concepts)


def _pg_term(term: str, prefix: bool) -> str:
    return "'" + term + "'" + (":*" if prefix else "")


def pg_query_text(query: SearchQuery) -> str:
    """The same query as ``to_tsquery`` text: ``|`` and ``&``, phrases by ``<->``, prefixes by ``:*``."""
    concepts = [
        "("
        + " | ".join("(" + " <-> ".join(_pg_term(*term) for term in form) + ")" for form in query.forms(concept))
        + ")"
        for concept in query.concepts
    ]
    return (" & " if query.match_all else " | ").join(concepts)


def _pg_query(query: SearchQuery):
    # Unique: one statement may hold two queries (app/ranking.py's matches by link: by the rest of the query).
    return func.to_tsquery("simple", bindparam("tsquery", pg_query_text(query), unique=True))


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def matches(session: Session, kind: str, user_text: str) -> Subquery:
    """``(item_id)`` of the records of one kind that match every concept of the text: join it to filter a list."""
    query = parse_query(session, user_text, match_all=True)
    statement = select(INDEX.c.item_id.label("item_id")).where(match_clause(session, query), INDEX.c.kind == kind)
    return statement.subquery(f"{kind}_matches")


def match_clause(session: Session, query: SearchQuery) -> ColumnElement:
    """The WHERE clause of the index entries matching the query."""
    if not query.concepts:
        return false()  # stop words only: nothing is indexed by them
    if _is_postgres(session):
        return literal_column(f"{SEARCH_TABLE}.document").op("@@")(_pg_query(query))
    return text(f"{SEARCH_TABLE} MATCH :fts_query").bindparams(bindparam("fts_query", fts_query(query), unique=True))


def entries_of(session: Session, kind: str, ids: Select) -> ColumnElement:
    """The WHERE clause of the index entries of these records of one kind (``ids``: a one-column select).

    FTS5 indexes no UNINDEXED column, so on SQLite the entries are found by rowid through migration 0008's
    index on FTS5's own content table (``c0`` kind, ``c1`` item_id); PostgreSQL's primary key is (kind, item_id).
    """
    if _is_postgres(session):
        return and_(INDEX.c.kind == kind, INDEX.c.item_id.in_(ids))
    content = table(f"{SEARCH_TABLE}_content", column("id", Integer), column("c0", String), column("c1", String))
    rowids = select(content.c.id).where(content.c.c0 == kind, content.c.c1.in_(ids))
    return indexed_order(session).in_(rowids)


def rank_expression(session: Session, query: SearchQuery) -> ColumnElement:
    """A matching entry's rank, best lowest: FTS5's bm25 (titles weigh ten times the body); on PostgreSQL,
    ``ts_rank_cd`` negated. A query's score is the rank negated (higher is better)."""
    if _is_postgres(session):
        document = literal_column(f"{SEARCH_TABLE}.document")
        if not query.concepts:
            return type_coerce(literal_column("0.0"), Float)
        return type_coerce(-func.ts_rank_cd(document, _pg_query(query)), Float)
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

    def row(self) -> dict[str, str]:
        """The index row: the raw text and its analysed terms, computed here for every way records are written."""
        return {
            "kind": self.kind,
            "item_id": self.item_id,
            "title": self.title,
            "body": self.body,
            "title_terms": index_form(self.title),
            "body_terms": index_form(self.body),
        }


def replace_entries(session: Session, kind: str, entries: Iterable[SearchEntry]) -> None:
    """Make the index hold exactly ``entries`` for their records (of one kind)."""
    entries = list(entries)
    if not entries:
        return
    ids = [entry.item_id for entry in entries]
    for chunk in range(0, len(ids), 500):
        session.execute(INDEX.delete().where(INDEX.c.kind == kind, INDEX.c.item_id.in_(ids[chunk : chunk + 500])))
    session.execute(INDEX.insert(), [entry.row() for entry in entries])


def remove_entries(session: Session, kind: str, ids: list[str]) -> None:
    session.execute(INDEX.delete().where(INDEX.c.kind == kind, INDEX.c.item_id.in_(ids)))


def highlight(snippet: str) -> str:
    """HTML-escape a snippet, then turn the match markers into ``<mark>`` tags."""
    return html.escape(snippet).replace(_MARK_OPEN, "<mark>").replace(_MARK_CLOSE, "</mark>")


@dataclass(frozen=True)
class Found:
    """What a page's entry holds of the query: its marked snippet, and the forms of each concept it has."""

    snippet: str
    forms: list[tuple[Concept, int]]  # (concept, index of the form in ``SearchQuery.forms``)


def found_in(session: Session, query: SearchQuery, entries: list[int]) -> dict[int, Found]:
    """For each of these index entries (by ``indexed_order``) of one page, its snippet and matched forms.

    Read from the analysed terms in Python, the same on both backends: a page holds at most a few dozen."""
    if not entries:
        return {}
    entry = indexed_order(session)
    rows = session.execute(
        select(entry, INDEX.c.title, INDEX.c.body, INDEX.c.title_terms, INDEX.c.body_terms)
        .select_from(INDEX)
        .where(entry.in_(entries))
    ).all()
    wanted = [form for concept in query.concepts for form in query.forms(concept)]
    exact = {term for form in wanted for term, prefix in form if not prefix}
    prefixes = tuple(term for form in wanted for term, prefix in form if prefix)
    found = {}
    for at, title, body, title_terms, body_terms in rows:
        terms = f"{title_terms} {body_terms}".split()
        forms = [
            (concept, number)
            for concept in query.concepts
            for number, form in enumerate(query.forms(concept))
            if _holds(terms, form)
        ]
        found[at] = Found(_snippet(title, body, exact, prefixes), forms)
    return found


def matching_otherwise(
    session: Session, query: SearchQuery, kind: str, ids: Select, *, needs: SearchQuery | None
) -> list[int]:
    """Of the index entries of these records (of one kind), those the query does not match by their text and
    that hold every concept of ``needs`` (when given): their ``indexed_order``, newest first.

    Read from the analysed terms in Python, as ``found_in`` reads them: FTS5 evaluates a whole MATCH again for
    each rowid it is limited to, which costs some 70 µs an entry, where this costs a few."""
    entry = indexed_order(session)
    rows = session.execute(
        select(entry, INDEX.c.title_terms, INDEX.c.body_terms)
        .select_from(INDEX)
        .where(entries_of(session, kind, ids))
        .order_by(entry.desc())
    )
    found = []
    for at, title_terms, body_terms in rows:
        terms = f"{title_terms} {body_terms}".split()
        if _holds_query(terms, query):
            continue
        if needs is None or _holds_query(terms, replace(needs, match_all=True)):
            found.append(at)
    return found


def _holds_query(terms: list[str], query: SearchQuery) -> bool:
    """Whether terms hold the query as its MATCH asks: any concept (``match_all``: every one) in any form."""
    present = set(terms)

    def holds(form: tuple[tuple[str, bool], ...]) -> bool:
        # Most forms are one exact term, and a phrase needs each of its exact terms: a set answers first.
        if not all(prefix or term in present for term, prefix in form):
            return False
        return (len(form) == 1 and not form[0][1]) or _holds(terms, form)

    held = (any(holds(form) for form in query.forms(concept)) for concept in query.concepts)
    return bool(query.concepts) and (all(held) if query.match_all else any(held))


def _holds(terms: list[str], form: tuple[tuple[str, bool], ...]) -> bool:
    """Whether the terms hold the form's terms in a row (a prefix matching any term it begins)."""
    for start in range(len(terms) - len(form) + 1):
        if all(
            terms[start + n].startswith(term) if prefix else terms[start + n] == term
            for n, (term, prefix) in enumerate(form)
        ):
            return True
    return False


def _begins(term: str, prefixes: tuple[str, ...]) -> bool:
    return bool(prefixes) and term.startswith(prefixes)


def _snippet(title: str, body: str, exact: set[str], prefixes: tuple[str, ...]) -> str:
    """The title marked if it holds a query term, else the body: whole if short, else a window of words
    around the first match."""
    for source in (title, body):
        tokens = analyse(source)
        hits = [
            n
            for n, t in enumerate(tokens)
            if not t.is_stop and (t.term in exact or t.term.startswith(prefixes or ("\0",)))
        ]
        if hits or source is body:
            break
    if not tokens:
        return highlight(source)
    first, last = 0, len(tokens)
    if len(source) > WHOLE_TEXT_UP_TO:
        first = max(0, (hits[0] if hits else 0) - SNIPPET_WORDS // 4)
        last = min(len(tokens), first + SNIPPET_WORDS)
    begin = 0 if first == 0 else tokens[first].start
    end = len(source) if last == len(tokens) else tokens[last - 1].end
    pieces, position = [], begin
    for n in hits:
        if first <= n < last:
            token = tokens[n]
            pieces += [source[position : token.start], _MARK_OPEN, source[token.start : token.end], _MARK_CLOSE]
            position = token.end
    pieces.append(source[position:end])
    marked = "".join(pieces)
    return ("…" if begin else "") + highlight(marked) + ("…" if end < len(source) else "")

"""Search across every kind of record: hits ranked by relevance, with highlighted snippets, why each matched,
counts per kind, and closest vocabulary terms when nothing matched."""

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, literal_column, select, union, union_all
from sqlmodel import Session

from app import models
from app.listing import Page, PageParams
from app.models import RecordKind
from app.models.claim import CLAIM
from app.models.filters import listing
from app.paging import PageResult, count_bound, fetch_page
from app.ranking import RankedSearch
from app.search import INDEX, SearchQuery, found_in, indexed_order, match_clause, matching_otherwise
from app.search_vocabulary import indexed_terms
from app.services.records import given_filters
from app.text import Concept, corrections, explain, query_terms
from app.text.expansion import ACTOR

SearchKind = RecordKind


class SearchMatch(StrEnum):
    """How many of a query's terms a record must hold: ``any`` (more rank higher) or ``all``."""

    any = "any"
    all = "all"


class MatchedTerm(BaseModel):
    """A part of the query that the record holds, and the form it was found as."""

    query: str = Field(description="The query's words, as typed.", examples=["POWs"])
    found: str = Field(description="The form the record holds.", examples=["prisoner of war"])
    via: str | None = Field(
        description="The alias or thesaurus entry that gave the form, when it is not the query's own words.",
        examples=['POWs → "prisoner of war" (thesaurus prisoner-of-war)'],
    )


class SearchHit(BaseModel):
    """A record that matches, with the matching words marked up in `<mark>` in an HTML-escaped snippet."""

    kind: SearchKind
    id: str = Field(examples=["russia-controls-99-percent-luhansk"])
    title: str
    snippet: str = Field(examples=["…near-total domination-about <mark>99</mark>%-in neighboring Luhansk…"])
    score: float = Field(description="Relevance (higher is better), comparable within one query.")
    matched: list[MatchedTerm] = Field(description="Why it matched: the query's terms the record holds.")


class SearchFilters(BaseModel):
    """Filters that keep claims only: of one source, naming an actor, about an issue, stated within dates."""

    source_id: str | None = None
    actor_id: str | None = None
    issue_id: str | None = None
    stated_from: date | None = None
    stated_to: date | None = None

    def clauses(self) -> list[ColumnElement]:
        """The conditions on the index's rows: claims only, each meeting the claim lists' own filters (a
        reversed date range is refused as there), an actor named by the claim's links."""
        values = self.model_dump(exclude={"actor_id"})
        conditions = [CLAIM_FILTERS[name](value) for name, value in given_filters(CLAIM.kind, values).items()]
        if self.actor_id is not None:
            conditions.append(_NAMING_ACTOR.keeps(self.actor_id))
        if not conditions:
            return []
        claim = CLAIM.table
        # Checked per match by primary key, so the index stays the outer loop (as app/ranking.py filters lists).
        one = select(literal_column("1")).select_from(claim).where(claim.id == INDEX.c.item_id, *conditions)
        return [INDEX.c.kind == CLAIM.kind, one.exists()]


CLAIM_FILTERS = {declared.name: declared.keeps for declared in CLAIM.filters}
# Search's actor filter keeps the claims whose links name the actor (the lists' keeps those it spoke too).
_NAMING_ACTOR = listing(models.ClaimActor.claim_id, models.ClaimActor.actor_id, "actor_id")


def _matched(query: SearchQuery, forms, actors: set[str]) -> list[MatchedTerm]:
    """The parts of the query a hit holds (``forms``: app/search.py's ``Found``), then the actors it is linked
    to that the query names."""
    result = []
    for concept, number in forms:
        typed = _typed(concept)
        if number == 0:
            result.append(MatchedTerm(query=typed, found=typed, via=None))
        else:
            alternative = concept.alternatives[number - 1]
            result.append(MatchedTerm(query=typed, found=alternative.form, via=explain(concept, alternative)))
    for concept in query.concepts:
        for actor_id in dict.fromkeys(m.entry_id for m in concept.matches if m.source == ACTOR):
            if actor_id in actors:
                typed = _typed(concept)
                link = MatchedTerm(query=typed, found=f"actor:{actor_id}", via=f"{typed} → linked to actor {actor_id}")
                result.append(link)
    return result


def _typed(concept: Concept) -> str:
    return " ".join(term.word for term in concept.terms)


def named_actors(query: SearchQuery) -> list[str]:
    """The actors the query names (by name or alias), in id order."""
    return sorted({m.entry_id for concept in query.concepts for m in concept.matches if m.source == ACTOR})


# How many linked claims a query naming actors matches at most: their entries are read once a request (some
# 25 µs each on SQLite), so a query naming an actor of a hundred thousand claims costs what one of a thousand
# does. Not the count bound: which records match does not depend on how far they are counted.
LINKED_CLAIMS_LIMIT = 1000


def _linked_claims(actor_ids: list[str]):
    """The ids of the claims the actors are linked to (claim_actor) or speak, as one select: at most
    ``LINKED_CLAIMS_LIMIT``, the first by id (both links' indexes give them in that order), so that every page
    of a query sees the same ones."""
    named = select(models.ClaimActor.claim_id.label("id")).where(models.ClaimActor.actor_id.in_(actor_ids))
    spoken = select(models.Claim.id).where(models.Claim.speaker_id.in_(actor_ids))
    return union_all(named, spoken).order_by(literal_column("id")).limit(LINKED_CLAIMS_LIMIT)


def matching_by_link(session: Session):
    """The entries a query matches through links and not by their text: the claims linked to an actor it
    names. With ``match=all`` such a claim must hold the rest of the query."""

    def linked(query: SearchQuery) -> ColumnElement | None:
        actor_ids = named_actors(query)
        if not actor_ids:
            return None
        rest = tuple(c for c in query.concepts if not any(m.source == ACTOR for m in c.matches))
        needs = replace(query, concepts=rest) if query.match_all and rest else None
        # Read once a request (at most PEACEKB_COUNT_LIMIT entries), then named by their rowids.
        entries = matching_otherwise(session, query, "claim", _linked_claims(actor_ids), needs=needs)
        return indexed_order(session).in_(entries) if entries else None

    return linked


def _linked_actors(session: Session, query: SearchQuery, claim_ids: list[str]) -> dict[str, set[str]]:
    """For each of these claims, the actors the query names that it is linked to."""
    actor_ids = named_actors(query)
    if not actor_ids or not claim_ids:
        return {}
    link, claim = models.ClaimActor, models.Claim
    rows = session.execute(
        union(
            select(link.claim_id, link.actor_id).where(link.claim_id.in_(claim_ids), link.actor_id.in_(actor_ids)),
            select(claim.id, claim.speaker_id).where(claim.id.in_(claim_ids), claim.speaker_id.in_(actor_ids)),
        )
    )
    found: dict[str, set[str]] = {}
    for claim_id, actor_id in rows:
        found.setdefault(claim_id, set()).add(actor_id)
    return found


class SearchFacets(BaseModel):
    """How many records of each kind match the query, counted as far as the page's `total` is."""

    kind: dict[SearchKind, int] = Field(
        description="Matches of each kind, every filter applied but `kind` (so that the other kinds can be "
        "chosen); kinds with none are left out.",
        examples=[{"claim": 12, "source": 2, "actor": 1}],
    )
    exact: bool = Field(
        description="False when counting stopped at the bound of `total` (PEACEKB_COUNT_LIMIT, default 1,000): "
        "each count is then a lower bound."
    )


class DidYouMean(BaseModel):
    """A query to try instead: one word that matched nothing, replaced by the closest indexed term."""

    query: str = Field(description="The query with the word replaced.", examples=["Zelensky ceasefire"])
    word: str = Field(description="The word as typed, which no record holds.", examples=["Zelenksy"])
    term: str = Field(description="The indexed term closest to it.", examples=["zelensky"])
    similarity: float = Field(description="How alike the two are, 0 to 100.", examples=[87.5])


class SearchPage(Page[SearchHit]):
    """A page of hits, the counts per kind when asked for, and when nothing matched, queries to try instead."""

    facets: SearchFacets | None = Field(description="With `facets=true` only: the counts per kind.")
    did_you_mean: list[DidYouMean] = Field(
        description="Only when the query found nothing: for each word no record holds, the closest indexed "
        "terms (best first), each as a query to try."
    )


@dataclass(frozen=True)
class SearchAnswer:
    page: PageResult[SearchHit]
    facets: SearchFacets | None  # when asked for
    did_you_mean: list[DidYouMean] | None  # None for a file of records, which has no envelope to carry them


def search_records(
    *,
    session: Session,
    page: PageParams,
    q: str,
    kinds: list[str] | None = None,
    match_all: bool = False,
    filters: SearchFilters | None = None,
    facets: bool = False,
) -> SearchAnswer:
    """The page of hits ``page`` names, best first (app/ranking.py); snippets are made for its hits only."""
    filters = filters or SearchFilters()
    ordering = RankedSearch(
        session, q, kinds=kinds, match_all=match_all, filters=filters.clauses(), linked=matching_by_link(session)
    )

    def hits(_session: Session, rows: list) -> list[SearchHit]:
        found = found_in(session, ordering.query, [row.seq for row in rows])
        actors = _linked_actors(session, ordering.query, [row.item_id for row in rows if row.kind == CLAIM.kind])
        return [
            SearchHit(
                kind=row.kind,
                id=row.item_id,
                title=row.title,
                snippet=found[row.seq].snippet,
                score=-row.rank,
                matched=_matched(
                    ordering.query,
                    found[row.seq].forms,
                    actors.get(row.item_id, set()) if row.kind == CLAIM.kind else set(),
                ),
            )
            for row in rows
        ]

    result = fetch_page(session, None, ordering, page, public=hits)
    if page.format != "json":
        return SearchAnswer(result, None, None)
    nothing = result.total == 0 and page.offset == 0 and not page.after
    return SearchAnswer(
        result,
        # Asked for: a second read of up to the count bound's matches, which costs a common word's search
        # three quarters again (9 ms more on 20,000 claims, SQLite).
        kind_facets(session=session, ordering=ordering, bound=count_bound(page)) if facets else None,
        did_you_mean(session=session, q=ordering.query.text) if nothing else [],
    )


def kind_facets(*, session: Session, ordering: RankedSearch, bound: int) -> SearchFacets:
    """How many matches of each kind the query has, every filter but the kinds applied, counting no further
    than ``bound`` matches in all (the bound of the page's ``total``): the kinds of one past it are read."""
    kinds = session.scalars(ordering.matches_of_every_kind().limit(bound + 1)).all()
    return SearchFacets(kind=dict(Counter(kinds[:bound]).most_common()), exact=len(kinds) <= bound)


SUGGESTIONS_PER_WORD = 3


def did_you_mean(*, session: Session, q: str) -> list[DidYouMean]:
    """For each word of the query that no record holds, the query with it replaced by each closest term."""
    vocabulary = indexed_terms(session)
    found = []
    for correction in corrections(query_terms(q), vocabulary, limit=SUGGESTIONS_PER_WORD):
        for suggestion in correction.suggestions:
            found.append(
                DidYouMean(
                    query=_replace_word(q, correction.word, suggestion.term),
                    word=correction.word,
                    term=suggestion.term,
                    similarity=suggestion.similarity,
                )
            )
    return found


def _replace_word(text: str, word: str, replacement: str) -> str:
    """The text with its first whole occurrence of ``word`` replaced."""
    whole_word = re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])")
    return whole_word.sub(lambda _: replacement, text, count=1)


__all__ = [
    "DidYouMean",
    "SearchFacets",
    "SearchFilters",
    "SearchHit",
    "SearchKind",
    "SearchMatch",
    "SearchPage",
    "match_clause",
    "search_records",
]

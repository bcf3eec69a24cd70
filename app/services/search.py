"""Search across every kind of record: hits ranked by relevance, with highlighted snippets, why each matched,
counts per kind, and closest vocabulary terms when nothing matched."""

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, func, literal_column, select
from sqlmodel import Session

from app import models
from app.listing import PageParams
from app.models import RecordKind
from app.paging import PageResult, fetch_page
from app.ranking import RankedSearch
from app.search import INDEX, SearchQuery, found_in, match_clause
from app.text import explain

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
        claim = models.Claim
        conditions = []
        if self.source_id is not None:
            conditions.append(claim.source_id == self.source_id)
        if self.stated_from is not None:
            conditions.append(claim.stated_on >= self.stated_from)
        if self.stated_to is not None:
            conditions.append(claim.stated_on <= self.stated_to)
        if self.actor_id is not None:
            link = models.ClaimActor
            conditions.append(
                select(link.claim_id).where(link.claim_id == claim.id, link.actor_id == self.actor_id).exists()
            )
        if self.issue_id is not None:
            link = models.ClaimIssue
            conditions.append(
                select(link.claim_id).where(link.claim_id == claim.id, link.issue_id == self.issue_id).exists()
            )
        if not conditions:
            return []
        # Checked per match by primary key, so the index stays the outer loop (as app/ranking.py filters lists).
        one = select(literal_column("1")).select_from(claim).where(claim.id == INDEX.c.item_id, *conditions)
        return [INDEX.c.kind == "claim", one.exists()]


def _matched(query: SearchQuery, forms) -> list[MatchedTerm]:
    result = []
    for concept, number in forms:
        typed = " ".join(term.word for term in concept.terms)
        if number == 0:
            result.append(MatchedTerm(query=typed, found=typed, via=None))
        else:
            alternative = concept.alternatives[number - 1]
            result.append(MatchedTerm(query=typed, found=alternative.form, via=explain(concept, alternative)))
    return result


def search_records(
    *,
    session: Session,
    page: PageParams,
    q: str,
    kinds: list[str] | None = None,
    match_all: bool = False,
    filters: SearchFilters | None = None,
) -> PageResult[SearchHit]:
    """The page of hits ``page`` names, best first (app/ranking.py); snippets are made for its hits only."""
    filters = filters or SearchFilters()
    ordering = RankedSearch(session, q, kinds=kinds, match_all=match_all, filters=filters.clauses())

    def hits(_session: Session, rows: list) -> list[SearchHit]:
        found = found_in(session, ordering.query, [row.seq for row in rows])
        return [
            SearchHit(
                kind=row.kind,
                id=row.item_id,
                title=row.title,
                snippet=found[row.seq].snippet,
                score=-row.rank,
                matched=_matched(ordering.query, found[row.seq].forms),
            )
            for row in rows
        ]

    return fetch_page(session, None, ordering, page, public=hits)


def kind_counts(*, session: Session, ordering: RankedSearch) -> dict[str, int]:
    """How many matches of each kind the query has (the filters and kinds applied)."""
    statement = select(INDEX.c.kind, func.count()).select_from(INDEX).where(*ordering.matching(None))
    return dict(session.execute(statement.group_by(INDEX.c.kind)).all())


__all__ = ["SearchFilters", "SearchHit", "SearchKind", "SearchMatch", "match_clause", "search_records"]

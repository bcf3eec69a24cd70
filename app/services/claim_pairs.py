"""Claim pairs: each claim relation with both of its claims and their sources, for views that compare them.

A relation alone names two claim ids; to show a contradiction a page needs both quotes, both statements and
both sources' grades. A pair carries them, so a page of fifty contradictions is one request, not a hundred
and one. Pairs can be filtered by issue, by source (one source, or a pair of sources), within one source or
between two, and ordered by ``weight``: how well both sides are backed (see ``WEIGHT_NOTE``).

The counts (/claim-pair-counts) are of the pairs per source pair and per issue: the data of a source × source map.
"""

from collections import Counter
from enum import Enum, StrEnum

from pydantic import BaseModel, Field
from sqlalchemy import and_, case, distinct, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from app import models
from app.errors import InvalidParameter
from app.keyset import Key, Ordering
from app.listing import PageParams, order_by, sort_enum
from app.models import ClaimPublic, ClaimRelation, ClaimRelationPublic, SourceSummary
from app.models import examples as records
from app.models.examples import example
from app.models.vocab import RelationType, Reliability
from app.paging import PageResult, fetch_page
from app.services.evidence import claims_by_id, sources_by_id
from app.services.lookup import fields_of


class Scope(StrEnum):
    """Whether both claims of a pair quote one source, or two."""

    within = "within"
    between = "between"


WEIGHT_NOTE = (
    "How well both sides are backed, 0–20: for each claim, its credibility (1 → 5 points … 5 → 1, 6 → 0) plus "
    "its source's reliability (A → 5 … E → 1, F → 0). Two well-backed claims that disagree weigh most."
)
RELIABILITY_POINTS = {Reliability.A: 5, Reliability.B: 4, Reliability.C: 3, Reliability.D: 2, Reliability.E: 1}

FromClaim = aliased(models.Claim, name="from_claim")
ToClaim = aliased(models.Claim, name="to_claim")
FromSource = aliased(models.Source, name="from_source")
ToSource = aliased(models.Source, name="to_source")


def _credibility_points(claim) -> case:
    return case((claim.credibility <= 5, 6 - claim.credibility), else_=0)


def _reliability_points(source) -> case:
    return case(*((source.reliability == grade, points) for grade, points in RELIABILITY_POINTS.items()), else_=0)


WEIGHT = (
    _credibility_points(FromClaim)
    + _credibility_points(ToClaim)
    + _reliability_points(FromSource)
    + _reliability_points(ToSource)
)
PAIR_ROW = (
    select(*ClaimRelation.__table__.c, WEIGHT.label("weight"))
    .join(FromClaim, FromClaim.id == ClaimRelation.from_claim_id)
    .join(ToClaim, ToClaim.id == ClaimRelation.to_claim_id)
    .join(FromSource, FromSource.id == FromClaim.source_id)
    .join(ToSource, ToSource.id == ToClaim.source_id)
)
SORT_COLUMNS = {"id": ClaimRelation.id, "type": ClaimRelation.type}
ClaimPairSort = sort_enum("ClaimPairSort", [*SORT_COLUMNS, "weight"])


def _ordering(sort: Enum | None) -> Ordering:
    """The list's order; by weight, the computed key the rows carry as ``weight`` (and cursors with it)."""
    if sort is not None and sort.value.lstrip("-") == "weight":
        weight = Key(WEIGHT, descending=sort.value.startswith("-"), name="weight", nullable=False)
        return Ordering(sort.value, [weight], ClaimRelation.id)
    return order_by(sort, SORT_COLUMNS, ClaimRelation.id)


SOURCE_EXAMPLE = records.SOURCE | {"sha256": "9f2c…", "text_length": 9120}
PAIR_EXAMPLE = records.RELATION | {
    "weight": 11,
    "within_source": False,
    "issue_ids": [],
    "from_claim": records.CLAIM
    | {"id": "kupchik-deputy-secretary-of-state", "source_id": "zelensky-praise-us-envoys-blueprint"},
    "to_claim": records.CLAIM | {"id": "witkoff-kushner-us-envoys-call"},
    "from_source": SOURCE_EXAMPLE,
    "to_source": SOURCE_EXAMPLE | {"id": "breaking-zelenskiy-hails-momentum", "reliability": "C"},
}


class ClaimPair(ClaimRelationPublic):
    """A claim relation with both claims and both sources."""

    model_config = example(PAIR_EXAMPLE)

    weight: int = Field(description=WEIGHT_NOTE)
    within_source: bool = Field(description="True when both claims quote the same source.")
    issue_ids: list[str] = Field(description="The issues either claim is about.")
    from_claim: ClaimPublic
    to_claim: ClaimPublic
    from_source: SourceSummary = Field(description="The source the first claim quotes (without its text).")
    to_source: SourceSummary = Field(description="The source the second claim quotes (without its text).")


def _about_issue(issue_id: str):
    about = select(models.ClaimIssue.claim_id).where(models.ClaimIssue.issue_id == issue_id)
    return or_(ClaimRelation.from_claim_id.in_(about), ClaimRelation.to_claim_id.in_(about))


def _from_sources(source_ids: list[str]):
    """One source: a claim on either side quotes it. Two: one side quotes each (the same twice: both sides)."""
    if len(source_ids) > 2:
        raise InvalidParameter("source_id", "give one source, or two for the pairs between them")
    if len(source_ids) == 1:
        (source_id,) = source_ids
        return or_(FromClaim.source_id == source_id, ToClaim.source_id == source_id)
    first, second = source_ids
    return or_(
        and_(FromClaim.source_id == first, ToClaim.source_id == second),
        and_(FromClaim.source_id == second, ToClaim.source_id == first),
    )


def list_pairs(
    *,
    session: Session,
    page: PageParams,
    sort: Enum | None = None,
    type: RelationType | None = None,
    claim_id: str | None = None,
    issue_id: str | None = None,
    source_ids: list[str] | None = None,
    scope: Scope | None = None,
) -> PageResult[ClaimPair]:
    """One page of claim pairs matching every given filter."""
    statement = PAIR_ROW
    if type:
        statement = statement.where(ClaimRelation.type == type)
    if claim_id:
        statement = statement.where(or_(ClaimRelation.from_claim_id == claim_id, ClaimRelation.to_claim_id == claim_id))
    if issue_id:
        statement = statement.where(_about_issue(issue_id))
    if source_ids:
        statement = statement.where(_from_sources(source_ids))
    if scope == Scope.within:
        statement = statement.where(FromClaim.source_id == ToClaim.source_id)
    elif scope == Scope.between:
        statement = statement.where(FromClaim.source_id != ToClaim.source_id)
    return fetch_page(session, statement, _ordering(sort), page, public=_pairs_of_rows)


def _pairs_of_rows(session: Session, rows: list) -> list[ClaimPair]:
    return to_pairs(session, [fields_of(row) for row in rows])


def get_pair(session: Session, relation_id: str) -> ClaimPair:
    """The pair of one relation (its existence checked by the caller)."""
    row = session.execute(PAIR_ROW.where(ClaimRelation.id == relation_id)).one()
    return to_pairs(session, [fields_of(row)])[0]


def to_pairs(session: Session, rows: list[dict]) -> list[ClaimPair]:
    """Relation rows (with their weight) and both claims and sources of each: three queries for a page."""
    claims = claims_by_id(session, {row[end] for row in rows for end in ("from_claim_id", "to_claim_id")})
    sources = sources_by_id(session, {claim.source_id for claim in claims.values()})
    pairs = []
    for row in rows:
        first, second = claims[row["from_claim_id"]], claims[row["to_claim_id"]]
        pairs.append(
            ClaimPair.model_validate(
                row
                | {
                    "within_source": first.source_id == second.source_id,
                    "issue_ids": sorted(set(first.issue_ids) | set(second.issue_ids)),
                    "from_claim": first,
                    "to_claim": second,
                    "from_source": sources[first.source_id],
                    "to_source": sources[second.source_id],
                }
            )
        )
    return pairs


# The counts (/claim-pair-counts): the pairs per pair of sources and per issue.

SUMMARY_EXAMPLE = {
    "total": 36,
    "source_pairs": [
        {"source_ids": ["breaking-zelenskiy-hails-momentum", "zelensky-praise-us-envoys-blueprint"], "count": 9},
        {"source_ids": ["zelensky-praise-us-envoys-blueprint", "zelensky-praise-us-envoys-blueprint"], "count": 12},
    ],
    "issues": [{"issue_id": "territory-donbas", "count": 4}],
    "sources": [SOURCE_EXAMPLE],
}


class SourcePairCount(BaseModel):
    model_config = example(SUMMARY_EXAMPLE["source_pairs"][0])

    source_ids: list[str] = Field(description="Two source ids, sorted; the same id twice for pairs within it.")
    count: int


class IssueCount(BaseModel):
    model_config = example(SUMMARY_EXAMPLE["issues"][0])

    issue_id: str
    count: int = Field(description="Pairs with a claim about this issue.")


class ClaimPairSummary(BaseModel):
    """How many pairs there are, per pair of sources and per issue."""

    model_config = example(SUMMARY_EXAMPLE)

    total: int
    source_pairs: list[SourcePairCount] = Field(description="Most pairs first.")
    issues: list[IssueCount] = Field(description="Most pairs first.")
    sources: list[SourceSummary] = Field(description="Every source in `source_pairs` (without its text).")


def summarise(*, session: Session, type: RelationType | None = None, issue_id: str | None = None) -> ClaimPairSummary:
    """Counts of the pairs (of this type, about this issue) per pair of sources and per issue."""
    conditions = []
    if type:
        conditions.append(ClaimRelation.type == type)
    if issue_id:
        conditions.append(_about_issue(issue_id))
    by_sources = session.execute(
        select(FromClaim.source_id, ToClaim.source_id, func.count())
        .select_from(ClaimRelation)
        .join(FromClaim, FromClaim.id == ClaimRelation.from_claim_id)
        .join(ToClaim, ToClaim.id == ClaimRelation.to_claim_id)
        .where(*conditions)
        .group_by(FromClaim.source_id, ToClaim.source_id)
    )
    pairs: Counter[tuple[str, str]] = Counter()
    for first, second, count in by_sources:
        pairs[tuple(sorted((first, second)))] += count  # one cell for either way round
    link = models.ClaimIssue
    by_issue = session.execute(
        select(link.issue_id, func.count(distinct(ClaimRelation.id)))
        .select_from(ClaimRelation)
        .join(link, or_(link.claim_id == ClaimRelation.from_claim_id, link.claim_id == ClaimRelation.to_claim_id))
        .where(*conditions)
        .group_by(link.issue_id)
    )
    issues = sorted(by_issue, key=lambda row: (-row[1], row[0]))
    sources = sources_by_id(session, {source for pair in pairs for source in pair})
    return ClaimPairSummary(
        total=sum(pairs.values()),
        source_pairs=[
            SourcePairCount(source_ids=list(pair), count=count)
            for pair, count in sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
        ],
        issues=[IssueCount(issue_id=issue, count=count) for issue, count in issues],
        sources=list(sources.values()),
    )

"""Claim pairs: each claim relation with both claims and both sources, filtered and weighed for comparison."""

from typing import Annotated

from fastapi import Query, Request

from app.db import SessionDep
from app.deps import RelationDep
from app.etags import respond_item
from app.listing import Page, PageDep, respond
from app.models.vocab import RelationType
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.services import claim_pairs as service
from app.services.claim_pairs import ClaimPair, ClaimPairSummary

router = make_router(tags=["claim relations"])
# The counts have a path of their own, not /claim-pairs/summary, which would shadow a relation named "summary".

RelationTypeFilter = Annotated[
    RelationType | None, Query(description="contradicts, supports or updates.", examples=["contradicts"])
]
IssueFilter = Annotated[
    str | None,
    Query(max_length=200, description="Pairs with a claim about this issue.", examples=["sovereignty"]),
]


@router.get("/claim-pairs", response_model=Page[ClaimPair])
@in_read_pool
def list_claim_pairs(
    request: Request,
    session: SessionDep,
    page: PageDep,
    sort: Annotated[
        service.ClaimPairSort | None,
        Query(description="`weight` (or `-weight`, best-backed first), `id` or `type`.", examples=["-weight"]),
    ] = None,
    type: RelationTypeFilter = None,
    claim_id: Annotated[
        str | None,
        Query(max_length=200, description="Pairs with this claim at either end.", examples=["witkoff-us-envoy-blog"]),
    ] = None,
    issue_id: IssueFilter = None,
    source_id: Annotated[
        list[str] | None,
        Query(
            description="One id: pairs with a claim from this source. Repeated with a second id: the pairs between "
            "those two sources (the same id twice: pairs within it).",
            examples=[["breaking-zelenskiy-hails-momentum", "zelensky-praise-us-envoys-blueprint"]],
        ),
    ] = None,
    scope: Annotated[
        service.Scope | None,
        Query(description="`within`: both claims quote one source; `between`: two sources.", examples=["between"]),
    ] = None,
):
    """List claim relations with both claims and their sources, to compare them side by side.

    Each pair is a claim relation (`id`, `type`, `from_claim_id`, `to_claim_id`, `rationale`) with both claims
    in full (`from_claim`, `to_claim`), both sources without their text (`from_source`, `to_source`), whether
    both quote the same source (`within_source`), the issues either claim is about, and its `weight`:
    how well both sides are backed, 0–20 (each claim's credibility, 1 → 5 points … 5 → 1 and 6 → 0, plus its
    source's reliability, A → 5 … E → 1 and F → 0). `sort=-weight` puts the best-backed disagreements first.
    """
    found = service.list_pairs(
        session=session, page=page, sort=sort, type=type, claim_id=claim_id, issue_id=issue_id,
        source_ids=source_id, scope=scope,
    )  # fmt: skip
    return respond(request, page, found, ClaimPair)


@router.get("/claim-pair-counts", response_model=ClaimPairSummary)
@in_read_pool
def count_claim_pairs(session: SessionDep, type: RelationTypeFilter = None, issue_id: IssueFilter = None):
    """Count claim pairs per pair of sources and per issue: the data of a source × source map.

    `source_pairs` has one entry per unordered pair of sources (a pair within one source names it twice), most
    pairs first; `issues` counts the pairs with a claim about each issue; `sources` describes every source
    named (without its text).
    """
    return service.summarise(session=session, type=type, issue_id=issue_id)


@router.get("/claim-pairs/{relation_id}", response_model=ClaimPair)
@in_read_pool
def get_claim_pair(request: Request, session: SessionDep, relation: RelationDep):
    """Get one claim relation with both claims and both sources."""
    return respond_item(request, service.get_pair(session, relation.id))

"""Claims — quoted, anchored statements — and the typed relations between them."""

from typing import Annotated

from fastapi import Path, Query, Request

from app.db import SessionDep
from app.deps import ClaimDep
from app.etags import respond_item
from app.listing import Page, PageDep, require_order, respond
from app.models import ClaimPublic, ClaimRelationPublic
from app.models.vocab import RelationType
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.params import Day, IdFilter, SearchText
from app.services import claims as service
from app.services.events import RelationSort, list_relations

router = make_router(tags=["claims"])


@router.get("/claims", response_model=Page[ClaimPublic])
@in_read_pool
def list_claims(
    request: Request,
    session: SessionDep,
    page: PageDep,
    sort: service.ClaimSort | None = None,
    q: SearchText = None,
    source_id: IdFilter = None,
    actor_id: Annotated[str | None, Query(description="Claims about this actor or spoken by it.")] = None,
    speaker_id: IdFilter = None,
    issue_id: IdFilter = None,
    plan_id: Annotated[str | None, Query(description="Claims about any point of this plan.")] = None,
    plan_point_id: IdFilter = None,
    event_id: IdFilter = None,
    stated_from: Annotated[Day | None, Query(description="Stated on or after this date.")] = None,
    stated_to: Annotated[Day | None, Query(description="Stated on or before this date.")] = None,
    quantitative: Annotated[bool | None, Query(description="Only claims with (true) or without a value.")] = None,
    max_credibility: Annotated[int | None, Query(ge=1, le=6, description="Credibility 1 (best) up to this.")] = None,
):
    """List claims, filtered, sorted and searchable."""
    require_order("stated_from", stated_from, "stated_to", stated_to)
    items, total = service.list_claims(
        session=session, page=page, sort=sort, q=q, source_id=source_id, actor_id=actor_id,
        speaker_id=speaker_id, issue_id=issue_id, plan_id=plan_id, plan_point_id=plan_point_id,
        event_id=event_id, stated_from=stated_from, stated_to=stated_to, quantitative=quantitative,
        max_credibility=max_credibility,
    )  # fmt: skip
    return respond(request, page, items, total, ClaimPublic)


@router.get("/claims/{claim_id}", response_model=ClaimPublic)
@in_read_pool
def get_claim(request: Request, session: SessionDep, claim_id: Annotated[str, Path(description="The claim's id.")]):
    """Get one claim with its quote, offsets, links and relations."""
    return respond_item(request, service.get_public(session, claim_id))


@router.get("/claims/{claim_id}/relations", response_model=Page[ClaimRelationPublic])
@in_read_pool
def list_claim_relations_of_claim(
    request: Request, session: SessionDep, page: PageDep, claim: ClaimDep,
    sort: RelationSort | None = None, type: RelationType | None = None,
):  # fmt: skip
    """List the relations that start or end at this claim."""
    items, total = list_relations(session=session, page=page, sort=sort, type=type, claim_id=claim.id)
    return respond(request, page, items, total, ClaimRelationPublic)

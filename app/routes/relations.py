"""Claim relations: the typed links (contradicts / supports / updates) between claims."""

from typing import Annotated

from fastapi import Query, Request

from app.db import SessionDep
from app.deps import RelationDep
from app.etags import respond_item
from app.listing import Page, PageDep, respond
from app.models import ClaimRelationPublic
from app.models.vocab import RelationType
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.params import IdFilter, SearchText
from app.services.events import RelationSort, list_relations

router = make_router(tags=["claim relations"])


@router.get("/claim-relations", response_model=Page[ClaimRelationPublic])
@in_read_pool
def list_claim_relations(
    request: Request,
    session: SessionDep,
    page: PageDep,
    sort: RelationSort | None = None,
    q: SearchText = None,
    type: Annotated[RelationType | None, Query(description="contradicts, supports or updates.")] = None,
    claim_id: Annotated[str | None, Query(description="Relations with this claim at either end.")] = None,
    from_claim_id: IdFilter = None,
    to_claim_id: IdFilter = None,
):
    """List typed relations between claims: contradictions, support, updates."""
    found = list_relations(
        session=session, page=page, sort=sort, q=q, type=type, claim_id=claim_id,
        from_claim_id=from_claim_id, to_claim_id=to_claim_id,
    )  # fmt: skip
    return respond(request, page, found, ClaimRelationPublic)


@router.get("/claim-relations/{relation_id}", response_model=ClaimRelationPublic)
@in_read_pool
def get_claim_relation(request: Request, relation: RelationDep):
    """Get one claim relation."""
    return respond_item(request, ClaimRelationPublic.model_validate(relation.model_dump()))

"""Claims — quoted, anchored statements — and the typed relations between them."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Query, Request, Response

from app.db import SessionDep
from app.deps import ClaimDep
from app.etags import respond_item, respond_tagged
from app.listing import Page, PageDep, require_order, respond
from app.models import ClaimPublic, ClaimRelationPublic
from app.models.vocab import RelationType
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.params import Day, IdFilter, SearchText
from app.services import claims as service
from app.services.events import RelationSort, list_relations
from app.services.jsonld import MEDIA_TYPE as JSONLD_MEDIA_TYPE
from app.services.jsonld import jsonld_document, jsonld_nodes

router = make_router(tags=["claims"])


@dataclass
class ClaimFilters:
    """The filters, search and sort of a list of claims (``/claims`` and ``/claims.jsonld`` alike)."""

    sort: service.ClaimSort | None = None
    q: SearchText = None
    source_id: IdFilter = None
    actor_id: Annotated[str | None, Query(description="Claims about this actor or spoken by it.")] = None
    speaker_id: IdFilter = None
    issue_id: IdFilter = None
    plan_id: Annotated[str | None, Query(description="Claims about any point of this plan.")] = None
    plan_point_id: IdFilter = None
    event_id: IdFilter = None
    stated_from: Annotated[Day | None, Query(description="Stated on or after this date.")] = None
    stated_to: Annotated[Day | None, Query(description="Stated on or before this date.")] = None
    quantitative: Annotated[bool | None, Query(description="Only claims with (true) or without a value.")] = None
    max_credibility: Annotated[int | None, Query(ge=1, le=6, description="Credibility 1 (best) up to this.")] = None

    def __post_init__(self) -> None:
        require_order("stated_from", self.stated_from, "stated_to", self.stated_to)


ClaimFiltersDep = Annotated[ClaimFilters, Depends()]


@router.get("/claims", response_model=Page[ClaimPublic])
@in_read_pool
def list_claims(request: Request, session: SessionDep, page: PageDep, filters: ClaimFiltersDep):
    """List claims, filtered, sorted and searchable."""
    found = service.list_claims(session=session, page=page, **vars(filters))
    return respond(request, page, found, ClaimPublic)


ClaimId = Annotated[str, Path(description="The claim's id.")]


# Before the plain item route, whose `{claim_id}` would take "x.jsonld" for an id.
@router.get(
    "/claims/{claim_id}.jsonld",
    response_class=Response,
    responses={
        200: {"description": "The claim as JSON-LD.", "content": {JSONLD_MEDIA_TYPE: {"schema": {"type": "object"}}}}
    },
)
@in_read_pool
def get_claim_jsonld(request: Request, session: SessionDep, claim_id: ClaimId):
    """Get one claim as JSON-LD.

    The schema.org `Claim`, its `ClaimReview`, and the source, actors and issues it cites, as `/claims.jsonld`
    has them. `GET /claims/{claim_id}` with `Accept: application/ld+json` answers the same document.
    """
    return _jsonld_response(request, session, service.get_public(session, claim_id))


@router.get("/claims/{claim_id}", response_model=ClaimPublic)
@in_read_pool
def get_claim(request: Request, session: SessionDep, claim_id: ClaimId):
    """Get one claim with its quote, offsets, links and relations.

    With `Accept: application/ld+json` it answers the claim as JSON-LD (see `get_claim_jsonld`); JSON stays
    the documented answer, so that a typed client's `data` is the claim.
    """
    claim = service.get_public(session, claim_id)
    if _prefers_jsonld(request.headers.get("accept", "")):
        return _jsonld_response(request, session, claim)
    response = respond_item(request, claim)
    response.headers["Vary"] = "Accept"
    return response


def _jsonld_response(request: Request, session, claim: ClaimPublic) -> Response:
    document = "".join(jsonld_document(jsonld_nodes(session, [claim]), base=str(request.base_url)))
    response = respond_tagged(request, document.encode(), JSONLD_MEDIA_TYPE)
    response.headers["Vary"] = "Accept"
    return response


@router.get("/claims/{claim_id}/relations", response_model=Page[ClaimRelationPublic])
@in_read_pool
def list_claim_relations_of_claim(
    request: Request, session: SessionDep, page: PageDep, claim: ClaimDep,
    sort: RelationSort | None = None, type: RelationType | None = None,
):  # fmt: skip
    """List the relations that start or end at this claim."""
    found = list_relations(session=session, page=page, sort=sort, type=type, claim_id=claim.id)
    return respond(request, page, found, ClaimRelationPublic)


def _prefers_jsonld(accept: str) -> bool:
    """Whether the Accept header ranks JSON-LD at least as high as plain JSON (``q`` defaults to 1)."""
    weights: dict[str, float] = {}
    for part in accept.split(","):
        media, *parameters = [piece.strip() for piece in part.split(";")]
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[media.lower()] = max(weights.get(media.lower(), 0.0), weight)
    linked = weights.get(JSONLD_MEDIA_TYPE, 0.0)
    return linked > 0 and linked >= weights.get("application/json", 0.0)

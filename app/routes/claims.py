"""Claims — quoted, anchored statements — and the typed relations between them."""

from typing import Annotated

from fastapi import Path, Request, Response

from app.db import SessionDep
from app.etags import respond_item, respond_tagged
from app.models import ClaimPublic
from app.models.claim import CLAIM
from app.read_pool import in_read_pool
from app.routes.records import read_router
from app.services import claims as service
from app.services.jsonld import MEDIA_TYPE as JSONLD_MEDIA_TYPE
from app.services.jsonld import jsonld_document, jsonld_nodes

router = read_router(CLAIM, item=False)  # the item below: a claim is also answered as JSON-LD


ClaimId = Annotated[str, Path(description="The claim's id.")]


# Before the plain item route, whose `{claim_id}` would take "x.jsonld" for an id.
@router.get(
    "/claims/{claim_id}.jsonld",
    tags=["claims"],
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


@router.get("/claims/{claim_id}", response_model=ClaimPublic, tags=["claims"])
@in_read_pool
def get_claim(request: Request, session: SessionDep, claim_id: ClaimId):
    """Get one claim with its quote, offsets, links and relations.

    With `Accept: application/ld+json` it answers the claim as JSON-LD (see `get_claim_jsonld`); JSON stays
    the documented answer, so that a typed client's `data` is the claim.
    """
    if _prefers_jsonld(request.headers.get("accept", "")):
        return _jsonld_response(request, session, service.get_public(session, claim_id))
    response = respond_item(request, service.get_json(session, claim_id))
    response.headers["Vary"] = "Accept"
    return response


def _jsonld_response(request: Request, session, claim: ClaimPublic) -> Response:
    document = "".join(jsonld_document(jsonld_nodes(session, [claim]), base=str(request.base_url)))
    response = respond_tagged(request, document.encode(), JSONLD_MEDIA_TYPE)
    response.headers["Vary"] = "Accept"
    return response


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

"""Exports for scripts and linked-data tools: claims as JSON-LD (schema.org Claim and ClaimReview)."""

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import StreamingResponse

from app.db import SessionDep
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.params import IdFilter
from app.services.jsonld import MEDIA_TYPE, jsonld_document, jsonld_nodes

router = make_router(tags=["claims"])

JSONLD_EXAMPLE = {
    "@context": {"@vocab": "https://schema.org/", "oa": "http://www.w3.org/ns/oa#", "@base": "http://127.0.0.1:8000/"},
    "@graph": [
        {
            "@id": "api/v1/claims/russia-controls-99-percent-luhansk",
            "@type": "Claim",
            "text": "Kyiv asserts that Russia holds near-total control, about 99%, of the neighboring Luhansk region.",
            "author": {"@id": "api/v1/actors/ukraine"},
            "appearance": {
                "@type": "Quotation",
                "text": "near-total domination-about 99%-in neighboring Luhansk",
                "isPartOf": {"@id": "api/v1/sources/breaking-zelenskiy-hails-momentum"},
                "oa:hasSelector": [
                    {
                        "@type": "oa:TextQuoteSelector",
                        "oa:exact": "near-total domination-about 99%-in neighboring Luhansk",
                    },
                    {"@type": "oa:TextPositionSelector", "oa:start": 2897, "oa:end": 2951},
                ],
            },
        },
        {
            "@id": "api/v1/claims/russia-controls-99-percent-luhansk#review",
            "@type": "ClaimReview",
            "itemReviewed": {"@id": "api/v1/claims/russia-controls-99-percent-luhansk"},
            "reviewRating": {"@type": "Rating", "ratingValue": 3, "bestRating": 1, "worstRating": 5},
        },
    ],
}


@router.get(
    "/claims.jsonld",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "A JSON-LD document: `@context` and `@graph`.",
            "content": {MEDIA_TYPE: {"schema": {"type": "object"}, "example": JSONLD_EXAMPLE}},
        }
    },
)
@in_read_pool
def export_claims_jsonld(
    request: Request,
    session: SessionDep,
    source_id: IdFilter = None,
    issue_id: IdFilter = None,
    actor_id: Annotated[str | None, Query(max_length=200, description="Claims about this actor or by it.")] = None,
    max_credibility: Annotated[int | None, Query(ge=1, le=6, description="Credibility 1 (best) up to this.")] = None,
):
    """Export claims as JSON-LD: schema.org `Claim`, and `ClaimReview` for graded claims.

    Each `Claim` has its statement as `text`, the actor who made it as `author`, and as `appearance` the
    `Quotation` it rests on: the verbatim words, the source they are `isPartOf`, and W3C Web Annotation
    selectors (the exact quote, and its code-point offsets). A claim whose credibility could be judged
    (1 confirmed … 5 improbable) has a `ClaimReview` with that grade as `reviewRating`. The sources, actors and
    issues cited follow as nodes. Ids are API paths relative to `@base`. Streamed: any number of claims.
    """
    filters = {"source_id": source_id, "issue_id": issue_id, "actor_id": actor_id, "max_credibility": max_credibility}
    nodes = jsonld_nodes(session, **filters)
    return StreamingResponse(jsonld_document(nodes, base=str(request.base_url)), media_type=MEDIA_TYPE)

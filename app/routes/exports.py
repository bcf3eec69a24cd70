"""Exports for scripts and linked-data tools: claims as JSON-LD (schema.org Claim and ClaimReview)."""

from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.responses import StreamingResponse

from app.db import SessionDep
from app.listing import After, Limit, Offset, PageParams, link_header, paging
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.records import list_query
from app.services.jsonld import MEDIA_TYPE, jsonld_document, jsonld_nodes
from app.services.records import list_records

router = make_router(tags=["claims"])
ClaimQuery = list_query("claim")

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


async def jsonld_page_params(request: Request, limit: Limit, offset: Offset = 0, after: After = None) -> PageParams:
    """The page of claims asked for; without ``limit``, every claim (streamed)."""
    return paging(request, limit=limit, offset=offset, after=after, format="jsonld")


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
    page: Annotated[PageParams, Depends(jsonld_page_params)],
    asked: ClaimQuery,
):
    """Export claims as JSON-LD: schema.org `Claim`, and `ClaimReview` for graded claims.

    Each `Claim` has its statement as `text`, the actor who made it as `author`, and as `appearance` the
    `Quotation` it rests on: the verbatim words, the source they are `isPartOf`, and W3C Web Annotation
    selectors (the exact quote, and its code-point offsets). Its relations to other claims are typed links,
    `peacekb:contradicts`, `peacekb:supports` and `peacekb:updates`. A claim whose credibility could be judged
    (1 confirmed … 5 improbable) has a `ClaimReview` with that grade as `reviewRating`. The sources, actors and
    issues cited follow as nodes. Ids are API paths relative to `@base`.

    The claims are those `/claims` lists with the same parameters — filters, `q`, `sort` and paging (`limit`,
    `offset` or `after`, with the same `Link` header); without `limit`, every matching claim, streamed.
    """
    found = list_records(session, "claim", page=page, sort=asked.sort, q=asked.q, filters=asked.filters, models=True)
    document = jsonld_document(jsonld_nodes(session, found), base=str(request.base_url))
    headers = {"X-Total-Count": str(found.total)} if found.total_exact else {}
    if page.whole_collection:
        return StreamingResponse(document, media_type=MEDIA_TYPE, headers=headers)
    headers["Link"] = link_header(request, page, found)
    return Response("".join(document), media_type=MEDIA_TYPE, headers=headers)

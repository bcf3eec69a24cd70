"""Claims as JSON-LD: schema.org ``Claim`` and, for graded claims, ``ClaimReview``.

Each claim is a ``Claim`` whose ``appearance`` is the ``Quotation`` it rests on — the verbatim words, the
source they are part of, and W3C Web Annotation selectors (``TextQuoteSelector``, and
``TextPositionSelector`` with the code-point offsets). Its ``author`` is the actor who made it, ``about``
the disputed issues, ``mentions`` the actors and plan points it concerns; its relations to other claims are
typed links, ``peacekb:contradicts``, ``peacekb:supports`` and ``peacekb:updates``, from the claim that
contradicts, supports or updates to the one it concerns. A claim whose credibility could be
judged (Admiralty 1 confirmed … 5 improbable; 6 means it could not) also gets a ``ClaimReview`` whose
``reviewRating`` carries the grade. The sources, actors and issues the claims cite follow as nodes of their
own. Ids are the records' API paths, relative to ``@base``.

The claims are a page of ``/claims`` or, without ``limit``, the whole list read a chunk at a time by its
keyset walk (app/paging.py): the document is written as a stream, never held whole.
"""

import json
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from app import models
from app.models import ClaimPublic
from app.paging import CHUNK, PageResult

MEDIA_TYPE = "application/ld+json"
VOCABULARY = "urn:peacekb:vocab:"
CONTEXT = {"@vocab": "https://schema.org/", "oa": "http://www.w3.org/ns/oa#", "peacekb": VOCABULARY}
CREDIBILITY = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
}
SOURCE_TYPES = {"news_article": "NewsArticle", "blog_post": "BlogPosting", "report": "Report"}
ACTOR_TYPES = {
    "person": "Person",
    "state": "Country",
    "body": "GovernmentOrganization",
    "proposed_body": "GovernmentOrganization",
}
REVIEWER = {"@type": "Organization", "name": "PeaceKB curators"}


def _ref(collection: str, record_id: str) -> dict:
    return {"@id": f"api/v1/{collection}/{record_id}"}


def _drop_empty(node: dict) -> dict:
    return {key: value for key, value in node.items() if value not in (None, [], "")}


def claim_nodes(claim: ClaimPublic) -> list[dict]:
    """The ``Claim`` node of a claim and, when its credibility is graded, its ``ClaimReview``."""
    claim_ref = _ref("claims", claim.id)
    node = _drop_empty(
        {
            **claim_ref,
            "@type": "Claim",
            "identifier": claim.id,
            "text": claim.statement,
            "author": _ref("actors", claim.speaker_id) if claim.speaker_id else None,
            "creditText": claim.attribution,
            "dateCreated": claim.stated_on.isoformat() if claim.stated_on else None,
            "appearance": {
                "@type": "Quotation",
                "text": claim.quote,
                "isPartOf": _ref("sources", claim.source_id),
                "oa:hasSelector": [
                    {"@type": "oa:TextQuoteSelector", "oa:exact": claim.quote},
                    {"@type": "oa:TextPositionSelector", "oa:start": claim.quote_start, "oa:end": claim.quote_end},
                ],
            },
            "about": [_ref("issues", issue) for issue in claim.issue_ids],
            "mentions": [_ref("actors", a) for a in claim.actor_ids]
            + [_ref("plan-points", p) for p in claim.plan_point_ids],
            **_relation_links(claim),
            "peacekb:value": claim.value,
            "peacekb:unit": claim.unit,
            "peacekb:measure": claim.measure,
        }
    )
    if claim.credibility not in CREDIBILITY:
        return [node]
    review = _drop_empty(
        {
            "@id": f"{claim_ref['@id']}#review",
            "@type": "ClaimReview",
            "itemReviewed": claim_ref,
            "claimReviewed": claim.statement,
            "author": REVIEWER,
            "reviewRating": _drop_empty(
                {
                    "@type": "Rating",
                    "ratingValue": claim.credibility,
                    "bestRating": 1,
                    "worstRating": 5,
                    "alternateName": CREDIBILITY[claim.credibility],
                    "ratingExplanation": claim.credibility_note,
                }
            ),
        }
    )
    return [node, review]


def _relation_links(claim: ClaimPublic) -> dict[str, list[dict]]:
    """The claim's outgoing relations as typed links to the other claims (incoming ones are the others' own)."""
    links: dict[str, list[dict]] = {}
    for relation in claim.relations:
        if relation.direction == "outgoing":
            links.setdefault(f"peacekb:{relation.type.value}", []).append(_ref("claims", relation.claim_id))
    return links


def _source_node(source: models.Source) -> dict:
    return _drop_empty(
        {
            **_ref("sources", source.id),
            "@type": SOURCE_TYPES.get(str(source.kind), "CreativeWork"),
            "identifier": source.id,
            "headline": source.title,
            "datePublished": source.published_on.isoformat() if source.published_on else None,
            "publisher": {"@type": "Organization", "name": source.publisher} if source.publisher else None,
            "creditText": source.attributed_to,
            "url": source.url,
            "peacekb:reliability": str(source.reliability),
            "peacekb:reliabilityNote": source.reliability_note,
        }
    )


def _actor_node(actor: models.Actor) -> dict:
    return _drop_empty(
        {
            **_ref("actors", actor.id),
            "@type": ACTOR_TYPES.get(str(actor.kind), "Organization"),
            "identifier": actor.id,
            "name": actor.name,
            "alternateName": [alias for alias in actor.aliases if alias != actor.name],
            "description": actor.description,
        }
    )


def _issue_node(issue: models.DisputedIssue) -> dict:
    return _drop_empty(
        {
            **_ref("issues", issue.id),
            "@type": "Thing",
            "identifier": issue.id,
            "name": issue.name,
            "description": issue.description,
        }
    )


def _cited(session: Session, table, ids: set[str], to_node: Callable[[Any], dict]) -> Iterator[dict]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        rows = session.scalars(select(table).where(table.id.in_(ordered[start : start + CHUNK])).order_by(table.id))
        yield from (to_node(row) for row in rows)


def jsonld_nodes(session: Session, claims: PageResult[ClaimPublic] | list[ClaimPublic]) -> Iterator[dict]:
    """Each claim's nodes (its review too), then the records they cite: the claims of a page, of a whole
    collection as its chunks come, or of a list."""
    chunks = claims.chunks() if isinstance(claims, PageResult) else [claims]
    sources: set[str] = set()
    actors: set[str] = set()
    issues: set[str] = set()
    for chunk in chunks:
        for claim in chunk:
            sources.add(claim.source_id)
            actors.update(claim.actor_ids)
            actors.update([claim.speaker_id] if claim.speaker_id else [])
            issues.update(claim.issue_ids)
            yield from claim_nodes(claim)
    yield from _cited(session, models.Source, sources, _source_node)
    yield from _cited(session, models.Actor, actors, _actor_node)
    yield from _cited(session, models.DisputedIssue, issues, _issue_node)


def jsonld_document(nodes: Iterator[dict], *, base: str) -> Iterator[str]:
    """The JSON-LD document, ``{"@context", "@graph"}``, as pieces of text to write one after another."""
    context = CONTEXT | {"@base": base}
    yield '{"@context": ' + json.dumps(context) + ', "@graph": ['
    for index, node in enumerate(nodes):
        yield ("," if index else "") + "\n" + json.dumps(node, ensure_ascii=False)
    yield "\n]}\n"

"""Reading claims and their relations: shared by /claims and every sub-collection of claims."""

from datetime import date
from enum import Enum

from sqlalchemy import or_, select
from sqlmodel import Session

from app import models
from app.db import sortable
from app.listing import PageParams, fetch_page, sort_enum
from app.models import Claim, ClaimPublic, ClaimRelation, RelatedClaim
from app.services.lookup import grouped_many, ordered_search

SORT_COLUMNS = {
    "id": Claim.id,
    "stated_on": Claim.stated_on,
    "credibility": Claim.credibility,
    "value": Claim.value,
    "source_id": Claim.source_id,
    "quote_start": Claim.quote_start,
}
ClaimSort = sort_enum("ClaimSort", list(SORT_COLUMNS))


def list_claims(
    *,
    session: Session,
    page: PageParams,
    sort: Enum | None = None,
    q: str | None = None,
    source_id: str | None = None,
    actor_id: str | None = None,
    speaker_id: str | None = None,
    issue_id: str | None = None,
    plan_id: str | None = None,
    plan_point_id: str | None = None,
    event_id: str | None = None,
    stated_from: date | None = None,
    stated_to: date | None = None,
    quantitative: bool | None = None,
    max_credibility: int | None = None,
) -> tuple[list[ClaimPublic], int]:
    """One page of claims matching every given filter."""
    statement = select(Claim)
    if source_id:
        statement = statement.where(Claim.source_id == source_id)
    if actor_id:
        about_actor = select(models.ClaimActor.claim_id).where(models.ClaimActor.actor_id == actor_id)
        statement = statement.where(or_(Claim.id.in_(about_actor), Claim.speaker_id == actor_id))
    if speaker_id:
        statement = statement.where(Claim.speaker_id == speaker_id)
    if issue_id:
        statement = statement.where(
            Claim.id.in_(select(models.ClaimIssue.claim_id).where(models.ClaimIssue.issue_id == issue_id))
        )
    if plan_point_id:
        link = models.ClaimPlanPoint
        statement = statement.where(Claim.id.in_(select(link.claim_id).where(link.plan_point_id == plan_point_id)))
    if plan_id:
        link, point = models.ClaimPlanPoint, models.PlanPoint
        in_plan = select(link.claim_id).join(point, point.id == link.plan_point_id).where(point.plan_id == plan_id)
        statement = statement.where(Claim.id.in_(in_plan))
    if event_id:
        link = models.ClaimEvent
        statement = statement.where(Claim.id.in_(select(link.claim_id).where(link.event_id == event_id)))
    if stated_from:
        statement = statement.where(Claim.stated_on >= stated_from)
    if stated_to:
        statement = statement.where(Claim.stated_on <= stated_to)
    if quantitative is not None:
        has_quantity = or_(Claim.value.is_not(None), Claim.value_on.is_not(None))
        statement = statement.where(has_quantity if quantitative else ~has_quantity)
    if max_credibility:
        statement = statement.where(Claim.credibility <= max_credibility)
    statement, ordering = ordered_search(session, statement, Claim, kind="claim", q=q, sort=sort, columns=SORT_COLUMNS)
    rows, total = fetch_page(session, statement, ordering, page)
    return to_public(session, rows), total


CLAIM_LINKS = {
    "actor_ids": (models.ClaimActor.claim_id, models.ClaimActor.actor_id),
    "plan_point_ids": (models.ClaimPlanPoint.claim_id, models.ClaimPlanPoint.plan_point_id),
    "issue_ids": (models.ClaimIssue.claim_id, models.ClaimIssue.issue_id),
    "event_ids": (models.ClaimEvent.claim_id, models.ClaimEvent.event_id),
}


def to_public(session: Session, claims: list[Claim]) -> list[ClaimPublic]:
    """Claims with their links and relations: two queries for the whole page, however long."""
    ids = [claim.id for claim in claims]
    links = grouped_many(session, CLAIM_LINKS, ids)
    actors, points, issues, events = (links[name] for name in CLAIM_LINKS)
    relations = related_claims(session, ids)
    return [
        ClaimPublic.model_validate(
            claim.model_dump()
            | {
                "actor_ids": actors[claim.id],
                "plan_point_ids": points[claim.id],
                "issue_ids": issues[claim.id],
                "event_ids": events[claim.id],
                "relations": relations[claim.id],
            }
        )
        for claim in claims
    ]


def related_claims(session: Session, ids: list[str]) -> dict[str, list[RelatedClaim]]:
    """Each claim's relations, seen from that claim (outgoing and incoming)."""
    result: dict[str, list[RelatedClaim]] = {claim_id: [] for claim_id in ids}
    if not ids:
        return result
    rows = session.scalars(
        select(ClaimRelation)
        .where(or_(ClaimRelation.from_claim_id.in_(ids), ClaimRelation.to_claim_id.in_(ids)))
        .order_by(sortable(ClaimRelation.id))
    )
    for relation in rows:
        for own, other, direction in (
            (relation.from_claim_id, relation.to_claim_id, "outgoing"),
            (relation.to_claim_id, relation.from_claim_id, "incoming"),
        ):
            if own in result:
                result[own].append(
                    RelatedClaim(
                        relation_id=relation.id,
                        type=relation.type,
                        direction=direction,
                        claim_id=other,
                        rationale=relation.rationale,
                    )
                )
    return result

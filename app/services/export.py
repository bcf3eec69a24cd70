"""Export the whole knowledge base as one document in the seed schema, so ``peacekb seed`` reads it back."""

from collections import defaultdict

from sqlalchemy import select
from sqlmodel import Session

from app import models
from app.db import sortable
from app.models.seed_schema import (
    ActorCreate,
    ClaimCreate,
    DocumentSeed,
    EventCreate,
    IssueSeed,
    KnowledgeBaseSeed,
    PlanPointSeed,
    PlanSeed,
    PositionCreate,
    RelationCreate,
    RoleCreate,
    SourceSeed,
)
from app.services.lookup import grouped

# Derived from the quote's place in its source when a claim is loaded, so not part of the seed schema.
UTF16_OFFSETS = {"quote_start_utf16", "quote_end_utf16"}


def _all(session: Session, table, *order) -> list:
    return list(session.scalars(select(table).order_by(*(sortable(c) for c in (order or (table.id,))))))


def _links(session: Session, table, owner: str, target: str, owners: list[str]) -> dict[str, list[str]]:
    return grouped(session, getattr(table, owner), getattr(table, target), owners)


def export_knowledge_base(session: Session) -> KnowledgeBaseSeed:
    """Every record, with links, in the seed schema; source texts travel inside their documents."""
    documents = [
        DocumentSeed(id=d.id, filename=d.filename, text=d.text, sha256=d.sha256) for d in _all(session, models.Document)
    ]
    sources = [_source(s) for s in _all(session, models.Source)]

    actors = _all(session, models.Actor)
    roles: dict[str, list[RoleCreate]] = defaultdict(list)
    for role in _all(session, models.ActorRole, models.ActorRole.actor_id, models.ActorRole.id):
        roles[role.actor_id].append(RoleCreate(role=role.role, claim_id=role.claim_id))
    actor_seeds = [ActorCreate.model_validate(a.model_dump() | {"roles": roles[a.id]}) for a in actors]

    plans = _all(session, models.Plan)
    points = _all(session, models.PlanPoint, models.PlanPoint.plan_id, models.PlanPoint.sequence)
    point_issues = _links(session, models.PlanPointIssue, "plan_point_id", "issue_id", [p.id for p in points])
    proposers = _links(session, models.PlanProposer, "plan_id", "actor_id", [p.id for p in plans])
    points_by_plan: dict[str, list[PlanPointSeed]] = defaultdict(list)
    for p in points:
        points_by_plan[p.plan_id].append(
            PlanPointSeed.model_validate(
                p.model_dump(exclude={"plan_id", "sequence"}) | {"issue_ids": point_issues[p.id]}
            )
        )
    plan_seeds = [
        PlanSeed.model_validate(p.model_dump() | {"proposer_ids": proposers[p.id], "points": points_by_plan[p.id]})
        for p in plans
    ]

    events = _all(session, models.Event)
    event_actors = _links(session, models.EventActor, "event_id", "actor_id", [e.id for e in events])
    event_seeds = [EventCreate.model_validate(e.model_dump() | {"actor_ids": event_actors[e.id]}) for e in events]

    claims = _all(session, models.Claim)
    ids = [c.id for c in claims]
    claim_links = {
        "actor_ids": _links(session, models.ClaimActor, "claim_id", "actor_id", ids),
        "plan_point_ids": _links(session, models.ClaimPlanPoint, "claim_id", "plan_point_id", ids),
        "issue_ids": _links(session, models.ClaimIssue, "claim_id", "issue_id", ids),
        "event_ids": _links(session, models.ClaimEvent, "claim_id", "event_id", ids),
    }
    claim_seeds = [
        ClaimCreate.model_validate(
            c.model_dump(exclude=UTF16_OFFSETS) | {name: links[c.id] for name, links in claim_links.items()}
        )
        for c in claims
    ]

    positions = _all(session, models.Position)
    backing = _links(session, models.PositionClaim, "position_id", "claim_id", [p.id for p in positions])
    position_seeds = [PositionCreate.model_validate(p.model_dump() | {"claim_ids": backing[p.id]}) for p in positions]

    relation_seeds = [RelationCreate.model_validate(r.model_dump()) for r in _all(session, models.ClaimRelation)]
    return KnowledgeBaseSeed(
        documents=documents,
        sources=sources,
        actors=actor_seeds,
        issues=[IssueSeed.model_validate(i.model_dump()) for i in _all(session, models.DisputedIssue)],
        plans=plan_seeds,
        events=event_seeds,
        claims=claim_seeds,
        positions=position_seeds,
        relations=relation_seeds,
    )


def _source(source: models.Source) -> SourceSeed:
    fields = source.model_dump(exclude={"sha256", "text"})
    if source.document_id is None:
        fields |= {"text": source.text, "document_start": None, "document_end": None}
    return SourceSeed.model_validate(fields)

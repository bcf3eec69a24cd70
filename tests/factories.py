"""One factory per model: each writes a row (and its links) straight into a migrated database.

Every factory commits and refreshes the search index for the row it made, so the API sees it exactly as it
would see a seeded record. Defaults are plain; a test passes only the fields its behaviour depends on.
"""

import hashlib
from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, SQLModel

from app import models
from app.models.vocab import (
    ActorKind,
    EventKind,
    PlanStatus,
    PointCategory,
    RelationType,
    Reliability,
    SourceKind,
    Stance,
)
from app.services.anchoring import anchor_quote, quote_offsets
from app.services.indexing import reindex


def _save(session: Session, kind: str | None, row: SQLModel, *links: SQLModel) -> None:
    """Write the row, then its links, and (for a searchable ``kind``) its search index entry."""
    session.add(row)
    session.flush()
    session.add_all(links)
    if kind is not None:
        reindex(session, kind, [row.id])
    session.commit()
    session.refresh(row)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_document(session: Session, *, id: str = "document", text: str = "A stored document.\n") -> models.Document:
    document = models.Document(id=id, filename=f"{id}.txt", sha256=_sha256(text), text=text)
    _save(session, None, document)
    return document


def make_source(
    session: Session,
    *,
    id: str = "source",
    text: str = "A source text.",
    title: str = "A source",
    kind: SourceKind = SourceKind.news_article,
    reliability: Reliability = Reliability.C,
    reliability_note: str = "Graded for the tests.",
    published_on: date | None = None,
    document: models.Document | None = None,
    **fields,
) -> models.Source:
    """A source; given a document, its text is the document's slice holding ``text``."""
    span = {}
    if document is not None:
        start = document.text.index(text)
        span = {"document_id": document.id, "document_start": start, "document_end": start + len(text)}
    source = models.Source(
        id=id,
        title=title,
        kind=kind,
        reliability=reliability,
        reliability_note=reliability_note,
        published_on=published_on,
        text=text,
        sha256=_sha256(text),
        **span,
        **fields,
    )
    _save(session, "source", source)
    return source


def make_actor(
    session: Session,
    *,
    id: str = "actor",
    name: str = "An actor",
    kind: ActorKind = ActorKind.person,
    aliases: Sequence[str] = (),
    **fields,
) -> models.Actor:
    actor = models.Actor(id=id, name=name, kind=kind, aliases=list(aliases), **fields)
    _save(session, "actor", actor)
    return actor


def make_actor_role(session: Session, *, actor_id: str, role: str, claim_id: str) -> models.ActorRole:
    actor_role = models.ActorRole(actor_id=actor_id, role=role, claim_id=claim_id)
    _save(session, None, actor_role)
    return actor_role


def make_issue(session: Session, *, id: str = "issue", name: str = "An issue", **fields) -> models.DisputedIssue:
    issue = models.DisputedIssue(id=id, name=name, **fields)
    _save(session, "issue", issue)
    return issue


def make_plan(
    session: Session,
    *,
    id: str = "plan",
    name: str = "A plan",
    status: PlanStatus = PlanStatus.proposed,
    proposer_ids: Sequence[str] = (),
    **fields,
) -> models.Plan:
    plan = models.Plan(id=id, name=name, status=status, **fields)
    proposers = [models.PlanProposer(plan_id=id, actor_id=actor_id) for actor_id in proposer_ids]
    _save(session, "plan", plan, *proposers)
    return plan


def make_plan_point(
    session: Session,
    *,
    id: str = "point",
    plan_id: str = "plan",
    sequence: int = 1,
    text: str = "A point of the plan.",
    category: PointCategory = PointCategory.other,
    issue_ids: Sequence[str] = (),
    **fields,
) -> models.PlanPoint:
    point = models.PlanPoint(id=id, plan_id=plan_id, sequence=sequence, text=text, category=category, **fields)
    issues = [models.PlanPointIssue(plan_point_id=id, issue_id=issue_id) for issue_id in issue_ids]
    _save(session, "plan_point", point, *issues)
    return point


def make_event(
    session: Session,
    *,
    id: str = "event",
    title: str = "An event",
    kind: EventKind = EventKind.other,
    actor_ids: Sequence[str] = (),
    **fields,
) -> models.Event:
    event = models.Event(id=id, title=title, kind=kind, **fields)
    actors = [models.EventActor(event_id=id, actor_id=actor_id) for actor_id in actor_ids]
    _save(session, "event", event, *actors)
    return event


def make_claim(
    session: Session,
    *,
    id: str = "claim",
    source: models.Source,
    quote: str,
    statement: str | None = None,
    credibility: int = 3,
    actor_ids: Sequence[str] = (),
    plan_point_ids: Sequence[str] = (),
    issue_ids: Sequence[str] = (),
    event_ids: Sequence[str] = (),
    **fields,
) -> models.Claim:
    """A claim quoting ``source``; its offsets are where the quote occurs (once) in the source text."""
    span = anchor_quote(source.text, quote)
    claim = models.Claim(
        id=id,
        statement=statement or f"The source says: {quote}",
        source_id=source.id,
        quote=quote,
        **quote_offsets(source.text, span),
        credibility=credibility,
        **fields,
    )
    links = [
        *(models.ClaimActor(claim_id=id, actor_id=target) for target in actor_ids),
        *(models.ClaimPlanPoint(claim_id=id, plan_point_id=target) for target in plan_point_ids),
        *(models.ClaimIssue(claim_id=id, issue_id=target) for target in issue_ids),
        *(models.ClaimEvent(claim_id=id, event_id=target) for target in event_ids),
    ]
    _save(session, "claim", claim, *links)
    return claim


def make_position(
    session: Session,
    *,
    id: str = "position",
    actor_id: str,
    stance: Stance = Stance.supports,
    summary: str = "A position.",
    claim_ids: Sequence[str] = (),
    **targets,
) -> models.Position:
    position = models.Position(id=id, actor_id=actor_id, stance=stance, summary=summary, **targets)
    backing = [models.PositionClaim(position_id=id, claim_id=claim_id) for claim_id in claim_ids]
    _save(session, "position", position, *backing)
    return position


def make_relation(
    session: Session,
    *,
    id: str = "relation",
    type: RelationType = RelationType.supports,
    from_claim_id: str,
    to_claim_id: str,
    rationale: str = "They agree.",
) -> models.ClaimRelation:
    relation = models.ClaimRelation(
        id=id, type=type, from_claim_id=from_claim_id, to_claim_id=to_claim_id, rationale=rationale
    )
    _save(session, "claim_relation", relation)
    return relation

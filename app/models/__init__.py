"""All tables, imported in one place so that SQLModel.metadata (and Alembic) sees every one."""

from app.models.actor import Actor, ActorPublic, ActorRole, ActorRolePublic
from app.models.audit import ApiKey, Revision, RevisionPublic
from app.models.claim import Claim, ClaimPublic, ClaimRelation, ClaimRelationPublic, RelatedClaim
from app.models.event import Event, EventPublic
from app.models.issue import DisputedIssue, DisputedIssuePublic, Position, PositionPublic
from app.models.links import (
    ClaimActor,
    ClaimEvent,
    ClaimIssue,
    ClaimPlanPoint,
    EventActor,
    PlanPointIssue,
    PlanProposer,
    PositionClaim,
)
from app.models.plan import Plan, PlanPoint, PlanPointPublic, PlanPublic
from app.models.source import Document, Source, SourcePublic, SourceSummary
from app.models.thesaurus import ThesaurusEntry, ThesaurusEntryPublic

__all__ = [
    "Actor",
    "ActorPublic",
    "ActorRole",
    "ActorRolePublic",
    "ApiKey",
    "Claim",
    "ClaimActor",
    "ClaimEvent",
    "ClaimIssue",
    "ClaimPlanPoint",
    "ClaimPublic",
    "ClaimRelation",
    "ClaimRelationPublic",
    "DisputedIssue",
    "DisputedIssuePublic",
    "Document",
    "Event",
    "EventActor",
    "EventPublic",
    "Plan",
    "PlanPoint",
    "PlanPointIssue",
    "PlanPointPublic",
    "PlanProposer",
    "PlanPublic",
    "Position",
    "PositionClaim",
    "PositionPublic",
    "RelatedClaim",
    "Revision",
    "RevisionPublic",
    "Source",
    "SourcePublic",
    "SourceSummary",
    "ThesaurusEntry",
    "ThesaurusEntryPublic",
]

"""All tables and resource declarations, imported in one place so that SQLModel.metadata (and Alembic) sees
every table and app/models/resource.py's registry every kind."""

import importlib
import pkgutil
from enum import StrEnum

from app.models.actor import Actor, ActorCreate, ActorPublic, ActorRole, ActorRolePublic, RoleCreate
from app.models.audit import ApiKey, Revision, RevisionPublic
from app.models.claim import (
    Claim,
    ClaimActor,
    ClaimCreate,
    ClaimEvent,
    ClaimIssue,
    ClaimPlanPoint,
    ClaimPublic,
    ClaimRelation,
    ClaimRelationPublic,
    RelatedClaim,
    RelationCreate,
)
from app.models.event import Event, EventActor, EventCreate, EventPublic
from app.models.issue import (
    DisputedIssue,
    DisputedIssuePublic,
    IssueCreate,
    Position,
    PositionClaim,
    PositionCreate,
    PositionPublic,
)
from app.models.plan import (
    Plan,
    PlanCreate,
    PlanPoint,
    PlanPointCreate,
    PlanPointIssue,
    PlanPointPublic,
    PlanProposer,
    PlanPublic,
)
from app.models.resource import RESOURCES, LinkField, Resource
from app.models.source import Document, Source, SourceCreate, SourcePublic, SourceSummary
from app.models.thesaurus import ThesaurusEntry, ThesaurusEntryCreate, ThesaurusEntryPublic

# Every other module of the package registers its tables and declaration too: a kind added as one module
# (app/models/place.py) needs no line here. The seed schema is left out: it is built from the whole registry.
for _module in pkgutil.iter_modules(__path__):
    if _module.name != "seed_schema":
        importlib.import_module(f"{__name__}.{_module.name}")

# Every kind of record, as revisions, the change feed and search name it: the declared ones. An enum rather
# than a Literal, so the OpenAPI document holds it once, as a component.
RecordKind = StrEnum("RecordKind", [(kind, kind) for kind in RESOURCES])

__all__ = [
    "RESOURCES",
    "Actor",
    "ActorCreate",
    "ActorPublic",
    "ActorRole",
    "ActorRolePublic",
    "ApiKey",
    "Claim",
    "ClaimActor",
    "ClaimCreate",
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
    "EventCreate",
    "EventPublic",
    "IssueCreate",
    "LinkField",
    "Plan",
    "PlanCreate",
    "PlanPoint",
    "PlanPointCreate",
    "PlanPointIssue",
    "PlanPointPublic",
    "PlanProposer",
    "PlanPublic",
    "Position",
    "PositionClaim",
    "PositionCreate",
    "PositionPublic",
    "RecordKind",
    "RelatedClaim",
    "RelationCreate",
    "Resource",
    "Revision",
    "RevisionPublic",
    "RoleCreate",
    "Source",
    "SourceCreate",
    "SourcePublic",
    "SourceSummary",
    "ThesaurusEntry",
    "ThesaurusEntryCreate",
    "ThesaurusEntryPublic",
]

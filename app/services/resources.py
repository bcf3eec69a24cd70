"""The registry of writable record kinds: table, public form, write schema and link fields of each.

The write engine, the history routes and bulk import read everything they need about a kind from here, so
adding a kind is one entry, not another copy of the write logic.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel
from sqlmodel import Session, SQLModel

from app import models
from app.models import writes
from app.services import actors, claims, events, issues, plans
from app.services.lookup import fields_of


@dataclass(frozen=True)
class LinkField:
    """A list-of-ids field stored as rows of a link table: (owner column, target column, target table)."""

    table: type[SQLModel]
    owner: str
    target: str
    target_table: type[SQLModel]


@dataclass(frozen=True)
class Resource:
    kind: str
    label: str
    collection: str
    tag: str
    table: type[SQLModel]
    public: type[BaseModel]
    create: type[BaseModel]
    to_public: Callable[[Session, list], list[BaseModel]]
    links: dict[str, LinkField] = field(default_factory=dict)

    @property
    def update(self) -> type[BaseModel]:
        return writes.partial(self.create)

    def snapshot(self, session: Session, record_id: str) -> dict | None:
        """The record's public form as JSON-ready data, or None when it does not exist."""
        row = session.get(self.table, record_id)
        if row is None:
            return None
        return self.to_public(session, [row])[0].model_dump(mode="json")


def _source_public(_session: Session, rows: list) -> list[BaseModel]:
    return [models.SourcePublic.model_validate(fields_of(r) | {"text_length": len(r.text)}) for r in rows]


def _plain(public: type[BaseModel]) -> Callable[[Session, list], list[BaseModel]]:
    return lambda _session, rows: [public.model_validate(fields_of(r)) for r in rows]


RESOURCES: dict[str, Resource] = {
    r.kind: r
    for r in [
        Resource("source", "source", "sources", "sources", models.Source, models.SourcePublic,
                 writes.SourceCreate, _source_public),
        Resource("actor", "actor", "actors", "actors", models.Actor, models.ActorPublic, writes.ActorCreate,
                 actors.to_public),
        Resource("plan", "plan", "plans", "plans", models.Plan, models.PlanPublic, writes.PlanCreate,
                 plans.plans_to_public,
                 {"proposer_ids": LinkField(models.PlanProposer, "plan_id", "actor_id", models.Actor)}),
        Resource("plan_point", "plan point", "plan-points", "plan points", models.PlanPoint,
                 models.PlanPointPublic, writes.PlanPointCreate, plans.points_to_public,
                 {"issue_ids": LinkField(models.PlanPointIssue, "plan_point_id", "issue_id", models.DisputedIssue)}),
        Resource("issue", "issue", "issues", "issues", models.DisputedIssue, models.DisputedIssuePublic,
                 writes.IssueCreate, _plain(models.DisputedIssuePublic)),
        Resource("position", "position", "positions", "positions", models.Position, models.PositionPublic,
                 writes.PositionCreate, issues.positions_to_public,
                 {"claim_ids": LinkField(models.PositionClaim, "position_id", "claim_id", models.Claim)}),
        Resource("claim", "claim", "claims", "claims", models.Claim, models.ClaimPublic, writes.ClaimCreate,
                 claims.to_public,
                 {
                     "actor_ids": LinkField(models.ClaimActor, "claim_id", "actor_id", models.Actor),
                     "plan_point_ids": LinkField(models.ClaimPlanPoint, "claim_id", "plan_point_id",
                                                 models.PlanPoint),
                     "issue_ids": LinkField(models.ClaimIssue, "claim_id", "issue_id", models.DisputedIssue),
                     "event_ids": LinkField(models.ClaimEvent, "claim_id", "event_id", models.Event),
                 }),
        Resource("event", "event", "events", "events", models.Event, models.EventPublic, writes.EventCreate,
                 events.events_to_public,
                 {"actor_ids": LinkField(models.EventActor, "event_id", "actor_id", models.Actor)}),
        Resource("claim_relation", "claim relation", "claim-relations", "claim relations", models.ClaimRelation,
                 models.ClaimRelationPublic, writes.RelationCreate, _plain(models.ClaimRelationPublic)),
    ]
}  # fmt: skip

KIND_OF_TABLE = {resource.table.__tablename__: kind for kind, resource in RESOURCES.items()}

"""Write schemas: what a client may send to create or change a record. Unknown fields are rejected.

Records whose seed schema is also the right create schema reuse it (one validation for seed files, the API
and bulk import); ``partial`` derives each update schema, every field optional, from its create schema.
"""

from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from app.models.vocab import PlanStatus, PointCategory, Reliability, SourceKind
from app.services.seed_schema import (
    ActorSeed,
    ClaimSeed,
    EventSeed,
    IssueSeed,
    PositionSeed,
    Record,
    RelationSeed,
    Slug,
    Text,
)


class SourceCreate(Record):
    id: Slug
    title: Text
    kind: SourceKind
    publisher: str | None = None
    attributed_to: str | None = None
    published_on: date | None = None
    url: str | None = None
    reliability: Reliability
    reliability_note: Text
    notes: str | None = None
    updates_id: Slug | None = Field(default=None, description="The earlier source this one corrects.")
    text: Text = Field(description="The full text exactly as published; claims quote it.")


class PlanCreate(Record):
    id: Slug
    name: Text
    status: PlanStatus
    announced_on: date | None = None
    description: str | None = None
    supersedes_id: Slug | None = None
    source_id: Slug | None = None
    proposer_ids: list[Slug] = []


class PlanPointCreate(Record):
    id: Slug
    plan_id: Slug
    parent_id: Slug | None = None
    ordinal: int | None = None
    sequence: int | None = Field(default=None, description="Order within the plan; default: after the last.")
    text: Text
    category: PointCategory
    issue_ids: list[Slug] = []


ActorCreate, IssueCreate, EventCreate, ClaimCreate, PositionCreate, RelationCreate = (
    ActorSeed,
    IssueSeed,
    EventSeed,
    ClaimSeed,
    PositionSeed,
    RelationSeed,
)


@cache
def partial(schema: type[BaseModel]) -> type[BaseModel]:
    """The update schema of a create schema: the same fields but ``id``, all optional, unknown ones rejected."""
    fields: dict[str, Any] = {
        name: (info.annotation | None, Field(default=None, description=info.description))
        for name, info in schema.model_fields.items()
        if name != "id"
    }
    name = schema.__name__.replace("Seed", "").replace("Create", "") + "Update"
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields)

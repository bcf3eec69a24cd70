"""Write schemas: what a client may send to create or change a record. Unknown fields are rejected.

Seed files use the same create schemas (one validation for seed files, the API
and bulk import); ``partial`` derives each update schema, every field optional, from its create schema.
"""

import typing
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.fields import FieldInfo

from app.models.seed_schema import (
    ActorCreate,
    ClaimCreate,
    EventCreate,
    Int,
    IssueCreate,
    PlanCreate,
    PlanPointSeed,
    PositionCreate,
    RelationCreate,
    Slug,
    SourceFields,
    Text,
)


class SourceCreate(SourceFields):
    text: Text = Field(description="The full text exactly as published; claims quote it.")


class PlanPointCreate(PlanPointSeed):
    plan_id: Slug
    sequence: Int | None = Field(default=None, description="Order within the plan; default: after the last.")


__all__ = [
    "ActorCreate",
    "ClaimCreate",
    "EventCreate",
    "IssueCreate",
    "PlanCreate",
    "PlanPointCreate",
    "PositionCreate",
    "RelationCreate",
    "SourceCreate",
    "partial",
]


def _constrained(info: FieldInfo) -> Any:
    """A field's type with its constraints (strictness, bounds), which pydantic keeps beside the annotation."""
    return Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _admits_null(info: FieldInfo) -> bool:
    return info.annotation is None or type(None) in typing.get_args(info.annotation)


def _unsent(schema: dict) -> None:
    schema.pop("default", None)  # the field is left out, not sent as null: it would be refused


@cache
def partial(schema: type[BaseModel]) -> type[BaseModel]:
    """The update schema of a create schema: the same fields but ``id``, all optional, unknown ones rejected.

    ``null`` clears a field that may be empty, and only such a field: a field the record must have keeps its
    type (its update validates the merged record against the create schema, which would refuse the null).
    """
    fields: dict[str, Any] = {
        name: (
            (_constrained(info) | None, Field(default=None, description=info.description))
            if _admits_null(info)
            else (_constrained(info), Field(default=None, description=info.description, json_schema_extra=_unsent))
        )
        for name, info in schema.model_fields.items()
        if name != "id"
    }
    name = schema.__name__.replace("Create", "") + "Update"
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields)

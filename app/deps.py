"""Dependency aliases shared by the routers: each ``…Dep`` loads a record by its path id or answers 404."""

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Path
from sqlmodel import SQLModel

from app.db import SessionDep
from app.models.resource import RESOURCES
from app.read_pool import run_in_read_pool
from app.services.lookup import get_or_404

Row = TypeVar("Row", bound=SQLModel)


def _loader(table: type[Row], label: str, parameter: str) -> Callable[..., Row]:
    """A dependency reading the path parameter ``parameter`` and loading that row, or answering 404."""

    # The read runs in the read pool, like the read routes, never on the event loop.
    async def load(
        session: SessionDep,
        record_id: Annotated[str, Path(alias=parameter, description=f"The {label}'s id.")],
    ):
        return await run_in_read_pool(get_or_404, session, table, record_id, label)

    return load


def record_dependency(kind: str) -> object:
    """The dependency loading a declared kind's record by its path parameter, or answering 404."""
    resource = RESOURCES[kind]
    return Annotated[resource.table, Depends(_loader(resource.table, resource.label, resource.parameter))]


ActorDep = record_dependency("actor")
SourceDep = record_dependency("source")
PlanDep = record_dependency("plan")
PlanPointDep = record_dependency("plan_point")
IssueDep = record_dependency("issue")
PositionDep = record_dependency("position")
ClaimDep = record_dependency("claim")
EventDep = record_dependency("event")
RelationDep = record_dependency("claim_relation")

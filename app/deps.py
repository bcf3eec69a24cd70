"""Dependency aliases shared by the routers: each ``…Dep`` loads a record by its path id or answers 404."""

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Path
from sqlmodel import SQLModel

from app import models
from app.db import SessionDep
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


ActorDep = Annotated[models.Actor, Depends(_loader(models.Actor, "actor", "actor_id"))]
SourceDep = Annotated[models.Source, Depends(_loader(models.Source, "source", "source_id"))]
PlanDep = Annotated[models.Plan, Depends(_loader(models.Plan, "plan", "plan_id"))]
PlanPointDep = Annotated[models.PlanPoint, Depends(_loader(models.PlanPoint, "plan point", "plan_point_id"))]
IssueDep = Annotated[models.DisputedIssue, Depends(_loader(models.DisputedIssue, "issue", "issue_id"))]
PositionDep = Annotated[models.Position, Depends(_loader(models.Position, "position", "position_id"))]
ClaimDep = Annotated[models.Claim, Depends(_loader(models.Claim, "claim", "claim_id"))]
EventDep = Annotated[models.Event, Depends(_loader(models.Event, "event", "event_id"))]
RelationDep = Annotated[models.ClaimRelation, Depends(_loader(models.ClaimRelation, "claim relation", "relation_id"))]

"""The knowledge base as a network of records and typed links, for network views."""

from typing import Annotated

from fastapi import Query

from app.db import SessionDep
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.services.graph import Graph, build_graph

router = make_router(tags=["graph"])


@router.get("/graph", response_model=Graph)
@in_read_pool
def get_graph(
    session: SessionDep,
    issue_id: Annotated[str | None, Query(max_length=200, description="Only the records around this issue.")] = None,
    actor_id: Annotated[str | None, Query(max_length=200, description="Only the records around this actor.")] = None,
):
    """Get actors, issues, plans, plan points and claims as nodes, and their links as typed edges.

    Edges: `position` (actor → issue, plan or plan point, with its stance and backing claims), `mentions`
    (claim → actor, issue or plan point), `stated_by` (claim → actor), `contradicts` / `supports` / `updates`
    (claim → claim), `touches` (plan point → issue) and `part_of` (plan point → plan). With `issue_id`: the
    issue, the actors with a position on it, its claims and the plan points touching it; with `actor_id`: the
    actor, what it holds positions on and the claims by or about it; with both, what both hold. An id that
    names no record is rejected (422).
    """
    return build_graph(session, issue_id=issue_id, actor_id=actor_id)

"""Search across every kind of record, and counts of what the knowledge base holds."""

from typing import Annotated

from fastapi import Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from app import models
from app.db import SessionDep
from app.listing import Page, PageDep, respond
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.services.indexing import INDEXED
from app.services.search import SearchHit, SearchKind, search_records

router = make_router()


@router.get("/search", response_model=Page[SearchHit], tags=["search"])
@in_read_pool
def search(
    request: Request,
    session: SessionDep,
    page: PageDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find.", examples=["Luhansk"])],
    kind: Annotated[list[SearchKind] | None, Query(description="Only these kinds (repeatable).")] = None,
):
    """Search every kind of record at once, best match first, with highlighted snippets."""
    found = search_records(session=session, page=page, q=q, kinds=kind)
    return respond(request, page, found, SearchHit)


class Stats(BaseModel):
    """How many records of each kind the knowledge base holds."""

    counts: dict[str, int] = Field(examples=[{"claim": 180, "actor": 45}])


STATS_TABLES = {kind: table for kind, (table, _) in INDEXED.items()} | {"document": models.Document}


@router.get("/stats", response_model=Stats, tags=["meta"])
@in_read_pool
def get_stats(session: SessionDep):
    """Count the records of each kind.

    One count per kind of record the API serves (source, actor, plan, plan_point, issue, position, claim,
    event, claim_relation), plus the stored documents the sources are cut from.
    """
    counts = {
        kind: session.scalar(select(func.count()).select_from(table)) or 0 for kind, table in STATS_TABLES.items()
    }
    return Stats(counts=counts)

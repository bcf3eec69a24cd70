"""Search across every kind of record, and counts of what the knowledge base holds."""

from datetime import date
from typing import Annotated

from fastapi import Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from app import models
from app.db import SessionDep
from app.listing import PageDep, respond
from app.models.resource import RESOURCES
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.services.search import SearchFilters, SearchHit, SearchKind, SearchMatch, SearchPage, search_records

router = make_router()


@router.get("/search", response_model=SearchPage, tags=["search"])
@in_read_pool
def search(
    request: Request,
    session: SessionDep,
    page: PageDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find.", examples=["Luhansk"])],
    kind: Annotated[list[SearchKind] | None, Query(description="Only these kinds (repeatable).")] = None,
    match: Annotated[
        SearchMatch,
        Query(
            description="`any` (the default): records holding more of the query's terms, and rarer ones, rank "
            "first, so a whole question works; `all`: only records holding every term (or an alias or synonym)."
        ),
    ] = SearchMatch.any,
    source_id: Annotated[str | None, Query(description="Only claims of this source.")] = None,
    actor_id: Annotated[str | None, Query(description="Only claims naming this actor.")] = None,
    issue_id: Annotated[str | None, Query(description="Only claims about this issue.")] = None,
    stated_from: Annotated[date | None, Query(description="Only claims stated on or after this day.")] = None,
    stated_to: Annotated[date | None, Query(description="Only claims stated on or before this day.")] = None,
    facets: Annotated[
        bool,
        Query(
            description="Also count the matches of each kind (`facets.kind`), as far as `total` counts.",
            examples=[True],
        ),
    ] = False,
):
    """Search every kind of record at once, best match first, with highlighted snippets.

    The query is analysed as the records are (case, inflections, British and American spelling, stop words),
    and expanded by actors' and issues' aliases and the thesaurus; each hit says in `matched` which terms it
    holds and through which alias or synonym. The claim filters keep claims only. With `facets=true`,
    `facets.kind` counts the matches of each kind (as far as `total` counts); when nothing matched,
    `did_you_mean` offers the query with each word that no record holds replaced by the closest indexed terms.
    """
    filters = SearchFilters(
        source_id=source_id, actor_id=actor_id, issue_id=issue_id, stated_from=stated_from, stated_to=stated_to
    )
    found = search_records(
        session=session, page=page, q=q, kinds=kind, match_all=match is SearchMatch.all, filters=filters, facets=facets
    )
    if found.did_you_mean is None:
        return respond(request, page, found.page, SearchHit)
    return respond(
        request, page, found.page, SearchHit, envelope=SearchPage, facets=found.facets, did_you_mean=found.did_you_mean
    )


class Stats(BaseModel):
    """How many records of each kind the knowledge base holds."""

    counts: dict[str, int] = Field(examples=[{"claim": 180, "actor": 45}])


STATS_TABLES = {kind: resource.table for kind, resource in RESOURCES.items()} | {"document": models.Document}


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

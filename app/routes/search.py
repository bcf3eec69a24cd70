"""Search across every kind of record, and counts of what the knowledge base holds."""

from enum import StrEnum
from typing import Annotated

from fastapi import Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from app import models
from app.db import SessionDep
from app.listing import Page, PageDep, count_bound, respond
from app.routes.base import make_router
from app.search import search_all
from app.services.indexing import INDEXED

router = make_router()

# An enum rather than a Literal, so the document holds it once as a component, for the filter and the hits.
SearchKind = StrEnum(
    "SearchKind",
    [(kind, kind) for kind in ("source", "actor", "plan", "plan_point", "issue", "position", "claim", "event",
                               "claim_relation")],
)  # fmt: skip


class SearchHit(BaseModel):
    """A record that matches, with the matching words marked up in `<mark>` in an HTML-escaped snippet."""

    kind: SearchKind
    id: str = Field(examples=["russia-controls-99-percent-luhansk"])
    title: str
    snippet: str = Field(examples=["…near-total domination-about <mark>99</mark>%-in neighboring Luhansk…"])
    score: float = Field(description="Relevance (higher is better), comparable within one query.")


@router.get("/search", response_model=Page[SearchHit], tags=["search"])
def search(
    request: Request,
    session: SessionDep,
    page: PageDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find.", examples=["Luhansk"])],
    kind: Annotated[list[SearchKind] | None, Query(description="Only these kinds (repeatable).")] = None,
):
    """Search every kind of record at once, best match first, with highlighted snippets."""
    window = count_bound(page) + 1  # ranks as many matches as the page's count goes, and one more
    kinds = [k.value for k in kind] if kind else None
    hits, total = search_all(session, q, kinds=kinds, limit=page.limit, offset=page.offset, window=window)
    items = [SearchHit(kind=h.kind, id=h.id, title=h.title, snippet=h.snippet, score=h.score) for h in hits]
    return respond(request, page, items, total, SearchHit)


class Stats(BaseModel):
    """How many records of each kind the knowledge base holds."""

    counts: dict[str, int] = Field(examples=[{"claim": 180, "actor": 45}])


STATS_TABLES = {kind: table for kind, (table, _) in INDEXED.items()} | {"document": models.Document}


@router.get("/stats", response_model=Stats, tags=["meta"])
def get_stats(session: SessionDep):
    """Count the records of each kind.

    One count per kind of record the API serves (source, actor, plan, plan_point, issue, position, claim,
    event, claim_relation), plus the stored documents the sources are cut from.
    """
    counts = {
        kind: session.scalar(select(func.count()).select_from(table)) or 0 for kind, table in STATS_TABLES.items()
    }
    return Stats(counts=counts)

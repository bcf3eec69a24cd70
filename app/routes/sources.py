"""Sources: the stored texts every claim quotes."""

from typing import Annotated

from fastapi import Query, Request

from app.db import SessionDep
from app.deps import SourceDep
from app.etags import respond_item
from app.listing import Page, PageDep, require_order, respond
from app.models import SourcePublic, SourceSummary
from app.models.vocab import Reliability, SourceKind
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.params import Day, IdFilter, SearchText
from app.routes.records import sub_lists
from app.services import sources as service
from app.services.claims import list_claims

router = make_router(tags=["sources"])


@router.get("/sources", response_model=Page[SourceSummary])
@in_read_pool
def list_sources(
    request: Request,
    session: SessionDep,
    page: PageDep,
    sort: service.SourceSort | None = None,
    q: SearchText = None,
    kind: SourceKind | None = None,
    reliability: Annotated[Reliability | None, Query(description="Admiralty grade A–F.")] = None,
    document_id: IdFilter = None,
    published_from: Day | None = None,
    published_to: Day | None = None,
):
    """List sources (without their text; get one source for its text)."""
    require_order("published_from", published_from, "published_to", published_to)
    found = service.list_sources(
        session=session, page=page, sort=sort, q=q, kind=kind, reliability=reliability,
        document_id=document_id, published_from=published_from, published_to=published_to,
    )  # fmt: skip
    return respond(request, page, found, SourceSummary)


@router.get("/sources/{source_id}", response_model=SourcePublic)
@in_read_pool
def get_source(request: Request, source: SourceDep):
    """Get one source with its full text, exactly as published, and its sha256."""
    return respond_item(request, SourcePublic.model_validate(source.model_dump() | {"text_length": len(source.text)}))


sub_lists(
    router, owner=SourceDep, key="source_id", lists=(
    ("/sources/{source_id}/claims", "list_source_claims", "claim", list_claims,
     "List the claims quoted from this source."),
    ),
)  # fmt: skip

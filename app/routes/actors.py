"""Actors: people, states, organisations and bodies."""

from typing import Annotated

from fastapi import Query, Request

from app.db import SessionDep
from app.deps import ActorDep
from app.etags import respond_item
from app.listing import Page, PageDep, respond
from app.models import ActorPublic
from app.models.vocab import ActorKind
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.params import SearchText
from app.routes.records import sub_lists
from app.services import actors as service
from app.services.claims import list_claims
from app.services.events import list_events
from app.services.issues import list_positions

router = make_router(tags=["actors"])


@router.get("/actors", response_model=Page[ActorPublic])
@in_read_pool
def list_actors(
    request: Request,
    session: SessionDep,
    page: PageDep,
    sort: service.ActorSort | None = None,
    q: SearchText = None,
    kind: ActorKind | None = None,
    affiliation_id: Annotated[str | None, Query(description="Actors affiliated to this actor.")] = None,
):
    """List actors; `q` searches names and every alias spelled in the sources."""
    found = service.list_actors(session=session, page=page, sort=sort, q=q, kind=kind, affiliation_id=affiliation_id)
    return respond(request, page, found, ActorPublic)


@router.get("/actors/{actor_id}", response_model=ActorPublic)
@in_read_pool
def get_actor(request: Request, session: SessionDep, actor: ActorDep):
    """Get one actor with aliases, affiliation and the roles the sources state."""
    return respond_item(request, service.to_public(session, [actor])[0])


# The lists under one actor: (path, operation, kind listed, lister, summary).
sub_lists(
    router, owner=ActorDep, key="actor_id", lists=(
    ("/actors/{actor_id}/claims", "list_actor_claims", "claim", list_claims,
     "List the claims about this actor or spoken by it."),
    ("/actors/{actor_id}/positions", "list_actor_positions", "position", list_positions,
     "List the positions this actor takes."),
    ("/actors/{actor_id}/events", "list_actor_events", "event", list_events,
     "List the events this actor took part in."),
    ),
)  # fmt: skip

"""Events: strikes, captures, withdrawals, calls, press conferences."""

from fastapi import Request

from app.db import SessionDep
from app.deps import EventDep
from app.etags import respond_item
from app.listing import Page, PageDep, require_order, respond
from app.models import EventPublic
from app.models.vocab import EventKind
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.params import Day, IdFilter, SearchText
from app.routes.records import sub_lists
from app.services import events as service
from app.services.claims import list_claims

router = make_router(tags=["events"])


@router.get("/events", response_model=Page[EventPublic])
@in_read_pool
def list_events(
    request: Request,
    session: SessionDep,
    page: PageDep,
    sort: service.EventSort | None = None,
    q: SearchText = None,
    kind: EventKind | None = None,
    actor_id: IdFilter = None,
    claim_id: IdFilter = None,
    occurred_from: Day | None = None,
    occurred_to: Day | None = None,
):
    """List events; undated ones carry the source's own words in `date_note`."""
    require_order("occurred_from", occurred_from, "occurred_to", occurred_to)
    found = service.list_events(
        session=session, page=page, sort=sort, q=q, kind=kind, actor_id=actor_id, claim_id=claim_id,
        occurred_from=occurred_from, occurred_to=occurred_to,
    )  # fmt: skip
    return respond(request, page, found, EventPublic)


@router.get("/events/{event_id}", response_model=EventPublic)
@in_read_pool
def get_event(request: Request, session: SessionDep, event: EventDep):
    """Get one event with its actors and the claims that report it."""
    return respond_item(request, service.events_to_public(session, [event])[0])


sub_lists(
    router, owner=EventDep, key="event_id", lists=(
    ("/events/{event_id}/claims", "list_event_claims", "claim", list_claims,
     "List the claims that report this event."),
    ),
)  # fmt: skip

"""Events: strikes, captures, withdrawals, calls, press conferences."""

from app.models.event import EVENT
from app.routes.records import SubList, read_router

router = read_router(
    EVENT,
    list_doc="List events; undated ones carry the source's own words in `date_note`.",
    item_doc="Get one event with its actors and the claims that report it.",
    sub_lists=(SubList("claims", "list_event_claims", "claim", "event_id", "List the claims that report this event."),),
)

"""Actors: people, states, organisations and bodies."""

from app.models.actor import ACTOR
from app.routes.records import SubList, read_router

router = read_router(
    ACTOR,
    list_doc="List actors; `q` searches names and every alias spelled in the sources.",
    item_doc="Get one actor with aliases, affiliation and the roles the sources state.",
    sub_lists=(
        SubList("claims", "list_actor_claims", "claim", "actor_id",
                "List the claims about this actor or spoken by it."),
        SubList("positions", "list_actor_positions", "position", "actor_id", "List the positions this actor takes."),
        SubList("events", "list_actor_events", "event", "actor_id", "List the events this actor took part in."),
    ),
)

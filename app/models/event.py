"""Dated or datable happenings: strikes, captures, withdrawals, calls, press conferences."""

from datetime import date

from sqlmodel import Field, SQLModel

from app.models import examples
from app.models.claim import ClaimEvent
from app.models.examples import example
from app.models.fields import Day, Record, Slug, Text
from app.models.filters import day_range, equal, listing
from app.models.resource import LinkField, Resource, SubList, declare, link_table
from app.models.vocab import EventKind


class EventBase(SQLModel):
    id: str = Field(primary_key=True, schema_extra={"examples": ["capture-of-sviato-pokrovske"]})
    title: str
    kind: EventKind
    occurred_on: date | None = Field(default=None, index=True)
    date_note: str | None = Field(default=None, description="When it happened, as the source puts it.")
    location: str | None = None
    description: str | None = None


class Event(EventBase, table=True):
    pass


class EventPublic(EventBase):
    model_config = example(examples.EVENT)

    actor_ids: list[str] = []
    claim_ids: list[str] = []


EventActor = link_table("event_actor", owner=("event_id", "event.id"), target=("actor_id", "actor.id"))


class EventCreate(Record):
    id: Slug
    title: Text
    kind: EventKind
    occurred_on: Day | None = None
    date_note: str | None = None
    location: str | None = None
    description: str | None = None
    actor_ids: list[Slug] = []


def _search_text(row) -> tuple[str, str]:
    return row.title, "\n".join(part for part in (row.description, row.location, row.date_note) if part)


EVENT = declare(
    Resource(
        kind="event", label="event", collection="events", table=Event, public=EventPublic, create=EventCreate,
        search=_search_text, seed_section="events",
        links={"actor_ids": LinkField(EventActor, "event_id", "actor_id", "actor")},
        sort_fields=("id", "occurred_on", "kind", "title"),
        filters=(
            equal(Event.kind, EventKind), listing(EventActor.event_id, EventActor.actor_id, "actor_id"),
            listing(ClaimEvent.event_id, ClaimEvent.claim_id, "claim_id"), *day_range(Event.occurred_on, "occurred"),
        ),
        list_doc="List events; undated ones carry the source's own words in `date_note`.",
        item_doc="Get one event with its actors and the claims that report it.",
        sub_lists=(
            SubList("claim", "List the claims that report this event."),
        ),
    )
)  # fmt: skip

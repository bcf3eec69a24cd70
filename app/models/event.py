"""Dated or datable happenings: strikes, captures, withdrawals, calls, press conferences."""

from datetime import date

from sqlmodel import Field, SQLModel

from app.models import examples
from app.models.examples import example
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

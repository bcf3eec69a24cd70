"""Reading events and claim relations."""

from datetime import date
from enum import Enum

from sqlalchemy import or_, select
from sqlmodel import Session

from app import models
from app.listing import PageParams, sort_enum
from app.models import ClaimRelation, ClaimRelationPublic, Event, EventPublic
from app.models.vocab import EventKind, RelationType
from app.paging import PageResult, fetch_page
from app.services.lookup import fields_of, grouped_many, ordered_search, rows_of

EVENT_SORT_COLUMNS = {
    "id": Event.id,
    "occurred_on": Event.occurred_on,
    "kind": Event.kind,
    "title": Event.title,
}
EventSort = sort_enum("EventSort", list(EVENT_SORT_COLUMNS))
RELATION_SORT_COLUMNS = {"id": ClaimRelation.id, "type": ClaimRelation.type}
RelationSort = sort_enum("RelationSort", list(RELATION_SORT_COLUMNS))


def list_events(
    *,
    session: Session,
    page: PageParams,
    sort: Enum | None = None,
    q: str | None = None,
    kind: EventKind | None = None,
    actor_id: str | None = None,
    claim_id: str | None = None,
    occurred_from: date | None = None,
    occurred_to: date | None = None,
) -> PageResult[EventPublic]:
    """One page of events matching every given filter."""
    statement = rows_of(Event)
    if kind:
        statement = statement.where(Event.kind == kind)
    if actor_id:
        link = models.EventActor
        statement = statement.where(Event.id.in_(select(link.event_id).where(link.actor_id == actor_id)))
    if claim_id:
        link = models.ClaimEvent
        statement = statement.where(Event.id.in_(select(link.event_id).where(link.claim_id == claim_id)))
    if occurred_from:
        statement = statement.where(Event.occurred_on >= occurred_from)
    if occurred_to:
        statement = statement.where(Event.occurred_on <= occurred_to)
    statement, ordering = ordered_search(
        session, statement, Event, kind="event", q=q, sort=sort, columns=EVENT_SORT_COLUMNS
    )
    return fetch_page(session, statement, ordering, page, public=events_to_public)


def events_to_public(session: Session, events: list[Event]) -> list[EventPublic]:
    ids = [e.id for e in events]
    links = grouped_many(
        session,
        {
            "actor_ids": (models.EventActor.event_id, models.EventActor.actor_id),
            "claim_ids": (models.ClaimEvent.event_id, models.ClaimEvent.claim_id),
        },
        ids,
    )
    actors, claims = links["actor_ids"], links["claim_ids"]
    return [
        EventPublic.model_validate(fields_of(e) | {"actor_ids": actors[e.id], "claim_ids": claims[e.id]})
        for e in events
    ]


def list_relations(
    *,
    session: Session,
    page: PageParams,
    sort: Enum | None = None,
    q: str | None = None,
    type: RelationType | None = None,
    claim_id: str | None = None,
    from_claim_id: str | None = None,
    to_claim_id: str | None = None,
) -> PageResult[ClaimRelationPublic]:
    """One page of claim relations; ``claim_id`` matches either end."""
    statement = rows_of(ClaimRelation)
    if type:
        statement = statement.where(ClaimRelation.type == type)
    if claim_id:
        statement = statement.where(or_(ClaimRelation.from_claim_id == claim_id, ClaimRelation.to_claim_id == claim_id))
    if from_claim_id:
        statement = statement.where(ClaimRelation.from_claim_id == from_claim_id)
    if to_claim_id:
        statement = statement.where(ClaimRelation.to_claim_id == to_claim_id)
    statement, ordering = ordered_search(
        session, statement, ClaimRelation, kind="claim_relation", q=q, sort=sort, columns=RELATION_SORT_COLUMNS
    )
    return fetch_page(session, statement, ordering, page, public=relations_to_public)


def relations_to_public(_session: Session, relations: list) -> list[ClaimRelationPublic]:
    return [ClaimRelationPublic.model_validate(fields_of(relation)) for relation in relations]

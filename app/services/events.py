"""Reading events and claim relations."""

from datetime import date
from enum import Enum

from sqlalchemy import or_, select
from sqlmodel import Session

from app import models
from app.listing import PageParams, sort_of
from app.models import ClaimRelation, ClaimRelationPublic, Event, EventPublic
from app.models.claim import CLAIM_RELATION
from app.models.event import EVENT
from app.models.vocab import EventKind, RelationType
from app.paging import PageResult, fetch_page
from app.services.lookup import ordered_search, rows_of
from app.services.resources import public_forms

EVENT_SORT_COLUMNS = EVENT.sort_columns
EventSort = sort_of("event")
RELATION_SORT_COLUMNS = CLAIM_RELATION.sort_columns
RelationSort = sort_of("claim_relation")


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


def events_to_public(session: Session, events: list) -> list[EventPublic]:
    return public_forms(session, "event", events)


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


def relations_to_public(session: Session, relations: list) -> list[ClaimRelationPublic]:
    return public_forms(session, "claim_relation", relations)

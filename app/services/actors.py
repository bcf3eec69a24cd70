"""Reading actors with their stated roles."""

from enum import Enum

from sqlmodel import Session

from app.listing import PageParams, sort_of
from app.models import Actor, ActorPublic
from app.models.actor import ACTOR
from app.models.vocab import ActorKind
from app.paging import PageResult, fetch_page
from app.services.lookup import ordered_search, rows_of
from app.services.resources import public_forms

SORT_COLUMNS = ACTOR.sort_columns
ActorSort = sort_of("actor")


def list_actors(
    *,
    session: Session,
    page: PageParams,
    sort: Enum | None = None,
    q: str | None = None,
    kind: ActorKind | None = None,
    affiliation_id: str | None = None,
) -> PageResult[ActorPublic]:
    """One page of actors matching every given filter; ``q`` searches names and aliases."""
    statement = rows_of(Actor)
    if kind:
        statement = statement.where(Actor.kind == kind)
    if affiliation_id:
        statement = statement.where(Actor.affiliation_id == affiliation_id)
    statement, ordering = ordered_search(session, statement, Actor, kind="actor", q=q, sort=sort, columns=SORT_COLUMNS)
    return fetch_page(session, statement, ordering, page, public=to_public)


def to_public(session: Session, actors: list) -> list[ActorPublic]:
    return public_forms(session, "actor", actors)

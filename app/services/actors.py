"""Reading actors with their stated roles."""

from enum import Enum

from sqlalchemy import select
from sqlmodel import Session

from app.listing import PageParams, sort_enum
from app.models import Actor, ActorPublic, ActorRole, ActorRolePublic, Claim
from app.models.vocab import ActorKind
from app.paging import PageResult, fetch_page
from app.services.lookup import fields_of, ordered_search, rows_of

SORT_COLUMNS = {"id": Actor.id, "name": Actor.name, "kind": Actor.kind}
ActorSort = sort_enum("ActorSort", list(SORT_COLUMNS))


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


def to_public(session: Session, actors: list[Actor]) -> list[ActorPublic]:
    ids = [actor.id for actor in actors]
    roles: dict[str, list[ActorRolePublic]] = {actor_id: [] for actor_id in ids}
    if ids:
        for actor_id, role, claim_id, source_id in session.execute(
            select(ActorRole.actor_id, ActorRole.role, ActorRole.claim_id, Claim.source_id)
            .join(Claim, Claim.id == ActorRole.claim_id)
            .where(ActorRole.actor_id.in_(ids))
            .order_by(ActorRole.actor_id, ActorRole.id)
        ):
            roles[actor_id].append(ActorRolePublic(role=role, claim_id=claim_id, source_id=source_id))
    return [ActorPublic.model_validate(fields_of(actor) | {"roles": roles[actor.id]}) for actor in actors]

"""Reading claims and their relations: shared by /claims and every sub-collection of claims."""

from datetime import date
from enum import Enum

from sqlalchemy import CompoundSelect, Select, bindparam, literal, or_, select, union, union_all
from sqlmodel import Session

from app import models
from app.db import sortable
from app.errors import NotFound
from app.listing import PageParams, order_by, sort_of
from app.models import Claim, ClaimPublic, ClaimRelation
from app.models.claim import CLAIM
from app.paging import IdWalk, PageResult, fetch_page
from app.prepared import Prepared
from app.services.lookup import ordered_search, rows_of
from app.services.resources import link_columns, public_forms
from app.services.rules import RELATIONS, relation_views

SORT_COLUMNS = CLAIM.sort_columns
ClaimSort = sort_of("claim")


def list_claims(
    *,
    session: Session,
    page: PageParams,
    sort: Enum | None = None,
    q: str | None = None,
    source_id: str | None = None,
    actor_id: str | None = None,
    speaker_id: str | None = None,
    issue_id: str | None = None,
    plan_id: str | None = None,
    plan_point_id: str | None = None,
    event_id: str | None = None,
    stated_from: date | None = None,
    stated_to: date | None = None,
    quantitative: bool | None = None,
    max_credibility: int | None = None,
) -> PageResult[ClaimPublic]:
    """The page of claims matching every given filter that ``page`` names (or all of them, a chunk at a time)."""
    filters = {
        "q": q, "source_id": source_id, "actor_id": actor_id, "speaker_id": speaker_id, "issue_id": issue_id,
        "plan_id": plan_id, "plan_point_id": plan_point_id, "event_id": event_id, "stated_from": stated_from,
        "stated_to": stated_to, "quantitative": quantitative, "max_credibility": max_credibility,
    }  # fmt: skip
    walk = _id_walk(filters) if sort is None else None
    if walk is not None:
        ordering = order_by(None, SORT_COLUMNS, Claim.id)
        return fetch_page(session, CLAIM_ROW, ordering, page, public=to_public, walk=walk)
    statement = CLAIM_ROW
    if source_id:
        statement = statement.where(Claim.source_id == source_id)
    if actor_id:
        about_actor = select(models.ClaimActor.claim_id).where(models.ClaimActor.actor_id == actor_id)
        statement = statement.where(or_(Claim.id.in_(about_actor), Claim.speaker_id == actor_id))
    if speaker_id:
        statement = statement.where(Claim.speaker_id == speaker_id)
    if issue_id:
        statement = statement.where(
            Claim.id.in_(select(models.ClaimIssue.claim_id).where(models.ClaimIssue.issue_id == issue_id))
        )
    if plan_point_id:
        link = models.ClaimPlanPoint
        statement = statement.where(Claim.id.in_(select(link.claim_id).where(link.plan_point_id == plan_point_id)))
    if plan_id:
        link, point = models.ClaimPlanPoint, models.PlanPoint
        in_plan = select(link.claim_id).join(point, point.id == link.plan_point_id).where(point.plan_id == plan_id)
        statement = statement.where(Claim.id.in_(in_plan))
    if event_id:
        link = models.ClaimEvent
        statement = statement.where(Claim.id.in_(select(link.claim_id).where(link.event_id == event_id)))
    if stated_from:
        statement = statement.where(Claim.stated_on >= stated_from)
    if stated_to:
        statement = statement.where(Claim.stated_on <= stated_to)
    if quantitative is not None:
        has_quantity = or_(Claim.value.is_not(None), Claim.value_on.is_not(None))
        statement = statement.where(has_quantity if quantitative else ~has_quantity)
    if max_credibility:
        statement = statement.where(Claim.credibility <= max_credibility)
    statement, ordering = ordered_search(session, statement, Claim, kind="claim", q=q, sort=sort, columns=SORT_COLUMNS)
    return fetch_page(session, statement, ordering, page, public=to_public)


# The filters that are one set of ids read off indexes in id order (migration 0003): (filtering column, id).
ID_WALKS = {
    "actor_id": [(models.ClaimActor.actor_id, models.ClaimActor.claim_id), (Claim.speaker_id, Claim.id)],
    "speaker_id": [(Claim.speaker_id, Claim.id)],
    "source_id": [(Claim.source_id, Claim.id)],
    "issue_id": [(models.ClaimIssue.issue_id, models.ClaimIssue.claim_id)],
    "plan_point_id": [(models.ClaimPlanPoint.plan_point_id, models.ClaimPlanPoint.claim_id)],
    "event_id": [(models.ClaimEvent.event_id, models.ClaimEvent.claim_id)],
}


def _id_walk(filters: dict) -> IdWalk | None:
    """For a list filtered by one link alone (an actor's claims), the index walks listing its ids in order."""
    given = [(name, value) for name, value in filters.items() if value is not None]
    if len(given) != 1 or given[0][0] not in ID_WALKS:
        return None
    name, value = given[0]

    def walk(after: str | None) -> Select | CompoundSelect:
        parts = [
            select(claim_id.label("id")).where(key == value, *([sortable(claim_id) > after] if after else []))
            for key, claim_id in ID_WALKS[name]
        ]
        return parts[0] if len(parts) == 1 else union(*parts)

    return walk


CLAIM_LINKS = link_columns("claim")


# Claims are read as column rows through the session's connection, not as ORM objects, and their statements
# are built once: on the hot paths (a claim by id, a page of claims) the ORM's bookkeeping cost more than
# SQLite's work.
CLAIM_ROW = rows_of(Claim)
_CLAIM_BY_ID = Prepared(CLAIM_ROW.where(Claim.__table__.c.id == bindparam("claim_id")))
_LINKS_OF_ONE = Prepared(
    union_all(*(select(literal(field), target).where(owner == bindparam("claim_id"))
                for field, (owner, target) in CLAIM_LINKS.items()))
)  # fmt: skip
_RELATIONS_OF_ONE = Prepared(
    RELATIONS.where(or_(ClaimRelation.from_claim_id == bindparam("id"), ClaimRelation.to_claim_id == bindparam("id")))
)


def get_public(session: Session, claim_id: str) -> ClaimPublic:
    """One claim with its links and relations, or NotFound: three prepared primary-key reads."""
    connection = session.connection()
    found = _CLAIM_BY_ID.rows(connection, claim_id=claim_id)
    if not found:
        raise NotFound(f"No claim with id '{claim_id}'.")
    claim = dict(zip(CLAIM_ROW.selected_columns.keys(), found[0], strict=True))
    for field in CLAIM_LINKS:
        claim[field] = []
    for field, target in sorted(_LINKS_OF_ONE.rows(connection, claim_id=claim_id)):  # ids by code point, as in lists
        claim[field].append(target)
    relations = _RELATIONS_OF_ONE.rows(connection, id=claim_id)
    claim["relations"] = [view for relation in relations for own, view in relation_views(*relation) if own == claim_id]
    return ClaimPublic.model_validate(claim)


def to_public(session: Session, claims: list) -> list[ClaimPublic]:
    """Claims (ORM objects or column rows) with their links and relations: two queries for the whole page."""
    return public_forms(session, "claim", claims)

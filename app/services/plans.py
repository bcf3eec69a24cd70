"""Reading plans and plan points."""

from datetime import date
from enum import Enum

from sqlalchemy import select
from sqlmodel import Session

from app import models
from app.keyset import Key, Ordering
from app.listing import PageParams, sort_of
from app.models import Plan, PlanPoint, PlanPointPublic, PlanPublic
from app.models.plan import PLAN, PLAN_POINT
from app.models.vocab import PlanStatus, PointCategory
from app.paging import PageResult, fetch_page
from app.services.lookup import ordered_search, rows_of
from app.services.resources import public_forms

PLAN_SORT_COLUMNS = PLAN.sort_columns
PlanSort = sort_of("plan")
POINT_SORT_COLUMNS = PLAN_POINT.sort_columns
PlanPointSort = sort_of("plan_point")
# Plan points unsorted: plan by plan, each plan's points in the source's order (the id breaks no real tie).
PLAN_ORDER = Ordering(
    "", [Key(PlanPoint.plan_id, nullable=False), Key(PlanPoint.sequence, nullable=False)], PlanPoint.id
)


def list_plans(
    *,
    session: Session,
    page: PageParams,
    sort: Enum | None = None,
    q: str | None = None,
    status: PlanStatus | None = None,
    actor_id: str | None = None,
    announced_from: date | None = None,
    announced_to: date | None = None,
) -> PageResult[PlanPublic]:
    """One page of plans matching every given filter; ``actor_id`` finds plans that actor proposed."""
    statement = rows_of(Plan)
    if status:
        statement = statement.where(Plan.status == status)
    if actor_id:
        proposer = models.PlanProposer
        statement = statement.where(Plan.id.in_(select(proposer.plan_id).where(proposer.actor_id == actor_id)))
    if announced_from:
        statement = statement.where(Plan.announced_on >= announced_from)
    if announced_to:
        statement = statement.where(Plan.announced_on <= announced_to)
    statement, ordering = ordered_search(
        session, statement, Plan, kind="plan", q=q, sort=sort, columns=PLAN_SORT_COLUMNS
    )
    return fetch_page(session, statement, ordering, page, public=plans_to_public)


def plans_to_public(session: Session, plans: list) -> list[PlanPublic]:
    return public_forms(session, "plan", plans)


def list_plan_points(
    *,
    session: Session,
    page: PageParams,
    sort: Enum | None = None,
    q: str | None = None,
    plan_id: str | None = None,
    category: PointCategory | None = None,
    issue_id: str | None = None,
    parent_id: str | None = None,
) -> PageResult[PlanPointPublic]:
    """One page of plan points, in plan order (each plan's points as the source lists them) unless sorted
    otherwise or ranked by ``q``."""
    statement = rows_of(PlanPoint)
    if plan_id:
        statement = statement.where(PlanPoint.plan_id == plan_id)
    if category:
        statement = statement.where(PlanPoint.category == category)
    if issue_id:
        link = models.PlanPointIssue
        statement = statement.where(PlanPoint.id.in_(select(link.plan_point_id).where(link.issue_id == issue_id)))
    if parent_id:
        statement = statement.where(PlanPoint.parent_id == parent_id)
    statement, ordering = ordered_search(
        session, statement, PlanPoint, kind="plan_point", q=q, sort=sort, columns=POINT_SORT_COLUMNS
    )
    if sort is None and q is None:
        ordering = PLAN_ORDER
    return fetch_page(session, statement, ordering, page, public=points_to_public)


def points_to_public(session: Session, points: list) -> list[PlanPointPublic]:
    return public_forms(session, "plan_point", points)

"""Reading disputed issues and the positions actors take."""

from enum import Enum

from sqlalchemy import select
from sqlmodel import Session

from app import models
from app.listing import PageParams, sort_of
from app.models import DisputedIssue, DisputedIssuePublic, Position, PositionPublic
from app.models.issue import ISSUE, POSITION
from app.models.vocab import Stance
from app.paging import PageResult, fetch_page
from app.services.lookup import ordered_search, rows_of
from app.services.resources import public_forms

ISSUE_SORT_COLUMNS = ISSUE.sort_columns
IssueSort = sort_of("issue")
POSITION_SORT_COLUMNS = POSITION.sort_columns
PositionSort = sort_of("position")


def list_issues(
    *, session: Session, page: PageParams, sort: Enum | None = None, q: str | None = None
) -> PageResult[DisputedIssuePublic]:
    """One page of disputed issues."""
    statement, ordering = ordered_search(
        session, rows_of(DisputedIssue), DisputedIssue, kind="issue", q=q, sort=sort, columns=ISSUE_SORT_COLUMNS
    )
    return fetch_page(session, statement, ordering, page, public=issues_to_public)


def issues_to_public(session: Session, issues: list) -> list[DisputedIssuePublic]:
    return public_forms(session, "issue", issues)


def list_positions(
    *,
    session: Session,
    page: PageParams,
    sort: Enum | None = None,
    q: str | None = None,
    actor_id: str | None = None,
    issue_id: str | None = None,
    plan_id: str | None = None,
    plan_point_id: str | None = None,
    stance: Stance | None = None,
    claim_id: str | None = None,
) -> PageResult[PositionPublic]:
    """One page of positions matching every given filter."""
    statement = rows_of(Position)
    for column, value in (
        (Position.actor_id, actor_id),
        (Position.issue_id, issue_id),
        (Position.plan_id, plan_id),
        (Position.plan_point_id, plan_point_id),
        (Position.stance, stance),
    ):
        if value:
            statement = statement.where(column == value)
    if claim_id:
        link = models.PositionClaim
        statement = statement.where(Position.id.in_(select(link.position_id).where(link.claim_id == claim_id)))
    statement, ordering = ordered_search(
        session, statement, Position, kind="position", q=q, sort=sort, columns=POSITION_SORT_COLUMNS
    )
    return fetch_page(session, statement, ordering, page, public=positions_to_public)


def positions_to_public(session: Session, positions: list) -> list[PositionPublic]:
    return public_forms(session, "position", positions)

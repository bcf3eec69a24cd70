"""Disputed issues and the positions actors take on issues, plans and plan points."""

from typing import Annotated

from fastapi import Query, Request

from app.db import SessionDep
from app.deps import IssueDep, PositionDep
from app.etags import respond_item
from app.listing import Page, PageDep, respond
from app.models import DisputedIssuePublic, PositionPublic
from app.models.vocab import Stance
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.params import IdFilter, SearchText
from app.routes.records import sub_lists
from app.services import issues as service
from app.services.claims import list_claims
from app.services.plans import list_plan_points

router = make_router()


@router.get("/issues", response_model=Page[DisputedIssuePublic], tags=["issues"])
@in_read_pool
def list_issues(
    request: Request,
    session: SessionDep,
    page: PageDep,
    sort: service.IssueSort | None = None,
    q: SearchText = None,
):
    """List the disputed issues of the talks."""
    found = service.list_issues(session=session, page=page, sort=sort, q=q)
    return respond(request, page, found, DisputedIssuePublic)


@router.get("/issues/{issue_id}", response_model=DisputedIssuePublic, tags=["issues"])
@in_read_pool
def get_issue(request: Request, issue: IssueDep):
    """Get one disputed issue."""
    return respond_item(request, DisputedIssuePublic.model_validate(issue.model_dump()))


@router.get("/issues/{issue_id}/positions", response_model=Page[PositionPublic], tags=["issues"])
@in_read_pool
def list_issue_positions(
    request: Request, session: SessionDep, page: PageDep, issue: IssueDep,
    sort: service.PositionSort | None = None, stance: Stance | None = None,
):  # fmt: skip
    """List every actor's position on this issue, with the claims behind each."""
    found = service.list_positions(session=session, page=page, sort=sort, issue_id=issue.id, stance=stance)
    return respond(request, page, found, PositionPublic)


# The lists under one issue: (path, operation, kind listed, lister, summary).
sub_lists(
    router, owner=IssueDep, key="issue_id", tags=["issues"], lists=(
    ("/issues/{issue_id}/claims", "list_issue_claims", "claim", list_claims,
     "List the claims about this issue."),
    ("/issues/{issue_id}/plan-points", "list_issue_plan_points", "plan_point", list_plan_points,
     "List the plan points, across plans, that touch this issue."),
    ),
)  # fmt: skip


@router.get("/positions", response_model=Page[PositionPublic], tags=["positions"])
@in_read_pool
def list_positions(
    request: Request,
    session: SessionDep,
    page: PageDep,
    sort: service.PositionSort | None = None,
    q: SearchText = None,
    actor_id: IdFilter = None,
    issue_id: IdFilter = None,
    plan_id: IdFilter = None,
    plan_point_id: IdFilter = None,
    stance: Stance | None = None,
    claim_id: Annotated[str | None, Query(description="Positions this claim backs.")] = None,
):
    """List actors' stances (supports / opposes / conditional / unclear)."""
    found = service.list_positions(
        session=session, page=page, sort=sort, q=q, actor_id=actor_id, issue_id=issue_id, plan_id=plan_id,
        plan_point_id=plan_point_id, stance=stance, claim_id=claim_id,
    )  # fmt: skip
    return respond(request, page, found, PositionPublic)


@router.get("/positions/{position_id}", response_model=PositionPublic, tags=["positions"])
@in_read_pool
def get_position(request: Request, session: SessionDep, position: PositionDep):
    """Get one position with the claims that back it."""
    return respond_item(request, service.positions_to_public(session, [position])[0])

"""Peace plans and their points."""

from typing import Annotated

from fastapi import Query, Request

from app.db import SessionDep
from app.deps import PlanDep, PlanPointDep
from app.etags import respond_item
from app.listing import Page, PageDep, require_order, respond
from app.models import PlanPointPublic, PlanPublic
from app.models.vocab import PlanStatus, PointCategory
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.params import Day, IdFilter, SearchText
from app.routes.records import sub_lists
from app.services import plans as service
from app.services.claims import list_claims
from app.services.issues import list_positions

router = make_router()


@router.get("/plans", response_model=Page[PlanPublic], tags=["plans"])
@in_read_pool
def list_plans(
    request: Request,
    session: SessionDep,
    page: PageDep,
    sort: service.PlanSort | None = None,
    q: SearchText = None,
    status: PlanStatus | None = None,
    actor_id: Annotated[str | None, Query(description="Plans this actor proposed.")] = None,
    announced_from: Day | None = None,
    announced_to: Day | None = None,
):
    """List peace plans."""
    require_order("announced_from", announced_from, "announced_to", announced_to)
    found = service.list_plans(
        session=session, page=page, sort=sort, q=q, status=status, actor_id=actor_id,
        announced_from=announced_from, announced_to=announced_to,
    )  # fmt: skip
    return respond(request, page, found, PlanPublic)


@router.get("/plans/{plan_id}", response_model=PlanPublic, tags=["plans"])
@in_read_pool
def get_plan(request: Request, session: SessionDep, plan: PlanDep):
    """Get one plan with its proposers and the plan it supersedes."""
    return respond_item(request, service.plans_to_public(session, [plan])[0])


# The lists under one plan: (path, operation, kind listed, lister, summary).
sub_lists(
    router, owner=PlanDep, key="plan_id", tags=["plans"], lists=(
    ("/plans/{plan_id}/points", "list_plan_points_of_plan", "plan_point", service.list_plan_points,
     "List this plan's points in the order the source gives them."),
    ("/plans/{plan_id}/positions", "list_plan_positions", "position", list_positions,
     "List actors' positions on this plan as a whole."),
    ),
)  # fmt: skip


@router.get("/plan-points", response_model=Page[PlanPointPublic], tags=["plan points"])
@in_read_pool
def list_plan_points(
    request: Request,
    session: SessionDep,
    page: PageDep,
    sort: service.PlanPointSort | None = None,
    q: SearchText = None,
    plan_id: IdFilter = None,
    category: PointCategory | None = None,
    issue_id: Annotated[str | None, Query(description="Points touching this disputed issue.")] = None,
    parent_id: Annotated[str | None, Query(description="Sub-points of this point.")] = None,
):
    """List plan points across plans (as CSV at `/plan-points.csv`)."""
    found = service.list_plan_points(
        session=session, page=page, sort=sort, q=q, plan_id=plan_id, category=category, issue_id=issue_id,
        parent_id=parent_id,
    )  # fmt: skip
    return respond(request, page, found, PlanPointPublic)


@router.get("/plan-points/{plan_point_id}", response_model=PlanPointPublic, tags=["plan points"])
@in_read_pool
def get_plan_point(request: Request, session: SessionDep, point: PlanPointDep):
    """Get one plan point with the issues it touches."""
    return respond_item(request, service.points_to_public(session, [point])[0])


# The lists under one planpoint: (path, operation, kind listed, lister, summary).
sub_lists(
    router, owner=PlanPointDep, key="plan_point_id", tags=["plan points"], lists=(
    ("/plan-points/{plan_point_id}/claims", "list_plan_point_claims", "claim", list_claims,
     "List the claims about this plan point."),
    ("/plan-points/{plan_point_id}/positions", "list_plan_point_positions", "position", list_positions,
     "List actors' positions on this plan point."),
    ),
)  # fmt: skip

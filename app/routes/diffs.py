"""Plan diffs: how the points of one plan version became those of another."""

from typing import Annotated

from fastapi import Path

from app import models
from app.db import SessionDep
from app.deps import PlanDep
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.services.lookup import get_or_404
from app.services.plan_diff import PlanDiff, diff_plans

router = make_router(tags=["plans"])

OtherPlanId = Annotated[str, Path(description="The plan to compare with (usually the later version).")]


@router.get("/plans/{plan_id}/diff/{other_id}", response_model=PlanDiff)
@in_read_pool
def diff_plan(session: SessionDep, plan: PlanDep, other_id: OtherPlanId):
    """Compare two plans point by point: unchanged, reworded, removed and added points.

    Rows come side by side in the second plan's order. Points are matched one to one by the same words, then
    by the same ordinal with somewhat similar text, then by the most similar text (difflib's ratio over
    lower-cased words, at least 0.5); a reworded pair carries a word-level diff. Either plan unknown: 404.
    """
    other = get_or_404(session, models.Plan, other_id, "plan")
    return diff_plans(session, plan, other)

"""Disputed issues and the positions actors take on issues, plans and plan points."""

from app.models.issue import ISSUE, POSITION
from app.routes.records import SubList, read_router

router = read_router(
    ISSUE,
    list_doc="List the disputed issues of the talks.",
    item_doc="Get one disputed issue.",
    sub_lists=(
        SubList("positions", "list_issue_positions", "position", "issue_id",
                "List every actor's position on this issue, with the claims behind each.", also=("stance",)),
        SubList("claims", "list_issue_claims", "claim", "issue_id", "List the claims about this issue."),
        SubList("plan-points", "list_issue_plan_points", "plan_point", "issue_id",
                "List the plan points, across plans, that touch this issue."),
    ),
)  # fmt: skip
read_router(
    POSITION,
    list_doc="List actors' stances (supports / opposes / conditional / unclear).",
    item_doc="Get one position with the claims that back it.",
    sub_lists=(),
    into=router,
)  # fmt: skip

"""Peace plans and their points."""

from app.models.plan import PLAN, PLAN_POINT
from app.routes.records import SubList, read_router

router = read_router(
    PLAN,
    list_doc="List peace plans.",
    item_doc="Get one plan with its proposers and the plan it supersedes.",
    sub_lists=(
        SubList("points", "list_plan_points_of_plan", "plan_point", "plan_id",
                "List this plan's points in the order the source gives them."),
        SubList("positions", "list_plan_positions", "position", "plan_id",
                "List actors' positions on this plan as a whole."),
    ),
)  # fmt: skip
read_router(
    PLAN_POINT,
    list_doc="List plan points across plans (as CSV at `/plan-points.csv`).",
    item_doc="Get one plan point with the issues it touches.",
    sub_lists=(
        SubList("claims", "list_plan_point_claims", "claim", "plan_point_id", "List the claims about this plan point."),
        SubList("positions", "list_plan_point_positions", "position", "plan_point_id",
                "List actors' positions on this plan point."),
    ),
    into=router,
)  # fmt: skip

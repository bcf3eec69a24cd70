"""Peace plans and their points."""

from app.models.plan import PLAN, PLAN_POINT
from app.routes.records import read_router

router = read_router(PLAN)
read_router(PLAN_POINT, into=router)

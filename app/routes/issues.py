"""Disputed issues and the positions actors take on issues, plans and plan points."""

from app.models.issue import ISSUE, POSITION
from app.routes.records import read_router

router = read_router(ISSUE)
read_router(POSITION, into=router)

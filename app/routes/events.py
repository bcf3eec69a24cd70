"""Events: strikes, captures, withdrawals, calls, press conferences."""

from app.models.event import EVENT
from app.routes.records import read_router

router = read_router(EVENT)

"""Sources: the stored texts every claim quotes (a list answers them without their text)."""

from app.models.source import SOURCE
from app.routes.records import read_router

router = read_router(SOURCE)

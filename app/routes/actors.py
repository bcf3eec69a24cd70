"""Actors: people, states, organisations and bodies."""

from app.models.actor import ACTOR
from app.routes.records import read_router

router = read_router(ACTOR)

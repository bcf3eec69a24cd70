"""Query parameters several routers declare the same way (one description, one validation)."""

from typing import Annotated

from fastapi import Query

from app.models.fields import Day as Day  # the date filters' type, shared with the write bodies

SearchText = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=500,
        description=("Full-text search; every word must match, a trailing * matches a prefix. Ranks by relevance."),
        examples=["security guarantees"],
    ),
]
IdFilter = Annotated[str | None, Query(max_length=200)]

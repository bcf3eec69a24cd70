"""The one way routers are made: problem responses documented, summaries taken from docstrings."""

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.routing import APIRoute

from app.auth import reader
from app.errors import PROBLEM_RESPONSES


class DocumentedRoute(APIRoute):
    """A route whose OpenAPI summary is the first line of its docstring (the rest stays the description)."""

    def __init__(self, path: str, endpoint: Any, **kwargs: Any) -> None:
        if kwargs.get("summary") is None and endpoint.__doc__:
            kwargs["summary"] = endpoint.__doc__.strip().splitlines()[0].rstrip(".")
        super().__init__(path, endpoint, **kwargs)


def make_router(**kwargs: Any) -> APIRouter:
    """A router whose routes document problem responses and admit readers as the settings say."""
    return APIRouter(route_class=DocumentedRoute, responses=PROBLEM_RESPONSES, dependencies=[Depends(reader)], **kwargs)

"""The one way routers are made: problem responses documented, summaries taken from docstrings."""

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.routing import APIRoute

from app.auth import reader
from app.errors import PROBLEM_RESPONSES
from app.read_pool import as_routed


class DocumentedRoute(APIRoute):
    """A route whose OpenAPI summary is the first line of its docstring (the rest stays the description).

    A route marked ``@in_read_pool`` runs in the read pool (app/read_pool.py).
    """

    def __init__(self, path: str, endpoint: Any, **kwargs: Any) -> None:
        if kwargs.get("summary") is None and endpoint.__doc__:
            kwargs["summary"] = endpoint.__doc__.strip().splitlines()[0].rstrip(".")
        endpoint = as_routed(endpoint)
        # The problem answers are documented per route, not per router, so that each route documents only
        # those it can give: 404 needs an id in the path, and a route can refuse one with `responses={404: None}`
        # (app/openapi.py drops 422 where nothing can be rejected).
        responses = kwargs.pop("responses", None) or {}
        problems = {status: answer for status, answer in PROBLEM_RESPONSES.items() if status != 404 or "{" in path}
        kwargs["responses"] = {status: answer for status, answer in (problems | responses).items() if answer}
        super().__init__(path, endpoint, **kwargs)


def make_router(**kwargs: Any) -> APIRouter:
    """A router whose routes document problem responses and admit readers as the settings say."""
    return APIRouter(route_class=DocumentedRoute, dependencies=[Depends(reader)], **kwargs)

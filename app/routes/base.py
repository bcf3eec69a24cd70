"""The one way routers are made: problem responses documented, summaries taken from docstrings."""

import functools
import inspect
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.routing import APIRoute

from app.auth import reader
from app.errors import PROBLEM_RESPONSES
from app.streaming import stream_whole_collections


class DocumentedRoute(APIRoute):
    """A route whose OpenAPI summary is the first line of its docstring (the rest stays the description).

    A list route also streams its whole collection as NDJSON when asked without a limit (app/streaming.py).

    Reads run on the event loop, not in the thread pool. With SQLite a read is mostly Python work under the
    GIL, so threads add no parallelism; they add a hand-over per request and a contest for the GIL between
    requests, which halved the throughput at 8 connections in the benchmark (bench/run.py). A statement
    cannot hold the loop longer than the query time limit (app/limits.py); parallelism comes from worker
    processes. Writes stay in the thread pool: they may wait for SQLite's write lock.
    """

    def __init__(self, path: str, endpoint: Any, **kwargs: Any) -> None:
        if kwargs.get("summary") is None and endpoint.__doc__:
            kwargs["summary"] = endpoint.__doc__.strip().splitlines()[0].rstrip(".")
        endpoint = stream_whole_collections(endpoint, kwargs.get("response_model"))
        if not inspect.iscoroutinefunction(endpoint) and set(kwargs.get("methods") or ["GET"]) <= {"GET", "HEAD"}:
            endpoint = _on_event_loop(endpoint)
        # The problem answers are documented per route, not per router, so that each route documents only
        # those it can give: 404 needs an id in the path, and a route can refuse one with `responses={404: None}`
        # (app/openapi.py drops 422 where nothing can be rejected).
        responses = kwargs.pop("responses", None) or {}
        problems = {status: answer for status, answer in PROBLEM_RESPONSES.items() if status != 404 or "{" in path}
        kwargs["responses"] = {status: answer for status, answer in (problems | responses).items() if answer}
        super().__init__(path, endpoint, **kwargs)


def _on_event_loop(endpoint: Any) -> Any:
    """The synchronous route as a coroutine, which FastAPI awaits on the event loop."""

    @functools.wraps(endpoint)
    async def run_here(**kwargs: Any) -> Any:
        return endpoint(**kwargs)

    return run_here


def make_router(**kwargs: Any) -> APIRouter:
    """A router whose routes document problem responses and admit readers as the settings say."""
    return APIRouter(route_class=DocumentedRoute, dependencies=[Depends(reader)], **kwargs)

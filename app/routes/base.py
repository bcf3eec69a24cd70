"""The one way routers are made: problem responses documented, summaries taken from docstrings."""

import asyncio
import functools
import inspect
import weakref
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Depends
from fastapi.routing import APIRoute

from app.auth import reader
from app.config import get_settings
from app.errors import PROBLEM_RESPONSES


class DocumentedRoute(APIRoute):
    """A route whose OpenAPI summary is the first line of its docstring (the rest stays the description).

    Reads run in a pool of their own, one thread per core (PEACEKB_READ_THREADS). SQLite lets go of the GIL
    while it works, so a query per core can overlap; but a read is mostly Python work under the GIL, and the
    default pool of 40 threads spent the time contesting it: at 8 connections in the benchmark (bench/run.py)
    it answered half what 2 threads do, and running reads on the event loop instead lost the overlap (a
    common word's search, a deep offset page: half the rate). Writes stay in the default pool: they may wait
    for SQLite's write lock, and must not hold up the reads while they do.
    """

    def __init__(self, path: str, endpoint: Any, **kwargs: Any) -> None:
        if kwargs.get("summary") is None and endpoint.__doc__:
            kwargs["summary"] = endpoint.__doc__.strip().splitlines()[0].rstrip(".")
        if not inspect.iscoroutinefunction(endpoint) and set(kwargs.get("methods") or ["GET"]) <= {"GET", "HEAD"}:
            endpoint = _in_read_threads(endpoint)
        # The problem answers are documented per route, not per router, so that each route documents only
        # those it can give: 404 needs an id in the path, and a route can refuse one with `responses={404: None}`
        # (app/openapi.py drops 422 where nothing can be rejected).
        responses = kwargs.pop("responses", None) or {}
        problems = {status: answer for status, answer in PROBLEM_RESPONSES.items() if status != 404 or "{" in path}
        kwargs["responses"] = {status: answer for status, answer in (problems | responses).items() if answer}
        super().__init__(path, endpoint, **kwargs)


def _in_read_threads(endpoint: Any) -> Any:
    """The synchronous route as a coroutine that runs it in the read pool."""

    @functools.wraps(endpoint)
    async def run_in_read_pool(**kwargs: Any) -> Any:
        return await anyio.to_thread.run_sync(functools.partial(endpoint, **kwargs), limiter=_read_limiter())

    return run_in_read_pool


# One limiter per event loop (a test suite runs many): anyio binds a limiter to the loop it first waits on.
_read_limiters: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _read_limiter() -> anyio.CapacityLimiter:
    loop = asyncio.get_running_loop()
    limiter = _read_limiters.get(loop)
    if limiter is None:
        limiter = _read_limiters[loop] = anyio.CapacityLimiter(get_settings().read_threads)
    return limiter


def make_router(**kwargs: Any) -> APIRouter:
    """A router whose routes document problem responses and admit readers as the settings say."""
    return APIRouter(route_class=DocumentedRoute, dependencies=[Depends(reader)], **kwargs)

"""The read pool: the threads that run database reads, one per core (PEACEKB_READ_THREADS).

Benchmark (bench/run.py, 8 connections): the default pool of 40 threads answered half what 2 threads do, and
reads on the event loop lost the overlap SQLite gives (it lets go of the GIL while it works) — half the rate.

A read route says so with ``@in_read_pool`` (under its ``@router.get``); the router's route class applies
the pool (``as_routed``) after anything else it wraps the route in, such as the NDJSON stream of a whole
collection. Unmarked synchronous routes run in FastAPI's default pool: writes, which may wait for SQLite's
write lock and must not hold up the reads while they do. Async code reaches the pool with
``run_in_read_pool``, so that no query runs on the event loop.
"""

import asyncio
import functools
import inspect
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import anyio.to_thread
from sqlalchemy.orm import Session
from starlette.responses import StreamingResponse

from app.config import get_settings

Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])
_MARK = "runs_in_read_pool"

# One limiter per event loop (a test suite runs many): anyio binds a limiter to the loop it first waits on.
_limiters: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _limiter() -> anyio.CapacityLimiter:
    loop = asyncio.get_running_loop()
    limiter = _limiters.get(loop)
    if limiter is None:
        limiter = _limiters[loop] = anyio.CapacityLimiter(get_settings().read_threads)
    return limiter


async def run_in_read_pool(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run ``function`` in a thread of the read pool and return what it returns."""
    return await anyio.to_thread.run_sync(functools.partial(function, *args, **kwargs), limiter=_limiter())


def in_read_pool(endpoint: Endpoint) -> Endpoint:
    """Mark a synchronous read route to run in the read pool (applied by the route class, ``as_routed``)."""
    if inspect.iscoroutinefunction(endpoint):
        raise TypeError(f"{endpoint.__name__} is async: only a synchronous route can run in the read pool")
    setattr(endpoint, _MARK, True)
    return endpoint


def as_routed(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """The endpoint as its route runs it: a marked one as a coroutine that runs it in the read pool."""
    if not getattr(endpoint, _MARK, False) or inspect.iscoroutinefunction(endpoint):
        return endpoint

    @functools.wraps(endpoint)
    async def read_in_pool(**kwargs: Any) -> Any:
        return await run_in_read_pool(_read_and_release, endpoint, kwargs)

    return read_in_pool


def _read_and_release(endpoint: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
    """Run the read, then end its session's transaction in this same thread: on a database server, the
    ROLLBACK that returns the connection is a round trip, which must not be left to the event loop. A stream
    still reads through its session, which closes once the stream is sent (app/db.py, ``get_session``)."""
    try:
        answer = endpoint(**kwargs)
    except BaseException:
        _release(kwargs)
        raise
    if not isinstance(answer, StreamingResponse):
        _release(kwargs)
    return answer


def _release(kwargs: dict[str, Any]) -> None:
    # Closing keeps what was read on the records (what FastAPI then serialises); it only gives the connection
    # back to the pool.
    for value in kwargs.values():
        if isinstance(value, Session):
            value.close()

"""What one request may cost the server: body size, request rate and statement time.

- **Body size**: a body over ``max_body_bytes`` (``max_bulk_body_bytes`` for ``/bulk``) is refused with 413
  before it is read — at once when ``Content-Length`` says so, else as soon as the bytes streamed in pass the
  limit — so no worker buffers more than the limit.
- **Rate**: a token bucket per API key and per client address (``rate_limit_per_minute``, off by default)
  answers 429 with ``Retry-After``. Buckets live in each worker process.
- **Statement time**: on SQLite a progress handler interrupts any statement running longer than
  ``query_timeout_ms``; the request answers 503 and the worker is free again. On PostgreSQL the same setting
  is meant for ``statement_timeout`` (for the PostgreSQL engine to pass, e.g. ``options=-c statement_timeout=N``
  in its connect arguments); ``is_query_timeout`` already recognises its cancellation (SQLSTATE 57014).

Every refusal is a problem document rendered by app/errors.py.
"""

import math
import time
from dataclasses import dataclass

from fastapi import FastAPI, Request
from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.bearer import bearer_token, key_prefix
from app.config import Settings, get_settings
from app.errors import InvalidParameter, PayloadTooLarge, problem_response

# ---- body size --------------------------------------------------------------------------------------


class BodySizeLimit:
    """Refuse bodies over the limit before buffering them (ASGI middleware)."""

    def __init__(self, app: ASGIApp, *, default: int, bulk: int) -> None:
        self.app, self.default, self.bulk = app, default, bulk

    def limit_for(self, path: str) -> int:
        return self.bulk if path.rstrip("/").endswith("/bulk") else self.default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            error = PayloadTooLarge(limit)
            response = problem_response(Request(scope), 413, detail=error.detail, slug=error.slug)
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise PayloadTooLarge(limit)
            return message

        await self.app(scope, counted, send)


# ---- rate -------------------------------------------------------------------------------------------


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """One token bucket per identity: ``capacity`` requests at once, refilled at ``per_minute`` a minute."""

    MAX_TRACKED = 10_000

    def __init__(self, per_minute: int, capacity: int | None = None) -> None:
        self.rate = per_minute / 60
        self.capacity = float(capacity or per_minute)
        self.buckets: dict[str, _Bucket] = {}

    def _refilled(self, identity: str, now: float) -> _Bucket:
        bucket = self.buckets.get(identity)
        if bucket is None:
            if len(self.buckets) >= self.MAX_TRACKED:
                self._forget_full(now)
            bucket = self.buckets[identity] = _Bucket(self.capacity, now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        return bucket

    def _forget_full(self, now: float) -> None:
        """Drop the buckets that have refilled (idle callers: they would start full anyway); if every caller
        is busy, the least recently seen half."""
        kept = {k: b for k, b in self.buckets.items() if b.tokens + (now - b.updated) * self.rate < self.capacity}
        if len(kept) >= self.MAX_TRACKED:
            kept = dict(sorted(kept.items(), key=lambda item: item[1].updated)[len(kept) // 2 :])
        self.buckets = kept

    def take(self, identities: list[str], now: float) -> float:
        """Spend one token from each identity's bucket and return 0, or return the seconds until all have one."""
        buckets = [self._refilled(identity, now) for identity in identities]
        wait = max(((1 - b.tokens) / self.rate for b in buckets if b.tokens < 1), default=0.0)
        if wait == 0:
            for bucket in buckets:
                bucket.tokens -= 1
        return wait


def caller_identities(scope: Scope) -> list[str]:
    """Whom a request counts against: its client address and, when it carries one, its API key (by the
    key's public prefix, so no database lookup is needed)."""
    client = scope.get("client")
    identities = [f"address:{client[0] if client else 'unknown'}"]
    token = bearer_token(Headers(scope=scope))
    prefix = key_prefix(token) if token else None
    if prefix:
        identities.append(f"key:{prefix}")
    return identities


class RateLimit:
    """Answer 429 with Retry-After to a caller who has spent their requests (ASGI middleware)."""

    EXEMPT = frozenset({"/health"})  # health checks must never be throttled

    def __init__(self, app: ASGIApp, *, per_minute: int, burst: int | None = None) -> None:
        self.app = app
        self.buckets = TokenBuckets(per_minute, burst)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.EXEMPT:
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(caller_identities(scope), time.monotonic())
        if wait:
            seconds = max(1, math.ceil(wait))
            response = problem_response(
                Request(scope),
                429,
                detail=f"Too many requests from this key or address; try again in {seconds} s.",
                slug="rate-limited",
                headers={"Retry-After": str(seconds)},
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


# ---- statement time ---------------------------------------------------------------------------------

_DEADLINE = "peacekb_deadline"  # where a pooled connection keeps its statement's deadline (monotonic)
_TIMEOUT = "peacekb_timeout"  # and, on SQLite, the time one statement may take (seconds)
_PROGRESS_STEPS = 10_000  # SQLite virtual-machine steps between two looks at the clock: cheap, still prompt


def limit_statement_time(engine: Engine, timeout_ms: int) -> None:
    """Interrupt any statement of ``engine`` that runs longer than ``timeout_ms`` (0: no limit).

    SQLite gets a progress handler; PostgreSQL sets ``statement_timeout`` on every new connection.
    """
    if not timeout_ms:
        return
    if engine.dialect.name == "postgresql":

        @event.listens_for(engine, "connect")
        def _set_statement_timeout(dbapi_connection, _record) -> None:
            # Outside any transaction, so that the setting lasts for the connection's whole life.
            autocommit, dbapi_connection.autocommit = dbapi_connection.autocommit, True
            with dbapi_connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(timeout_ms)}")
            dbapi_connection.autocommit = autocommit

        return
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _install_handler(dbapi_connection, record) -> None:
        info = record.info
        info[_TIMEOUT] = timeout_ms / 1000
        dbapi_connection.set_progress_handler(lambda: time.monotonic() > info.get(_DEADLINE, math.inf), _PROGRESS_STEPS)

    @event.listens_for(engine, "before_cursor_execute")
    def _start_clock(connection, *_args) -> None:
        start_statement_clock(connection)

    # COMMIT and ROLLBACK run as statements too: the last query's clock must never cut them short.
    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _stop_clock(connection) -> None:
        connection.info[_DEADLINE] = math.inf

    @event.listens_for(engine.pool, "checkin")
    def _stop_clock_on_return(_dbapi_connection, record) -> None:
        record.info[_DEADLINE] = math.inf


def start_statement_clock(connection: Connection) -> None:
    """Start the time limit of the statement about to run on ``connection``.

    SQLAlchemy's execution calls it before every statement; code that runs a statement straight on the
    driver's cursor (app/prepared.py) calls it too, so that no statement escapes the limit or inherits the
    clock of the one before it. PostgreSQL's limit is the server's, so there is nothing to start there.
    """
    info = connection.info
    timeout = info.get(_TIMEOUT)
    if timeout is not None:
        info[_DEADLINE] = time.monotonic() + timeout


def is_query_timeout(error: DBAPIError) -> bool:
    """Whether the time limit stopped the statement: SQLite reports "interrupted", PostgreSQL SQLSTATE 57014."""
    original = error.orig
    code = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    return code == "57014" or "interrupted" in str(original)


def _database_problem(settings: Settings):
    timeout_ms = settings.query_timeout_ms  # as the engine was given it when the app was made

    async def handler(request: Request, error: OperationalError):
        if is_query_timeout(error) and request.query_params.get("q"):
            # A full-text search too broad to answer in time is the request's to narrow, not a fault of the
            # server: 422 naming q, as for any other value the API cannot serve.
            reason = (
                f"matches more than can be searched within the query time limit ({timeout_ms} ms); "
                "add words, add a filter, or leave out the sort to rank the latest matches"
            )
            problem = InvalidParameter("q", reason)
            return problem_response(request, 422, detail=problem.detail, slug=problem.slug, errors=problem.errors)
        if is_query_timeout(error):
            return problem_response(
                request,
                503,
                detail=f"The query ran longer than the server allows ({timeout_ms} ms); "
                "narrow it (more specific words, a filter, a smaller page) and try again.",
                slug="query-timeout",
            )
        if "database is locked" in str(error.orig):
            return problem_response(
                request, 503, detail="The database is busy; try again.", slug="busy", headers={"Retry-After": "1"}
            )
        raise error  # anything else is unexpected: the 500 handler logs it and answers without details

    return handler


def install_limits(app: FastAPI, settings: Settings | None = None) -> None:
    """Add the body-size and rate limits to ``app``, and the 503 answer to a statement stopped by the clock."""
    settings = settings or get_settings()
    app.add_middleware(BodySizeLimit, default=settings.max_body_bytes, bulk=settings.max_bulk_body_bytes)
    if settings.rate_limit_per_minute:
        app.add_middleware(RateLimit, per_minute=settings.rate_limit_per_minute, burst=settings.rate_limit_burst)
    app.add_exception_handler(OperationalError, _database_problem(settings))

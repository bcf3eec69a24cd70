"""The database engine and the per-request session.

SQLite is the embedded default: every connection runs in WAL mode with foreign keys enforced and a busy
timeout, so readers never block the writer and a second writer waits instead of failing at once. A write
transaction (``begin_write``) starts with ``BEGIN IMMEDIATE``: it takes the write lock up front, waiting for
it under the busy timeout, instead of upgrading a read snapshot that another writer may have outdated, which
SQLite refuses at once ("database is locked"). Reads keep a deferred ``BEGIN``.

PostgreSQL connections are pooled per worker process, sized by the settings (``database_pool_size``: one
connection per read-pool thread and a few for writes and streams). A connection the server has closed is
found without a round trip: at checkout a dead one's socket is readable (the server's goodbye and its end of
file), so it is discarded and another taken, instead of pinging the server before every request
(``pool_pre_ping``); connections older than ``database_pool_recycle_seconds`` are replaced, so none outlives
a server or firewall idle limit.
"""

import select
from collections.abc import AsyncIterator
from datetime import date
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import ColumnElement, Engine, String, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal
from sqlmodel import Session, create_engine

from app.config import Settings, get_settings
from app.limits import limit_statement_time
from app.read_pool import run_in_read_pool


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _ensure_sqlite_directory(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def build_engine(
    url: str, *, busy_timeout_ms: int = 5000, enforce_foreign_keys: bool = True, pool: dict[str, int] | None = None
) -> Engine:
    """Create an engine; for SQLite, configure every new connection the same way.

    Migrations switch foreign keys off: SQLite can only alter a table by copying it, which a referenced
    table does not survive with enforcement on. They check every key afterwards instead. ``pool``: the
    server's connection pool (``pool_options``); SQLite's connections are files and keep SQLAlchemy's pool.
    """
    if not is_sqlite(url):
        engine = create_engine(url, **(pool or {}))
        event.listen(engine, "checkout", _discard_if_closed_by_server)
        return engine
    _ensure_sqlite_directory(url)
    engine = create_engine(url, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _configure_sqlite(dbapi_connection, _record) -> None:
        # Take transactions away from the sqlite3 module, which would not wrap DDL in one: SQLAlchemy's
        # "begin" below opens every transaction itself, so migrations and writes are atomic.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if enforce_foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _discard_if_closed_by_server(dbapi_connection, _record, _proxy) -> None:
    """Refuse a pooled connection the server has hung up on (restart, ``pg_terminate_backend``, idle limit).

    An idle connection has nothing to read unless the server closed it: its final error and end of file make
    the socket readable. Polling that costs a system call, not the round trip of ``pool_pre_ping``; raising
    ``DisconnectionError`` from a checkout event is SQLAlchemy's documented way to have the pool discard the
    connection and hand out a fresh one. (Anything else the server may send an idle session, a notice say,
    costs a reconnect, no more.)
    """
    if dbapi_connection.closed:
        raise exc.DisconnectionError("the connection is closed")
    poller = select.poll()
    poller.register(dbapi_connection.fileno(), select.POLLIN)
    if poller.poll(0):
        raise exc.DisconnectionError("the server closed the connection")


def pool_options(settings: Settings) -> dict[str, int]:
    """The server connection pool of one worker process, as the settings size it."""
    return {
        "pool_size": settings.database_pool_size or settings.read_threads + 2,
        "max_overflow": settings.database_max_overflow,
        "pool_recycle": settings.database_pool_recycle_seconds,
    }


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    engine = build_engine(
        settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms, pool=pool_options(settings)
    )
    limit_statement_time(engine, settings.query_timeout_ms)
    return engine


async def get_session() -> AsyncIterator[Session]:
    """A request's session, opened and closed on the event loop with no database call there.

    Async, so that opening it costs no trip to a thread (a sync generator would cost two per request). Read
    routes end their transaction in the read pool (app/read_pool.py); a session still holding one (a stream,
    a write, an error before the route ran) is closed in the read pool too, since its ROLLBACK is a round
    trip to a database server.
    """
    session = Session(get_engine())
    try:
        yield session
    finally:
        if session.in_transaction():
            await run_in_read_pool(session.close)
        else:
            session.close()


SessionDep = Annotated[Session, Depends(get_session)]

# An execution option marking a connection whose transactions write: on SQLite they begin IMMEDIATE.
WRITE_OPTION = "peacekb_write"


def begin_write(session: Session) -> None:
    """Make the session's transactions write transactions (SQLite: ``BEGIN IMMEDIATE``) from its next one on.

    Ends the transaction the session has open, so call it before writing anything (after reading an API
    key, say). The lock is taken by the next statement, not here: a request still reading its body holds
    nothing.
    """
    session.commit()
    session.bind = session.get_bind().execution_options(**{WRITE_OPTION: True})


class _Sortable(ColumnElement):
    """A column ordered the same on every backend: enums by their text, text by code point."""

    inherit_cache = True
    # Part of the statement cache key: without it, sorts on different columns would share compiled SQL.
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: ColumnElement):
        self.column = column
        self.type = column.type


@compiles(_Sortable)
def _sortable_default(element: _Sortable, compiler, **kw) -> str:  # SQLite: text compares by code point
    return compiler.process(element.column, **kw)


@compiles(_Sortable, "postgresql")
def _sortable_postgres(element: _Sortable, compiler, **kw) -> str:
    # Enums would sort in declaration order and text by the locale (which ignores hyphens): compare as "C" text.
    column = compiler.process(element.column, **kw)
    affinity = element.column.type._type_affinity  # enums, Text and SQLModel's AutoString all come out as String
    if affinity is not None and issubclass(affinity, String):
        return f'CAST({column} AS TEXT) COLLATE "C"'
    return column


def stored_value(value: Any) -> Any:
    """A validated value as the database stores it and JSON shows it: enums by value, dates in ISO form."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def sortable(column: ColumnElement) -> ColumnElement:
    """Wrap a column for ORDER BY so that SQLite and PostgreSQL give the same order."""
    return _Sortable(column)

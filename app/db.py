"""The database engine and the per-request session.

SQLite is the embedded default: every connection runs in WAL mode with foreign keys enforced and a busy
timeout, so readers never block the writer and a second writer waits instead of failing at once. A write
transaction (``begin_write``) starts with ``BEGIN IMMEDIATE``: it takes the write lock up front, waiting for
it under the busy timeout, instead of upgrading a read snapshot that another writer may have outdated, which
SQLite refuses at once ("database is locked"). Reads keep a deferred ``BEGIN``.
"""

from collections.abc import AsyncIterator
from datetime import date
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import ColumnElement, Engine, String, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal
from sqlmodel import Session, create_engine

from app.config import get_settings
from app.limits import limit_statement_time


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _ensure_sqlite_directory(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def build_engine(url: str, *, busy_timeout_ms: int = 5000, enforce_foreign_keys: bool = True) -> Engine:
    """Create an engine; for SQLite, configure every new connection the same way.

    Migrations switch foreign keys off: SQLite can only alter a table by copying it, which a referenced
    table does not survive with enforcement on. They check every key afterwards instead.
    """
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
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


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    engine = build_engine(settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    limit_statement_time(engine, settings.query_timeout_ms)
    return engine


async def get_session() -> AsyncIterator[Session]:
    # Async so that FastAPI opens and closes it on the event loop: a sync generator would cost two trips to
    # the thread pool per request. Neither touches the database beyond returning the connection to the pool.
    with Session(get_engine()) as session:
        yield session


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

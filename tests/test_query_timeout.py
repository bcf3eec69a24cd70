"""The query time limit holds on both backends: a statement running past it is cancelled, recognisably,
prepared reads included (app/prepared.py)."""

import time
from contextlib import contextmanager

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from app.db import build_engine
from app.errors import NotFound
from app.limits import is_query_timeout, limit_statement_time
from app.models import Claim
from app.services import claims

SLOW = {
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n",
    "postgres": "SELECT pg_sleep(5)",
}


def test_a_statement_past_the_time_limit_is_cancelled_and_the_connection_keeps_working(database_url, backend):
    engine = build_engine(database_url)
    limit_statement_time(engine, 200)
    try:
        with engine.connect() as connection:
            with pytest.raises(Exception) as cancelled:
                connection.execute(text(SLOW[backend]))
            assert is_query_timeout(cancelled.value)
            connection.rollback()
            assert connection.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


# A blank string that takes work to compute: on SQLite, counting `rows` rows (virtual-machine steps, which the
# progress handler watches); on PostgreSQL, sleeping.
SLOW_BLANK = {
    "sqlite": "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) "
    "SELECT substr(count(*), 1, 0) FROM n)",
    "postgres": "(SELECT '' FROM pg_sleep({seconds}))",
}


@contextmanager
def slow_claim_reads(database_url: str, backend: str, *, limit_ms: int, rows: int, seconds: float):
    """A session on an engine with this time limit, where a view stands in place of the claim table whose one
    claim's id takes that much work to compute, so that the prepared claim-by-id read itself is slow."""
    engine = build_engine(database_url)
    limit_statement_time(engine, limit_ms)
    columns = ", ".join(f"c.{column.name}" for column in Claim.__table__.columns if column.name != "id")
    slow_id = "c.id || " + SLOW_BLANK[backend].format(rows=rows, seconds=seconds)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE claim_rows AS SELECT * FROM claim WHERE 1 = 0"))
            connection.execute(text("INSERT INTO claim_rows (id) VALUES ('slow-claim')"))
            connection.execute(text("DROP TABLE claim" + (" CASCADE" if backend == "postgres" else "")))
            connection.execute(text(f"CREATE VIEW claim AS SELECT {slow_id} AS id, {columns} FROM claim_rows c"))
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def test_a_prepared_claim_read_past_the_time_limit_is_cancelled(database_url, backend):
    with slow_claim_reads(database_url, backend, limit_ms=200, rows=50_000_000, seconds=5) as session:
        started = time.monotonic()
        with pytest.raises(DBAPIError) as cancelled:
            claims.get_public(session, "no-such-claim")

        assert is_query_timeout(cancelled.value)
        assert time.monotonic() - started < 3  # the whole read would take several seconds


def test_a_prepared_claim_read_has_the_whole_time_limit_whatever_ran_before_it(database_url, backend):
    with slow_claim_reads(database_url, backend, limit_ms=500, rows=20_000, seconds=0.05) as session:
        session.execute(text("SELECT 1"))  # the transaction's first statement starts a clock
        time.sleep(0.6)  # a request's own work, past that statement's limit

        with pytest.raises(NotFound):  # the read ran to its end: a few ms of work, well within the limit
            claims.get_public(session, "no-such-claim")

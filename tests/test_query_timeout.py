"""The query time limit holds on both backends: a statement running past it is cancelled, recognisably."""

import pytest
from sqlalchemy import text

from app.db import build_engine
from app.limits import is_query_timeout, limit_statement_time

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

"""Where a request's time goes: each hot route asked in one process, without HTTP, its time split into layers.

    PEACEKB_DATABASE_URL=sqlite:///bench/data/peacekb-100000.db PEACEKB_SEED_ON_STARTUP=false \\
        python bench/request_costs.py [COUNT]

For a claim by id, an actor's claims (50) and the first page of claims (50), the median over COUNT requests
(default 500) of:
- the whole request through the ASGI app (middleware, routing, dependencies, the route, the response sent);
- the part spent in the read pool (the hop to its thread and back, and the route's body);
- the route's body alone (its service call: the SQL, building the records, serialising the page);
- SQLite's own work: the statements the request ran, captured by the connection's trace callback and
  replayed alone on a bare ``sqlite3`` connection to the same file.
What lies outside the read pool is FastAPI's and Starlette's share: middleware, routing, dependencies.
"""

import asyncio
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: bench.* imports from the checkout

from sqlalchemy import event

import app.read_pool as read_pool
from app.db import get_engine
from app.main import app
from bench.in_process import call

_spent: dict[str, float] = {}
_statements: list[str] = []


def _timed_pool() -> None:
    """Wrap the read pool's two steps so each request records how long each took."""
    hop, body = read_pool.run_in_read_pool, read_pool._read_and_release

    async def pooled(*args, **kwargs):
        started = time.perf_counter()
        try:
            return await hop(*args, **kwargs)
        finally:
            _spent["pool"] = _spent.get("pool", 0.0) + time.perf_counter() - started

    def timed_body(*args, **kwargs):
        started = time.perf_counter()
        try:
            return body(*args, **kwargs)
        finally:
            _spent["body"] = _spent.get("body", 0.0) + time.perf_counter() - started

    read_pool.run_in_read_pool, read_pool._read_and_release = pooled, timed_body


def _traced_connections() -> str:
    engine = get_engine()

    @event.listens_for(engine, "connect")
    def trace(dbapi_connection, _record) -> None:
        dbapi_connection.set_trace_callback(_statements.append)

    engine.dispose()  # connections opened from now on are traced
    return engine.url.database


def _replayed(database: str, statements: list[str], count: int) -> float:
    """Median seconds SQLite takes for these statements alone."""
    connection = sqlite3.connect(database)
    queries = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    times = []
    for _ in range(count):
        started = time.perf_counter()
        for statement in queries:
            connection.execute(statement).fetchall()
        times.append(time.perf_counter() - started)
    connection.close()
    return statistics.median(times)


async def measure(paths: dict[str, str], count: int, database: str) -> None:
    async with app.router.lifespan_context(app):
        print(f"{'request':28} {'whole':>9} {'in pool':>9} {'body':>9} {'SQLite':>9} {'outside':>9}  (µs, median)")
        for label, path in paths.items():
            assert await call(path) == 200, path
            wholes, pools, bodies = [], [], []
            for _ in range(count):
                _spent.clear()
                _statements.clear()
                started = time.perf_counter()
                await call(path)
                wholes.append(time.perf_counter() - started)
                pools.append(_spent.get("pool", 0.0))
                bodies.append(_spent.get("body", 0.0))
            sqlite_alone = _replayed(database, list(_statements), count)
            whole, pool, body = (statistics.median(x) for x in (wholes, pools, bodies))
            cells = [whole, pool, body, sqlite_alone, whole - pool]
            print(f"{label:28} " + " ".join(f"{c * 1e6:9,.0f}" for c in cells))


def hot_paths(database: str) -> dict[str, str]:
    connection = sqlite3.connect(database)
    (claim,) = connection.execute("SELECT id FROM claim ORDER BY id LIMIT 1 OFFSET 100").fetchone()
    (actor,) = connection.execute(
        "SELECT actor_id FROM claim_actor GROUP BY actor_id HAVING count(*) >= 50 LIMIT 1"
    ).fetchone()
    connection.close()
    return {
        "claim by id": f"/api/v1/claims/{claim}",
        "an actor's claims (50)": f"/api/v1/actors/{actor}/claims?limit=50",
        "claims, page 1 (50)": "/api/v1/claims?limit=50",
    }


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    _timed_pool()
    database = _traced_connections()
    asyncio.run(measure(hot_paths(database), count, database))


if __name__ == "__main__":
    main()

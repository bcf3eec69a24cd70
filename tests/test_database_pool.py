"""The app's own engine and sessions (app/db.py): no database call on the event loop, a pool sized by the
settings, and a connection the server killed replaced at checkout, without a ping per request."""

import asyncio
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, event, text
from sqlmodel import Session, select

from app.auth import create_key
from app.config import Settings, get_settings
from app.db import get_engine, pool_options, sortable
from app.main import create_app
from app.models import Claim
from app.services.seeding import load_seed
from tests.conftest import MINI_SEED

API = "/api/v1"


@pytest.fixture
def app_engine(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """The app's own engine (``get_engine``, as a server builds it) over a database holding the mini seed."""
    monkeypatch.setenv("PEACEKB_DATABASE_URL", database_url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    engine = get_engine()
    with Session(engine) as session:
        load_seed(session, MINI_SEED)
    yield engine
    engine.dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


@pytest.fixture
def app_client(app_engine: Engine) -> Iterator[TestClient]:
    """A client of the app as served: its real session dependency, no override."""
    with TestClient(create_app()) as client:
        yield client


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def record_calls_on_the_event_loop(engine: Engine) -> list[str]:
    """Every statement, commit, rollback, checkout and return of a connection made on an event loop's thread."""
    seen: list[str] = []

    def note(name: str):
        def listener(*_args, **_kwargs) -> None:
            if _on_event_loop():
                seen.append(name)

        return listener

    for name in ("before_cursor_execute", "commit", "rollback"):
        event.listen(engine, name, note(name))
    for name in ("checkout", "checkin", "reset"):
        event.listen(engine.pool, name, note(name))
    return seen


def test_no_request_calls_the_database_on_the_event_loop(app_engine: Engine, app_client: TestClient):
    with Session(app_engine) as session:
        key = create_key(session, name="writer", scope="write")
    on_loop = record_calls_on_the_event_loop(app_engine)
    statements: list[str] = []
    event.listen(app_engine, "before_cursor_execute", lambda *args, **_: statements.append(args[2]))
    reads = [
        "/claims", "/claims/russia-holds-75-donetsk", "/claims/russia-holds-75-donetsk.jsonld",
        "/actors/russia/claims", "/claims?q=donetsk", "/search?q=donetsk", "/claims.csv", "/claims.ndjson",
        "/plan-points.csv?limit=5", "/changes", "/claims/russia-holds-75-donetsk/relations",
    ]  # fmt: skip
    for path in reads:
        assert app_client.get(API + path).status_code == 200, path
    assert app_client.get(f"{API}/claims/no-such-claim").status_code == 404
    assert app_client.get(f"{API}/actors/no-such-actor/claims").status_code == 404
    created = app_client.post(
        f"{API}/issues", json={"id": "ceasefire", "name": "Ceasefire"}, headers={"Authorization": f"Bearer {key}"}
    )
    assert created.status_code == 201

    assert len(statements) > len(reads)  # the listeners see the requests' statements
    assert on_loop == []


def test_the_pool_is_sized_from_the_settings():
    assert pool_options(Settings(read_threads=3)) | {"pool_recycle": 0} == {
        "pool_size": 5, "max_overflow": 8, "pool_recycle": 0,
    }  # fmt: skip
    sized = Settings(read_threads=3, database_pool_size=12, database_max_overflow=0, database_pool_recycle_seconds=60)
    assert pool_options(sized) == {"pool_size": 12, "max_overflow": 0, "pool_recycle": 60}


def test_a_server_engine_takes_its_pool_from_the_settings_and_pings_no_server(
    backend: str, app_engine: Engine, monkeypatch: pytest.MonkeyPatch
):
    if backend != "postgres":
        pytest.skip("SQLite keeps SQLAlchemy's pool of files")
    settings = get_settings()
    assert app_engine.pool.size() == settings.read_threads + 2
    assert app_engine.pool._max_overflow == settings.database_max_overflow
    assert app_engine.pool._recycle == settings.database_pool_recycle_seconds
    assert app_engine.pool._pre_ping is False


def _terminate_backends(database: str, admin_url: str) -> int:
    """Kill, from the server's side, every connection to ``database`` (as a restart or an idle limit would)."""
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            killed = connection.execute(
                text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :name"),
                {"name": database},
            ).scalar_one()
            for _ in range(100):  # terminating is asynchronous: wait until the server has let them go
                left = connection.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE datname = :name"), {"name": database}
                ).scalar_one()
                if not left:
                    break
                time.sleep(0.02)
    finally:
        admin.dispose()
    return killed


def test_a_connection_the_server_killed_is_replaced_on_the_next_request(
    backend: str, app_engine: Engine, app_client: TestClient
):
    if backend != "postgres":
        pytest.skip("a server-side kill needs PostgreSQL (PEACEKB_TEST_POSTGRES_URL)")
    connects: list[object] = []
    event.listen(app_engine, "connect", lambda connection, _record: connects.append(connection))
    path = f"{API}/claims/russia-holds-75-donetsk"
    assert app_client.get(path).status_code == 200
    assert app_client.get(path).status_code == 200
    assert len(connects) <= 1  # a live pooled connection is kept, not discarded at each checkout
    before = len(connects)
    pooled = app_engine.pool.checkedin()
    assert pooled >= 1

    url = app_engine.url
    killed = _terminate_backends(url.database, url.set(database="postgres").render_as_string(hide_password=False))

    assert killed >= pooled
    answers = [app_client.get(path) for _ in range(pooled + 2)]
    assert [answer.status_code for answer in answers] == [200] * len(answers)
    assert answers[0].json()["id"] == "russia-holds-75-donetsk"
    assert len(connects) > before  # served by a fresh connection


def test_postgresql_pages_claims_in_code_point_order_off_an_index_not_a_sort(backend: str, engine: Engine):
    if backend != "postgres":
        pytest.skip("SQLite compares text by code point, in its indexes too")
    page = select(Claim.id).order_by(sortable(Claim.id)).limit(51)
    after = select(Claim.id).where(sortable(Claim.id) > "m").order_by(sortable(Claim.id)).limit(51)
    with engine.connect() as connection:
        collations = connection.execute(text(KEY_COLLATIONS)).scalars().all()
        # The test table is empty, where a sort costs nothing: forbid it, so that the plan shows whether an
        # index can give the order at all (if none can, PostgreSQL sorts anyway).
        connection.exec_driver_sql("SET enable_sort = off")
        plans = [
            "\n".join(connection.exec_driver_sql(f"EXPLAIN {literal(statement, engine)}").scalars())
            for statement in (page, after)
        ]

    assert collations and set(collations) == {"C"}
    for plan in plans:
        assert "Index" in plan and "Sort" not in plan, plan


def literal(statement, engine: Engine) -> str:
    return str(statement.compile(engine, compile_kwargs={"literal_binds": True}))


KEY_COLLATIONS = """
SELECT coalesce(collation_name, '') FROM information_schema.columns
 WHERE table_schema = current_schema() AND data_type IN ('character varying', 'text')
   AND (column_name = 'id' OR column_name LIKE '%\\_id')
"""

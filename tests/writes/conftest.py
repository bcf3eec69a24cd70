"""Fixtures for the write tests: a database per test holding the mini seed and one API key per scope.

The seeded database is built once (migrations, mini seed, keys) and copied for each test, and one app
serves every test, its session pointed at the test's own copy: each test is isolated, and the whole
suite stays fast. Keys are named after their role (reader, writer, admin): histories name who wrote.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.auth import create_key
from app.config import get_settings
from app.db import build_engine, get_engine, get_session
from app.main import create_app
from app.migrate import upgrade
from app.services.seeding import load_seed
from tests.conftest import MINI_SEED


@dataclass(frozen=True)
class Keys:
    read: str
    write: str
    admin: str


@dataclass(frozen=True)
class SeededTemplate:
    url: str
    keys: Keys


@pytest.fixture(scope="session")
def seeded_template(databases, migrated_template: str) -> SeededTemplate:
    made: list[Keys] = []

    def build(url: str) -> None:
        upgrade(url)
        engine = build_engine(url)
        with Session(engine) as session:
            load_seed(session, MINI_SEED)
            made.append(
                Keys(
                    read=create_key(session, name="reader", scope="read"),
                    write=create_key(session, name="writer", scope="write"),
                    admin=create_key(session, name="admin", scope="admin"),
                )
            )
        engine.dispose()  # SQLite: the last connection checkpoints the WAL into the file that is copied

    url = databases.template("writes", build)
    return SeededTemplate(url, made[0])


@pytest.fixture(scope="session")
def keys(seeded_template: SeededTemplate) -> Keys:
    """One live key per scope, present in every ``db``."""
    return seeded_template.keys


@pytest.fixture
def db(databases, seeded_template: SeededTemplate, tmp_path: Path) -> Iterator[Engine]:
    """This test's own database: the mini seed, its revisions, and ``keys``."""
    url = databases.clone(seeded_template.url, tmp_path)
    engine = build_engine(url)
    yield engine
    engine.dispose()
    databases.drop(url)


class _Target:
    engine: Engine | None = None


@pytest.fixture(scope="session")
def _shared_client() -> Iterator[tuple[TestClient, type[_Target]]]:
    app = create_app()

    def override_session() -> Iterator[Session]:
        with Session(_Target.engine) as session:
            yield session

    app.dependency_overrides[get_session] = override_session
    # Session fixtures start before the autouse _no_seed_on_startup: keep the app from seeding here too.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(get_settings(), "seed_on_startup", False)
        with TestClient(app) as client:
            yield client, _Target


@pytest.fixture
def api(_shared_client, db: Engine) -> Iterator[TestClient]:
    """A client over ``db``."""
    client, target = _shared_client
    target.engine = db
    yield client
    target.engine = None


@pytest.fixture
def cli_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Point the CLI (settings and engine are cached) at an empty migrated database; never seed on start."""
    monkeypatch.setenv("PEACEKB_DATABASE_URL", database_url)
    monkeypatch.setenv("PEACEKB_SEED_ON_STARTUP", "false")
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield database_url
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()

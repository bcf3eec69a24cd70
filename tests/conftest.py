"""Test fixtures: every test gets a database built by the real migrations, isolated from every other test.

The schema is migrated once per session and backend into a template; each test clones it, which is much
faster than migrating again and exercises exactly the schema Alembic builds. Every database fixture runs
on SQLite and, when PEACEKB_TEST_POSTGRES_URL is set, on PostgreSQL too (tests/databases.py).
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.config import REPO_ROOT
from app.db import build_engine, get_session
from app.main import create_app
from app.migrate import upgrade
from app.services.seeding import load_seed
from tests.databases import BACKENDS, POSTGRES_URL, PostgresDatabases, SqliteDatabases
from tests.world import build_world

MINI_SEED = Path(__file__).parent / "fixtures" / "mini_seed"
REAL_SEED = REPO_ROOT / "seed_data"


@pytest.fixture(autouse=True, scope="session")
def _no_seed_on_startup() -> Iterator[None]:
    """Tests build their own databases; the app must not migrate or seed the default one.

    Session-scoped, so that it is in place before any module- or session-scoped client starts the app's
    lifespan; the environment variable keeps it so for settings re-read after a cache clear (the CLI tests).
    """
    from app.config import get_settings

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PEACEKB_SEED_ON_STARTUP", "false")
        patch.setattr(get_settings(), "seed_on_startup", False)
        yield


@pytest.fixture(scope="session", params=BACKENDS)
def databases(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The backend under test, able to build templates and clone them."""
    if request.param == "postgres":
        if not POSTGRES_URL:
            pytest.skip("PostgreSQL: set PEACEKB_TEST_POSTGRES_URL to run the suite against it")
        factory = PostgresDatabases(POSTGRES_URL)
    else:
        factory = SqliteDatabases(tmp_path_factory.mktemp("databases"))
    yield factory
    factory.close()


@pytest.fixture(scope="session")
def backend(databases) -> str:
    """``sqlite`` or ``postgres``: for the few checks that read backend-specific internals."""
    return databases.name


@pytest.fixture(scope="session")
def migrated_template(databases) -> str:
    return databases.template("migrated", upgrade)


@pytest.fixture
def database_url(databases, migrated_template: str, tmp_path: Path) -> Iterator[str]:
    """A freshly migrated, empty database of this test's own."""
    url = databases.clone(migrated_template, tmp_path)
    yield url
    databases.drop(url)


def _shared_database(databases, template: str, fill: Callable[[Session], None]) -> Iterator[Engine]:
    url = databases.clone(template)
    engine = build_engine(url)
    with Session(engine) as session:
        fill(session)
    yield engine
    engine.dispose()
    databases.drop(url)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = build_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


def client_for(engine: Engine) -> TestClient:
    app = create_app()

    def override_session() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = override_session
    return TestClient(app)


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    """A client over an empty, migrated database."""
    with client_for(engine) as test_client:
        yield test_client


@pytest.fixture
def mini_client(engine: Engine, session: Session) -> Iterator[TestClient]:
    """A client over a database holding the small fixture seed (tests/fixtures/mini_seed)."""
    load_seed(session, MINI_SEED)
    with client_for(engine) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def seeded_engine(databases, migrated_template: str) -> Iterator[Engine]:
    """The real curated seed, loaded once; tests using it only read."""
    yield from _shared_database(databases, migrated_template, lambda session: load_seed(session, REAL_SEED))


@pytest.fixture
def kb(seeded_engine: Engine) -> Iterator[TestClient]:
    """A client over the real seeded knowledge base (read-only)."""
    with client_for(seeded_engine) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def world_engine(databases, migrated_template: str) -> Iterator[Engine]:
    """The factories' small, varied knowledge base (tests/world.py), built once; tests using it only read."""
    yield from _shared_database(databases, migrated_template, build_world)


@pytest.fixture(scope="session")
def world(world_engine: Engine) -> Iterator[TestClient]:
    """A client over the factories' knowledge base, shared by the tests that only read it."""
    with client_for(world_engine) as test_client:
        yield test_client

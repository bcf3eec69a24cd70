"""Settings read from the environment (prefix ``PEACEKB_``) or a ``.env`` file."""

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.package_data import SEED_DIR

# The checkout, for the tests and development tools only: an installed package has none, so the app finds its
# files through app.package_data and keeps its data under the current folder.
REPO_ROOT = Path(__file__).resolve().parent.parent


def default_database_url() -> str:
    # Relative to the folder the command runs in, never inside site-packages; the quick start runs in the
    # checkout, so its database is the checkout's data/peacekb.db.
    return f"sqlite:///{Path.cwd() / 'data' / 'peacekb.db'}"


class Settings(BaseSettings):
    """Each field's docstring is its description (``use_attribute_docstrings``); README.md lists them too."""

    model_config = SettingsConfigDict(
        env_prefix="PEACEKB_", env_file=".env", extra="ignore", use_attribute_docstrings=True
    )

    database_url: str = Field(default_factory=default_database_url)
    """SQLAlchemy URL of the database; defaults to data/peacekb.db under the current folder."""
    seed_dir: Path = SEED_DIR
    """Directory of curated seed files (default: the package's)."""
    seed_on_startup: bool = True
    """Migrate and load the seed data when the server starts on an empty database."""
    sqlite_busy_timeout_ms: int = Field(default=5000, ge=0)
    page_limit_default: int = Field(default=50, ge=1)
    page_limit_max: int = Field(default=500, ge=1)
    count_limit: int = Field(default=1000, ge=1)
    """Lists count matching records up to this many (or offset + limit, if larger); beyond it `total` is that
    bound and `total_exact` is false, so no page pays for counting millions."""
    read_threads: int = Field(default_factory=lambda: os.cpu_count() or 2, ge=1)
    """Threads per worker process that run reads: one per core by default (app/read_pool.py)."""

    # The connection pool of a database server (PostgreSQL), per worker process (app/db.py): the server must
    # accept workers × (database_pool_size + database_max_overflow) connections (its max_connections).
    database_pool_size: int | None = Field(default=None, ge=1)
    """Connections a worker keeps open to a database server; default: read_threads + 2 (one per read-pool
    thread, two for writes and streams)."""
    database_max_overflow: int = Field(default=8, ge=0)
    """Connections a worker may open beyond the pool at a burst (writes, streams)."""
    database_pool_recycle_seconds: int = Field(default=1800, ge=-1)
    """Replace a pooled server connection older than this (-1: never), so none outlives an idle limit of the
    server or a firewall."""

    read_requires_key: bool = False
    """Require an API key for reads too."""

    # Limits (app/middleware.py, app/db.py): what one request may cost the server.
    max_body_bytes: int = Field(default=1024 * 1024, ge=1)
    """Largest request body (413 above it)."""
    max_bulk_body_bytes: int = Field(default=64 * 1024 * 1024, ge=1)
    """Largest body for POST /bulk."""
    query_timeout_ms: int = Field(default=10_000, ge=0)
    """Longest one SQL statement may run, 0 for no limit (SQLite: a progress handler; PostgreSQL:
    statement_timeout); a statement stopped by it answers 503."""
    rate_limit_per_minute: int = Field(default=0, ge=0)
    """Requests a minute per API key and per client address; 0 turns it off."""
    rate_limit_burst: int | None = Field(default=None, ge=1)
    """Requests at once; default: a minute's."""

    cors_origins: list[str] = Field(default_factory=list)
    """Origins whose pages may write (JSON list, e.g. ["https://kb.example"]); any may read."""
    cors_public_reads: bool = True
    """Let pages from any origin read (GET)."""


@lru_cache
def get_settings() -> Settings:
    return Settings()

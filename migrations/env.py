"""Alembic environment: migrates the database named by PeaceKB's settings (or by the caller's config)."""

from alembic import context
from sqlmodel import SQLModel

import app.models  # noqa: F401 - registers every table on SQLModel.metadata
from app.config import get_settings
from app.db import build_engine
from app.search import is_search_table

config = context.config
target_metadata = SQLModel.metadata


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    # The full-text index is a backend-specific virtual table (and its shadow tables), managed by hand.
    return not (type_ == "table" and is_search_table(name))


def run_migrations() -> None:
    url = config.attributes.get("database_url") or get_settings().database_url
    engine = build_engine(url, enforce_foreign_keys=False)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
            if connection.dialect.name == "sqlite":
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
    engine.dispose()


run_migrations()

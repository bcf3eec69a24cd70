"""Run the Alembic migrations programmatically (CLI, server start-up, tests)."""

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect
from sqlmodel import Session, select

from app import models
from app.package_data import MIGRATIONS_DIR


def alembic_config(database_url: str) -> Config:
    # Built here, not read from alembic.ini: the ini file stays in the checkout (for `alembic revision`), while
    # the migrations ship inside the package and run from wherever it is installed.
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(database_url), revision)


def is_empty(session: Session) -> bool:
    """True when the schema is missing or holds no source yet."""
    if not inspect(session.get_bind()).has_table("source"):
        return True
    return session.exec(select(models.Source.id).limit(1)).first() is None

"""Run the Alembic migrations programmatically (CLI, server start-up, tests)."""

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect
from sqlmodel import Session, select

from app import models
from app.config import REPO_ROOT


def alembic_config(database_url: str) -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPO_ROOT / "migrations"))
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

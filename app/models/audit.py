"""Who may write (API keys) and what was written (revisions)."""

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import field_validator
from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    return datetime.now(UTC)


class ApiKey(SQLModel, table=True):
    """An API key: only the SHA-256 of the secret is stored; ``prefix`` identifies it in lists and logs."""

    __tablename__ = "api_key"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    prefix: str = Field(unique=True, index=True)
    secret_hash: str
    scope: str = Field(description="read, write or admin")
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


class Revision(SQLModel, table=True):
    """One write to one record; the ever-growing id is the change feed's cursor."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(index=True)
    record_id: str = Field(index=True)
    operation: str = Field(description="create, update or delete")
    key_name: str = Field(description="The API key's name, or 'seed' for the seed loader.")
    at: datetime = Field(default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False))
    before: dict | None = Field(default=None, sa_column=Column(JSON(none_as_null=True), nullable=True))
    after: dict | None = Field(default=None, sa_column=Column(JSON(none_as_null=True), nullable=True))


class RevisionPublic(SQLModel):
    """One recorded write: the record before and after it, who made it and when (UTC)."""

    id: int = Field(description="The change-feed cursor of this revision.")
    kind: str
    record_id: str
    operation: Literal["create", "update", "delete"]
    key_name: str
    at: datetime
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @field_validator("at")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        # SQLite keeps no time zone: every stored time is UTC.
        return value if value.tzinfo else value.replace(tzinfo=UTC)

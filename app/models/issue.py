"""Disputed issues and the positions actors take on them."""

from sqlalchemy import JSON, CheckConstraint, Column
from sqlmodel import Field, SQLModel

from app.models import examples
from app.models.examples import example
from app.models.vocab import Stance


class DisputedIssueBase(SQLModel):
    id: str = Field(primary_key=True, schema_extra={"examples": ["territory-donbas"]})
    name: str
    description: str | None = None
    aliases: list[str] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False, server_default="[]"),
        description="Other names analysts give the issue; search expands queries by them.",
    )


class DisputedIssue(DisputedIssueBase, table=True):
    __tablename__ = "disputed_issue"


class DisputedIssuePublic(DisputedIssueBase):
    model_config = example(examples.ISSUE)


class PositionBase(SQLModel):
    id: str = Field(primary_key=True, schema_extra={"examples": ["ukraine-opposes-ceding-territory"]})
    actor_id: str = Field(foreign_key="actor.id", index=True)
    stance: Stance
    summary: str
    issue_id: str | None = Field(default=None, foreign_key="disputed_issue.id", index=True)
    plan_id: str | None = Field(default=None, foreign_key="plan.id", index=True)
    plan_point_id: str | None = Field(default=None, foreign_key="plan_point.id", index=True)


class Position(PositionBase, table=True):
    __table_args__ = (
        CheckConstraint(
            "issue_id IS NOT NULL OR plan_id IS NOT NULL OR plan_point_id IS NOT NULL",
            name="position_has_target",
        ),
    )


class PositionPublic(PositionBase):
    model_config = example(examples.POSITION)

    claim_ids: list[str] = []

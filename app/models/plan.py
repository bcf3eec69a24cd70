"""Peace plans and their points."""

from datetime import date

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from app.models import examples
from app.models.examples import example
from app.models.vocab import PlanStatus, PointCategory


class PlanBase(SQLModel):
    id: str = Field(primary_key=True, schema_extra={"examples": ["revised-20-point-plan"]})
    name: str
    status: PlanStatus
    announced_on: date | None = Field(default=None, index=True)
    description: str | None = None
    supersedes_id: str | None = Field(
        default=None, foreign_key="plan.id", index=True, description="The earlier plan this one updates."
    )
    source_id: str | None = Field(default=None, foreign_key="source.id", index=True)


class Plan(PlanBase, table=True):
    pass


class PlanPublic(PlanBase):
    model_config = example(examples.PLAN)

    proposer_ids: list[str] = []


class PlanPointBase(SQLModel):
    id: str = Field(primary_key=True, schema_extra={"examples": ["us-package-ceasefire-stage-1"]})
    plan_id: str = Field(foreign_key="plan.id", index=True)
    parent_id: str | None = Field(
        default=None, foreign_key="plan_point.id", index=True, description="The point this one details."
    )
    ordinal: int | None = Field(default=None, description="The number the source gives the point, if any.")
    sequence: int = Field(description="Order of the point within its plan, as the source lists it.")
    text: str = Field(sa_column=Column(Text, nullable=False))
    category: PointCategory


class PlanPoint(PlanPointBase, table=True):
    __tablename__ = "plan_point"


class PlanPointPublic(PlanPointBase):
    model_config = example(examples.PLAN_POINT)

    issue_ids: list[str] = []

"""Disputed issues and the positions actors take on them."""

from pydantic import Field as Described
from pydantic import model_validator
from sqlalchemy import JSON, CheckConstraint, Column
from sqlmodel import Field, SQLModel

from app.models import examples
from app.models.examples import example
from app.models.fields import Record, Slug, Text
from app.models.filters import equal, listing
from app.models.resource import LinkField, Resource, SubList, declare, link_table
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


PositionClaim = link_table("position_claim", owner=("position_id", "position.id"), target=("claim_id", "claim.id"))


class IssueCreate(Record):
    id: Slug
    name: Text
    description: str | None = None
    aliases: list[Text] = []


class PositionCreate(Record):
    id: Slug
    actor_id: Slug
    stance: Stance
    summary: Text
    issue_id: Slug | None = None
    plan_id: Slug | None = None
    plan_point_id: Slug | None = None
    claim_ids: list[Slug] = Described(min_length=1)

    @model_validator(mode="after")
    def _has_target(self) -> "PositionCreate":
        if not (self.issue_id or self.plan_id or self.plan_point_id):
            raise ValueError("a position needs an issue_id, plan_id or plan_point_id")
        return self


ISSUE = declare(
    Resource(
        kind="issue",
        label="issue",
        collection="issues",
        table=DisputedIssue,
        public=DisputedIssuePublic,
        create=IssueCreate,
        search=lambda r: (r.name, r.description),
        seed_section="issues",
        sort_fields=("id", "name"),
        list_doc="List the disputed issues of the talks.",
        item_doc="Get one disputed issue.",
        sub_lists=(
            SubList(
                "position", "List every actor's position on this issue, with the claims behind each.", also=("stance",)
            ),
            SubList("claim", "List the claims about this issue."),
            SubList("plan_point", "List the plan points, across plans, that touch this issue."),
        ),
    )
)
POSITION = declare(
    Resource(
        kind="position", label="position", collection="positions", table=Position, public=PositionPublic,
        create=PositionCreate, search=lambda r: (r.summary, ""), seed_section="positions",
        links={"claim_ids": LinkField(PositionClaim, "position_id", "claim_id", "claim")},
        sort_fields=("id", "actor_id", "stance", "issue_id"),
        filters=(
            equal(Position.actor_id), equal(Position.issue_id), equal(Position.plan_id),
            equal(Position.plan_point_id), equal(Position.stance, Stance),
            listing(PositionClaim.position_id, PositionClaim.claim_id, "claim_id", "Positions this claim backs."),
        ),
        list_doc="List actors' stances (supports / opposes / conditional / unclear).",
        item_doc="Get one position with the claims that back it.",
        sub_lists=(),
    )
)  # fmt: skip

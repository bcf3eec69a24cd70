"""Peace plans and their points."""

from datetime import date

from pydantic import Field as Described
from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from app.models import examples
from app.models.examples import example
from app.models.fields import Day, Int, Record, Slug
from app.models.fields import Text as NonEmpty
from app.models.filters import day_range, equal, listing
from app.models.resource import LinkField, Resource, SubList, declare, link_table
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


PlanProposer = link_table("plan_proposer", owner=("plan_id", "plan.id"), target=("actor_id", "actor.id"))


PlanPointIssue = link_table(
    "plan_point_issue", owner=("plan_point_id", "plan_point.id"), target=("issue_id", "disputed_issue.id")
)


class PlanCreate(Record):
    """A plan's own fields: the create schema of the API, and a seed plan without its points."""

    id: Slug
    name: NonEmpty
    status: PlanStatus
    announced_on: Day | None = None
    description: str | None = None
    supersedes_id: Slug | None = None
    source_id: Slug | None = None
    proposer_ids: list[Slug] = []


class PlanPointSeed(Record):
    """A point as a seed plan lists it: its plan and order are where it stands."""

    id: Slug
    ordinal: Int | None = None
    parent_id: Slug | None = None
    text: NonEmpty
    category: PointCategory
    issue_ids: list[Slug] = []


class PlanPointCreate(PlanPointSeed):
    plan_id: Slug
    sequence: Int | None = Described(default=None, description="Order within the plan; default: after the last.")


PLAN = declare(
    Resource(
        kind="plan",
        label="plan",
        collection="plans",
        table=Plan,
        public=PlanPublic,
        create=PlanCreate,
        search=lambda r: (r.name, r.description),
        seed_section="plans",
        links={"proposer_ids": LinkField(PlanProposer, "plan_id", "actor_id", "actor")},
        sort_fields=("id", "name", "announced_on", "status"),
        filters=(
            equal(Plan.status, PlanStatus),
            listing(PlanProposer.plan_id, PlanProposer.actor_id, "actor_id", "Plans this actor proposed."),
            *day_range(Plan.announced_on, "announced"),
        ),
        list_doc="List peace plans.",
        item_doc="Get one plan with its proposers and the plan it supersedes.",
        sub_lists=(
            SubList(
                "plan_point",
                "List this plan's points in the order the source gives them.",
                segment="points",
                name="list_plan_points_of_plan",
            ),
            SubList("position", "List actors' positions on this plan as a whole."),
        ),
    )
)
PLAN_POINT = declare(
    Resource(
        kind="plan_point", label="plan point", collection="plan-points", table=PlanPoint, public=PlanPointPublic,
        create=PlanPointCreate, search=lambda r: (r.text, ""),
        links={"issue_ids": LinkField(PlanPointIssue, "plan_point_id", "issue_id", "issue")},
        sort_fields=("id", "plan_id", "sequence", "ordinal", "category"),
        filters=(
            equal(PlanPoint.plan_id), equal(PlanPoint.category, PointCategory),
            listing(PlanPointIssue.plan_point_id, PlanPointIssue.issue_id, "issue_id",
                    "Points touching this disputed issue."),
            equal(PlanPoint.parent_id, str, "Sub-points of this point."),
        ),
        # Plan by plan, each plan's points in the source's order.
        natural_order=("plan_id", "sequence"),
        list_doc="List plan points across plans (as CSV at `/plan-points.csv`).",
        item_doc="Get one plan point with the issues it touches.",
        sub_lists=(
            SubList("claim", "List the claims about this plan point."),
            SubList("position", "List actors' positions on this plan point."),
        ),
    )
)  # fmt: skip

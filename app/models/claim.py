"""Claims — the atomic, quoted unit of evidence — and the typed relations between them."""

from datetime import date
from typing import Literal

from pydantic import Field as Described
from pydantic import model_validator
from sqlalchemy import CheckConstraint, Column, Index, Text, UniqueConstraint, or_, select
from sqlmodel import Field, SQLModel

from app.models import examples
from app.models.examples import example
from app.models.fields import Day, Int, Number, Record, Slug
from app.models.fields import Text as NonEmpty
from app.models.filters import Filter, day_range, equal, listing
from app.models.resource import RESOURCES, LinkField, Resource, SubList, declare, link_table
from app.models.vocab import CREDIBILITY_MAX, CREDIBILITY_MIN, RelationType


class ClaimBase(SQLModel):
    id: str = Field(primary_key=True, schema_extra={"examples": ["russia-controls-99-percent-luhansk"]})
    statement: str = Field(description="The claim, normalised into one plain sentence.")
    source_id: str = Field(foreign_key="source.id")
    quote: str = Field(sa_column=Column(Text, nullable=False), description="The verbatim words it rests on.")
    quote_start: int = Field(description="Code-point offset of the quote in the source text (inclusive).")
    quote_end: int = Field(description="Code-point offset just past the quote: text[start:end] == quote.")
    quote_start_utf16: int = Field(
        description="The quote's start in UTF-16 code units, as JavaScript strings count: in a browser, "
        "text.slice(quote_start_utf16, quote_end_utf16) == quote. It differs from quote_start after a character "
        "outside the Basic Multilingual Plane (an emoji counts one code point, two units)."
    )
    quote_end_utf16: int = Field(description="UTF-16 code-unit offset just past the quote.")
    speaker_id: str | None = Field(default=None, foreign_key="actor.id")
    attribution: str | None = Field(default=None, description="Who the source says made the claim.")
    stated_on: date | None = Field(default=None, index=True)
    value: float | None = Field(default=None, description="For quantitative claims: the number.")
    unit: str | None = None
    measure: str | None = Field(default=None, description="What the number measures.")
    value_on: date | None = Field(default=None, description="For claims whose quantity is a calendar date.")
    credibility: int = Field(description="Admiralty information credibility, 1 (confirmed) … 6 (cannot judge).")
    credibility_note: str | None = None


class Claim(ClaimBase, table=True):
    __table_args__ = (
        # With the id second, a source's or speaker's claims come off the index already in list order.
        Index("ix_claim_source_id_id", "source_id", "id"),
        Index("ix_claim_speaker_id_id", "speaker_id", "id"),
        CheckConstraint("credibility BETWEEN 1 AND 6", name="claim_credibility_range"),
        CheckConstraint("quote_start >= 0 AND quote_end > quote_start", name="claim_quote_span"),
    )


class ClaimRelationBase(SQLModel):
    id: str = Field(primary_key=True, schema_extra={"examples": ["us-envoys-identity-conflict"]})
    type: RelationType
    from_claim_id: str = Field(foreign_key="claim.id", index=True)
    to_claim_id: str = Field(foreign_key="claim.id", index=True)
    rationale: str = Field(description="One line on why the two claims relate this way.")


class ClaimRelation(ClaimRelationBase, table=True):
    __tablename__ = "claim_relation"
    __table_args__ = (
        UniqueConstraint("type", "from_claim_id", "to_claim_id", name="claim_relation_unique"),
        CheckConstraint("from_claim_id <> to_claim_id", name="claim_relation_not_self"),
    )


class ClaimRelationPublic(ClaimRelationBase):
    model_config = example(examples.RELATION)


class RelatedClaim(SQLModel):
    """A relation seen from one claim: the other claim and which way the link points."""

    relation_id: str
    type: RelationType
    direction: Literal["outgoing", "incoming"]
    claim_id: str
    rationale: str


class ClaimPublic(ClaimBase):
    model_config = example(examples.CLAIM)

    actor_ids: list[str] = []
    plan_point_ids: list[str] = []
    issue_ids: list[str] = []
    event_ids: list[str] = []
    relations: list[RelatedClaim] = []


# A claim link's second index holds (target, claim id): an actor's, issue's, event's or plan point's claims
# come off it already in the lists' id order, so a page of them reads only that page (the filters' walks).
ClaimActor = link_table(
    "claim_actor", owner=("claim_id", "claim.id"), target=("actor_id", "actor.id"), paired_index=True
)


ClaimPlanPoint = link_table(
    "claim_plan_point", owner=("claim_id", "claim.id"), target=("plan_point_id", "plan_point.id"), paired_index=True
)


ClaimIssue = link_table(
    "claim_issue", owner=("claim_id", "claim.id"), target=("issue_id", "disputed_issue.id"), paired_index=True
)


ClaimEvent = link_table(
    "claim_event", owner=("claim_id", "claim.id"), target=("event_id", "event.id"), paired_index=True
)


class ClaimCreate(Record):
    """A claim; its quote is located in the source text at load time (``prefix``/``suffix``/``quote_start``
    only choose between several occurrences)."""

    id: Slug
    statement: NonEmpty
    source_id: Slug
    quote: NonEmpty
    prefix: str | None = None
    suffix: str | None = None
    quote_start: Int | None = Described(default=None, ge=0)
    quote_end: Int | None = Described(default=None, ge=0)
    speaker_id: Slug | None = None
    attribution: str | None = None
    stated_on: Day | None = None
    value: Number | None = None
    unit: str | None = None
    measure: str | None = None
    value_on: Day | None = None
    credibility: Int = Described(ge=CREDIBILITY_MIN, le=CREDIBILITY_MAX)
    credibility_note: str | None = None
    actor_ids: list[Slug] = []
    plan_point_ids: list[Slug] = []
    issue_ids: list[Slug] = []
    event_ids: list[Slug] = []

    @model_validator(mode="after")
    def _quantities_have_units(self) -> "ClaimCreate":
        if self.value is not None and not (self.unit and self.measure):
            raise ValueError("a claim with a 'value' needs a 'unit' and a 'measure'")
        return self


class RelationCreate(Record):
    id: Slug
    type: RelationType
    from_claim_id: Slug
    to_claim_id: Slug
    rationale: NonEmpty


CLAIM_LINKS = {
    "actor_ids": LinkField(ClaimActor, "claim_id", "actor_id", "actor"),
    "plan_point_ids": LinkField(ClaimPlanPoint, "claim_id", "plan_point_id", "plan_point"),
    "issue_ids": LinkField(ClaimIssue, "claim_id", "issue_id", "issue"),
    "event_ids": LinkField(ClaimEvent, "claim_id", "event_id", "event", shown_as="claim_ids"),
}


def _about_or_spoken_by(actor_id: str):
    return or_(Claim.id.in_(select(ClaimActor.claim_id).where(ClaimActor.actor_id == actor_id)),
               Claim.speaker_id == actor_id)  # fmt: skip


def _in_plan(plan_id: str):
    point = RESOURCES["plan_point"].table  # by name: the plan module imports this one
    in_plan = select(ClaimPlanPoint.claim_id).join(point, point.id == ClaimPlanPoint.plan_point_id)
    return Claim.id.in_(in_plan.where(point.plan_id == plan_id))


def _quantitative(wanted: bool):
    has_quantity = or_(Claim.value.is_not(None), Claim.value_on.is_not(None))
    return has_quantity if wanted else ~has_quantity


CLAIM_FILTERS = (
    equal(Claim.source_id, walk=True),
    Filter("actor_id", str, _about_or_spoken_by, "Claims about this actor or spoken by it.",
           walks=((ClaimActor.actor_id, ClaimActor.claim_id), (Claim.speaker_id, Claim.id))),
    equal(Claim.speaker_id, walk=True),
    listing(ClaimIssue.claim_id, ClaimIssue.issue_id, "issue_id", walk=True),
    Filter("plan_id", str, _in_plan, "Claims about any point of this plan."),
    listing(ClaimPlanPoint.claim_id, ClaimPlanPoint.plan_point_id, "plan_point_id", walk=True),
    listing(ClaimEvent.claim_id, ClaimEvent.event_id, "event_id", walk=True),
    *day_range(Claim.stated_on, "stated",
               described=("Stated on or after this date.", "Stated on or before this date.")),
    Filter("quantitative", bool, _quantitative, "Only claims with (true) or without a value."),
    Filter("max_credibility", int, lambda most: Claim.credibility <= most, "Credibility 1 (best) up to this.",
           ge=CREDIBILITY_MIN, le=CREDIBILITY_MAX),
)  # fmt: skip


def _either_end(claim_id: str):
    return or_(ClaimRelation.from_claim_id == claim_id, ClaimRelation.to_claim_id == claim_id)


RELATION_FILTERS = (
    equal(ClaimRelation.type, RelationType, "contradicts, supports or updates."),
    Filter("claim_id", str, _either_end, "Relations with this claim at either end."),
    equal(ClaimRelation.from_claim_id),
    equal(ClaimRelation.to_claim_id),
)
CLAIM = declare(
    Resource(
        kind="claim",
        label="claim",
        collection="claims",
        table=Claim,
        public=ClaimPublic,
        create=ClaimCreate,
        search=lambda r: (r.statement, r.quote),
        seed_section="claims",
        links=CLAIM_LINKS,
        sort_fields=("id", "stated_on", "credibility", "value", "source_id", "quote_start"),
        filters=CLAIM_FILTERS,
        list_doc="List claims, filtered, sorted and searchable.",
        sub_lists=(
            SubList(
                "claim_relation",
                "List the relations that start or end at this claim.",
                segment="relations",
                name="list_claim_relations_of_claim",
                also=("type",),
            ),
        ),
    )
)
CLAIM_RELATION = declare(
    Resource(
        kind="claim_relation", label="claim relation", collection="claim-relations", table=ClaimRelation,
        public=ClaimRelationPublic, create=RelationCreate, search=lambda r: (r.rationale, ""),
        seed_section="relations", sort_fields=("id", "type"), path_parameter="relation_id",
        sort_schema="RelationSort", filters=RELATION_FILTERS,
        list_doc="List typed relations between claims: contradictions, support, updates.", sub_lists=(),
    )
)  # fmt: skip

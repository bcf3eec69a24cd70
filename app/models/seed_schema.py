"""The shape of seed files and of the exported knowledge base: one pydantic model per record kind.

Seed files (YAML) and ``peacekb export`` (JSON) share this schema, so an export can be loaded back.
Every model forbids unknown fields, so a misspelt key fails the load instead of being ignored.
"""

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints, model_validator

from app.models.vocab import (
    CREDIBILITY_MAX,
    CREDIBILITY_MIN,
    SLUG_PATTERN,
    ActorKind,
    EventKind,
    PlanStatus,
    PointCategory,
    RelationType,
    Reliability,
    SourceKind,
    Stance,
)

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1)]


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # compiled once: every dated record of an import meets it


def iso_day(value: Any) -> Any:
    """Admit a date or ``YYYY-MM-DD`` only: pydantic alone would also read a number (``0``) as a day."""
    if isinstance(value, date) or (isinstance(value, str) and ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("must be a date written YYYY-MM-DD")


# Numbers and days as the JSON schema says they are: no true for 1, "2" for 2, or 0 for 1970-01-01.
Day = Annotated[date, BeforeValidator(iso_day)]
Int = Annotated[int, Strict()]
Number = Annotated[float, Strict()]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class DocumentSeed(Record):
    """A stored file: seed files name it by ``file`` (relative to the seed dir), exports inline ``text``."""

    id: Slug
    file: str | None = None
    filename: str | None = Field(default=None, description="The name the file was received under.")
    text: str | None = None
    sha256: str | None = None

    @model_validator(mode="after")
    def _file_or_text(self) -> "DocumentSeed":
        if (self.file is None) == (self.text is None):
            raise ValueError("give exactly one of 'file' or 'text'")
        return self


class SourceFields(Record):
    """What describes a source, whether it is written over the API or sliced out of a seed document."""

    id: Slug
    title: Text
    kind: SourceKind
    publisher: str | None = None
    attributed_to: str | None = None
    published_on: Day | None = None
    url: str | None = None
    reliability: Reliability
    reliability_note: Text
    notes: str | None = None
    updates_id: Slug | None = Field(default=None, description="The earlier source this one corrects.")


class SourceSeed(SourceFields):
    """A source; its text is a verbatim slice of a document, located by markers or by offsets."""

    document_id: Slug | None = None
    begins_with: str | None = Field(default=None, description="The source starts where this text occurs.")
    ends_before: str | None = Field(default=None, description="The source ends where this text occurs.")
    document_start: Int | None = Field(default=None, ge=0)
    document_end: Int | None = Field(default=None, ge=0)
    text: str | None = Field(default=None, description="For a source stored without a document.")

    @model_validator(mode="after")
    def _document_or_text(self) -> "SourceSeed":
        if (self.document_id is None) == (self.text is None):
            raise ValueError("give exactly one of 'document_id' or 'text'")
        return self


class RoleCreate(Record):
    role: Text
    claim_id: Slug


class ActorCreate(Record):
    id: Slug
    name: Text
    kind: ActorKind
    description: str | None = None
    affiliation_id: Slug | None = None
    aliases: list[Text] = []
    roles: list[RoleCreate] = []


class IssueCreate(Record):
    id: Slug
    name: Text
    description: str | None = None


class IssueSeed(IssueCreate):
    """An issue in the seed files: with the names analysts give it, which search expands queries by
    (app/text/expansion.py). They are checked when the seed loads; the database does not store them yet."""

    aliases: list[Text] = []


class PlanPointSeed(Record):
    id: Slug
    ordinal: Int | None = None
    parent_id: Slug | None = None
    text: Text
    category: PointCategory
    issue_ids: list[Slug] = []


class PlanCreate(Record):
    """A plan's own fields: the create schema of the API, and a seed plan without its points."""

    id: Slug
    name: Text
    status: PlanStatus
    announced_on: Day | None = None
    description: str | None = None
    supersedes_id: Slug | None = None
    source_id: Slug | None = None
    proposer_ids: list[Slug] = []


class PlanSeed(PlanCreate):
    points: list[PlanPointSeed] = []


class EventCreate(Record):
    id: Slug
    title: Text
    kind: EventKind
    occurred_on: Day | None = None
    date_note: str | None = None
    location: str | None = None
    description: str | None = None
    actor_ids: list[Slug] = []


class ClaimCreate(Record):
    """A claim; its quote is located in the source text at load time (``prefix``/``suffix``/``quote_start``
    only choose between several occurrences)."""

    id: Slug
    statement: Text
    source_id: Slug
    quote: Text
    prefix: str | None = None
    suffix: str | None = None
    quote_start: Int | None = Field(default=None, ge=0)
    quote_end: Int | None = Field(default=None, ge=0)
    speaker_id: Slug | None = None
    attribution: str | None = None
    stated_on: Day | None = None
    value: Number | None = None
    unit: str | None = None
    measure: str | None = None
    value_on: Day | None = None
    credibility: Int = Field(ge=CREDIBILITY_MIN, le=CREDIBILITY_MAX)
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


class PositionCreate(Record):
    id: Slug
    actor_id: Slug
    stance: Stance
    summary: Text
    issue_id: Slug | None = None
    plan_id: Slug | None = None
    plan_point_id: Slug | None = None
    claim_ids: list[Slug] = Field(min_length=1)

    @model_validator(mode="after")
    def _has_target(self) -> "PositionCreate":
        if not (self.issue_id or self.plan_id or self.plan_point_id):
            raise ValueError("a position needs an issue_id, plan_id or plan_point_id")
        return self


class ThesaurusEntrySeed(Record):
    """Words or phrases that mean the same in a search (seed_data/thesaurus.yaml). Checked when the seed
    loads; the database does not store them yet."""

    id: Slug
    terms: list[Text] = Field(min_length=2)
    note: Text


class RelationCreate(Record):
    id: Slug
    type: RelationType
    from_claim_id: Slug
    to_claim_id: Slug
    rationale: Text


class KnowledgeBaseSeed(Record):
    """The whole knowledge base: what seed files add up to and what ``peacekb export`` writes."""

    documents: list[DocumentSeed] = []
    sources: list[SourceSeed] = []
    actors: list[ActorCreate] = []
    issues: list[IssueSeed] = []
    plans: list[PlanSeed] = []
    events: list[EventCreate] = []
    claims: list[ClaimCreate] = []
    positions: list[PositionCreate] = []
    relations: list[RelationCreate] = []
    thesaurus: list[ThesaurusEntrySeed] = []


SECTIONS = tuple(KnowledgeBaseSeed.model_fields)

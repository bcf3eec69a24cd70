"""Claims — the atomic, quoted unit of evidence — and the typed relations between them."""

from datetime import date
from typing import Literal

from sqlalchemy import CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models import examples
from app.models.examples import example
from app.models.vocab import RelationType


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

"""What the curation assistant reads (a vocabulary, as plain data) and what it proposes (suggestions).

A ``Suggestion`` carries the fields of the claim create body (``statement``, ``quote``, ``quote_start`` …
``event_ids``) so that, once reviewed, it can be posted with an id, a source and a credibility added
(``claim_body``); besides them, the evidence a reviewer needs: the figures and dates found, the names no
actor matches, the relations to existing claims (filled in phase B), a confidence and its reasons.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SpanKind = Literal["sentence", "list_item", "table_row", "quotation", "field", "headline", "figure"]
QuantityKind = Literal["percent", "money", "count", "duration", "length", "area", "mass", "volume", "power"]
DatePrecision = Literal["day", "month", "year"]
RelationKind = Literal["contradicts", "supports", "updates"]


def _served(example: dict) -> ConfigDict:
    """An answer's schema: its example, and every field required (a field with a default is still sent)."""
    return ConfigDict(json_schema_extra={"examples": [example]}, json_schema_serialization_defaults_required=True)


QUANTITY_EXAMPLE = {"start": 1204, "end": 1215, "text": "2,300 POWs", "kind": "count", "value": 2300.0,
                    "unit": "prisoner of war", "qualifier": None, "approximate": False}  # fmt: skip
DATE_EXAMPLE = {"start": 40, "end": 51, "text": "25 Dec 2025", "iso": "2025-12-25", "precision": "day",
                "year": 2025, "on": "2025-12-25", "qualifier": None}  # fmt: skip
MENTION_EXAMPLE = {"start": 310, "end": 326, "text": "Sviato-Pokrovske", "kind": "name"}
RELATION_EXAMPLE = {"type": "contradicts", "claim_id": "witkoff-us-envoy-blog",
                    "rationale": "witkoff-us-envoy-blog gives the role 'u.s. envoy' to steve-witkoff, who is not "
                                 "named for it here."}  # fmt: skip


SUGGESTION_EXAMPLE = {
    "kind": "sentence",
    "statement": "Kyiv asserts that Russia holds near-total domination, about 99%, in neighboring Luhansk.",
    "quote": "Kyiv asserts that Russia holds … about 99%-in neighboring Luhansk",
    "quote_start": 2860, "quote_end": 2951, "quote_start_utf16": 2860, "quote_end_utf16": 2951, "section": None,
    "speaker_id": "ukraine", "attribution": "Kyiv",
    "attribution_start": 2860, "attribution_end": 2864, "stated_on": None, "value": 99.0, "unit": "percent",
    "measure": 'share of Luhansk (stated as "about")', "value_on": None,
    "quantities": [], "dates": [], "actor_ids": ["russia", "ukraine"], "issue_ids": ["territory-donbas"],
    "plan_point_ids": [], "event_ids": [], "mentions": [],
    "claimed_by": ["russia-controls-99-percent-luhansk"], "relations": [], "confidence": 0.8,
    "reasons": ["sentence", "speaker from 'Kyiv asserts'", "number: 99 percent (about)"],
}  # fmt: skip


class Quantity(BaseModel):
    """A number as data: ``value`` in base units (``$15 billion`` → 15000000000, unit ``USD``)."""

    model_config = _served(QUANTITY_EXAMPLE)

    start: int = Field(description="Code-point offset of the figure in the source text.")
    end: int
    text: str
    kind: QuantityKind
    value: float
    unit: str | None = Field(description="USD, percent, hours, the counted noun … None when the text names none.")
    qualifier: str | None = Field(default=None, description='As written: "roughly", "~", "more than" …')
    approximate: bool = False


class DateMention(BaseModel):
    """A calendar date as data, with the precision the text gives (a year alone is a date, not a quantity)."""

    model_config = _served(DATE_EXAMPLE)

    start: int
    end: int
    text: str
    iso: str = Field(description="2025-12-25, 2025-12, 2025, or --12-25 when the text gives no year.")
    precision: DatePrecision
    year: int | None = None
    on: date | None = Field(default=None, description="The day, when the precision is a day and the year known.")
    qualifier: str | None = Field(default=None, description='As written: "no earlier than", "late", "by" …')


class Mention(BaseModel):
    """A name in the span that matches no actor of the vocabulary: a candidate new actor."""

    model_config = _served(MENTION_EXAMPLE)

    start: int
    end: int
    text: str
    kind: Literal["name", "organisation", "acronym"]


class RelationCandidate(BaseModel):
    """A proposed link to a claim already in the knowledge base; nothing is linked until a curator accepts."""

    model_config = _served(RELATION_EXAMPLE)

    type: RelationKind
    claim_id: str
    rationale: str


class Suggestion(BaseModel):
    """One claim-sized span of a source, proposed as a claim: the claim create body's fields, and evidence."""

    model_config = _served(SUGGESTION_EXAMPLE)

    kind: SpanKind
    statement: str
    quote: str
    quote_start: int
    quote_end: int
    quote_start_utf16: int = Field(
        description="The quote's start in UTF-16 code units, as JavaScript strings count (an emoji is two)."
    )
    quote_end_utf16: int
    section: str | None = Field(default=None, description="The heading the span sits under, for context.")
    speaker_id: str | None = None
    attribution: str | None = Field(default=None, description="The attributed name as the text gives it.")
    attribution_start: int | None = None
    attribution_end: int | None = None
    stated_on: date | None = None
    value: float | None = None
    unit: str | None = None
    measure: str | None = None
    value_on: date | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    actor_ids: list[str] = Field(default_factory=list)
    issue_ids: list[str] = Field(default_factory=list)
    plan_point_ids: list[str] = Field(default_factory=list)
    event_ids: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    claimed_by: list[str] = Field(default_factory=list, description="Existing claims whose quote overlaps this one.")
    relations: list[RelationCandidate] = Field(default_factory=list)
    confidence: float = Field(ge=0, le=1)
    reasons: list[str] = Field(default_factory=list)


CLAIM_FIELDS = (
    "statement", "quote", "quote_start", "quote_end", "speaker_id", "attribution", "stated_on",
    "value", "unit", "measure", "value_on", "actor_ids", "issue_ids", "plan_point_ids", "event_ids",
)  # fmt: skip


def claim_body(suggestion: Suggestion, *, id: str, source_id: str, credibility: int) -> dict[str, Any]:
    """The claim create body of a reviewed suggestion: its claim fields plus what only a curator decides."""
    body = suggestion.model_dump(include=set(CLAIM_FIELDS), mode="json", exclude_none=True)
    return {"id": id, "source_id": source_id, "credibility": credibility, **body}


@dataclass(frozen=True)
class ActorEntry:
    """An actor as the assistant needs it: every spelling the knowledge base knows, and its titles."""

    id: str
    name: str
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    affiliation_id: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    """The knowledge base's names, as plain data (hashable, so what is built from it can be cached).

    ``thesaurus`` maps an abbreviation to its long form (``POW`` → ``prisoner of war``); it names the units
    of counts. Issues, plan points and events are linked in phase B, through the shared text analyser.
    """

    actors: tuple[ActorEntry, ...] = ()
    thesaurus: tuple[tuple[str, str], ...] = ()

    @classmethod
    def build(
        cls, *, actors: Iterable[Mapping[str, Any]] = (), thesaurus: Mapping[str, str] | None = None
    ) -> "Vocabulary":
        """From records shaped like ``seed_data/actors.yaml`` or the API's actors (roles as dicts or strings)."""
        entries = tuple(
            ActorEntry(
                id=a["id"],
                name=a["name"],
                kind=a.get("kind"),
                aliases=tuple(a.get("aliases") or ()),
                roles=tuple(r["role"] if isinstance(r, Mapping) else r for r in a.get("roles") or ()),
                affiliation_id=a.get("affiliation_id"),
            )
            for a in actors
        )
        return cls(actors=entries, thesaurus=tuple(sorted((thesaurus or {}).items())))

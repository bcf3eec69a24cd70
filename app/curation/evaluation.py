"""How close suggestions come to curated claims: what bench/suggest_quality.py prints and the tests hold.

A curated claim is covered when a suggestion's quote overlaps its quote; its number is found when an
overlapping suggestion gives the same value and unit (or day); its speaker when one gives the same speaker.
Precision counts the suggestions whose quote overlaps some curated claim's.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from app.curation.model import Suggestion


class CuratedClaim(Protocol):
    id: str
    value: float | None
    unit: str | None
    value_on: date | None
    speaker_id: str | None
    actor_ids: list[str]
    issue_ids: list[str]


class Span(Protocol):
    start: int
    end: int


@dataclass(frozen=True)
class Share:
    part: int
    whole: int

    @property
    def ratio(self) -> float | None:
        return self.part / self.whole if self.whole else None

    def __str__(self) -> str:
        return f"{self.part}/{self.whole} = {100 * self.part / self.whole:.0f}%" if self.whole else "n/a"


@dataclass
class Comparison:
    claims: int
    suggestions: int
    coverage: Share
    numbers: Share
    speakers: Share
    actors: Share
    issues: Share
    precision: Share
    confident_precision: Share  # suggestions of confidence >= 0.5
    not_covered: list[str] = field(default_factory=list)
    numbers_missed: list[str] = field(default_factory=list)
    contradictions_missed: list[str] = field(default_factory=list)  # filled by the bench, which has the relations


def _overlaps(a: int, b: int, span: Span) -> bool:
    return a < span.end and span.start < b


def _same_number(claim: CuratedClaim, s: Suggestion) -> bool:
    if claim.value_on is not None:
        return s.value_on == claim.value_on
    return s.value == claim.value and (s.unit or "").lower() == (claim.unit or "").lower()


def compare(claims: Iterable[CuratedClaim], spans: Mapping[str, Span], suggestions: list[Suggestion]) -> Comparison:
    """The figures for one source: its curated claims (with their spans in the text) against the suggestions."""
    claims = list(claims)
    near = {c.id: [s for s in suggestions if _overlaps(s.quote_start, s.quote_end, spans[c.id])] for c in claims}

    def on_claim(s: Suggestion) -> bool:
        return any(_overlaps(s.quote_start, s.quote_end, span) for span in spans.values())

    covered = [c for c in claims if near[c.id]]
    numbered = [c for c in claims if c.value is not None or c.value_on is not None]
    numbers = [c for c in numbered if any(_same_number(c, s) for s in near[c.id])]
    spoken = [c for c in claims if c.speaker_id]
    speakers = [c for c in spoken if any(s.speaker_id == c.speaker_id for s in near[c.id])]
    wanted = sum(len(c.actor_ids) for c in claims)
    linked = sum(len(set(c.actor_ids) & {a for s in near[c.id] for a in s.actor_ids}) for c in claims)
    issues_wanted = sum(len(c.issue_ids) for c in claims)
    issues_linked = sum(len(set(c.issue_ids) & {i for s in near[c.id] for i in s.issue_ids}) for c in claims)
    confident = [s for s in suggestions if s.confidence >= 0.5]
    return Comparison(
        claims=len(claims),
        suggestions=len(suggestions),
        coverage=Share(len(covered), len(claims)),
        numbers=Share(len(numbers), len(numbered)),
        speakers=Share(len(speakers), len(spoken)),
        actors=Share(linked, wanted),
        issues=Share(issues_linked, issues_wanted),
        precision=Share(sum(map(on_claim, suggestions)), len(suggestions)),
        confident_precision=Share(sum(map(on_claim, confident)), len(confident)),
        not_covered=[c.id for c in claims if c not in covered],
        numbers_missed=[c.id for c in numbered if c not in numbers],
    )

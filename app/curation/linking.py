"""Suggestions linked to what the knowledge base holds, over plain data: issues (by name and alias), plan
points and events by the shared analyser's terms (app/text), ``claimed_by`` from stored quotes that overlap,
and candidate relations to stored claims (app/curation/relations.py says which). Nothing here reads the
database (app/services/suggestions.py does, once).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from app.curation.model import Suggestion
from app.curation.relations import (
    Weights,
    figure_relations,
    function_relations,
    negation_relations,
    role_relations,
    stance_relations,
    terms,
)


@dataclass(frozen=True)
class Linkable:
    """An issue, plan point or event, by the terms of its name (and text)."""

    id: str
    name_terms: frozenset[str]
    wanted: int  # how many of them a span must hold


def linkable(id: str, text: str, *, at_most: int = 2, share: float = 0.0) -> Linkable:
    found = terms(text)
    return Linkable(id, found, max(min(at_most, len(found)), round(share * len(found))))


@dataclass(frozen=True)
class StoredClaim:
    id: str
    source_id: str
    statement: str
    quote_start: int
    quote_end: int
    actor_ids: frozenset[str] = frozenset()
    issue_ids: frozenset[str] = frozenset()
    value: float | None = None
    unit: str | None = None
    measure: str | None = None
    value_on: date | None = None
    published_on: date | None = None


@dataclass
class KnowledgeBase:
    """What the linking needs of the knowledge base, read once per request."""

    issues: list[Linkable] = field(default_factory=list)
    plan_points: list[Linkable] = field(default_factory=list)
    events: list[Linkable] = field(default_factory=list)
    claims: list[StoredClaim] = field(default_factory=list)  # claims with a figure, or naming the found actors
    roles: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # role → [(actor id, claim id)]
    this_source: list[StoredClaim] = field(default_factory=list)  # the claims quoting this text
    people: frozenset[str] = frozenset()  # the actors who are persons
    affiliations: dict[str, str] = field(default_factory=dict)  # actor id → the actor it belongs to
    actor_terms: dict[str, frozenset[str]] = field(default_factory=dict)  # actor id → the terms of its names

    @cached_property
    def claim_by_id(self) -> dict[str, StoredClaim]:
        return {claim.id: claim for claim in self.claims}


def _linked(span_terms: frozenset[str], candidates: Iterable[Linkable]) -> list[str]:
    """Ids in order, once each (an issue is linked by its name or by any of its aliases)."""
    found = [c.id for c in candidates if c.wanted and len(c.name_terms & span_terms) >= c.wanted]
    return list(dict.fromkeys(found))


def issues_in(suggestions: list[Suggestion], issues: list[Linkable]) -> set[str]:
    """The issues the suggestions raise (what the stored claims to compare with are chosen by)."""
    return {i for s in suggestions for i in _linked(terms(s.quote), issues)}


def _lead_ins(suggestions: list[Suggestion], text: str | None) -> list[str]:
    """Each suggestion's lead-in: the prose sentence just before it, with no blank line between, whose words its
    names often take up ("… a lengthy dialog with U.S. envoys.\nThe leader said a call with Steve Witkoff and
    jared Kushner …"). Headings and table rows lead into nothing: the heading is the suggestion's section."""
    lead_ins, last = [], None
    for s in suggestions:
        joined = (last is not None and text is not None and last.kind in ("sentence", "quotation")
                  and not text[last.quote_end : s.quote_start].count("\n") > 1)  # fmt: skip
        lead_ins.append(last.quote if joined and last.quote_end <= s.quote_start else "")
        if last is None or s.quote_start >= last.quote_end:
            last = s
    return lead_ins


def link(
    suggestions: list[Suggestion], kb: KnowledgeBase, *, published_on: date | None = None, text: str | None = None
) -> list[Suggestion]:
    """The suggestions with issues, plan points, events, ``claimed_by`` and candidate relations filled in
    (``text``, the suggestions' source text, lets a sentence take up the one before it)."""
    weights = Weights([c.statement for c in kb.claims])
    for s, lead_in in zip(suggestions, _lead_ins(suggestions, text), strict=True):
        span_terms = terms(s.quote)
        s.issue_ids = _linked(span_terms, kb.issues)
        s.plan_point_ids = _linked(span_terms, kb.plan_points)
        s.event_ids = _linked(span_terms, kb.events)
        s.claimed_by = [c.id for c in kb.this_source if c.quote_start < s.quote_end and s.quote_start < c.quote_end]
        relations = figure_relations(s, kb, published_on) + role_relations(s, kb, span_terms, lead_in)
        relations += negation_relations(s, kb, span_terms) + stance_relations(s, kb, span_terms, weights)
        relations += function_relations(s, kb, span_terms, weights)
        seen: set[str] = set()
        s.relations = [r for r in relations if not (r.claim_id in seen or seen.add(r.claim_id))]
        if s.relations:
            s.reasons.append(f"{len(s.relations)} candidate relation(s) to stored claims")
    return suggestions

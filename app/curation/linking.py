"""Suggestions linked to what the knowledge base holds, over plain data: issues, plan points and events by
the shared analyser's terms (app/text), ``claimed_by`` from stored quotes that overlap, and candidate
relations to stored claims. Nothing here reads the database (app/services/suggestions.py does, once).

Candidate relations, each with its rationale; a curator decides:
- the same measure (by analysed terms) of a shared actor with another value or day → ``contradicts``, or
  ``updates`` when the stored claim's source is older than this text; with the same value → ``supports``;
- a person named with a role that the knowledge base gives other holders ("U.S. envoy") → ``contradicts``
  the claims that gave them the role;
- a statement and its negation (the same informative terms, one side negated) → ``contradicts``;
- the same function (policing, oversight, monitoring, guarantees) on the same matter given to other actors
  in another source → ``contradicts`` (the closest three).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from app.curation.model import RelationCandidate, Suggestion
from app.text import analyse

_NEGATIONS = frozenset(["not", "no", "never", "without", "deny", "denies", "denied", "reject", "rejects",
                        "rejected", "refuse", "refuses", "refused", "rule", "nor", "none"])  # fmt: skip
_GENERIC = frozenset(["say", "state", "will", "would", "also", "new", "one", "two", "include"])


@lru_cache(maxsize=65536)  # a stored claim's statement and measure are compared with every suggestion
def terms(text: str) -> frozenset[str]:
    """The informative analysed terms of a text (stop words and the generic verbs of reporting left out)."""
    return frozenset(t.term for t in analyse(text) if not t.is_stop and t.term not in _GENERIC)


@lru_cache(maxsize=65536)
def _negated(text: str) -> bool:
    return any(t.term in _NEGATIONS or t.term.endswith("n't") for t in analyse(text))


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


def _linked(span_terms: frozenset[str], candidates: Iterable[Linkable]) -> list[str]:
    return [c.id for c in candidates if c.wanted and len(c.name_terms & span_terms) >= c.wanted]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _figure_relations(s: Suggestion, kb: KnowledgeBase, published_on: date | None) -> list[RelationCandidate]:
    if s.measure is None or (s.value is None and s.value_on is None):
        return []
    measure = terms(s.measure)
    actors = set(s.actor_ids)
    found = []
    for claim in kb.claims:
        if claim.measure is None or (claim.value is None and claim.value_on is None) or claim.id in s.claimed_by:
            continue
        if not (actors & claim.actor_ids) or _jaccard(measure, terms(claim.measure)) < 0.4:
            continue
        if (s.unit or "").lower() != (claim.unit or "").lower() and s.value_on is None:
            continue
        same = s.value_on == claim.value_on if s.value_on else s.value == claim.value
        shown = f"{claim.value_on}" if claim.value_on else f"{claim.value:g} {claim.unit or ''}".strip()
        if same:
            found.append(RelationCandidate(type="supports", claim_id=claim.id,
                                           rationale=f"The same figure ({shown}) for {claim.measure}."))  # fmt: skip
            continue
        older = published_on and claim.published_on and claim.published_on < published_on
        mine = f"{s.value_on}" if s.value_on else f"{s.value:g} {s.unit or ''}".strip()
        found.append(RelationCandidate(
            type="updates" if older else "contradicts", claim_id=claim.id,
            rationale=f"{claim.measure}: {mine} here, {shown} in {claim.source_id}"
            + (" (an older source)." if older else "."),
        ))  # fmt: skip
    return found


def _holds_role(role: str, folded: str, named: set[str], holder_ids: set[str], kb: KnowledgeBase) -> bool:
    """The span gives the role to a person of the same affiliation as its holders, by its title ("u.s.
    envoy") or its last word ("envoy": O'hara, "Special Envoy for Ukraine Peace Process")."""
    theirs = {kb.affiliations.get(a) for a in holder_ids} - {None}
    if not any(kb.affiliations.get(a) in theirs for a in named):
        return False
    return role in folded or role.split()[-1] in {t.term for t in analyse(folded)}


def _role_relations(s: Suggestion, kb: KnowledgeBase, folded: str) -> list[RelationCandidate]:
    """A role the span gives to someone while the knowledge base gives it to another ("U.S. envoy")."""
    found = []
    named = (set(s.actor_ids) | ({s.speaker_id} if s.speaker_id else set())) & set(kb.people)
    for role, holders in kb.roles.items():
        holder_ids = {actor for actor, _ in holders}
        if not named or not _holds_role(role, folded, named, holder_ids, kb):
            continue
        others = [(a, c) for a, c in holders if a not in named and c not in s.claimed_by]
        for actor_id, claim_id in others:
            found.append(RelationCandidate(type="contradicts", claim_id=claim_id,
                                           rationale=f"{claim_id} gives the role '{role}' to {actor_id}, "
                                                     "who is not named for it here."))  # fmt: skip
    return found


def _negation_relations(s: Suggestion, kb: KnowledgeBase, span_terms: frozenset[str]) -> list[RelationCandidate]:
    found = []
    negated = _negated(s.quote)
    for claim in kb.claims:
        if claim.id in s.claimed_by or not (set(s.actor_ids) & claim.actor_ids):
            continue
        if _negated(claim.statement) != negated and _jaccard(span_terms - _NEGATIONS, terms(claim.statement)
                                                            - _NEGATIONS) >= 0.5:  # fmt: skip
            found.append(RelationCandidate(type="contradicts", claim_id=claim.id,
                                           rationale="The same statement, negated on one side."))  # fmt: skip
    return found


# Who keeps watch over an arrangement: two texts that give it to different actors disagree on who.
_FUNCTIONS = frozenset(["police", "policing", "oversight", "oversee", "monitor", "monitoring", "guarantee",
                        "guarantor", "supervise", "supervision", "govern", "audit", "observer"])  # fmt: skip
_MOST_BY_FUNCTION = 3


def _function_relations(s: Suggestion, kb: KnowledgeBase, span_terms: frozenset[str]) -> list[RelationCandidate]:
    """Another text gives the same function (policing, oversight, monitoring …) on the same matter to other
    actors: "joint Ukrainian-Russian oversight" against "policed by Ukraine alone"."""
    functions = span_terms & _FUNCTIONS
    actors = set(s.actor_ids)
    if not functions or not actors:
        return []
    scored = []
    for claim in kb.claims:
        theirs = terms(claim.statement)
        shared = theirs & _FUNCTIONS  # policing, oversight and monitoring are one question: who keeps watch
        if not shared or claim.id in s.claimed_by or not claim.actor_ids or claim.actor_ids == actors:
            continue
        common = len((span_terms & theirs) - _FUNCTIONS)  # on the same matter: words beside the function
        if common >= 2:
            scored.append((common + _jaccard(span_terms, theirs), claim, sorted(shared)[0]))
    scored.sort(key=lambda found: -found[0])
    found = []
    for _, claim, function in scored[:_MOST_BY_FUNCTION]:
        rationale = (f"Who keeps watch ({function}): {', '.join(sorted(actors))} here; "
                     f"{', '.join(sorted(claim.actor_ids))} in {claim.source_id}.")  # fmt: skip
        found.append(RelationCandidate(type="contradicts", claim_id=claim.id, rationale=rationale))
    return found


def link(suggestions: list[Suggestion], kb: KnowledgeBase, *, published_on: date | None = None) -> list[Suggestion]:
    """The suggestions with issues, plan points, events, ``claimed_by`` and candidate relations filled in."""
    for s in suggestions:
        span_terms = terms(s.quote)
        s.issue_ids = _linked(span_terms, kb.issues)
        s.plan_point_ids = _linked(span_terms, kb.plan_points)
        s.event_ids = _linked(span_terms, kb.events)
        s.claimed_by = [c.id for c in kb.this_source if c.quote_start < s.quote_end and s.quote_start < c.quote_end]
        relations = _figure_relations(s, kb, published_on) + _role_relations(s, kb, s.quote.casefold())
        relations += _negation_relations(s, kb, span_terms) + _function_relations(s, kb, span_terms)
        seen: set[str] = set()
        s.relations = [r for r in relations if not (r.claim_id in seen or seen.add(r.claim_id))]
        if s.relations:
            s.reasons.append(f"{len(s.relations)} candidate relation(s) to stored claims")
    return suggestions

"""Candidate relations between a suggestion and the stored claims of other sources, each with its rationale;
a curator decides. Over plain data (app/curation/linking.py holds it); nothing here reads the database.

- the same measure (by analysed terms) of a shared actor with another value or day → ``contradicts``, or
  ``updates`` when the stored claim's source is older than this text; with the same value → ``supports``;
- a person given a role ("U.S. envoy", by the span or the heading it sits under) that the knowledge base
  gives other holders → ``contradicts`` the claims that give it to them (the claim a role cites, and any
  claim that names other holders with the role's word: "the U.S. envoys are Kupchik, O'hara and Lee");
- a statement and its negation (the same informative terms, one side negated) → ``contradicts``;
- one side refusing, denying or limiting what the other affirms, on the same matter (a shared actor and
  enough shared words, weighed by how rare they are in the knowledge base, or a shared issue) →
  ``contradicts`` (the closest three);
- the same function (policing, oversight, monitoring, guarantees) on the same matter given to other actors
  → ``contradicts`` (the closest three).
"""

import math
import re
from collections import Counter
from datetime import date
from functools import lru_cache

from app.curation.model import RelationCandidate, Suggestion
from app.text import analyse

_NEGATIONS = frozenset(["not", "no", "never", "without", "deny", "denies", "denied", "reject", "rejects",
                        "rejected", "refuse", "refuses", "refused", "rule", "nor", "none"])  # fmt: skip
# A limit is a denial of everything past it: "support is limited to air defence" against "NATO guarantees".
_LIMITS = frozenset(["limit", "limited", "only", "solely", "exclusively", "restrict", "restricted"])
_GENERIC = frozenset(["say", "state", "will", "would", "also", "new", "one", "two", "include"])
_MOST_BY_STANCE = 3
# Shared words must weigh this much (their summed inverse document frequency over the compared claims) to
# be the same matter: about two words each found in no more than one claim in eight.
_SAME_MATTER = 2 * math.log(8)


@lru_cache(maxsize=65536)  # a stored claim's statement and measure are compared with every suggestion
def terms(text: str) -> frozenset[str]:
    """The informative analysed terms of a text (stop words and the generic verbs of reporting left out)."""
    return frozenset(t.term for t in analyse(text) if not t.is_stop and t.term not in _GENERIC)


def terms_of_text(text: str) -> frozenset[str]:
    """The same for a whole source text, uncached (a text can be megabytes)."""
    return frozenset(t.term for t in analyse(text) if not t.is_stop)


@lru_cache(maxsize=65536)
def _negated(text: str) -> bool:
    return any(t.term in _NEGATIONS or t.term.endswith("n't") for t in analyse(text))


def _denies(text: str) -> bool:
    return _negated(text) or bool(terms(text) & _LIMITS)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def role_head(role: str) -> str | None:
    """The word a role is named by: "envoy" of "U.S. envoy" and of "Special Envoy for Ukraine Peace Process",
    "secretary" of "Deputy Secretary of State" (its last word before "of", "for" or "at")."""
    named = re.split(r"\b(?:of|for|at|to|on)\b", role, maxsplit=1)[0]
    found = [t.term for t in analyse(named) if not t.is_stop]
    return found[-1] if found else None


class Weights:
    """How rare each term is among the compared claims (inverse document frequency), computed once."""

    def __init__(self, statements: list[str]):
        counts: Counter[str] = Counter()
        for statement in statements:
            counts.update(terms(statement))
        self._total, self._counts = max(1, len(statements)), counts

    def of(self, shared: frozenset[str]) -> float:
        return sum(math.log(self._total / self._counts.get(term, 1)) for term in shared)


def figure_relations(s: Suggestion, kb, published_on: date | None) -> list[RelationCandidate]:
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


def _gives_role(role: str, folded: str, context: frozenset[str], named: set[str], holder_ids: set[str], kb) -> bool:
    """The span gives the role to a person of the same affiliation as its holders, by its title ("u.s.
    envoy") or its head word ("envoy": "Special Envoy for Ukraine Peace Process"), in the span or in the
    heading it sits under ("Who Are the U.S. Envoys Leading …" over a table of names)."""
    theirs = {kb.affiliations.get(a) for a in holder_ids} - {None}
    if not any(kb.affiliations.get(a) in theirs for a in named):
        return False
    return role in folded or role_head(role) in context


def role_relations(s: Suggestion, kb, span_terms: frozenset[str], lead_in: str = "") -> list[RelationCandidate]:
    """A role the span gives to someone while the knowledge base gives it to others ("U.S. envoy"); the role
    may be named in the span, the heading it sits under, or the sentence that leads into it."""
    named = (set(s.actor_ids) | ({s.speaker_id} if s.speaker_id else set())) & set(kb.people)
    if not named:
        return []
    folded = f"{s.section or ''}\n{lead_in}\n{s.quote}".casefold()
    context = span_terms | terms(s.section or "") | terms(lead_in)
    found = []
    for role, holders in kb.roles.items():
        holder_ids = {actor for actor, _ in holders}
        if not _gives_role(role, folded, context, named, holder_ids, kb):
            continue
        others = {actor for actor in holder_ids if actor not in named}
        # A claim that also gives the role to someone named here ("Witkoff and Kushner") agrees in part: not cited.
        cited = [(a, c) for a, c in holders if a in others and c not in s.claimed_by
                 and not (c in kb.claim_by_id and named & kb.claim_by_id[c].actor_ids)]  # fmt: skip
        head = role_head(role)
        # Claims that call other holders by the role's word, none of those named here among them.
        calling = [(sorted(others & c.actor_ids)[0], c.id) for c in kb.claims
                   if others & c.actor_ids and not named & c.actor_ids and head in terms(c.statement)]  # fmt: skip
        for actor_id, claim_id in cited + calling:
            found.append(RelationCandidate(type="contradicts", claim_id=claim_id,
                                           rationale=f"{claim_id} gives the role '{role}' to {actor_id}, "
                                                     "who is not named for it here."))  # fmt: skip
    return found


def negation_relations(s: Suggestion, kb, span_terms: frozenset[str]) -> list[RelationCandidate]:
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


def _same_matter(s: Suggestion, claim, shared: frozenset[str], weights: Weights, kb) -> float:
    """How surely two statements speak of the same matter: their rare shared words, and a shared issue. The
    names of the actors both name do not count again: sharing an actor is asked for apart."""
    for actor_id in set(s.actor_ids) & claim.actor_ids:
        shared -= kb.actor_terms.get(actor_id, frozenset())
    return weights.of(shared) + (_SAME_MATTER if set(s.issue_ids) & claim.issue_ids else 0.0)


def stance_relations(s: Suggestion, kb, span_terms: frozenset[str], weights: Weights) -> list[RelationCandidate]:
    """One side refuses, denies or limits what the other affirms, on the same matter with a shared actor:
    "refuses to cede territories" against "withdrawal of Ukrainian troops" on the territory issue."""
    denies = _denies(s.quote)
    actors = set(s.actor_ids)
    plain = span_terms - _NEGATIONS - _LIMITS
    scored = []
    for claim in kb.claims:
        if claim.id in s.claimed_by or not (actors & claim.actor_ids) or _denies(claim.statement) == denies:
            continue
        if claim.value is not None or claim.value_on is not None:
            continue  # a measurement is weighed against figures (figure_relations), not against a stance
        score = _same_matter(s, claim, plain & terms(claim.statement), weights, kb)
        if score >= _SAME_MATTER:
            scored.append((score, claim))
    scored.sort(key=lambda found: (-found[0], found[1].id))
    return [
        RelationCandidate(type="contradicts", claim_id=claim.id,
                          rationale=("Refused, denied or limited here, affirmed" if denies else
                                     "Affirmed here, refused, denied or limited") + f" in {claim.source_id}.")
        for _, claim in scored[:_MOST_BY_STANCE]
    ]  # fmt: skip


# Who keeps watch over an arrangement: two texts that give it to different actors disagree on who.
_FUNCTIONS = frozenset(["police", "policing", "oversight", "oversee", "monitor", "monitoring", "guarantee",
                        "guarantor", "supervise", "supervision", "govern", "audit", "observer"])  # fmt: skip
_MOST_BY_FUNCTION = 3


def function_relations(s: Suggestion, kb, span_terms: frozenset[str], weights: Weights) -> list[RelationCandidate]:
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
        # On the same matter: words beside the function, or an issue, in common.
        score = _same_matter(s, claim, (span_terms & theirs) - _FUNCTIONS, weights, kb)
        if score >= _SAME_MATTER / 2:
            scored.append((score, claim, sorted(shared)[0]))
    scored.sort(key=lambda found: (-found[0], found[1].id))
    found = []
    for _, claim, function in scored[:_MOST_BY_FUNCTION]:
        rationale = (f"Who keeps watch ({function}): {', '.join(sorted(actors))} here; "
                     f"{', '.join(sorted(claim.actor_ids))} in {claim.source_id}.")  # fmt: skip
        found.append(RelationCandidate(type="contradicts", claim_id=claim.id, rationale=rationale))
    return found

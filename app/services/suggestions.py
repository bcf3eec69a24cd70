"""Suggested claims for a text, linked to the knowledge base: the curation assistant over the database.

Everything the assistant needs of the knowledge base is read once per request, in a handful of queries
(actors with aliases and roles, issues, plan points, events, the claims with a figure or naming the actors
found, and the claims already quoting this source); the rest is the pure core (app/curation). Nothing is
written: asking for suggestions changes no row and records no revision.
"""

import re
from collections import defaultdict
from datetime import date

from sqlalchemy import or_, select
from sqlmodel import Session

from app.curation import Suggestion, Vocabulary, suggest
from app.curation.linking import KnowledgeBase, Linkable, StoredClaim, issues_in, link, linkable
from app.curation.relations import role_head, terms, terms_of_text
from app.models import (
    Actor,
    ActorRole,
    Claim,
    ClaimActor,
    ClaimIssue,
    DisputedIssue,
    Event,
    PlanPoint,
    Source,
)

# The acronyms the seed's counts use, until the thesaurus is in the database (issue 11).
THESAURUS = {"POW": "prisoner of war"}
# Stored claims compared with the suggestions, at most: a bound on the request, whatever the database holds.
MAX_COMPARED = 5000


def vocabulary(session: Session) -> Vocabulary:
    """The actors with every alias and role, as the assistant's vocabulary."""
    roles: dict[str, list[str]] = defaultdict(list)
    for actor_id, role in session.execute(select(ActorRole.actor_id, ActorRole.role)):
        roles[actor_id].append(role)
    actors = [
        {"id": a.id, "name": a.name, "kind": a.kind, "aliases": a.aliases or [], "roles": roles.get(a.id, []),
         "affiliation_id": a.affiliation_id}
        for a in session.execute(select(Actor)).scalars()
    ]  # fmt: skip
    return Vocabulary.build(actors=actors, thesaurus=THESAURUS)


def _links(session: Session, table, column, ids: list[str]) -> dict[str, set[str]]:
    """claim id → the ids a link table gives it, read in chunks (a bound on the statement's parameters)."""
    found: dict[str, set[str]] = defaultdict(set)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for claim_id, other in session.execute(select(table.claim_id, column).where(table.claim_id.in_(chunk))):
            found[claim_id].add(other)
    return found


def _stored(session: Session, statement) -> list[StoredClaim]:
    rows = session.execute(statement.limit(MAX_COMPARED)).all()
    ids = [row.id for row in rows]
    actors = _links(session, ClaimActor, ClaimActor.actor_id, ids)
    issues = _links(session, ClaimIssue, ClaimIssue.issue_id, ids)
    return [
        StoredClaim(id=r.id, source_id=r.source_id, statement=r.statement, quote_start=r.quote_start,
                    quote_end=r.quote_end, actor_ids=frozenset(actors.get(r.id, ())),
                    issue_ids=frozenset(issues.get(r.id, ())), value=r.value, unit=r.unit, measure=r.measure,
                    value_on=r.value_on, published_on=r.published_on)
        for r in rows
    ]  # fmt: skip


_CLAIM_COLUMNS = (Claim.id, Claim.source_id, Claim.statement, Claim.quote_start, Claim.quote_end, Claim.value,
                  Claim.unit, Claim.measure, Claim.value_on, Source.published_on)  # fmt: skip


# A proper name inside a sentence ("chiefly the Donetsk and Luhansk regions"), asides in brackets left out.
_PROPER_NAME = re.compile(r"(?<=[a-z,;] )([A-Z][\w'’]+)(?=[\s,.;:])")
_ASIDE = re.compile(r"\([^)]*\)")


def issue_linkables(session: Session) -> list[Linkable]:
    """Each issue by its name, by each of its aliases ("ceding territory", "security assurances"), and by
    each place or thing its description names ("Donetsk", "Luhansk" for the territory issue). A name that is
    an actor's (Kyiv, NATO) or a source's ("the Praise article") would link every span naming it: left out."""
    taken = {t for name in session.scalars(select(Actor.name)) for t in terms(name)}
    taken |= {t for aliases in session.scalars(select(Actor.aliases)) for alias in aliases or () for t in terms(alias)}
    taken |= {t for title in session.scalars(select(Source.title)) for t in terms(title)}
    found = []
    for issue_id, name, aliases, description in session.execute(
        select(DisputedIssue.id, DisputedIssue.name, DisputedIssue.aliases, DisputedIssue.description)
    ):
        found.append(linkable(issue_id, name))
        found.extend(linkable(issue_id, alias, at_most=len(terms(alias))) for alias in aliases or ())
        named = set(_PROPER_NAME.findall(_ASIDE.sub(" ", description or "")))
        found.extend(linkable(issue_id, n, at_most=1) for n in sorted(named) if terms(n) and not terms(n) & taken)
    return found


def _roles(session: Session) -> dict[str, list[tuple[str, str]]]:
    roles: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for actor_id, role, claim_id in session.execute(select(ActorRole.actor_id, ActorRole.role, ActorRole.claim_id)):
        if len(role.split()) >= 2:  # "U.S. envoy", not "envoy"
            roles[role.casefold()].append((actor_id, claim_id))
    return dict(roles)


def knowledge_base(
    session: Session,
    *,
    source_id: str | None,
    actor_ids: set[str],
    text: str = "",
    issues: list[Linkable] | None = None,
    issue_ids: frozenset[str] | set[str] = frozenset(),
) -> KnowledgeBase:
    """What the linking compares the suggestions with, read once: the stored claims with a figure, naming an
    actor the text names, on an issue it raises, or naming the holders of a role it speaks of (who else is
    called an envoy)."""
    roles = _roles(session)
    words = terms_of_text(text)
    holders = {actor for role, held in roles.items() if role_head(role) in words for actor, _ in held}
    claims = select(*_CLAIM_COLUMNS).join(Source, Source.id == Claim.source_id)
    naming = select(ClaimActor.claim_id).where(ClaimActor.actor_id.in_(sorted(actor_ids | holders)))
    raising = select(ClaimIssue.claim_id).where(ClaimIssue.issue_id.in_(sorted(issue_ids)))
    others = claims.where(
        or_(Claim.value.is_not(None), Claim.value_on.is_not(None), Claim.id.in_(naming), Claim.id.in_(raising))
    )
    if source_id is not None:
        others = others.where(Claim.source_id != source_id)
    return KnowledgeBase(
        issues=issues if issues is not None else issue_linkables(session),
        plan_points=[
            linkable(i, t, at_most=3, share=0.6) for i, t in session.execute(select(PlanPoint.id, PlanPoint.text))
        ],
        events=[linkable(i, t, at_most=3, share=0.6) for i, t in session.execute(select(Event.id, Event.title))],
        claims=_stored(session, others.order_by(Claim.id)),
        roles=roles,
        this_source=_stored(session, claims.where(Claim.source_id == source_id)) if source_id else [],
        people=frozenset(session.scalars(select(Actor.id).where(Actor.kind == "person"))),
        actor_terms={
            actor_id: terms(" ".join([name, *(aliases or ())]))
            for actor_id, name, aliases in session.execute(select(Actor.id, Actor.name, Actor.aliases))
        },
        affiliations=dict(
            session.execute(select(Actor.id, Actor.affiliation_id).where(Actor.affiliation_id.is_not(None))).all()
        ),
    )


def suggestions_for(
    *, session: Session, text: str, published_on: date | None = None, source_id: str | None = None
) -> list[Suggestion]:
    """The suggested claims of ``text`` (a stored source's, when ``source_id``), linked, in text order."""
    found = suggest(text, vocabulary(session), reference_date=published_on)
    if not found:
        return []
    actors = {a for s in found for a in s.actor_ids}
    issues = issue_linkables(session)
    kb = knowledge_base(
        session, source_id=source_id, actor_ids=actors, text=text, issues=issues, issue_ids=issues_in(found, issues)
    )
    return link(found, kb, published_on=published_on, text=text)

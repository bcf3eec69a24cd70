"""Suggested claims for a text, linked to the knowledge base: the curation assistant over the database.

Everything the assistant needs of the knowledge base is read once per request, in a handful of queries
(actors with aliases and roles, issues, plan points, events, the claims with a figure or naming the actors
found, and the claims already quoting this source); the rest is the pure core (app/curation). Nothing is
written: asking for suggestions changes no row and records no revision.
"""

from collections import defaultdict
from datetime import date

from sqlalchemy import or_, select
from sqlmodel import Session

from app.curation import Suggestion, Vocabulary, suggest
from app.curation.linking import KnowledgeBase, StoredClaim, link, linkable
from app.models import (
    Actor,
    ActorRole,
    Claim,
    ClaimActor,
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


def _stored(session: Session, statement, actor_links: dict[str, set[str]] | None = None) -> list[StoredClaim]:
    rows = session.execute(statement.limit(MAX_COMPARED)).all()
    if actor_links is None:
        actor_links = defaultdict(set)
        ids = [row.id for row in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for claim_id, actor_id in session.execute(
                select(ClaimActor.claim_id, ClaimActor.actor_id).where(ClaimActor.claim_id.in_(chunk))
            ):
                actor_links[claim_id].add(actor_id)
    return [
        StoredClaim(id=r.id, source_id=r.source_id, statement=r.statement, quote_start=r.quote_start,
                    quote_end=r.quote_end, actor_ids=frozenset(actor_links.get(r.id, ())), value=r.value,
                    unit=r.unit, measure=r.measure, value_on=r.value_on, published_on=r.published_on)
        for r in rows
    ]  # fmt: skip


_CLAIM_COLUMNS = (Claim.id, Claim.source_id, Claim.statement, Claim.quote_start, Claim.quote_end, Claim.value,
                  Claim.unit, Claim.measure, Claim.value_on, Source.published_on)  # fmt: skip


def knowledge_base(session: Session, *, source_id: str | None, actor_ids: set[str]) -> KnowledgeBase:
    """What the linking compares the suggestions with, read once."""
    claims = select(*_CLAIM_COLUMNS).join(Source, Source.id == Claim.source_id)
    naming = select(ClaimActor.claim_id).where(ClaimActor.actor_id.in_(sorted(actor_ids)))
    others = claims.where(or_(Claim.value.is_not(None), Claim.value_on.is_not(None), Claim.id.in_(naming)))
    if source_id is not None:
        others = others.where(Claim.source_id != source_id)
    roles: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for actor_id, role, claim_id in session.execute(select(ActorRole.actor_id, ActorRole.role, ActorRole.claim_id)):
        if len(role.split()) >= 2:  # "U.S. envoy", not "envoy"
            roles[role.casefold()].append((actor_id, claim_id))
    return KnowledgeBase(
        issues=[linkable(i, f"{n}") for i, n in session.execute(select(DisputedIssue.id, DisputedIssue.name))],
        plan_points=[
            linkable(i, t, at_most=3, share=0.6) for i, t in session.execute(select(PlanPoint.id, PlanPoint.text))
        ],
        events=[linkable(i, t, at_most=3, share=0.6) for i, t in session.execute(select(Event.id, Event.title))],
        claims=_stored(session, others.order_by(Claim.id)),
        roles=dict(roles),
        this_source=_stored(session, claims.where(Claim.source_id == source_id)) if source_id else [],
        people=frozenset(session.scalars(select(Actor.id).where(Actor.kind == "person"))),
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
    kb = knowledge_base(session, source_id=source_id, actor_ids=actors)
    return link(found, kb, published_on=published_on)

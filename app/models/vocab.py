"""Controlled vocabularies shared by the tables, the seed files and the API.

Member names equal their values, so SQLAlchemy (which stores enum names) and the JSON contract agree.
"""

from enum import StrEnum


class SourceKind(StrEnum):
    news_article = "news_article"
    blog_post = "blog_post"
    official_statement = "official_statement"
    press_release = "press_release"
    transcript = "transcript"
    report = "report"
    other = "other"


class Reliability(StrEnum):
    """Admiralty (NATO AJP-2.1) source reliability: A completely reliable … E unreliable, F cannot judge."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class ActorKind(StrEnum):
    person = "person"
    state = "state"
    organisation = "organisation"
    body = "body"
    proposed_body = "proposed_body"
    group = "group"


class PlanStatus(StrEnum):
    draft = "draft"
    proposed = "proposed"
    under_negotiation = "under_negotiation"
    superseded = "superseded"
    accepted = "accepted"
    rejected = "rejected"


class PointCategory(StrEnum):
    security_guarantees = "security_guarantees"
    territory = "territory"
    ceasefire = "ceasefire"
    economy = "economy"
    humanitarian = "humanitarian"
    governance = "governance"
    military = "military"
    nuclear = "nuclear"
    verification = "verification"
    diplomacy = "diplomacy"
    other = "other"


class Stance(StrEnum):
    supports = "supports"
    opposes = "opposes"
    conditional = "conditional"
    unclear = "unclear"


class EventKind(StrEnum):
    strike = "strike"
    attack = "attack"
    capture = "capture"
    withdrawal = "withdrawal"
    call = "call"
    meeting = "meeting"
    talks = "talks"
    press_conference = "press_conference"
    announcement = "announcement"
    statement = "statement"
    evacuation = "evacuation"
    other = "other"


class RelationType(StrEnum):
    contradicts = "contradicts"
    supports = "supports"
    updates = "updates"


# Admiralty information credibility: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful,
# 5 improbable, 6 cannot be judged.
CREDIBILITY_MIN, CREDIBILITY_MAX = 1, 6

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

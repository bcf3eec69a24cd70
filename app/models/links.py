"""Many-to-many link tables. Each row says that one record concerns another; none carries data of its own.

A claim link's second index holds (target, claim id): an actor's, issue's, event's or plan point's claims
come off it already in the lists' id order, so a page of them reads only that page (app/services/claims.py).
"""

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class ClaimActor(SQLModel, table=True):
    __tablename__ = "claim_actor"
    __table_args__ = (Index("ix_claim_actor_actor_id_claim_id", "actor_id", "claim_id"),)
    claim_id: str = Field(foreign_key="claim.id", primary_key=True, ondelete="CASCADE")
    actor_id: str = Field(foreign_key="actor.id", primary_key=True, ondelete="CASCADE")


class ClaimPlanPoint(SQLModel, table=True):
    __tablename__ = "claim_plan_point"
    __table_args__ = (Index("ix_claim_plan_point_plan_point_id_claim_id", "plan_point_id", "claim_id"),)
    claim_id: str = Field(foreign_key="claim.id", primary_key=True, ondelete="CASCADE")
    plan_point_id: str = Field(foreign_key="plan_point.id", primary_key=True, ondelete="CASCADE")


class ClaimIssue(SQLModel, table=True):
    __tablename__ = "claim_issue"
    __table_args__ = (Index("ix_claim_issue_issue_id_claim_id", "issue_id", "claim_id"),)
    claim_id: str = Field(foreign_key="claim.id", primary_key=True, ondelete="CASCADE")
    issue_id: str = Field(foreign_key="disputed_issue.id", primary_key=True, ondelete="CASCADE")


class ClaimEvent(SQLModel, table=True):
    __tablename__ = "claim_event"
    __table_args__ = (Index("ix_claim_event_event_id_claim_id", "event_id", "claim_id"),)
    claim_id: str = Field(foreign_key="claim.id", primary_key=True, ondelete="CASCADE")
    event_id: str = Field(foreign_key="event.id", primary_key=True, ondelete="CASCADE")


class PlanProposer(SQLModel, table=True):
    __tablename__ = "plan_proposer"
    plan_id: str = Field(foreign_key="plan.id", primary_key=True, ondelete="CASCADE")
    actor_id: str = Field(foreign_key="actor.id", primary_key=True, index=True, ondelete="CASCADE")


class PlanPointIssue(SQLModel, table=True):
    __tablename__ = "plan_point_issue"
    plan_point_id: str = Field(foreign_key="plan_point.id", primary_key=True, ondelete="CASCADE")
    issue_id: str = Field(foreign_key="disputed_issue.id", primary_key=True, index=True, ondelete="CASCADE")


class PositionClaim(SQLModel, table=True):
    __tablename__ = "position_claim"
    position_id: str = Field(foreign_key="position.id", primary_key=True, ondelete="CASCADE")
    claim_id: str = Field(foreign_key="claim.id", primary_key=True, index=True, ondelete="CASCADE")


class EventActor(SQLModel, table=True):
    __tablename__ = "event_actor"
    event_id: str = Field(foreign_key="event.id", primary_key=True, ondelete="CASCADE")
    actor_id: str = Field(foreign_key="actor.id", primary_key=True, index=True, ondelete="CASCADE")

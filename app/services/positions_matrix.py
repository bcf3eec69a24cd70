"""Who stands where: actors × disputed issues, rolled up from positions on issues, plans and plan points.

A position on an issue counts for that issue; a position on a plan point counts for every issue the point
touches; a position on a whole plan counts for every issue any of its points touches. So "Ukraine on the
territory" gathers its stance on the issue itself and on each plan and point that deals with the territory,
each named, with the claims behind it. A position on a plan or point that touches no issue is in no cell;
it is listed apart (``unplaced``), so that every position appears once somewhere.

Asked with ``embed=claims``, the answer also carries every backing claim and the sources those claims quote,
so that a page can show the evidence without a request per claim.
"""

from collections import defaultdict
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import or_, select
from sqlmodel import Session

from app import models
from app.errors import InvalidParameter
from app.models import ClaimPublic, SourceSummary
from app.models import examples as records
from app.models.examples import example
from app.models.vocab import ActorKind, Stance
from app.services.evidence import claims_by_id, sources_by_id
from app.services.lookup import grouped

TargetKind = Literal["issue", "plan", "plan_point"]
# The order stances are named in a cell, and targets within it: the issue itself, then plans, then points.
STANCE_ORDER = {stance: rank for rank, stance in enumerate(Stance)}
TARGET_ORDER = {"issue": 0, "plan": 1, "plan_point": 2}

POSITION_EXAMPLE = {
    "position_id": "ukraine-conditional-on-troop-withdrawal",
    "actor_id": "ukraine",
    "stance": "conditional",
    "summary": "Would withdraw troops from eastern areas for a demilitarised zone, under conditions.",
    "target_kind": "plan_point",
    "target_id": "revised-plan-troop-withdrawal-for-dmz",
    "target_label": "Withdrawal of Ukrainian troops from eastern areas to create a demilitarised zone",
    "plan_id": "revised-20-point-plan",
    "claim_ids": ["plan-contemplates-troop-withdrawal-for-dmz"],
}
MATRIX_EXAMPLE = {
    "actors": [{"id": "ukraine", "name": "Ukraine", "kind": "state"}],
    "issues": [{"id": "territory-donbas", "name": "Territorial control and concessions (Donbas)"}],
    "cells": [
        {
            "actor_id": "ukraine",
            "issue_id": "territory-donbas",
            "stances": ["opposes", "conditional"],
            "positions": [
                {
                    "position_id": "ukraine-opposes-ceding-territory",
                    "actor_id": "ukraine",
                    "stance": "opposes",
                    "summary": "Refuses to cede territory it currently controls.",
                    "target_kind": "issue",
                    "target_id": "territory-donbas",
                    "target_label": "Territorial control and concessions (Donbas)",
                    "plan_id": None,
                    "claim_ids": ["ukraine-refuses-to-cede-territory"],
                },
                POSITION_EXAMPLE,
            ],
        }
    ],
    "unplaced": [],
    "claims": [],
    "sources": [],
}


class MatrixActor(BaseModel):
    model_config = example(MATRIX_EXAMPLE["actors"][0])

    id: str
    name: str
    kind: ActorKind


class MatrixIssue(BaseModel):
    model_config = example(MATRIX_EXAMPLE["issues"][0])

    id: str
    name: str


class MatrixPosition(BaseModel):
    """One position, with what it is a position on."""

    model_config = example(POSITION_EXAMPLE)

    position_id: str
    actor_id: str
    stance: Stance
    summary: str
    target_kind: TargetKind = Field(description="What the position is on: an issue, a whole plan or a plan point.")
    target_id: str
    target_label: str = Field(description="The issue's or plan's name, or the point's text.")
    plan_id: str | None = Field(default=None, description="For a plan point: the plan it belongs to.")
    claim_ids: list[str] = Field(description="The claims that back the position.")


class MatrixCell(BaseModel):
    """One actor on one issue: every position of the actor that counts for the issue."""

    model_config = example(MATRIX_EXAMPLE["cells"][0])

    actor_id: str
    issue_id: str
    stances: list[Stance] = Field(description="The distinct stances of the cell's positions.")
    positions: list[MatrixPosition]


class PositionMatrix(BaseModel):
    """Actors (rows) × issues (columns); a cell for each pair with at least one position."""

    model_config = example(MATRIX_EXAMPLE | {"claims": [records.CLAIM], "sources": [records.SOURCE]})

    actors: list[MatrixActor] = Field(description="Actors with a position in some cell, by name.")
    issues: list[MatrixIssue] = Field(description="Issues with a position in some cell, by name.")
    cells: list[MatrixCell] = Field(description="In the order of the actors, then of the issues.")
    unplaced: list[MatrixPosition] = Field(description="Positions on a plan or plan point that touches no issue.")
    claims: list[ClaimPublic] = Field(description="With `embed=claims`: every backing claim; else empty.")
    sources: list[SourceSummary] = Field(description="With `embed=claims`: the sources those claims quote.")


def _require(session: Session, table, parameter: str, record_id: str, label: str) -> None:
    if session.get(table, record_id) is None:
        raise InvalidParameter(parameter, f"no {label} has the id '{record_id}'")


def _positions(session: Session, *, issue_id: str | None, actor_id: str | None) -> list:
    position, touches, point = models.Position, models.PlanPointIssue, models.PlanPoint
    statement = select(position).order_by(position.id)
    if actor_id is not None:
        statement = statement.where(position.actor_id == actor_id)
    if issue_id is not None:
        points = select(touches.plan_point_id).where(touches.issue_id == issue_id)
        plans = select(point.plan_id).where(point.id.in_(points))
        statement = statement.where(
            or_(position.issue_id == issue_id, position.plan_point_id.in_(points), position.plan_id.in_(plans))
        )
    return list(session.scalars(statement))


def _issues_of(session: Session, positions: list) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The issues each plan point touches, and those each plan touches through its points."""
    point_ids = sorted({p.plan_point_id for p in positions if p.plan_point_id})
    plan_ids = sorted({p.plan_id for p in positions if p.plan_id})
    touches, point = models.PlanPointIssue, models.PlanPoint
    by_point = grouped(session, touches.plan_point_id, touches.issue_id, point_ids)
    by_plan: dict[str, list[str]] = defaultdict(list)
    if plan_ids:
        rows = session.execute(
            select(point.plan_id, touches.issue_id)
            .join(touches, touches.plan_point_id == point.id)
            .where(point.plan_id.in_(plan_ids))
            .distinct()
            .order_by(point.plan_id, touches.issue_id)
        )
        for plan_id, touched in rows:
            by_plan[plan_id].append(touched)
    return by_point, by_plan


def _labels(session: Session, positions: list) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(kind, id) → (label, plan id) for every target of these positions."""
    labels: dict[tuple[str, str], tuple[str, str | None]] = {}
    wanted = {
        "issue": (models.DisputedIssue, models.DisputedIssue.name, {p.issue_id for p in positions if p.issue_id}),
        "plan": (models.Plan, models.Plan.name, {p.plan_id for p in positions if p.plan_id}),
    }
    for kind, (table, label, ids) in wanted.items():
        if ids:
            for record_id, name in session.execute(select(table.id, label).where(table.id.in_(sorted(ids)))):
                labels[kind, record_id] = (name, None)
    point_ids = sorted({p.plan_point_id for p in positions if p.plan_point_id})
    if point_ids:
        point = models.PlanPoint
        rows = session.execute(select(point.id, point.text, point.plan_id).where(point.id.in_(point_ids)))
        for record_id, text, plan_id in rows:
            labels["plan_point", record_id] = (text, plan_id)
    return labels


def _target(position) -> tuple[str, str]:
    if position.issue_id:
        return "issue", position.issue_id
    if position.plan_point_id:
        return "plan_point", position.plan_point_id
    return "plan", position.plan_id


def build_matrix(
    session: Session, *, issue_id: str | None = None, actor_id: str | None = None, embed_claims: bool = False
) -> PositionMatrix:
    """The positions matrix, of every actor and issue or only of one issue and/or one actor."""
    if issue_id is not None:
        _require(session, models.DisputedIssue, "issue_id", issue_id, "issue")
    if actor_id is not None:
        _require(session, models.Actor, "actor_id", actor_id, "actor")
    positions = _positions(session, issue_id=issue_id, actor_id=actor_id)
    backing = grouped(session, models.PositionClaim.position_id, models.PositionClaim.claim_id,
                      [p.id for p in positions])  # fmt: skip
    by_point, by_plan = _issues_of(session, positions)
    labels = _labels(session, positions)

    cells: dict[tuple[str, str], list[MatrixPosition]] = defaultdict(list)
    unplaced = []
    for position in positions:
        kind, target_id = _target(position)
        label, plan_id = labels[kind, target_id]
        entry = MatrixPosition(
            position_id=position.id, actor_id=position.actor_id, stance=position.stance, summary=position.summary,
            target_kind=kind, target_id=target_id, target_label=label, plan_id=plan_id,
            claim_ids=backing[position.id],
        )  # fmt: skip
        touched = {"issue": [target_id], "plan_point": by_point[target_id], "plan": by_plan[target_id]}[kind]
        if issue_id is not None:
            touched = [issue_id]  # the positions were chosen because they count for this issue
        for issue in touched:
            cells[position.actor_id, issue].append(entry)
        if not touched:
            unplaced.append(entry)

    actors = _named(session, models.Actor, {actor for actor, _ in cells}, kind=True)
    issues = _named(session, models.DisputedIssue, {issue for _, issue in cells})
    actor_rank = {a.id: rank for rank, a in enumerate(actors)}
    issue_rank = {i.id: rank for rank, i in enumerate(issues)}
    ordered = sorted(cells.items(), key=lambda item: (actor_rank[item[0][0]], issue_rank[item[0][1]]))
    matrix_cells = []
    for (actor, issue), entries in ordered:
        entries.sort(key=lambda e: (TARGET_ORDER[e.target_kind], e.target_id, e.position_id))
        stances = sorted({e.stance for e in entries}, key=STANCE_ORDER.__getitem__)
        matrix_cells.append(MatrixCell(actor_id=actor, issue_id=issue, stances=stances, positions=entries))

    claims = claims_by_id(session, {c for p in positions for c in backing[p.id]}) if embed_claims else {}
    sources = sources_by_id(session, {c.source_id for c in claims.values()})
    return PositionMatrix(
        actors=actors, issues=issues, cells=matrix_cells, unplaced=unplaced,
        claims=list(claims.values()), sources=list(sources.values()),
    )  # fmt: skip


def _named(session: Session, table, ids: set[str], *, kind: bool = False) -> list:
    """Actors or issues with these ids, by name (then id)."""
    if not ids:
        return []
    columns = [table.id, table.name, *([table.kind] if kind else [])]
    rows = session.execute(select(*columns).where(table.id.in_(sorted(ids))))
    model = MatrixActor if kind else MatrixIssue
    found = [model.model_validate(row._asdict()) for row in rows]
    return sorted(found, key=lambda record: (record.name.casefold(), record.id))

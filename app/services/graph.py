"""The knowledge base as a network: actors, issues, plans, plan points and claims, and the typed links between.

Edges, each pointing from → to:

- ``position``: actor → issue, plan or plan point, with the stance and the claims that back it;
- ``mentions``: claim → actor, issue or plan point it concerns; ``stated_by``: claim → the actor who made it;
- ``contradicts`` / ``supports`` / ``updates``: claim → claim;
- ``touches``: plan point → issue; ``part_of``: plan point → plan.

Filtered by an issue, the graph holds the issue, the actors with a position on it, the claims about it or
backing those positions, and the plan points touching it (with their plans); filtered by an actor, the
actor, what it holds positions on, and the claims it made, that concern it or that back its positions.
Both filters keep what both selections hold. Edges join only nodes in the graph.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, select, true
from sqlmodel import Session

from app import models
from app.errors import InvalidParameter
from app.models.examples import example
from app.models.vocab import Stance
from app.services.lookup import grouped

NodeKind = Literal["actor", "issue", "plan", "plan_point", "claim"]
EdgeType = Literal["position", "mentions", "stated_by", "contradicts", "supports", "updates", "touches", "part_of"]
KINDS: tuple[NodeKind, ...] = ("actor", "issue", "plan", "plan_point", "claim")
COLLECTION = {"actor": "actors", "issue": "issues", "plan": "plans", "plan_point": "plan-points", "claim": "claims"}


GRAPH_EXAMPLE = {
    "nodes": [
        {
            "id": "actor:ukraine",
            "kind": "actor",
            "record_id": "ukraine",
            "label": "Ukraine",
            "path": "/api/v1/actors/ukraine",
        },
        {
            "id": "issue:territory-donbas",
            "kind": "issue",
            "record_id": "territory-donbas",
            "label": "Territory in the Donbas",
            "path": "/api/v1/issues/territory-donbas",
        },
    ],
    "edges": [
        {
            "id": "position:ukraine-opposes-ceding-territory",
            "type": "position",
            "source": "actor:ukraine",
            "target": "issue:territory-donbas",
            "record_id": "ukraine-opposes-ceding-territory",
            "stance": "opposes",
            "claim_ids": ["zelensky-rejects-ceding-donbas"],
        }
    ],
}


class GraphNode(BaseModel):
    model_config = example(GRAPH_EXAMPLE["nodes"][0])

    id: str = Field(description="Unique in the graph: the kind, a colon, the record's id.")
    kind: NodeKind
    record_id: str
    label: str = Field(description="The name, a point's text or a claim's statement.")
    path: str = Field(description="Where the API serves the record.")


class GraphEdge(BaseModel):
    model_config = example(GRAPH_EXAMPLE["edges"][0])

    id: str = Field(description="Unique in the graph.")
    type: EdgeType
    source: str = Field(description="The node the edge starts from.")
    target: str = Field(description="The node the edge points to.")
    record_id: str | None = Field(description="The position or claim relation the edge stands for, if any.")
    stance: Stance | None = Field(description="A position's stance.")
    claim_ids: list[str] = Field(description="The claims that back a position.")


class Graph(BaseModel):
    """Nodes and typed edges, ready for a network view."""

    model_config = example(GRAPH_EXAMPLE)

    nodes: list[GraphNode]
    edges: list[GraphEdge]


@dataclass
class Selection:
    """The record ids of each kind in the graph; ``None`` for a kind means every record of it."""

    ids: dict[str, set[str] | None] = field(default_factory=lambda: dict.fromkeys(KINDS))

    def holds(self, kind: str, record_id: str | None) -> bool:
        chosen = self.ids[kind]
        return record_id is not None and (chosen is None or record_id in chosen)

    def where(self, kind: str, column) -> ColumnElement[bool]:
        chosen = self.ids[kind]
        return true() if chosen is None else column.in_(sorted(chosen))


def _issue_selection(session: Session, issue_id: str) -> dict[str, set[str]]:
    positions = list(session.scalars(select(models.Position).where(models.Position.issue_id == issue_id)))
    backing = grouped(
        session, models.PositionClaim.position_id, models.PositionClaim.claim_id, [p.id for p in positions]
    )
    about = session.scalars(select(models.ClaimIssue.claim_id).where(models.ClaimIssue.issue_id == issue_id))
    points = set(
        session.scalars(select(models.PlanPointIssue.plan_point_id).where(models.PlanPointIssue.issue_id == issue_id))
    )
    return {
        "issue": {issue_id},
        "actor": {p.actor_id for p in positions},
        "claim": set(about) | {claim for claims in backing.values() for claim in claims},
        "plan_point": points,
        "plan": _plans_of(session, points),
    }


def _actor_selection(session: Session, actor_id: str) -> dict[str, set[str]]:
    positions = list(session.scalars(select(models.Position).where(models.Position.actor_id == actor_id)))
    backing = grouped(
        session, models.PositionClaim.position_id, models.PositionClaim.claim_id, [p.id for p in positions]
    )
    spoken = session.scalars(select(models.Claim.id).where(models.Claim.speaker_id == actor_id))
    about = session.scalars(select(models.ClaimActor.claim_id).where(models.ClaimActor.actor_id == actor_id))
    points = {p.plan_point_id for p in positions if p.plan_point_id}
    return {
        "actor": {actor_id},
        "issue": {p.issue_id for p in positions if p.issue_id},
        "plan_point": points,
        "plan": {p.plan_id for p in positions if p.plan_id} | _plans_of(session, points),
        "claim": set(spoken) | set(about) | {claim for claims in backing.values() for claim in claims},
    }


def _plans_of(session: Session, point_ids: set[str]) -> set[str]:
    if not point_ids:
        return set()
    return set(session.scalars(select(models.PlanPoint.plan_id).where(models.PlanPoint.id.in_(sorted(point_ids)))))


def _require(session: Session, table, parameter: str, record_id: str, label: str) -> None:
    if session.get(table, record_id) is None:
        raise InvalidParameter(parameter, f"no {label} has the id '{record_id}'")


def select_records(session: Session, *, issue_id: str | None, actor_id: str | None) -> Selection:
    """Which records the graph holds, given the filters (an unknown issue or actor is a rejected parameter)."""
    selection = Selection()
    chosen = []
    if issue_id is not None:
        _require(session, models.DisputedIssue, "issue_id", issue_id, "issue")
        chosen.append(_issue_selection(session, issue_id))
    if actor_id is not None:
        _require(session, models.Actor, "actor_id", actor_id, "actor")
        chosen.append(_actor_selection(session, actor_id))
    if chosen:
        for kind in KINDS:
            selection.ids[kind] = set.intersection(*(c.get(kind, set()) for c in chosen))
        if issue_id is not None:
            selection.ids["issue"].add(issue_id)  # type: ignore[union-attr]
        if actor_id is not None:
            selection.ids["actor"].add(actor_id)  # type: ignore[union-attr]
    return selection


def _node(kind: str, record_id: str, label: str) -> GraphNode:
    return GraphNode(
        id=f"{kind}:{record_id}",
        kind=kind,
        record_id=record_id,
        label=label,
        path=f"/api/v1/{COLLECTION[kind]}/{record_id}",
    )


def _nodes(session: Session, selection: Selection) -> list[GraphNode]:
    labelled = [
        ("actor", models.Actor.id, models.Actor.name),
        ("issue", models.DisputedIssue.id, models.DisputedIssue.name),
        ("plan", models.Plan.id, models.Plan.name),
        ("plan_point", models.PlanPoint.id, models.PlanPoint.text),
        ("claim", models.Claim.id, models.Claim.statement),
    ]
    nodes = []
    for kind, id_column, label_column in labelled:
        rows = session.execute(
            select(id_column, label_column).where(selection.where(kind, id_column)).order_by(id_column)
        )
        nodes.extend(_node(kind, record_id, label) for record_id, label in rows)
    return nodes


def _edge(type_: str, source: str, target: str, **fields) -> GraphEdge:
    fields = {"record_id": None, "stance": None, "claim_ids": []} | fields
    suffix = fields["record_id"] or f"{source}>{target}"
    return GraphEdge(id=f"{type_}:{suffix}", type=type_, source=source, target=target, **fields)


def _position_edges(session: Session, selection: Selection) -> Iterable[GraphEdge]:
    positions = list(
        session.scalars(
            select(models.Position)
            .where(selection.where("actor", models.Position.actor_id))
            .order_by(models.Position.id)
        )
    )
    backing = grouped(
        session, models.PositionClaim.position_id, models.PositionClaim.claim_id, [p.id for p in positions]
    )
    for position in positions:
        target = next(
            (
                f"{kind}:{record_id}"
                for kind, record_id in (
                    ("issue", position.issue_id),
                    ("plan_point", position.plan_point_id),
                    ("plan", position.plan_id),
                )
                if selection.holds(kind, record_id)
            ),
            None,
        )
        if target is not None:
            yield _edge(
                "position",
                f"actor:{position.actor_id}",
                target,
                record_id=position.id,
                stance=position.stance,
                claim_ids=[c for c in backing[position.id] if selection.holds("claim", c)],
            )


def _link_edges(session: Session, selection: Selection) -> Iterable[GraphEdge]:
    links = [
        ("mentions", "claim", "actor", models.ClaimActor.claim_id, models.ClaimActor.actor_id),
        ("mentions", "claim", "issue", models.ClaimIssue.claim_id, models.ClaimIssue.issue_id),
        ("mentions", "claim", "plan_point", models.ClaimPlanPoint.claim_id, models.ClaimPlanPoint.plan_point_id),
        ("stated_by", "claim", "actor", models.Claim.id, models.Claim.speaker_id),
        ("touches", "plan_point", "issue", models.PlanPointIssue.plan_point_id, models.PlanPointIssue.issue_id),
        ("part_of", "plan_point", "plan", models.PlanPoint.id, models.PlanPoint.plan_id),
    ]
    for type_, source_kind, target_kind, source_column, target_column in links:
        rows = session.execute(
            select(source_column, target_column)
            .where(selection.where(source_kind, source_column), target_column.is_not(None))
            .order_by(source_column, target_column)
        )
        for source, target in rows:
            if selection.holds(target_kind, target):
                yield _edge(type_, f"{source_kind}:{source}", f"{target_kind}:{target}")


def _relation_edges(session: Session, selection: Selection) -> Iterable[GraphEdge]:
    relation = models.ClaimRelation
    rows = session.scalars(
        select(relation).where(selection.where("claim", relation.from_claim_id)).order_by(relation.id)
    )
    for row in rows:
        if selection.holds("claim", row.to_claim_id):
            yield _edge(str(row.type), f"claim:{row.from_claim_id}", f"claim:{row.to_claim_id}", record_id=row.id)


def build_graph(session: Session, *, issue_id: str | None = None, actor_id: str | None = None) -> Graph:
    """The graph of the whole knowledge base, or of the records around an issue and/or an actor."""
    selection = select_records(session, issue_id=issue_id, actor_id=actor_id)
    edges = [
        *_position_edges(session, selection),
        *_link_edges(session, selection),
        *_relation_edges(session, selection),
    ]
    return Graph(nodes=_nodes(session, selection), edges=edges)

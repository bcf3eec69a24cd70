"""GET /graph: actors, issues, plans, plan points and claims as nodes; positions, mentions and relations as edges."""

import pytest

from app.models.vocab import ActorKind, RelationType, Stance
from tests.factories import (
    make_actor,
    make_claim,
    make_issue,
    make_plan,
    make_plan_point,
    make_position,
    make_relation,
    make_source,
)
from tests.helpers import API, invalid_parameter

TEXT = "Kyiv refuses to cede territory. Moscow demands the whole Donbas. Guarantees must be binding."


@pytest.fixture
def network(client, session):
    """Three actors, two issues, a plan of two points, three claims, two relations and three positions."""
    make_actor(session, id="ukraine", name="Ukraine", kind=ActorKind.state)
    make_actor(session, id="russia", name="Russia", kind=ActorKind.state)
    make_actor(session, id="zelensky", name="Volodymyr Zelensky")
    make_issue(session, id="territory", name="Territory")
    make_issue(session, id="guarantees", name="Security guarantees")
    make_plan(session, id="p20", name="20-point plan")
    make_plan_point(session, id="pt-zones", plan_id="p20", sequence=1, text="Zones.", issue_ids=["territory"])
    make_plan_point(
        session, id="pt-guarantees", plan_id="p20", sequence=2, text="Guarantees.", issue_ids=["guarantees"]
    )
    source = make_source(session, id="report", text=TEXT)
    make_claim(
        session, id="c1", source=source, quote="Kyiv refuses to cede territory", statement="Kyiv refuses.",
        speaker_id="ukraine", actor_ids=["russia"], issue_ids=["territory"],
    )  # fmt: skip
    make_claim(
        session, id="c2", source=source, quote="Moscow demands the whole Donbas", statement="Moscow demands.",
        speaker_id="russia", issue_ids=["territory"], plan_point_ids=["pt-zones"],
    )  # fmt: skip
    make_claim(
        session, id="c3", source=source, quote="Guarantees must be binding", statement="Binding guarantees.",
        speaker_id="zelensky", actor_ids=["ukraine"], issue_ids=["guarantees"],
    )  # fmt: skip
    make_relation(session, id="rel-1", type=RelationType.contradicts, from_claim_id="c1", to_claim_id="c2")
    make_relation(session, id="rel-2", type=RelationType.supports, from_claim_id="c3", to_claim_id="c1")
    make_position(
        session, id="pos-ukraine-territory", actor_id="ukraine", stance=Stance.opposes, issue_id="territory",
        claim_ids=["c1"],
    )  # fmt: skip
    make_position(
        session, id="pos-russia-territory", actor_id="russia", stance=Stance.supports, issue_id="territory",
        claim_ids=["c2"],
    )  # fmt: skip
    make_position(
        session, id="pos-ukraine-guarantees", actor_id="ukraine", stance=Stance.supports,
        plan_point_id="pt-guarantees", claim_ids=["c3"],
    )  # fmt: skip
    return client


COLLECTIONS = {"actor": "actors", "issue": "issues", "plan": "plans", "plan_point": "plan-points", "claim": "claims"}


def node(kind, record_id, label):
    return {
        "id": f"{kind}:{record_id}",
        "kind": kind,
        "record_id": record_id,
        "label": label,
        "path": f"/api/v1/{COLLECTIONS[kind]}/{record_id}",
    }


def edge(type_, source, target, record_id=None, stance=None, claim_ids=()):
    return {
        "id": f"{type_}:{record_id or f'{source}>{target}'}",
        "type": type_,
        "source": source,
        "target": target,
        "record_id": record_id,
        "stance": stance,
        "claim_ids": list(claim_ids),
    }


NODES = {
    "russia": node("actor", "russia", "Russia"),
    "ukraine": node("actor", "ukraine", "Ukraine"),
    "zelensky": node("actor", "zelensky", "Volodymyr Zelensky"),
    "guarantees": node("issue", "guarantees", "Security guarantees"),
    "territory": node("issue", "territory", "Territory"),
    "p20": node("plan", "p20", "20-point plan"),
    "pt-guarantees": node("plan_point", "pt-guarantees", "Guarantees."),
    "pt-zones": node("plan_point", "pt-zones", "Zones."),
    "c1": node("claim", "c1", "Kyiv refuses."),
    "c2": node("claim", "c2", "Moscow demands."),
    "c3": node("claim", "c3", "Binding guarantees."),
}
EDGES = {
    "pos-russia": edge("position", "actor:russia", "issue:territory", "pos-russia-territory", "supports", ["c2"]),
    "pos-ukraine-g": edge(
        "position", "actor:ukraine", "plan_point:pt-guarantees", "pos-ukraine-guarantees", "supports", ["c3"]
    ),
    "pos-ukraine-t": edge("position", "actor:ukraine", "issue:territory", "pos-ukraine-territory", "opposes", ["c1"]),
    "c1-russia": edge("mentions", "claim:c1", "actor:russia"),
    "c3-ukraine": edge("mentions", "claim:c3", "actor:ukraine"),
    "c1-territory": edge("mentions", "claim:c1", "issue:territory"),
    "c2-territory": edge("mentions", "claim:c2", "issue:territory"),
    "c3-guarantees": edge("mentions", "claim:c3", "issue:guarantees"),
    "c2-zones": edge("mentions", "claim:c2", "plan_point:pt-zones"),
    "c1-by": edge("stated_by", "claim:c1", "actor:ukraine"),
    "c2-by": edge("stated_by", "claim:c2", "actor:russia"),
    "c3-by": edge("stated_by", "claim:c3", "actor:zelensky"),
    "touches-g": edge("touches", "plan_point:pt-guarantees", "issue:guarantees"),
    "touches-z": edge("touches", "plan_point:pt-zones", "issue:territory"),
    "part-g": edge("part_of", "plan_point:pt-guarantees", "plan:p20"),
    "part-z": edge("part_of", "plan_point:pt-zones", "plan:p20"),
    "rel-1": edge("contradicts", "claim:c1", "claim:c2", "rel-1"),
    "rel-2": edge("supports", "claim:c3", "claim:c1", "rel-2"),
}


def expected(nodes, edges):
    return {"nodes": [NODES[n] for n in NODES if n in nodes], "edges": [EDGES[e] for e in EDGES if e in edges]}


def test_graph_holds_every_record_and_typed_link(network):
    response = network.get(f"{API}/graph")

    assert response.status_code == 200
    assert response.json() == expected(NODES, EDGES)


def test_graph_of_an_issue_holds_its_positions_claims_and_plan_points(network):
    response = network.get(f"{API}/graph", params={"issue_id": "territory"})

    assert response.json() == expected(
        {"russia", "ukraine", "territory", "p20", "pt-zones", "c1", "c2"},
        {"pos-russia", "pos-ukraine-t", "c1-russia", "c1-territory", "c2-territory", "c2-zones", "c1-by", "c2-by",
         "touches-z", "part-z", "rel-1"},
    )  # fmt: skip


def test_graph_of_an_actor_holds_its_positions_and_the_claims_by_or_about_it(network):
    response = network.get(f"{API}/graph", params={"actor_id": "ukraine"})

    assert response.json() == expected(
        {"ukraine", "territory", "p20", "pt-guarantees", "c1", "c3"},
        {"pos-ukraine-g", "pos-ukraine-t", "c3-ukraine", "c1-territory", "c1-by", "part-g", "rel-2"},
    )


def test_graph_with_both_filters_keeps_what_both_hold(network):
    response = network.get(f"{API}/graph", params={"actor_id": "ukraine", "issue_id": "territory"})

    assert response.json() == expected(
        {"ukraine", "territory", "p20", "c1"}, {"pos-ukraine-t", "c1-territory", "c1-by"}
    )


@pytest.mark.parametrize(("name", "label"), [("issue_id", "issue"), ("actor_id", "actor")])
def test_graph_filtered_by_an_unknown_record_rejects_the_parameter(network, name, label):
    response = network.get(f"{API}/graph", params={name: "nope"})

    assert response.status_code == 422
    assert response.json() == invalid_parameter(f"{API}/graph", name, f"no {label} has the id 'nope'")


def test_graph_of_an_empty_knowledge_base_is_empty(client):
    assert client.get(f"{API}/graph").json() == {"nodes": [], "edges": []}


def _assert_well_formed(graph):
    node_ids = [n["id"] for n in graph["nodes"]]
    edge_ids = [e["id"] for e in graph["edges"]]
    assert len(node_ids) == len(set(node_ids))
    assert len(edge_ids) == len(set(edge_ids))
    assert all(e["source"] in node_ids and e["target"] in node_ids for e in graph["edges"])


def test_seeded_graph_is_well_formed_whole_and_around_every_issue(kb):
    whole = kb.get(f"{API}/graph").json()
    counts = kb.get(f"{API}/stats").json()["counts"]
    kinds = [n["kind"] for n in whole["nodes"]]

    _assert_well_formed(whole)
    assert {kind: kinds.count(kind) for kind in set(kinds)} == {
        kind: counts[kind] for kind in ("actor", "issue", "plan", "plan_point", "claim")
    }
    assert sum(e["type"] == "position" for e in whole["edges"]) == counts["position"]
    assert sum(e["type"] in ("contradicts", "supports", "updates") for e in whole["edges"]) == counts["claim_relation"]
    for issue in kb.get(f"{API}/issues", params={"limit": 500}).json()["items"]:
        around = kb.get(f"{API}/graph", params={"issue_id": issue["id"]}).json()
        _assert_well_formed(around)
        assert f"issue:{issue['id']}" in [n["id"] for n in around["nodes"]]


def test_seeded_graph_around_the_donbas_shows_who_stands_where(kb):
    graph = kb.get(f"{API}/graph", params={"issue_id": "territory-donbas"}).json()
    on_issue = [e for e in graph["edges"] if e["type"] == "position" and e["target"] == "issue:territory-donbas"]
    positions = {(e["source"], e["stance"]) for e in on_issue}
    listed = kb.get(f"{API}/issues/territory-donbas/positions").json()["items"]

    assert positions == {(f"actor:{p['actor_id']}", p["stance"]) for p in listed}

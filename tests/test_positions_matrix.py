"""GET /position-matrix: actors × issues, rolled up from positions on issues, plans and plan points."""

import pytest

from app.models.vocab import ActorKind, Stance
from tests.factories import (
    make_actor,
    make_claim,
    make_issue,
    make_plan,
    make_plan_point,
    make_position,
    make_source,
)
from tests.helpers import API, invalid_parameter

TEXT = "Kyiv refuses to cede territory. Moscow demands the whole Donbas. Guarantees must be binding."
MATRIX = f"{API}/position-matrix"


@pytest.fixture
def stances(client, session):
    """Three actors; positions on an issue, on a whole plan, on a plan point and on a point touching no issue."""
    make_actor(session, id="ukraine", name="Ukraine", kind=ActorKind.state)
    make_actor(session, id="russia", name="Russia", kind=ActorKind.state)
    make_actor(session, id="zelensky", name="Volodymyr Zelensky")
    make_actor(session, id="bystander", name="A bystander")
    make_issue(session, id="territory", name="Territory")
    make_issue(session, id="guarantees", name="Security guarantees")
    make_issue(session, id="nato", name="NATO")
    make_plan(session, id="p20", name="20-point plan")
    make_plan_point(session, id="pt-zones", plan_id="p20", sequence=1, text="Zones.", issue_ids=["territory"])
    make_plan_point(
        session, id="pt-guarantees", plan_id="p20", sequence=2, text="Guarantees.", issue_ids=["guarantees"]
    )
    make_plan_point(session, id="pt-thanks", plan_id="p20", sequence=3, text="Thanks to all.")
    source = make_source(session, id="report", title="A report", text=TEXT)
    make_claim(session, id="c1", source=source, quote="Kyiv refuses to cede territory")
    make_claim(session, id="c2", source=source, quote="Moscow demands the whole Donbas")
    make_claim(session, id="c3", source=source, quote="Guarantees must be binding")
    make_position(
        session, id="ukraine-territory", actor_id="ukraine", stance=Stance.opposes, summary="Will not cede.",
        issue_id="territory", claim_ids=["c1"],
    )  # fmt: skip
    make_position(
        session, id="russia-territory", actor_id="russia", stance=Stance.supports, summary="Wants the Donbas.",
        issue_id="territory", claim_ids=["c2"],
    )  # fmt: skip
    make_position(
        session, id="ukraine-plan", actor_id="ukraine", stance=Stance.supports, summary="Backs the plan.",
        plan_id="p20", claim_ids=["c3", "c1"],
    )  # fmt: skip
    make_position(
        session, id="zelensky-zones", actor_id="zelensky", stance=Stance.conditional, summary="Zones, if policed.",
        plan_point_id="pt-zones", claim_ids=["c2"],
    )  # fmt: skip
    make_position(
        session, id="russia-thanks", actor_id="russia", stance=Stance.unclear, summary="No word on thanks.",
        plan_point_id="pt-thanks",
    )  # fmt: skip
    return client


ACTORS = {
    "russia": {"id": "russia", "name": "Russia", "kind": "state"},
    "ukraine": {"id": "ukraine", "name": "Ukraine", "kind": "state"},
    "zelensky": {"id": "zelensky", "name": "Volodymyr Zelensky", "kind": "person"},
}
ISSUES = {
    "guarantees": {"id": "guarantees", "name": "Security guarantees"},
    "territory": {"id": "territory", "name": "Territory"},
}


def position(position_id, actor, stance, summary, kind, target, label, plan_id, claim_ids):
    return {
        "position_id": position_id, "actor_id": actor, "stance": stance, "summary": summary, "target_kind": kind,
        "target_id": target, "target_label": label, "plan_id": plan_id, "claim_ids": claim_ids,
    }  # fmt: skip


POSITIONS = {
    "ukraine-territory": position(
        "ukraine-territory", "ukraine", "opposes", "Will not cede.", "issue", "territory", "Territory", None, ["c1"]
    ),
    "russia-territory": position(
        "russia-territory", "russia", "supports", "Wants the Donbas.", "issue", "territory", "Territory", None, ["c2"]
    ),
    "ukraine-plan": position(
        "ukraine-plan", "ukraine", "supports", "Backs the plan.", "plan", "p20", "20-point plan", None, ["c1", "c3"]
    ),
    "zelensky-zones": position(
        "zelensky-zones",
        "zelensky",
        "conditional",
        "Zones, if policed.",
        "plan_point",
        "pt-zones",
        "Zones.",
        "p20",
        ["c2"],
    ),
    "russia-thanks": position(
        "russia-thanks",
        "russia",
        "unclear",
        "No word on thanks.",
        "plan_point",
        "pt-thanks",
        "Thanks to all.",
        "p20",
        [],
    ),
}


def cell(actor, issue, stances, *positions):
    return {"actor_id": actor, "issue_id": issue, "stances": stances, "positions": [POSITIONS[p] for p in positions]}


def matrix(actors, issues, cells, unplaced=(), claims=(), sources=()):
    return {
        "actors": [ACTORS[a] for a in actors],
        "issues": [ISSUES[i] for i in issues],
        "cells": cells,
        "unplaced": [POSITIONS[p] for p in unplaced],
        "claims": list(claims),
        "sources": list(sources),
    }


def test_matrix_rolls_positions_on_plans_and_points_up_to_every_issue_they_touch(stances):
    response = stances.get(MATRIX)

    assert response.status_code == 200
    assert response.json() == matrix(
        ["russia", "ukraine", "zelensky"],
        ["guarantees", "territory"],
        [
            cell("russia", "territory", ["supports"], "russia-territory"),
            cell("ukraine", "guarantees", ["supports"], "ukraine-plan"),
            cell("ukraine", "territory", ["supports", "opposes"], "ukraine-territory", "ukraine-plan"),
            cell("zelensky", "territory", ["conditional"], "zelensky-zones"),
        ],
        unplaced=["russia-thanks"],
    )


def test_matrix_of_one_issue_holds_every_actor_whose_position_counts_for_it(stances):
    response = stances.get(MATRIX, params={"issue_id": "territory"})

    assert response.status_code == 200
    assert response.json() == matrix(
        ["russia", "ukraine", "zelensky"],
        ["territory"],
        [
            cell("russia", "territory", ["supports"], "russia-territory"),
            cell("ukraine", "territory", ["supports", "opposes"], "ukraine-territory", "ukraine-plan"),
            cell("zelensky", "territory", ["conditional"], "zelensky-zones"),
        ],
    )


def test_matrix_of_one_actor_lists_its_positions_that_touch_no_issue_apart(stances):
    response = stances.get(MATRIX, params={"actor_id": "russia"})

    assert response.status_code == 200
    assert response.json() == matrix(
        ["russia"], ["territory"], [cell("russia", "territory", ["supports"], "russia-territory")],
        unplaced=["russia-thanks"],
    )  # fmt: skip


def test_matrix_with_both_filters_is_one_cell(stances):
    response = stances.get(MATRIX, params={"actor_id": "ukraine", "issue_id": "guarantees"})

    assert response.status_code == 200
    assert response.json() == matrix(
        ["ukraine"], ["guarantees"], [cell("ukraine", "guarantees", ["supports"], "ukraine-plan")]
    )


def test_matrix_embeds_the_backing_claims_and_their_sources_when_asked(stances):
    response = stances.get(MATRIX, params={"actor_id": "ukraine", "embed": "claims"})
    body = response.json()

    assert response.status_code == 200
    assert [claim["id"] for claim in body["claims"]] == ["c1", "c3"]
    assert body["claims"][0] == stances.get(f"{API}/claims/c1").json()
    assert body["sources"] == [stances.get(f"{API}/sources", params={"q": "Kyiv"}).json()["items"][0]]
    assert {key: body[key] for key in ("actors", "issues", "cells", "unplaced")} == {
        key: value for key, value in stances.get(MATRIX, params={"actor_id": "ukraine"}).json().items()
        if key not in ("claims", "sources")
    }  # fmt: skip


@pytest.mark.parametrize(("name", "label"), [("issue_id", "issue"), ("actor_id", "actor")])
def test_matrix_filtered_by_an_unknown_record_rejects_the_parameter(stances, name, label):
    response = stances.get(MATRIX, params={name: "nope"})

    assert response.status_code == 422
    assert response.json() == invalid_parameter(MATRIX, name, f"no {label} has the id 'nope'")


def test_matrix_rejects_an_unknown_embedding(stances):
    response = stances.get(MATRIX, params={"embed": "everything"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "embed"


def test_matrix_of_an_empty_knowledge_base_is_empty(client):
    response = client.get(MATRIX)

    assert response.status_code == 200
    assert response.json() == matrix([], [], [])


def test_seeded_matrix_places_every_position_and_counts_plan_point_positions_for_their_issue(kb):
    whole = kb.get(MATRIX).json()
    positions = kb.get(f"{API}/positions", params={"limit": 500}).json()["items"]
    placed = {p["position_id"] for c in whole["cells"] for p in c["positions"]} | {
        p["position_id"] for p in whole["unplaced"]
    }
    zones = next(c for c in whole["issues"] if c["id"] == "demilitarized-and-free-economic-zones")
    in_zones = [p for c in whole["cells"] if c["issue_id"] == zones["id"] for p in c["positions"]]

    assert placed == {p["id"] for p in positions}
    assert {p["target_kind"] for p in in_zones} >= {"plan_point", "plan"}
    assert kb.get(f"{API}/issues/{zones['id']}/positions").json()["total"] == 0  # none directly on the issue

"""POST /bulk: NDJSON writes applied in one transaction — all of them, or none and every failing line named."""

import json

import pytest

from tests.writes.helpers import API, bearer, invalid, problem, revision_count, snapshot_tables
from tests.writes.kinds import claim_body, source_body

NDJSON = {"Content-Type": "application/x-ndjson"}


def ndjson(*lines: dict | str) -> str:
    return "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines) + "\n"


def post_bulk(api, key: str, body: str):
    return api.post(f"{API}/bulk", content=body.encode(), headers=bearer(key) | NDJSON)


GOOD = ndjson(
    {"op": "create", "kind": "source", "data": source_body(id="fresh-source")},
    {"kind": "claim", "data": claim_body(id="fresh-claim", source_id="fresh-source", quote="about 70%")},
    {"op": "update", "kind": "issue", "id": "territory", "data": {"description": "Who holds which land."}},
    {"op": "delete", "kind": "claim_relation", "id": "repeat-supports"},
)


def test_bulk_applies_every_line_and_reports_what_it_did(api, keys):
    response = post_bulk(api, keys.write, GOOD)

    assert response.status_code == 200, response.text
    assert response.json() == {
        "lines": 4,
        "applied": {"claim.create": 1, "claim_relation.delete": 1, "issue.update": 1, "source.create": 1},
    }
    claim = api.get(f"{API}/claims/fresh-claim").json()
    assert (claim["source_id"], claim["quote_start"], claim["quote_end"]) == ("fresh-source", 23, 32)
    assert api.get(f"{API}/issues/territory").json()["description"] == "Who holds which land."
    assert api.get(f"{API}/claim-relations/repeat-supports").status_code == 404
    history = api.get(f"{API}/claims/fresh-claim/history").json()["items"]
    assert [(item["operation"], item["key_name"]) for item in history] == [("create", "writer")]


def test_bulk_with_failing_lines_writes_nothing_and_names_every_failing_line(api, db, keys):
    before = snapshot_tables(db)
    body = ndjson(
        {"kind": "issue", "data": {"id": "ceasefire", "name": "Ceasefire"}},
        {"op": "create", "kind": "issue", "data": {"id": "territory", "name": "Territory"}},
        "this is not json",
        {"kind": "issue", "data": {"id": "truce", "name": "Truce", "colour": "blue"}},
        {"kind": "claim", "data": claim_body(id="nowhere-claim", source_id="nowhere")},
        {"op": "delete", "kind": "issue", "id": "territory"},
        {"op": "update", "kind": "event", "id": "no-such-event", "data": {"location": "Geneva"}},
        {"kind": "treaty", "id": "x"},
        {"kind": "issue", "data": {"name": "No id"}},
    )

    response = post_bulk(api, keys.write, body)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    errors = [
        ("line 2", "line", "An issue with id 'territory' already exists."),
        ("line 3", "line", "not valid JSON: Expecting value"),
        ("line 4", "colour", "Extra inputs are not permitted"),
        ("line 5", "source_id", "no source with id 'nowhere'"),
        (
            "line 6",
            "line",
            "Issue 'territory' is referenced by claim_issue.issue_id (1: russia-holds-75-donetsk); "
            "plan_point_issue.issue_id (1: plan-guarantees). Remove those references first, or delete with "
            "cascade=true.",
        ),
        ("line 7", "line", "No event with id 'no-such-event'."),
        (
            "line 8",
            "kind",
            "Input should be 'actor', 'claim', 'claim_relation', 'event', 'issue', 'position', 'plan', 'plan_point', "
            "'source', 'thesaurus_entry' or 'place'",
        ),
        ("line 9", "id", "every line needs an id (in 'id' or in 'data')"),
    ]
    assert response.json() == problem(
        422,
        "invalid-parameter",
        "Unprocessable Entity",
        "; ".join(f"{name}: {reason}" for _, name, reason in errors),
        f"{API}/bulk",
        [{"location": location, "name": name, "reason": reason} for location, name, reason in errors],
    )
    assert snapshot_tables(db) == before


def test_bulk_with_one_bad_line_after_good_ones_keeps_none_of_them(api, db, keys):
    before = snapshot_tables(db)
    body = GOOD + ndjson({"op": "update", "kind": "claim", "id": "witkoff-is-envoy", "data": {"credibility": 9}})

    response = post_bulk(api, keys.write, body)

    assert response.status_code == 422
    assert response.json() == invalid(
        f"{API}/bulk", ("credibility", "Input should be less than or equal to 6"), location="line 5"
    )
    assert snapshot_tables(db) == before
    assert api.get(f"{API}/sources/fresh-source").status_code == 404


def test_bulk_upserts_converge_when_run_again(api, db, keys):
    body = ndjson(
        {"kind": "issue", "data": {"id": "ceasefire", "name": "Ceasefire"}},
        {"kind": "issue", "data": {"id": "territory", "name": "Territory", "description": "Land."}},
        {"kind": "claim", "data": claim_body(actor_ids=[])},
    )
    first = post_bulk(api, keys.write, body)
    state, revisions = snapshot_tables(db), revision_count(db)

    again = post_bulk(api, keys.write, body)

    assert first.status_code == again.status_code == 200
    assert first.json()["applied"] == {"claim.create": 1, "issue.create": 1, "issue.update": 1}
    assert again.json()["applied"] == {"claim.update": 1, "issue.update": 2}
    assert snapshot_tables(db) == state
    assert revision_count(db) == revisions


def test_bulk_rerun_after_a_failure_applies_everything(api, keys):
    broken = GOOD + ndjson({"kind": "issue", "data": {"id": "Bad Id", "name": "Bad"}})
    fixed = GOOD + ndjson({"kind": "issue", "data": {"id": "good-id", "name": "Good"}})
    assert post_bulk(api, keys.write, broken).status_code == 422

    response = post_bulk(api, keys.write, fixed)

    assert response.status_code == 200, response.text
    assert api.get(f"{API}/issues/good-id").status_code == 200
    assert api.get(f"{API}/claims/fresh-claim").status_code == 200


def test_bulk_cascading_delete_needs_an_admin_key(api, db, keys):
    body = ndjson({"op": "delete", "kind": "issue", "id": "territory", "cascade": True})
    before = snapshot_tables(db)

    refused = post_bulk(api, keys.write, body)

    assert refused.status_code == 422
    assert refused.json() == invalid(
        f"{API}/bulk", ("cascade", "cascading deletes need an admin key"), location="line 1"
    )
    assert snapshot_tables(db) == before
    allowed = post_bulk(api, keys.admin, body)
    assert allowed.status_code == 200
    assert allowed.json() == {"lines": 1, "applied": {"issue.delete": 1}}
    assert api.get(f"{API}/claims/russia-holds-75-donetsk").json()["issue_ids"] == []


def test_bulk_skips_blank_lines_and_accepts_an_empty_body(api, keys):
    response = post_bulk(api, keys.write, "\n\n")

    assert response.status_code == 200
    assert response.json() == {"lines": 2, "applied": {}}


@pytest.mark.parametrize(
    ("key", "status"), [(None, 401), ("bad", 401), ("read", 403)], ids=["no-key", "bad-key", "read-key"]
)
def test_bulk_needs_a_write_key(api, db, keys, key, status):
    before = snapshot_tables(db)
    headers = {} if key is None else bearer("pkb_x_y" if key == "bad" else keys.read)

    response = api.post(f"{API}/bulk", content=GOOD.encode(), headers=headers | NDJSON)

    assert response.status_code == status
    assert snapshot_tables(db) == before

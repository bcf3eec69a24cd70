"""Referential integrity: unknown references refused on write; deletes refused while referenced, or, with
cascade=true and an admin key, carried through to everything that depends on the record — no orphans."""

import pytest
from sqlalchemy import text

from tests.writes.helpers import API, assert_no_orphans, bearer, indexed_ids, invalid
from tests.writes.kinds import BY_KIND

UNKNOWN_REFERENCES = [
    ("claim", {"source_id": "nowhere"}, "source_id", "no source with id 'nowhere'"),
    ("claim", {"speaker_id": "nobody"}, "speaker_id", "no actor with id 'nobody'"),
    ("claim", {"actor_ids": ["russia", "nobody"]}, "actor_ids", "no actor with id 'nobody'"),
    ("claim", {"plan_point_ids": ["nowhere"]}, "plan_point_ids", "no plan point with id 'nowhere'"),
    ("claim", {"issue_ids": ["nowhere"]}, "issue_ids", "no issue with id 'nowhere'"),
    ("claim", {"event_ids": ["nowhere"]}, "event_ids", "no event with id 'nowhere'"),
    ("source", {"updates_id": "nowhere"}, "updates_id", "no source with id 'nowhere'"),
    ("actor", {"affiliation_id": "nobody"}, "affiliation_id", "no actor with id 'nobody'"),
    ("actor", {"roles": [{"role": "envoy", "claim_id": "nowhere"}]}, "roles.claim_id", "no claim with id 'nowhere'"),
    ("plan", {"supersedes_id": "nowhere"}, "supersedes_id", "no plan with id 'nowhere'"),
    ("plan", {"source_id": "nowhere"}, "source_id", "no source with id 'nowhere'"),
    ("plan", {"proposer_ids": ["nobody"]}, "proposer_ids", "no actor with id 'nobody'"),
    ("plan_point", {"plan_id": "nowhere"}, "plan_id", "no plan with id 'nowhere'"),
    ("plan_point", {"parent_id": "nowhere"}, "parent_id", "no plan point with id 'nowhere'"),
    ("plan_point", {"issue_ids": ["nowhere"]}, "issue_ids", "no issue with id 'nowhere'"),
    ("position", {"actor_id": "nobody"}, "actor_id", "no actor with id 'nobody'"),
    ("position", {"plan_id": "nowhere"}, "plan_id", "no plan with id 'nowhere'"),
    ("position", {"claim_ids": ["nowhere"]}, "claim_ids", "no claim with id 'nowhere'"),
    ("event", {"actor_ids": ["nobody"]}, "actor_ids", "no actor with id 'nobody'"),
    ("claim_relation", {"from_claim_id": "nowhere"}, "from_claim_id", "no claim with id 'nowhere'"),
    ("claim_relation", {"to_claim_id": "nowhere"}, "to_claim_id", "no claim with id 'nowhere'"),
]


@pytest.mark.parametrize(
    ("kind_name", "fields", "name", "reason"),
    UNKNOWN_REFERENCES,
    ids=[f"{kind}-{name}" for kind, _, name, _ in UNKNOWN_REFERENCES],
)
def test_create_with_an_unknown_reference_is_refused_naming_the_field(api, keys, kind_name, fields, name, reason):
    kind = BY_KIND[kind_name]

    response = api.post(kind.path, json=kind.body(**fields), headers=bearer(keys.write))

    assert response.status_code == 422
    assert response.json() == invalid(kind.path, (name, reason))
    assert api.get(kind.item(kind.new_id)).status_code == 404


def test_patch_with_an_unknown_reference_is_refused_naming_the_field(api, keys):
    path = f"{API}/claims/witkoff-is-envoy"
    before = api.get(path).json()

    response = api.patch(path, json={"issue_ids": ["territory", "nowhere"]}, headers=bearer(keys.write))

    assert response.status_code == 422
    assert response.json() == invalid(path, ("issue_ids", "no issue with id 'nowhere'"))
    assert api.get(path).json() == before


def test_plan_point_parent_must_belong_to_the_same_plan(api, keys):
    api.post(
        f"{API}/plan-points",
        json=BY_KIND["plan_point"].body(id="draft-point", plan_id="draft"),
        headers=bearer(keys.write),
    ).raise_for_status()

    response = api.post(
        f"{API}/plan-points", json=BY_KIND["plan_point"].body(parent_id="draft-point"), headers=bearer(keys.write)
    )

    assert response.status_code == 422
    assert response.json() == invalid(
        f"{API}/plan-points", ("parent_id", "point 'draft-point' belongs to another plan ('draft')")
    )


# ---- cascading deletes --------------------------------------------------------------------------------------


def changes_after(api, cursor: int) -> list[tuple[str, str, str]]:
    items = api.get(f"{API}/changes", params={"since": cursor, "limit": 1000}).json()["items"]
    return sorted((item["kind"], item["record_id"], item["operation"]) for item in items)


def cursor(api) -> int:
    return api.get(f"{API}/changes", params={"limit": 1000}).json()["next_since"]


def cascade(api, keys, path: str):
    return api.delete(path, params={"cascade": "true"}, headers=bearer(keys.admin))


def test_cascading_delete_of_a_source_removes_its_claims_and_what_needs_them(api, db, keys):
    start = cursor(api)

    response = cascade(api, keys, f"{API}/sources/note")

    assert response.status_code == 204, response.text
    assert changes_after(api, start) == [
        ("actor", "steve-witkoff", "update"),
        ("claim", "russia-holds-75-donetsk", "delete"),
        ("claim", "russia-holds-75-donetsk-again", "delete"),
        ("claim", "witkoff-is-envoy", "delete"),
        ("claim_relation", "repeat-supports", "delete"),
        ("event", "talks", "update"),
        ("position", "us-supports-plan", "delete"),  # its only backing claim is gone
        ("source", "note", "delete"),
    ]
    assert api.get(f"{API}/actors/steve-witkoff").json()["roles"] == []
    assert api.get(f"{API}/events/talks").json()["claim_ids"] == []
    assert api.get(f"{API}/plan-points/plan-guarantees").status_code == 200
    assert indexed_ids(db, "claim") == []
    assert indexed_ids(db, "source") == []
    assert_no_orphans(db)


def test_cascading_delete_of_an_actor_clears_optional_references_and_deletes_required_ones(api, db, keys):
    start = cursor(api)

    response = cascade(api, keys, f"{API}/actors/united-states")

    assert response.status_code == 204, response.text
    assert changes_after(api, start) == [
        ("actor", "steve-witkoff", "update"),
        ("actor", "united-states", "delete"),
        ("plan", "plan", "update"),
        ("position", "us-supports-plan", "delete"),
    ]
    assert api.get(f"{API}/actors/steve-witkoff").json()["affiliation_id"] is None
    assert api.get(f"{API}/plans/plan").json()["proposer_ids"] == []
    assert indexed_ids(db, "actor") == ["russia", "steve-witkoff"]
    assert indexed_ids(db, "position") == []
    assert_no_orphans(db)


def test_cascading_delete_of_a_plan_deletes_its_points_and_positions_left_without_a_target(api, db, keys):
    start = cursor(api)

    response = cascade(api, keys, f"{API}/plans/plan")

    assert response.status_code == 204, response.text
    assert changes_after(api, start) == [
        ("claim", "witkoff-is-envoy", "update"),
        ("plan", "plan", "delete"),
        ("plan_point", "plan-guarantees", "delete"),
        ("position", "us-supports-plan", "delete"),
    ]
    assert api.get(f"{API}/claims/witkoff-is-envoy").json()["plan_point_ids"] == []
    assert api.get(f"{API}/plans/draft").status_code == 200
    assert_no_orphans(db)


def test_cascading_delete_keeps_a_position_that_has_another_target(api, db, keys):
    api.patch(f"{API}/positions/us-supports-plan", json={"issue_id": "territory"}, headers=bearer(keys.write))

    response = cascade(api, keys, f"{API}/plans/plan")

    assert response.status_code == 204, response.text
    position = api.get(f"{API}/positions/us-supports-plan").json()
    assert (position["issue_id"], position["plan_id"], position["plan_point_id"]) == ("territory", None, None)
    assert_no_orphans(db)


def test_cascading_delete_keeps_a_position_that_has_another_claim(api, db, keys):
    api.patch(
        f"{API}/positions/us-supports-plan",
        json={"claim_ids": ["witkoff-is-envoy", "russia-holds-75-donetsk"]},
        headers=bearer(keys.write),
    ).raise_for_status()

    response = cascade(api, keys, f"{API}/claims/witkoff-is-envoy")

    assert response.status_code == 204, response.text
    assert api.get(f"{API}/positions/us-supports-plan").json()["claim_ids"] == ["russia-holds-75-donetsk"]
    assert_no_orphans(db)


def test_cascading_delete_of_a_superseded_plan_clears_supersedes_id(api, db, keys):
    response = cascade(api, keys, f"{API}/plans/draft")

    assert response.status_code == 204, response.text
    assert api.get(f"{API}/plans/plan").json()["supersedes_id"] is None
    assert_no_orphans(db)


def test_cascading_delete_of_a_claim_removes_its_relations_and_every_link(api, db, keys):
    start = cursor(api)

    response = cascade(api, keys, f"{API}/claims/russia-holds-75-donetsk")

    assert response.status_code == 204, response.text
    assert ("claim_relation", "repeat-supports", "delete") in changes_after(api, start)
    assert api.get(f"{API}/claims/russia-holds-75-donetsk-again").json()["relations"] == []
    with db.connect() as connection:
        for table in ("claim_actor", "claim_issue", "claim_event", "claim_plan_point", "position_claim"):
            assert (
                connection.execute(
                    text(f"SELECT count(*) FROM {table} WHERE claim_id = 'russia-holds-75-donetsk'")
                ).scalar_one()
                == 0
            )
    assert indexed_ids(db, "claim_relation") == []
    assert_no_orphans(db)


def test_deleting_a_record_removes_its_own_links_without_cascade(api, db, keys):
    # A plan's proposers, an event's actors, a claim's links and an actor's roles belong to the record itself.
    for path in [
        f"{API}/claim-relations/repeat-supports",
        f"{API}/positions/us-supports-plan",
        f"{API}/claims/russia-holds-75-donetsk-again",
    ]:
        assert api.delete(path, headers=bearer(keys.write)).status_code == 204, path

    response = api.delete(f"{API}/claims/russia-holds-75-donetsk", headers=bearer(keys.write))

    assert response.status_code == 204, response.text
    assert_no_orphans(db)


def test_a_refused_cascade_changes_nothing(api, db, keys):
    # The admin key passes the scope check; a stale If-Match then stops the whole cascade.
    before = api.get(f"{API}/sources/note").json()

    response = api.delete(
        f"{API}/sources/note", params={"cascade": "true"}, headers=bearer(keys.admin) | {"If-Match": '"stale"'}
    )

    assert response.status_code == 412
    assert api.get(f"{API}/sources/note").json() == before
    assert len(api.get(f"{API}/claims").json()["items"]) == 3

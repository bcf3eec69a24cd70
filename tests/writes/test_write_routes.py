"""POST, PATCH and DELETE on every collection: keys and scopes, the happy path, validation and conflicts.

Every test runs once per kind (tests/writes/kinds.py holds one create-body factory per kind).
"""

import pytest

from app.main import create_app
from app.services.resources import RESOURCES
from app.services.writes import POSITION_TARGETS
from tests.writes.helpers import (
    bearer,
    conflict,
    invalid,
    not_found,
    problem,
    snapshot_tables,
)
from tests.writes.kinds import BY_KIND, CREATED, KINDS, Kind

METHODS = ["POST", "PATCH", "DELETE"]
ROUTES = [pytest.param(method, kind, id=f"{method}-{kind}") for method in METHODS for kind in KINDS]
EXTRA = "Extra inputs are not permitted"
DOCUMENT = create_app().openapi()


def send(client, method: str, kind: Kind, headers: dict | None = None):
    """A well-formed request for the route: a new record, a change to a seeded one, or its removal."""
    if method == "POST":
        return client.post(kind.path, json=kind.body(), headers=headers)
    if method == "PATCH":
        return client.patch(kind.item(), json=kind.change, headers=headers)
    return client.delete(kind.item(), headers=headers)


def instance(method: str, kind: Kind) -> str:
    return kind.path if method == "POST" else kind.item()


# ---- keys and scopes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "kind"), ROUTES)
def test_write_without_a_key_is_refused_with_401_and_changes_nothing(api, db, method, kind):
    before = snapshot_tables(db)

    response = send(api, method, kind)

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="peacekb"'
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == problem(
        401,
        "unauthorized",
        "Unauthorized",
        "This operation needs an API key: send 'Authorization: Bearer <key>'.",
        instance(method, kind),
    )
    assert snapshot_tables(db) == before


@pytest.mark.parametrize(("method", "kind"), ROUTES)
def test_write_with_an_unknown_key_is_refused_with_401(api, db, keys, method, kind):
    before = snapshot_tables(db)
    forged = keys.admin[:-4] + ("AAAA" if not keys.admin.endswith("AAAA") else "BBBB")

    response = send(api, method, kind, bearer(forged))

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="peacekb"'
    assert response.json() == problem(
        401,
        "unauthorized",
        "Unauthorized",
        "The API key is not valid or has been revoked.",
        instance(method, kind),
    )
    assert snapshot_tables(db) == before


@pytest.mark.parametrize(("method", "kind"), ROUTES)
def test_write_with_a_read_key_is_forbidden(api, db, keys, method, kind):
    before = snapshot_tables(db)

    response = send(api, method, kind, bearer(keys.read))

    assert response.status_code == 403
    assert response.json() == problem(
        403,
        "forbidden",
        "Forbidden",
        "This operation needs a key with the 'write' scope; this key has 'read'.",
        instance(method, kind),
    )
    assert snapshot_tables(db) == before


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_cascading_delete_with_a_write_key_is_forbidden(api, db, keys, kind):
    before = snapshot_tables(db)

    response = api.delete(kind.item(), params={"cascade": "true"}, headers=bearer(keys.write))

    assert response.status_code == 403
    assert response.json() == problem(
        403,
        "forbidden",
        "Forbidden",
        "Deleting with cascade=true needs a key with the 'admin' scope.",
        kind.item(),
    )
    assert snapshot_tables(db) == before


# ---- happy paths -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_create_answers_201_with_location_and_the_record_as_it_reads_back(api, keys, kind):
    response = api.post(kind.path, json=kind.body(), headers=bearer(keys.write))

    assert response.status_code == 201, response.text
    assert response.headers["location"] == kind.item(kind.new_id)
    assert response.json() == CREATED[kind.kind]
    read_back = api.get(response.headers["location"])
    assert read_back.status_code == 200
    assert read_back.json() == CREATED[kind.kind]


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_patch_changes_only_the_fields_sent(api, keys, kind):
    before = api.get(kind.item()).json()

    response = api.patch(kind.item(), json=kind.change, headers=bearer(keys.write))

    assert response.status_code == 200, response.text
    assert response.json() == before | kind.change
    assert api.get(kind.item()).json() == before | kind.change


@pytest.mark.parametrize("kind", [k for k in KINDS if k.kind != "claim_relation"], ids=str)
def test_patch_with_null_clears_an_optional_field(api, keys, kind):
    before = api.get(kind.item()).json()
    (name,) = kind.change
    api.patch(kind.item(), json=kind.change, headers=bearer(keys.write)).raise_for_status()

    response = api.patch(kind.item(), json={name: None}, headers=bearer(keys.write))

    assert response.status_code == 200, response.text
    assert response.json() == before | {name: None}
    assert api.get(kind.item()).json() == before | {name: None}


def _update_fields(kind: Kind) -> list:
    schema = DOCUMENT["components"]["schemas"][RESOURCES[kind.kind].update.__name__]
    return [
        pytest.param(kind, name, {"type": "null"} in prop.get("anyOf", []), id=f"{kind}-{name}")
        for name, prop in schema["properties"].items()
    ]


@pytest.mark.parametrize(("kind", "name", "nullable"), [field for kind in KINDS for field in _update_fields(kind)])
def test_an_update_schema_admits_null_exactly_where_a_patch_takes_it(api, keys, kind, name, nullable):
    before = api.get(kind.item()).json()
    # A position must keep a target: clearing its only one is refused by that rule, not by the field's type.
    only_target = kind.kind == "position" and [t for t in POSITION_TARGETS if before[t]] == [name]

    response = api.patch(kind.item(), json={name: None}, headers=bearer(keys.write))

    if not nullable:
        assert response.status_code == 422, response.text
        assert [error["name"] for error in response.json()["errors"]] == [name]
    elif only_target:
        assert response.status_code == 422 and "a position needs" in response.json()["detail"], response.text
    else:
        assert response.status_code == 200, response.text


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_delete_answers_204_and_the_record_is_gone(api, db, keys, kind):
    api.post(kind.path, json=kind.body(), headers=bearer(keys.write)).raise_for_status()

    response = api.delete(kind.item(kind.new_id), headers=bearer(keys.write))

    assert response.status_code == 204, response.text
    assert response.content == b""
    assert api.get(kind.item(kind.new_id)).json() == not_found(
        kind.item(kind.new_id), f"No {kind.label} with id '{kind.new_id}'."
    )


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_write_on_an_unknown_record_is_404(api, keys, kind):
    missing = kind.item("no-such-record")
    expected = not_found(missing, f"No {kind.label} with id 'no-such-record'.")

    patched = api.patch(missing, json=kind.change, headers=bearer(keys.write))
    deleted = api.delete(missing, headers=bearer(keys.write))

    assert (patched.status_code, patched.json()) == (404, expected)
    assert (deleted.status_code, deleted.json()) == (404, expected)


# ---- validation --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_create_rejects_an_unknown_field(api, db, keys, kind):
    before = snapshot_tables(db)

    response = api.post(kind.path, json=kind.body(colour="blue"), headers=bearer(keys.write))

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == invalid(kind.path, ("colour", EXTRA))
    assert snapshot_tables(db) == before


# The fields each create requires besides the id, in the order the errors name them.
REQUIRED = {
    "source": ["title", "kind", "reliability", "reliability_note", "text"],
    "actor": ["name", "kind"],
    "plan": ["name", "status"],
    "plan_point": ["text", "category", "plan_id"],
    "issue": ["name"],
    "position": ["actor_id", "stance", "summary", "claim_ids"],
    "claim": ["statement", "source_id", "quote", "credibility"],
    "event": ["title", "kind"],
    "claim_relation": ["type", "from_claim_id", "to_claim_id", "rationale"],
}


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_create_rejects_a_body_without_its_required_fields(api, keys, kind):
    response = api.post(kind.path, json={"id": kind.new_id}, headers=bearer(keys.write))

    assert response.status_code == 422
    assert response.json() == invalid(kind.path, *[(name, "Field required") for name in REQUIRED[kind.kind]])


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_create_rejects_a_malformed_id(api, keys, kind):
    response = api.post(kind.path, json=kind.body(id="Not A Slug"), headers=bearer(keys.write))

    assert response.status_code == 422
    assert response.json() == invalid(kind.path, ("id", "String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$'"))


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_patch_rejects_an_unknown_field_and_the_id(api, db, keys, kind):
    before = snapshot_tables(db)

    response = api.patch(kind.item(), json={"colour": "blue", "id": "renamed"}, headers=bearer(keys.write))

    assert response.status_code == 422
    assert response.json() == invalid(kind.item(), ("colour", EXTRA), ("id", EXTRA))
    assert snapshot_tables(db) == before


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_delete_rejects_a_malformed_cascade_flag(api, keys, kind):
    response = api.delete(kind.item(), params={"cascade": "perhaps"}, headers=bearer(keys.admin))

    assert response.status_code == 422
    assert response.json() == invalid(
        kind.item(), ("cascade", "Input should be a valid boolean, unable to interpret input"), location="query"
    )


# ---- conflicts -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_create_with_an_existing_id_is_a_conflict(api, db, keys, kind):
    before = snapshot_tables(db)
    body = kind.body(id=kind.seeded_id)

    response = api.post(kind.path, json=body, headers=bearer(keys.write))

    article = "An" if kind.label[0] in "aeiou" else "A"
    assert response.status_code == 409
    assert response.json() == conflict(kind.path, f"{article} {kind.label} with id '{kind.seeded_id}' already exists.")
    assert snapshot_tables(db) == before


# What points at one seeded record of each kind that anything can point at (nothing refers to positions or
# relations: for those, see the If-Match conflicts in test_etags.py).
REFERENCED = {
    "source": ("note", "claim.source_id (3: russia-holds-75-donetsk, russia-holds-75-donetsk-again, witkoff-is-envoy)"),
    "actor": (
        "united-states",
        "actor.affiliation_id (1: steve-witkoff); plan_proposer.actor_id (1: plan); "
        "position.actor_id (1: us-supports-plan)",
    ),
    "plan": ("draft", "plan.supersedes_id (1: plan)"),
    "plan_point": ("plan-guarantees", "claim_plan_point.plan_point_id (1: witkoff-is-envoy)"),
    "issue": (
        "territory",
        "claim_issue.issue_id (1: russia-holds-75-donetsk); plan_point_issue.issue_id (1: plan-guarantees)",
    ),
    "claim": ("russia-holds-75-donetsk", "claim_relation.to_claim_id (1: repeat-supports)"),
    "event": ("talks", "claim_event.event_id (1: witkoff-is-envoy)"),
}


@pytest.mark.parametrize("kind_name", list(REFERENCED))
def test_delete_of_a_referenced_record_is_a_conflict_listing_what_points_to_it(api, db, keys, kind_name):
    kind = BY_KIND[kind_name]
    record_id, references = REFERENCED[kind_name]
    before = snapshot_tables(db)

    response = api.delete(kind.item(record_id), headers=bearer(keys.write))

    assert response.status_code == 409
    assert response.json() == conflict(
        kind.item(record_id),
        f"{kind.label.capitalize()} '{record_id}' is referenced by {references}. "
        "Remove those references first, or delete with cascade=true.",
    )
    assert snapshot_tables(db) == before

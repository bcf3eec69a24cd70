"""API keys: only hashes stored, Bearer keys checked on every write, revocation, optional keys for reads,
and the security scheme in the OpenAPI document."""

import hashlib

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.auth import create_key, revoke_key, verify_key
from app.config import get_settings
from tests.writes.helpers import API, bearer, problem
from tests.writes.kinds import issue_body

UNAUTHORIZED_NO_KEY = "This operation needs an API key: send 'Authorization: Bearer <key>'."
UNAUTHORIZED_BAD_KEY = "The API key is not valid or has been revoked."


def test_create_key_stores_only_the_hash_of_the_key(db):
    with Session(db) as session:
        key = create_key(session, name="curator", scope="write")

    with db.connect() as connection:
        rows = connection.execute(text("SELECT * FROM api_key WHERE name = 'curator'")).mappings().all()
    (row,) = rows
    prefix, secret = key.split("_")[1], key.split("_", 2)[2]
    assert key.startswith(f"pkb_{prefix}_") and len(secret) >= 43
    assert row["secret_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert (row["prefix"], row["scope"], row["revoked_at"]) == (prefix, "write", None)
    assert not any(secret in str(value) for value in row.values())


def test_verify_key_accepts_the_key_and_nothing_like_it(db):
    with Session(db) as session:
        key = create_key(session, name="curator", scope="admin")

        assert verify_key(session, key).name == "curator"
        assert verify_key(session, key + "x") is None
        assert verify_key(session, key.replace("pkb_", "xyz_", 1)) is None
        assert verify_key(session, "pkb_only-two") is None


def test_write_with_a_revoked_key_is_refused_with_401(api, db):
    with Session(db) as session:
        key = create_key(session, name="temporary", scope="admin")
    assert api.post(f"{API}/issues", json=issue_body(), headers=bearer(key)).status_code == 201
    with Session(db) as session:
        assert revoke_key(session, name="temporary") is True

    response = api.post(f"{API}/issues", json=issue_body(id="truce"), headers=bearer(key))

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="peacekb"'
    assert response.json() == problem(401, "unauthorized", "Unauthorized", UNAUTHORIZED_BAD_KEY, f"{API}/issues")
    assert api.get(f"{API}/issues/truce").status_code == 404


def test_revoking_an_unknown_or_revoked_key_reports_false(db):
    with Session(db) as session:
        create_key(session, name="temporary", scope="write")
        assert revoke_key(session, name="temporary") is True

        assert revoke_key(session, name="temporary") is False
        assert revoke_key(session, name="nobody") is False


@pytest.mark.parametrize(
    "authorization",
    ["Basic dXNlcjpwYXNz", "Bearer", "Bearer not-a-key"],
    ids=["basic-scheme", "empty-bearer", "malformed-key"],
)
def test_write_with_a_malformed_authorization_header_is_401(api, authorization):
    response = api.post(f"{API}/issues", json=issue_body(), headers={"Authorization": authorization})

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="peacekb"'
    assert response.json()["status"] == 401


def test_an_admin_key_may_do_what_a_write_key_may(api, keys):
    response = api.post(f"{API}/issues", json=issue_body(), headers=bearer(keys.admin))

    assert response.status_code == 201
    assert api.get(f"{API}/issues/ceasefire/history").json()["items"][0]["key_name"] == "admin"


# ---- reads ---------------------------------------------------------------------------------------------------

READ_PATHS = [
    "/issues",
    "/issues/territory",
    "/claims/witkoff-is-envoy",
    "/issues/territory/history",
    "/changes",
    "/search?q=envoy",
]


@pytest.mark.parametrize("path", READ_PATHS)
def test_reads_are_public_by_default(api, path):
    assert api.get(f"{API}{path}").status_code == 200


@pytest.mark.parametrize("path", READ_PATHS)
def test_reads_need_a_key_when_read_requires_key_is_set(api, monkeypatch, path):
    monkeypatch.setattr(get_settings(), "read_requires_key", True)

    response = api.get(f"{API}{path}")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="peacekb"'
    assert response.json() == problem(
        401, "unauthorized", "Unauthorized", UNAUTHORIZED_NO_KEY, f"{API}{path.split('?')[0]}"
    )


@pytest.mark.parametrize("path", READ_PATHS)
def test_a_read_key_may_read_when_read_requires_key_is_set(api, keys, monkeypatch, path):
    monkeypatch.setattr(get_settings(), "read_requires_key", True)

    assert api.get(f"{API}{path}", headers=bearer(keys.read)).status_code == 200


def test_a_bad_key_may_not_read_when_read_requires_key_is_set(api, keys, monkeypatch):
    monkeypatch.setattr(get_settings(), "read_requires_key", True)

    response = api.get(f"{API}/issues", headers=bearer(keys.read + "x"))

    assert response.status_code == 401
    assert response.json()["detail"] == UNAUTHORIZED_BAD_KEY


def test_a_write_still_needs_a_write_key_when_read_requires_key_is_set(api, keys, monkeypatch):
    monkeypatch.setattr(get_settings(), "read_requires_key", True)

    forbidden = api.post(f"{API}/issues", json=issue_body(), headers=bearer(keys.read))
    created = api.post(f"{API}/issues", json=issue_body(), headers=bearer(keys.write))

    assert forbidden.status_code == 403
    assert created.status_code == 201


# ---- OpenAPI -------------------------------------------------------------------------------------------------


def test_openapi_declares_the_bearer_scheme_on_every_write_operation(api):
    spec = api.get("/openapi.json").json()

    assert spec["components"]["securitySchemes"] == {
        "HTTPBearer": {"type": "http", "scheme": "bearer", "description": "An API key from `peacekb keys create`."}
    }
    writes = {
        operation["operationId"]: operation.get("security")
        for operations in spec["paths"].values()
        for method, operation in operations.items()
        if method in {"post", "patch", "delete"}
    }
    # POST /suggestions writes nothing (a text too long for a query string) but also needs a key.
    assert writes.pop("suggest_for_text") == [{"HTTPBearer": []}]
    collections = [
        "source",
        "actor",
        "plan",
        "plan_point",
        "issue",
        "position",
        "claim",
        "event",
        "claim_relation",
        "thesaurus_entry",
        "place",
    ]
    assert sorted(writes) == sorted(
        [f"{verb}_{kind}" for verb in ("create", "update", "delete") for kind in collections] + ["bulk_write"]
    )
    assert set(map(repr, writes.values())) == {repr([{"HTTPBearer": []}])}


def test_openapi_documents_401_and_403_on_write_operations(api):
    spec = api.get("/openapi.json").json()

    operation = spec["paths"][f"{API}/claims"]["post"]

    # No If-Match, no id in the path; 503 when the database is busy or a statement runs too long.
    assert set(operation["responses"]) == {"201", "401", "403", "409", "413", "422", "503"}
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ClaimCreate"
    }

"""``peacekb keys create|list|revoke`` and ``peacekb import``, against a database of the test's own."""

import hashlib
import json
import re

import pytest
from sqlalchemy import text
from sqlmodel import Session
from typer.testing import CliRunner

from app import cli
from app.services.seeding import load_seed
from tests.conftest import MINI_SEED, client_for
from tests.writes.helpers import API, bearer, snapshot_tables
from tests.writes.kinds import claim_body, issue_body, source_body

runner = CliRunner()
KEY = re.compile(r"pkb_([0-9a-f]{8})_[A-Za-z0-9_-]{43}")


def peacekb(*args: str):
    return runner.invoke(cli.app, list(args))


def create(name: str, scope: str) -> str:
    result = peacekb("keys", "create", "--name", name, "--scope", scope)
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


@pytest.fixture
def seeded(cli_database, session: Session) -> str:
    """The CLI's database, holding the mini seed."""
    load_seed(session, MINI_SEED)
    return cli_database


# ---- keys ----------------------------------------------------------------------------------------------------


def test_keys_create_prints_the_key_once_and_stores_only_its_hash(cli_database, engine):
    result = peacekb("keys", "create", "--name", "curator", "--scope", "write")

    assert result.exit_code == 0, result.output
    assert KEY.fullmatch(result.stdout.strip()), result.stdout
    assert result.stdout.count("pkb_") == 1
    key = result.stdout.strip()
    with engine.connect() as connection:
        row = connection.execute(text("SELECT * FROM api_key")).mappings().one()
    assert (row["name"], row["scope"], row["prefix"]) == ("curator", "write", KEY.fullmatch(key).group(1))
    assert row["secret_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert not any(key.split("_", 2)[2] in str(value) for value in row.values())


@pytest.mark.parametrize(
    ("scope", "created", "forbidden"), [("read", 403, 403), ("write", 201, 403), ("admin", 201, 204)]
)
def test_keys_create_grants_the_scope_asked_for(seeded, engine, scope, created, forbidden):
    key = create("curator", scope)

    with client_for(engine) as api:
        post = api.post(f"{API}/issues", json=issue_body(), headers=bearer(key))
        cascade = api.delete(f"{API}/issues/territory", params={"cascade": "true"}, headers=bearer(key))

    assert (post.status_code, cascade.status_code) == (created, forbidden)


def test_keys_create_refuses_an_unknown_scope(cli_database):
    result = peacekb("keys", "create", "--name", "curator", "--scope", "root")

    assert result.exit_code == 2
    assert result.stderr == "--scope must be one of: read, write, admin\n"
    assert result.stdout == ""


def test_keys_create_refuses_a_name_already_taken(cli_database):
    create("curator", "write")

    result = peacekb("keys", "create", "--name", "curator", "--scope", "admin")

    assert result.exit_code == 1
    assert result.stderr == "a key named 'curator' already exists\n"


def test_keys_list_shows_names_scopes_and_prefixes_but_never_the_key(cli_database):
    curator, reader = create("curator", "write"), create("reader", "read")

    result = peacekb("keys", "list")

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    for line, name, scope, key in [(lines[0], "curator", "write", curator), (lines[1], "reader", "read", reader)]:
        prefix = key.split("_")[1]
        assert re.fullmatch(rf"{name} +{scope} +pkb_{prefix}_…  created \d{{4}}-\d\d-\d\d \d\d:\d\d  active", line), (
            line
        )
        assert key not in result.stdout
        assert key.split("_", 2)[2] not in result.stdout


def test_keys_revoke_stops_the_key_at_once(seeded, engine):
    key = create("curator", "write")

    result = peacekb("keys", "revoke", "curator")

    assert result.exit_code == 0, result.output
    assert result.stdout == "revoked curator\n"
    assert re.search(r"curator +write .* revoked \d{4}-\d\d-\d\d \d\d:\d\d$", peacekb("keys", "list").stdout)
    with client_for(engine) as api:
        response = api.post(f"{API}/issues", json=issue_body(), headers=bearer(key))
    assert response.status_code == 401
    assert response.json()["detail"] == "The API key is not valid or has been revoked."


def test_keys_revoke_of_an_unknown_key_exits_1(cli_database):
    result = peacekb("keys", "revoke", "nobody")

    assert result.exit_code == 1
    assert result.stderr == "no active key named 'nobody'\n"


# ---- import --------------------------------------------------------------------------------------------------


def ndjson_file(tmp_path, *lines: dict | str):
    path = tmp_path / "writes.ndjson"
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines),
        encoding="utf-8",
    )
    return path


GOOD_LINES = [
    {"op": "create", "kind": "source", "data": source_body(id="fresh-source")},
    {"kind": "claim", "data": claim_body(id="fresh-claim", source_id="fresh-source", quote="about 70%")},
    {"op": "update", "kind": "issue", "id": "territory", "data": {"description": "Who holds which land."}},
    {"op": "delete", "kind": "claim_relation", "id": "repeat-supports"},
]


def test_import_applies_every_line_and_records_who(seeded, engine, tmp_path):
    result = peacekb("import", str(ndjson_file(tmp_path, *GOOD_LINES)), "--as", "curator")

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "imported 4 lines: {'claim.create': 1, 'claim_relation.delete': 1, 'issue.update': 1, 'source.create': 1}\n"
    )
    with engine.connect() as connection:
        written = connection.execute(
            text("SELECT kind, record_id, operation, key_name FROM revision WHERE key_name != 'seed' ORDER BY id")
        ).all()
    assert written == [
        ("source", "fresh-source", "create", "curator"),
        ("claim", "fresh-claim", "create", "curator"),
        ("event", "talks", "update", "curator"),  # its claim_ids show the new claim
        ("issue", "territory", "update", "curator"),
        ("claim_relation", "repeat-supports", "delete", "curator"),
        ("claim", "russia-holds-75-donetsk", "update", "curator"),  # their relations no longer show it
        ("claim", "russia-holds-75-donetsk-again", "update", "curator"),
    ]


def test_import_with_failing_lines_exits_1_naming_each_line_and_writes_nothing(seeded, engine, tmp_path):
    before = snapshot_tables(engine)
    path = ndjson_file(
        tmp_path,
        *GOOD_LINES,
        "{broken",
        {"kind": "issue", "data": issue_body(id="territory", colour="blue")},
        {"op": "delete", "kind": "issue", "id": "territory", "cascade": True},
    )

    result = peacekb("import", str(path))

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.endswith(
        "\nnothing imported: 3 problem(s)\n"
        "- line 5: line: not valid JSON: Expecting property name enclosed in double quotes\n"
        "- line 6: colour: Extra inputs are not permitted\n"
        "- line 7: cascade: cascading deletes need an admin key\n"
    )
    assert snapshot_tables(engine) == before


def test_import_with_cascade_allows_cascading_deletes(seeded, tmp_path):
    path = ndjson_file(tmp_path, {"op": "delete", "kind": "issue", "id": "territory", "cascade": True})

    result = peacekb("import", str(path), "--cascade")

    assert result.exit_code == 0, result.output
    assert result.stdout == "imported 1 lines: {'issue.delete': 1}\n"


def test_import_run_twice_converges(seeded, engine, tmp_path):
    path = ndjson_file(
        tmp_path,
        {"kind": "issue", "data": issue_body()},
        {"kind": "claim", "data": claim_body(actor_ids=[])},
    )
    assert peacekb("import", str(path)).exit_code == 0
    state = snapshot_tables(engine)

    result = peacekb("import", str(path))

    assert result.exit_code == 0, result.output
    assert result.stdout == "imported 2 lines: {'claim.update': 1, 'issue.update': 1}\n"
    assert snapshot_tables(engine) == state

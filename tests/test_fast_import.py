"""Bulk import's fast path: the same outcome as the write engine, line for line, at batch speed.

The fast path writes runs of new records with one statement per table; every other line goes to the write
engine. These tests hold the two to the same database, the same history (each record's last revision is
its public form) and the same convergence when a file is imported again or after an interruption.
"""

import json
from collections.abc import Iterator

import orjson
import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select
from typer.testing import CliRunner

from app import cli
from app.db import build_engine
from app.errors import InvalidInput
from app.models import Revision
from app.services import bulk, fast_import
from app.services.bulk import apply_lines
from app.services.resources import snapshot
from app.services.synth import synthesize
from tests.writes.helpers import DATA_TABLES, assert_no_orphans
from tests.writes.kinds import claim_body, source_body

CLAIMS = 1_000


@pytest.fixture(scope="module")
def lines() -> list[bytes]:
    return list(synthesize(CLAIMS, seed=5))


@pytest.fixture
def sqlite_only(backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("the fast path is SQLite's; other databases take the write engine's")


def new_engine(database_url: str) -> Iterator[Engine]:
    engine = build_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def engine_a(database_url: str) -> Iterator[Engine]:
    yield from new_engine(database_url)


@pytest.fixture
def engine_b(databases, migrated_template: str, tmp_path) -> Iterator[Engine]:
    url = databases.clone(migrated_template, tmp_path)
    yield from new_engine(url)
    databases.drop(url)


def load(engine: Engine, lines, *, batch_size: int = fast_import.BATCH_SIZE, commit_every: int | None = None):
    with Session(engine) as session:
        report = apply_lines(session, lines, key_name="test", allow_cascade=False, commit_every=commit_every,
                             batch_size=batch_size)  # fmt: skip
        session.commit()
    return report


def data_tables(engine: Engine) -> dict[str, list[tuple]]:
    """Every record, link and search entry (revisions apart: their times and counts may differ)."""
    with engine.connect() as connection:
        return {
            table: sorted(map(tuple, connection.execute(text(f"SELECT * FROM {table}"))), key=repr)
            for table in DATA_TABLES
            if table != "revision"
        }


def last_revisions(engine: Engine) -> dict[tuple[str, str], dict | None]:
    with Session(engine) as session:
        return {(r.kind, r.record_id): r.after for r in session.exec(select(Revision).order_by(Revision.id))}


def test_fast_import_loads_a_synthetic_kb_with_public_forms_as_history(sqlite_only, engine_a, lines):
    report = load(engine_a, lines, batch_size=500)

    assert report.lines == len(lines)
    assert report.applied["claim.create"] == CLAIMS
    assert sum(report.applied.values()) == len(lines)
    assert_no_orphans(engine_a)
    with Session(engine_a) as session:
        for (kind, record_id), after in last_revisions(engine_a).items():
            assert after == snapshot(session, kind, record_id), (kind, record_id)
        misplaced = session.execute(
            text(
                "SELECT count(*) FROM claim JOIN source ON source.id = claim.source_id"
                " WHERE substr(source.text, quote_start + 1, quote_end - quote_start) != quote"
            )
        ).scalar_one()
        indexed = session.execute(text("SELECT count(*) FROM search_index")).scalar_one()
    assert misplaced == 0
    assert indexed == len(lines)


def test_fast_import_gives_the_database_the_write_engine_gives(sqlite_only, engine_a, engine_b, lines, monkeypatch):
    sample = lines[:700]
    load(engine_a, sample, batch_size=150)
    monkeypatch.setattr(fast_import.FastWriter, "apply", lambda self, chunk, applied: 0)  # engine only

    load(engine_b, sample)

    assert data_tables(engine_a) == data_tables(engine_b)
    assert last_revisions(engine_a) == last_revisions(engine_b)


def test_fast_import_takes_every_line_of_a_new_kb_and_of_its_rerun(sqlite_only, engine_a, lines, monkeypatch):
    def engine_called(*_args, **_kwargs):
        raise AssertionError("a line went to the write engine")

    monkeypatch.setattr(bulk, "_apply", engine_called)

    first, again = load(engine_a, lines[:600], batch_size=200), load(engine_a, lines[:600], batch_size=200)

    assert sum(first.applied.values()) == sum(again.applied.values()) == 600


def test_fast_import_run_again_changes_nothing(sqlite_only, engine_a, lines):
    load(engine_a, lines)
    before, history = data_tables(engine_a), last_revisions(engine_a)
    with engine_a.connect() as connection:
        revisions = connection.execute(text("SELECT count(*) FROM revision")).scalar_one()

    again = load(engine_a, lines)

    assert set(again.applied) == {f"{json.loads(line)['kind']}.update" for line in lines}
    assert data_tables(engine_a) == before
    assert last_revisions(engine_a) == history
    with engine_a.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM revision")).scalar_one() == revisions


def test_interrupted_import_run_again_converges_to_an_uninterrupted_one(sqlite_only, engine_a, engine_b, lines):
    load(engine_a, lines)
    load(engine_b, lines[: len(lines) * 3 // 5], commit_every=400)

    load(engine_b, lines)

    assert data_tables(engine_b) == data_tables(engine_a)
    assert last_revisions(engine_b) == last_revisions(engine_a)


def test_fast_import_validation_gives_each_record_its_own_lists(lines):
    # The fast path hands pydantic a shared empty list for each list field a line leaves out (app/services/
    # fast_import.py, _list_defaults): validation must still give every record a list of its own.
    parsed = (fast_import._parse(number, line) for number, line in enumerate(lines) if b'"kind":"claim"' in line)
    claims = [line for line in parsed if line is not None and "event_ids" not in line.data][:50]

    assert fast_import._validate(claims) == len(claims)

    event_ids = [line.model.event_ids for line in claims]
    assert event_ids == [[]] * len(claims)
    assert len({id(each) for each in event_ids}) == len(claims)
    assert fast_import._list_defaults("claim") == {"actor_ids": [], "plan_point_ids": [], "issue_ids": [],
                                                   "event_ids": []}  # fmt: skip


def test_fast_import_leaves_a_bad_line_to_the_write_engine_and_writes_nothing(sqlite_only, engine_a, lines):
    claim_at = next(i for i, line in enumerate(lines) if b'"kind":"claim"' in line) + 3
    bad = orjson.loads(lines[claim_at])
    bad["data"]["quote"] += " and more"
    broken = [*lines[:claim_at], orjson.dumps(bad), *lines[claim_at + 1 : claim_at + 50]]
    before = data_tables(engine_a)

    with pytest.raises(InvalidInput) as error:
        load(engine_a, broken)

    assert [(e.location, e.name) for e in error.value.errors] == [(f"line {claim_at + 1}", "quote")]
    assert error.value.errors[0].reason.startswith("quote is not at offset")
    assert data_tables(engine_a) == before


def test_import_command_commits_batches_and_a_fixed_file_converges(sqlite_only, engine_a, engine_b, lines, tmp_path,
                                                                   database_url, monkeypatch):  # fmt: skip
    from app.config import get_settings
    from app.db import get_engine

    monkeypatch.setenv("PEACEKB_DATABASE_URL", database_url)
    get_settings.cache_clear(), get_engine.cache_clear()
    sample = lines[:1300]
    broken = [*sample[:1200], b'{"kind": "issue", "data": {"id": "Bad Id", "name": "x"}}\n', *sample[1200:]]
    path = tmp_path / "kb.ndjson"
    path.write_bytes(b"".join(broken))
    runner = CliRunner()

    stopped = runner.invoke(cli.app, ["import", str(path), "--batch-size", "500"])
    imported = data_tables(engine_a)
    path.write_bytes(b"".join(sample))
    rerun = runner.invoke(cli.app, ["import", str(path), "--batch-size", "500"])
    get_engine().dispose()
    get_settings.cache_clear(), get_engine.cache_clear()

    assert stopped.exit_code == 1
    assert "lines 1–1000 are imported; fix the file and run it again (upserts converge)" in stopped.stderr
    assert stopped.stderr.endswith("- line 1201: id: String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$'\n")
    assert sum(len(rows) for rows in imported.values()) > 0
    assert rerun.exit_code == 0, rerun.output
    load(engine_b, sample)
    assert data_tables(engine_a) == data_tables(engine_b)


def test_bulk_import_on_any_backend_loads_a_small_synthetic_kb(engine_a):
    small = list(synthesize(60, seed=1))

    report = load(engine_a, small)

    assert report.applied["claim.create"] == 60
    assert_no_orphans(engine_a)


# A source whose text holds characters beyond the Basic Multilingual Plane (two UTF-16 units each).
EMOJI_TEXT = "🧠 Notes. Russia holds 🧩 most of Donetsk, officials said."
EMOJI_LINES = [
    orjson.dumps(line)
    for line in [
        {"op": "create", "kind": "source", "data": source_body(id="emoji-note", updates_id=None, text=EMOJI_TEXT)},
        {"op": "create", "kind": "claim", "data": claim_body(id="holds-most", source_id="emoji-note",
                                                             quote="most of Donetsk", speaker_id=None, actor_ids=[],
                                                             event_ids=[])},
        {"op": "create", "kind": "claim", "data": claim_body(id="notes", source_id="emoji-note", quote="Notes",
                                                             speaker_id=None, actor_ids=[], event_ids=[])},
    ]
]  # fmt: skip


def stored_offsets(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                text("SELECT id, quote_start, quote_end, quote_start_utf16, quote_end_utf16 FROM claim ORDER BY id")
            )
        )


def test_fast_import_stores_the_utf16_offsets_the_write_engine_stores(sqlite_only, engine_a, engine_b, monkeypatch):
    load(engine_a, EMOJI_LINES)
    monkeypatch.setattr(fast_import.FastWriter, "apply", lambda self, chunk, applied: 0)  # engine only

    load(engine_b, EMOJI_LINES)

    utf16 = EMOJI_TEXT.encode("utf-16-le")
    assert (
        stored_offsets(engine_a) == stored_offsets(engine_b) == [("holds-most", 24, 39, 26, 41), ("notes", 2, 7, 3, 8)]
    )
    assert [utf16[2 * 26 : 2 * 41].decode("utf-16-le"), utf16[2 * 3 : 2 * 8].decode("utf-16-le")] == [
        "most of Donetsk",
        "Notes",
    ]

"""The ``peacekb`` command line: db upgrade/downgrade, seed, stats and export against a database of its own."""

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlmodel import Session
from typer.testing import CliRunner

from app import cli
from app.config import get_settings
from app.db import build_engine, get_engine
from app.services.export import export_knowledge_base
from tests.conftest import MINI_SEED

runner = CliRunner()
MINI_SEED_STATS = (
    "actor            3\n"
    "claim            3\n"
    "claim_relation   1\n"
    "event            1\n"
    "issue            1\n"
    "position         1\n"
    "plan             2\n"
    "plan_point       1\n"
    "source           1\n"
    "thesaurus_entry  0\n"
    "place            0\n"
    "document         1\n"
)
EMPTY_STATS = (
    "actor            0\n"
    "claim            0\n"
    "claim_relation   0\n"
    "event            0\n"
    "issue            0\n"
    "position         0\n"
    "plan             0\n"
    "plan_point       0\n"
    "source           0\n"
    "thesaurus_entry  0\n"
    "place            0\n"
    "document         0\n"
)


@pytest.fixture
def database_url(databases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Point the CLI at an empty database of this test's own (settings and engine are cached)."""
    url = databases.empty(tmp_path)
    monkeypatch.setenv("PEACEKB_DATABASE_URL", url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield url
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()
    databases.drop(url)


def peacekb(*args: str):
    return runner.invoke(cli.app, list(args))


def tables(url: str) -> set[str]:
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            return set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def test_db_upgrade_migrates_an_empty_database_to_head(database_url):
    result = peacekb("db", "upgrade")

    assert result.exit_code == 0, result.output
    assert result.stdout == "database at head\n"
    assert {"claim", "source", "search_index", "alembic_version"} <= tables(database_url)


def test_db_downgrade_to_base_drops_every_table(database_url):
    peacekb("db", "upgrade")

    result = peacekb("db", "downgrade", "base")

    assert result.exit_code == 0, result.output
    assert result.stdout == "database at base\n"
    assert tables(database_url) == {"alembic_version"}


def test_seed_migrates_and_loads_a_seed_directory(database_url):
    result = peacekb("seed", str(MINI_SEED))

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "seed loaded; written: {'documents': 1, 'actors': 3, 'issues': 1, 'sources': 1, 'events': 1, 'plans': 2, "
        "'plan_points': 1, 'claims': 3, 'relations': 1, 'positions': 1, 'actor_roles': 1, 'claim_actor': 1, "
        "'claim_plan_point': 1, 'claim_issue': 1, 'claim_event': 1, 'event_actor': 1, 'position_claim': 1, "
        "'plan_proposer': 1, 'plan_point_issue': 1}\n"
    )
    assert peacekb("stats").stdout == MINI_SEED_STATS


def test_seeding_twice_says_nothing_changed(database_url):
    peacekb("seed", str(MINI_SEED))

    result = peacekb("seed", str(MINI_SEED))

    assert result.exit_code == 0, result.output
    assert result.stdout == "seed loaded; nothing changed\n"
    assert peacekb("stats").stdout == MINI_SEED_STATS


def test_stats_of_an_empty_database_count_zero(database_url):
    peacekb("db", "upgrade")

    result = peacekb("stats")

    assert result.exit_code == 0, result.output
    assert result.stdout == EMPTY_STATS


def test_seed_with_a_bad_quote_exits_1_naming_the_problem_on_stderr(database_url, tmp_path):
    bad = Path(shutil.copytree(MINI_SEED, tmp_path / "bad"))
    seed = (bad / "seed.yaml").read_text("utf-8")
    (bad / "seed.yaml").write_text(
        seed.replace("quote: The envoy, Steve Witkoff", "quote: The envoy, Witkoff"), "utf-8"
    )

    result = peacekb("seed", str(bad))

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "1 problem(s) in the seed:\n"
        "- seed.yaml: claims 'witkoff-is-envoy': quote 'The envoy, Witkoff': quote not found in the source text; "
        "closest passage in the source: 'The envoy, Steve W'\n"
    )
    assert peacekb("stats").stdout == EMPTY_STATS


def test_seed_with_a_missing_path_exits_1_without_a_traceback(database_url, tmp_path):
    result = peacekb("seed", str(tmp_path / "nowhere"))

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a FileNotFoundError traceback
    assert result.stderr == f"1 problem(s) in the seed:\n- {tmp_path / 'nowhere'}: no such file or directory\n"


def test_export_writes_the_knowledge_base_to_a_file_that_seeds_back(database_url, tmp_path):
    peacekb("seed", str(MINI_SEED))
    output = tmp_path / "kb.json"

    result = peacekb("export", "-o", str(output))

    assert result.exit_code == 0, result.output
    assert result.stderr == f"exported to {output}\n"
    engine = build_engine(database_url)
    with Session(engine) as session:
        expected = export_knowledge_base(session).model_dump(mode="json", exclude_none=True)
    engine.dispose()
    assert json.loads(output.read_text("utf-8")) == expected
    assert "🧠" in output.read_text("utf-8")  # written as UTF-8, not as \\u escapes
    assert peacekb("seed", str(output)).stdout == "seed loaded; nothing changed\n"


def test_export_without_output_writes_json_to_stdout(database_url, tmp_path):
    peacekb("seed", str(MINI_SEED))
    output = tmp_path / "kb.json"
    peacekb("export", "--output", str(output))

    result = peacekb("export")

    assert result.exit_code == 0, result.output
    assert result.stdout == output.read_text("utf-8")


# ---- failures: one line on stderr and a non-zero exit, never a traceback ------------------------------------


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Set PEACEKB_ variables for one test; the settings and the engine are cached, so clear them around it."""
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield monkeypatch
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


def assert_one_line_failure(result, exit_code: int, message: str) -> None:
    assert result.exit_code == exit_code
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an exception escaping the command
    assert result.stdout == ""
    assert result.stderr == message + "\n"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("nonsense", "database error: Could not parse SQLAlchemy URL from given URL string"),
        ("nosuchdb://host/kb", "database error: Can't load plugin: sqlalchemy.dialects:nosuchdb"),
    ],
)
def test_a_malformed_database_url_is_one_line_and_exit_1(environment, url, message):
    environment.setenv("PEACEKB_DATABASE_URL", url)

    result = peacekb("stats")

    assert_one_line_failure(result, 1, message)


def test_an_unreachable_database_is_one_line_naming_the_reason(environment):
    environment.setenv("PEACEKB_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/test")

    result = peacekb("db", "upgrade")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("database error: ")
    assert "Connection refused" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_setting_of_the_wrong_type_is_named_by_its_variable_and_exits_2(environment):
    environment.setenv("PEACEKB_PAGE_LIMIT_DEFAULT", "fifty")

    result = peacekb("stats")

    assert_one_line_failure(
        result, 2, "PEACEKB_PAGE_LIMIT_DEFAULT: Input should be a valid integer, unable to parse string as an integer"
    )


def test_export_of_an_unknown_kind_is_one_line_and_exit_2(database_url):
    result = peacekb("export", "--format", "csv", "--kind", "treaties")

    assert_one_line_failure(
        result,
        2,
        "--kind must be one of: actors, claims, claim-relations, events, issues, positions, plans, plan-points, "
        "sources, thesaurus, places",
    )


def test_synth_into_an_unwritable_path_is_one_line_and_exit_1(tmp_path):
    (tmp_path / "a-file").write_text("", "utf-8")
    target = tmp_path / "a-file" / "synth.ndjson"

    result = peacekb("synth", "--claims", "5", "-o", str(target))

    assert_one_line_failure(result, 1, f"{target}: Not a directory")


def test_peacekb_debug_lets_the_traceback_through(environment):
    from sqlalchemy.exc import ArgumentError

    environment.setenv("PEACEKB_DATABASE_URL", "nonsense")
    environment.setenv("PEACEKB_DEBUG", "1")

    result = peacekb("stats")

    assert result.exit_code == 1
    assert isinstance(result.exception, ArgumentError)

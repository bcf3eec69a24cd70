"""The Alembic migrations build exactly the models' schema, plus the FTS5 index, and undo it all."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

import app.models  # noqa: F401 - registers every table on SQLModel.metadata
from app.db import build_engine
from app.migrate import alembic_config, downgrade, upgrade
from app.search import is_search_table

FTS_TABLES = {
    "search_index",
    "search_index_config",
    "search_index_content",
    "search_index_data",
    "search_index_docsize",
    "search_index_idx",
}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """The filter migrations/env.py uses: the hand-made FTS tables are not the models' business."""
    return not (type_ == "table" and is_search_table(name))


@pytest.fixture
def database_path(tmp_path: Path) -> Path:
    return tmp_path / "migrations.db"


@pytest.fixture
def url(database_path: Path) -> str:
    return f"sqlite:///{database_path}"


@pytest.fixture
def engine(url: str) -> Iterator[Engine]:
    engine = build_engine(url)
    yield engine
    engine.dispose()


def schema_differences(engine: Engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True, "compare_server_default": True}
        )
        return compare_metadata(context, SQLModel.metadata)


def table_names(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def test_upgrade_to_head_builds_exactly_the_models_schema(url, engine):
    upgrade(url)

    assert schema_differences(engine) == []
    assert table_names(engine) == set(SQLModel.metadata.tables) | FTS_TABLES | {"alembic_version"}


def test_schema_comparison_notices_a_missing_index(url, engine):
    # Guards the test above: the comparison must be able to see a difference at all.
    upgrade(url)
    with engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_claim_stated_on"))

    differences = schema_differences(engine)

    assert [(kind, index.name) for kind, index in differences] == [("add_index", "ix_claim_stated_on")]


def test_upgrade_creates_the_fts5_search_index_over_analysed_terms_with_its_ranking(url, engine):
    upgrade(url)

    with engine.connect() as connection:
        sql = connection.execute(text("SELECT sql FROM sqlite_master WHERE name = 'search_index'")).scalar_one()
        rank = connection.execute(text("SELECT v FROM search_index_config WHERE k = 'rank'")).scalar_one()
        connection.execute(text("SELECT count(*) FROM search_index WHERE search_index MATCH '\"x\"'")).scalar_one()
    assert sql.startswith('CREATE VIRTUAL TABLE "search_index" USING fts5(')
    assert "title UNINDEXED, body UNINDEXED, title_terms, body_terms" in sql
    assert "tokenize='unicode61 remove_diacritics 0'" in sql
    assert rank == "bm25(0.0, 0.0, 0.0, 0.0, 10.0, 1.0)"


def test_upgrade_analyses_the_entries_already_indexed_in_their_order(url, engine):
    upgrade(url, revision="0004")
    with engine.begin() as connection:
        for item_id, title in (("a", "Zelenskiy withdrew"), ("b", "Demilitarised zones")):
            connection.execute(
                text("INSERT INTO search_index (kind, item_id, title, body) VALUES ('claim', :id, :title, '')"),
                {"id": item_id, "title": title},
            )

    upgrade(url)

    with engine.connect() as connection:
        rows = connection.execute(text("SELECT item_id, title_terms FROM search_index ORDER BY rowid")).all()
    assert [tuple(row) for row in rows] == [("a", "zelenskiy withdraw"), ("b", "demilitarize zone")]


def test_upgrade_records_the_head_revision(url, engine):
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()

    upgrade(url)

    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head]
    assert head is not None


def test_downgrade_to_base_leaves_only_the_version_table(url, engine):
    upgrade(url)

    downgrade(url, "base")

    assert table_names(engine) == {"alembic_version"}
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 0
        objects = connection.execute(text("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")).scalars()
        assert list(objects) == ["alembic_version"]


def test_upgrade_after_downgrade_rebuilds_the_same_schema(url, engine):
    upgrade(url)
    downgrade(url, "base")

    upgrade(url)

    assert schema_differences(engine) == []
    assert table_names(engine) == set(SQLModel.metadata.tables) | FTS_TABLES | {"alembic_version"}


def test_upgrade_at_head_is_a_no_op(url, engine):
    upgrade(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO disputed_issue (id, name) VALUES ('kept', 'Kept')"))

    upgrade(url)

    with engine.connect() as connection:
        assert connection.execute(text("SELECT id FROM disputed_issue")).scalars().all() == ["kept"]


def test_upgrade_fills_the_utf16_quote_offsets_from_each_source_text(databases, tmp_path):
    # Migration 0004 on a database holding claims: both backends, from the revision before it.
    url = databases.empty(tmp_path)
    upgrade(url, "0003")
    engine = build_engine(url)
    texts = {"blog": "🧠 Status\nKyiv says 🧩 Russia holds most of Donetsk.", "wire": "Russia holds most of Donetsk."}
    with engine.begin() as connection:
        for source_id, source_text in texts.items():
            connection.execute(
                text(
                    "INSERT INTO source (id, title, kind, reliability, reliability_note, text, sha256)"
                    " VALUES (:id, 'A source', 'blog_post', 'C', 'Graded for the test.', :text, 'x')"
                ),
                {"id": source_id, "text": source_text},
            )
            start = source_text.index("Russia holds")
            connection.execute(
                text(
                    "INSERT INTO claim (id, statement, source_id, quote, quote_start, quote_end, credibility)"
                    " VALUES (:id, 'Russia holds most of Donetsk.', :source, 'Russia holds', :start, :end, 3)"
                ),
                {"id": f"{source_id}-claim", "source": source_id, "start": start, "end": start + 12},
            )

    upgrade(url)

    with engine.connect() as connection:
        offsets = connection.execute(
            text("SELECT id, quote_start, quote_end, quote_start_utf16, quote_end_utf16 FROM claim ORDER BY id")
        ).all()
    engine.dispose()
    databases.drop(url)
    assert [tuple(row) for row in offsets] == [("blog-claim", 21, 33, 23, 35), ("wire-claim", 0, 12, 0, 12)]


def test_postgres_search_entries_have_an_index_in_the_order_tiers_are_cut(databases, tmp_path):
    # Migration 0009: a relevance tier is the newest matches (ORDER BY seq DESC LIMIT n). FTS5 walks its rowid;
    # PostgreSQL needs an index on seq, or it reads every match of a common word to sort them.
    if databases.name != "postgres":
        pytest.skip("SQLite's FTS5 walks its own rowid: there is no seq column to index")
    url = databases.empty(tmp_path)
    upgrade(url)
    engine = build_engine(url)

    def seq_indexes() -> set[tuple[str, ...]]:
        with engine.connect() as connection:
            indexes = inspect(connection).get_indexes("search_index")
        return {tuple(index["column_names"]) for index in indexes if "seq" in index["column_names"]}

    at_head = seq_indexes()
    downgrade(url, "0008")
    before = seq_indexes()
    engine.dispose()
    databases.drop(url)
    assert at_head == {("seq",), ("kind", "seq")}
    assert before == set()

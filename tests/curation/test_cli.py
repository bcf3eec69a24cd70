"""``peacekb suggest FILE|SOURCE_ID``: a table, JSON, or NDJSON that ``peacekb import`` takes as it is."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session
from typer.testing import CliRunner

from app import cli
from app.config import get_settings
from app.db import build_engine, get_engine
from app.migrate import upgrade
from app.services.seeding import load_seed
from tests.conftest import MINI_SEED

runner = CliRunner()
ARTICLE = "Kyiv, 24 Dec 2025. Steve Witkoff said Russia holds about 75% of Donetsk.\nUkraine freed 1,200 POWs.\n"


@pytest.fixture
def mini_database(databases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The CLI pointed at a database of this test's own, holding the mini seed."""
    url = databases.empty(tmp_path)
    upgrade(url)
    engine = build_engine(url)
    with Session(engine) as session:
        load_seed(session, MINI_SEED)
    engine.dispose()
    monkeypatch.setenv("PEACEKB_DATABASE_URL", url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield url
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()
    databases.drop(url)


def test_a_file_prints_a_table_of_suggestions(mini_database, tmp_path):
    article = tmp_path / "new-article.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    result = runner.invoke(cli.app, ["suggest", str(article)])

    assert result.exit_code == 0, result.output
    assert "75 percent" in result.stdout and "statement" in result.stdout.splitlines()[0]


def test_json_gives_every_suggestion_with_verified_offsets(mini_database, tmp_path):
    article = tmp_path / "new-article.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    result = runner.invoke(cli.app, ["suggest", str(article), "--format", "json"])

    suggestions = json.loads(result.stdout)
    assert result.exit_code == 0 and suggestions
    assert all(ARTICLE[s["quote_start"] : s["quote_end"]] == s["quote"] for s in suggestions)


def test_ndjson_of_a_stored_source_imports_as_it_is_and_again_without_duplicates(mini_database, tmp_path):
    result = runner.invoke(cli.app, ["suggest", "note", "--format", "ndjson"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    again = runner.invoke(cli.app, ["suggest", "note", "--format", "ndjson"])
    reviewed = tmp_path / "reviewed.ndjson"
    reviewed.write_text(result.stdout, encoding="utf-8")

    first = runner.invoke(cli.app, ["import", str(reviewed)])
    second = runner.invoke(cli.app, ["import", str(reviewed)])
    stats = runner.invoke(cli.app, ["stats"])

    assert result.exit_code == 0 and lines and again.stdout == result.stdout  # stable ids
    assert {tuple(line) for line in lines} == {("op", "kind", "id", "data")}
    assert all(line["kind"] == "claim" and line["data"]["id"] == line["id"] for line in lines)
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert f"claim            {3 + len(lines)}" in stats.stdout


def test_an_unknown_source_or_a_file_that_is_not_text_fails_in_one_line(mini_database, tmp_path):
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")

    unknown = runner.invoke(cli.app, ["suggest", "no-such-source"])
    not_text = runner.invoke(cli.app, ["suggest", str(binary)])

    assert unknown.exit_code != 0 and len(unknown.output.strip().splitlines()) == 1
    assert "no-such-source" in unknown.output
    assert not_text.exit_code != 0 and len(not_text.output.strip().splitlines()) == 1

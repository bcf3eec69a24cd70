"""Backup and restore: ``peacekb backup`` copies everything; export → import round-trips every record.

- ``peacekb backup FILE`` (SQLite's online backup API) copies the whole database — records, links, search
  index, the revision history and the API keys' hashes — byte for byte the same rows, also while a server
  keeps writing.
- ``peacekb export`` → ``peacekb seed FILE`` carries every record and link, documents and source texts
  included, and rebuilds the same search index. It does not carry the revision history (the load records
  one ``seed`` revision per record instead) nor API keys (never exported).
"""

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import REPO_ROOT
from app.db import build_engine, get_session
from app.main import create_app
from app.migrate import upgrade
from app.services.backup import check
from app.services.export import export_knowledge_base
from app.services.seeding import load_seed
from tests.reliability.conftest import server_environment

pytestmark = pytest.mark.reliability

HISTORY = {"revision", "api_key"}


def rows(database: Path, *, skip: set[str] = frozenset()) -> dict[str, list]:
    """Every table's rows, sorted; the search index by its content; autoincrement ids of links left out."""
    with sqlite3.connect(database) as connection:
        names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = {}
        for name in names:
            if name in skip or name == "alembic_version" or name.startswith("search_index"):
                continue
            columns = [c[1] for c in connection.execute(f"PRAGMA table_info({name})")]
            kept = [c for c in columns if not (name == "actor_role" and c == "id")]
            found[name] = sorted(connection.execute(f"SELECT {', '.join(kept)} FROM {name}").fetchall(), key=repr)
        found["search_index"] = sorted(connection.execute("SELECT kind, item_id, title, body FROM search_index"))
        return found


def curate(database: Path, key: str) -> None:
    """Writes of every sort over the API, so the copy has history, edits, deletions and Unicode to carry."""
    engine = build_engine(f"sqlite:///{database}")
    app = create_app()

    def override():
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = override
    headers = {"Authorization": f"Bearer {key}"}
    with TestClient(app) as client:
        text = "Kyiv — «ceasefire» holds 🙂. The ceasefire holds in Kharkiv too."
        source = {"id": "backup-source", "title": "Briefing ✓", "kind": "official_statement", "reliability": "B",
                  "reliability_note": "Transcript", "text": text, "published_on": "2026-01-05"}  # fmt: skip
        assert client.post("/api/v1/sources", json=source, headers=headers).status_code == 201
        claim = {"id": "backup-claim", "statement": "It holds.", "credibility": 2, "source_id": "backup-source",
                 "quote": "«ceasefire» holds 🙂", "value": 99.5, "unit": "percent", "measure": "share",
                 "actor_ids": ["russia"]}  # fmt: skip
        assert client.post("/api/v1/claims", json=claim, headers=headers).status_code == 201
        actor = {"id": "backup-actor", "name": "Émile", "kind": "person", "aliases": ["É."],
                 "roles": [{"role": "envoy", "claim_id": "backup-claim"}]}  # fmt: skip
        assert client.post("/api/v1/actors", json=actor, headers=headers).status_code == 201
        assert client.patch("/api/v1/actors/backup-actor", json={"description": "Ed."}, headers=headers).is_success
        assert client.post("/api/v1/issues", json={"id": "gone", "name": "Gone"}, headers=headers).status_code == 201
        assert client.delete("/api/v1/issues/gone", headers=headers).status_code == 204
    engine.dispose()


def test_backup_copies_every_row_history_and_keys_included(mini_database, tmp_path):
    database = mini_database.copy(tmp_path)
    curate(database, mini_database.admin_key)
    copy = tmp_path / "backup.db"

    done = subprocess.run([sys.executable, "-m", "app.cli", "backup", str(copy)], cwd=REPO_ROOT,
                          env=server_environment(database), capture_output=True, text=True)  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert rows(copy) == rows(database)
    assert check(sqlite3.connect(copy)).ok
    assert not Path(f"{copy}-wal").exists()  # one self-contained file


def test_backup_while_the_server_writes_is_sound_and_holds_what_was_acknowledged(mini_database, live_server, tmp_path):
    database = mini_database.copy(tmp_path)
    server = live_server(database, tmp_path / "server.log")
    acknowledged: list[str] = []
    stop = threading.Event()

    def write() -> None:
        headers = {"Authorization": f"Bearer {mini_database.write_key}"}
        with httpx.Client(base_url=server.url, headers=headers, timeout=30) as client:
            number = 0
            while not stop.is_set():
                record = f"online-{number}"
                if client.post("/api/v1/issues", json={"id": record, "name": record}).status_code == 201:
                    acknowledged.append(record)
                number += 1

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(1)
    before = list(acknowledged)
    done = subprocess.run([sys.executable, "-m", "app.cli", "backup", str(tmp_path / "online.db")], cwd=REPO_ROOT,
                          env=server_environment(database), capture_output=True, text=True)  # fmt: skip
    stop.set()
    writer.join(timeout=60)

    assert done.returncode == 0, done.stderr
    connection = sqlite3.connect(tmp_path / "online.db")
    assert check(connection).ok
    present = {r[0] for r in connection.execute("SELECT id FROM disputed_issue WHERE id LIKE 'online-%'")}
    assert before and set(before) <= present


def test_export_then_import_round_trips_every_record(mini_database, tmp_path):
    database = mini_database.copy(tmp_path)
    curate(database, mini_database.admin_key)
    engine = build_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        document = export_knowledge_base(session).model_dump_json(exclude_none=True)
    engine.dispose()
    exported = tmp_path / "kb.json"
    exported.write_text(document)

    restored = tmp_path / "restored.db"
    upgrade(f"sqlite:///{restored}")
    engine = build_engine(f"sqlite:///{restored}")
    with Session(engine) as session:
        load_seed(session, exported)
    engine.dispose()

    assert rows(restored, skip=HISTORY) == rows(database, skip=HISTORY)
    assert check(sqlite3.connect(restored)).ok

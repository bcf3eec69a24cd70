"""Backups of a live SQLite database, and the checks that say a database file is sound.

``backup`` uses SQLite's online backup API: it copies a consistent snapshot while the server keeps serving
(in WAL mode the copy is just another reader, so writers are not held up), writes it beside the target and
renames it into place only once the copy passes its checks, so a crash mid-backup never leaves a torn file
where a backup should be. The copy is a single self-contained file (rollback journal, not WAL): restore it
by stopping the server and putting it where ``PEACEKB_DATABASE_URL`` points.
"""

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from app.search import SEARCH_TABLE


class BackupError(Exception):
    """The database cannot be backed up this way, or the copy failed its checks."""


@dataclass(frozen=True)
class Health:
    """What SQLite says about a database file: "ok" everywhere, and no broken foreign key."""

    integrity: str
    search_index: str
    broken_foreign_keys: list[tuple]

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.search_index == "ok" and not self.broken_foreign_keys


def check(connection: sqlite3.Connection) -> Health:
    """Run SQLite's integrity check, the FTS5 index's own, and the foreign key check."""
    integrity = "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
    try:
        connection.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES('integrity-check')")
        search_index = "ok"
    except sqlite3.DatabaseError as error:
        search_index = str(error)
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    return Health(integrity=integrity, search_index=search_index, broken_foreign_keys=broken)


def sqlite_path(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError("peacekb backup copies a SQLite database file; back PostgreSQL up with pg_dump.")
    return Path(url.database)


@dataclass(frozen=True)
class BackupReport:
    path: Path
    bytes: int
    health: Health


def backup(database_url: str, target: Path) -> BackupReport:
    """Copy the database at ``database_url`` into ``target`` (online), check the copy, then move it in place."""
    source_path = sqlite_path(database_url)
    if not source_path.exists():
        raise BackupError(f"There is no database at {source_path}.")
    partial = target.with_name(f"{target.name}.partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(source_path)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)  # all pages in one step: one consistent snapshot
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            health = check(copy)
        finally:
            copy.close()
    finally:
        source.close()
    if not health.ok:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The copy failed its checks: {health}")
    os.replace(partial, target)
    return BackupReport(path=target, bytes=target.stat().st_size, health=health)

"""What bounds the bulk import: each part of its work timed alone, in CPU seconds, on the same NDJSON file.

    python bench/import_parts.py bench/data/synth-100000.ndjson     # make it with: peacekb synth --claims 100000 -o …

Parts: parsing the lines (orjson), validating them with the create schemas (pydantic, one call per kind),
inserting the bare claim rows with one ``executemany`` into an empty migrated database (the ceiling the issue
names), and indexing every record's text in FTS5 — then the whole ``peacekb import`` for comparison.
"""

import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson
from pydantic import TypeAdapter

from app.migrate import upgrade
from app.models.resource import RESOURCES

CLAIM_COLUMNS = ("id", "statement", "source_id", "quote", "quote_start", "quote_end", "speaker_id", "attribution",
                 "stated_on", "value", "unit", "measure", "value_on", "credibility", "credibility_note")  # fmt: skip


def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label: str, count: int, unit: str, work) -> object:
    started = cpu()
    result = work()
    seconds = cpu() - started
    print(f"{label:52} {seconds:7.2f} s CPU  {count / seconds:>10,.0f} {unit}/s")
    return result


def main(path: Path) -> None:
    raw = path.read_bytes().splitlines()
    lines = timed("parse the lines (orjson)", len(raw), "lines", lambda: [orjson.loads(line) for line in raw])
    by_kind: dict[str, list[dict]] = {}
    for line in lines:
        by_kind.setdefault(line["kind"], []).append(line["data"])
    claims = by_kind["claim"]
    adapters = {kind: TypeAdapter(list[RESOURCES[kind].create]) for kind in by_kind}
    models = timed("validate them (pydantic, one call per kind)", len(raw), "records",
                   lambda: {k: adapters[k].validate_python(v) for k, v in by_kind.items()})  # fmt: skip
    with tempfile.TemporaryDirectory() as directory:
        database = Path(directory) / "parts.db"
        upgrade(f"sqlite:///{database}")
        connection = sqlite3.connect(database, isolation_level=None)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        rows = [tuple(claim.get(column) for column in CLAIM_COLUMNS) for claim in claims]
        insert = f"INSERT INTO claim ({', '.join(CLAIM_COLUMNS)}) VALUES ({', '.join('?' * len(CLAIM_COLUMNS))})"

        def claim_rows() -> None:
            connection.execute("BEGIN")
            connection.executemany(insert, rows)
            connection.execute("COMMIT")

        timed("bare claim rows, one executemany (no checks)", len(rows), "claims", claim_rows)
        entries = [(kind, m.id, *(text or "" for text in RESOURCES[kind].search(m))) for kind, ms in models.items()
                   if RESOURCES[kind].search
                   for m in ms]  # fmt: skip
        megabytes = sum(len(e[2]) + len(e[3]) for e in entries) / 1e6

        def index() -> None:
            connection.execute("INSERT INTO search_index(search_index, rank) VALUES ('hashsize', 67108864)")
            connection.execute("BEGIN")
            connection.executemany("INSERT INTO search_index (kind, item_id, title, body) VALUES (?, ?, ?, ?)", entries)
            connection.execute("COMMIT")

        timed(f"index every record's text in FTS5 ({megabytes:.0f} MB)", len(claims), "claims", index)
        connection.close()
        whole = Path(directory) / "whole.db"
        env = os.environ | {"PEACEKB_DATABASE_URL": f"sqlite:///{whole}", "PEACEKB_SEED_ON_STARTUP": "false"}
        started = time.perf_counter()
        command = ["peacekb", "import", str(path)]
        timed("the whole peacekb import", len(claims), "claims",
              lambda: subprocess.run(command, env=env, check=True, capture_output=True))  # fmt: skip
        print(f"{'':52} {time.perf_counter() - started:7.2f} s wall")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

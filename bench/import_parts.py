"""What bounds the bulk import: each part of its work timed alone, in CPU seconds, on the same NDJSON file.

    python bench/import_parts.py bench/data/synth-100000.ndjson     # make it with: peacekb synth --claims 100000 -o …

Parts: parsing the lines (orjson), validating them with the create schemas (pydantic, one call per kind),
inserting the bare claim rows with one ``executemany`` into an empty migrated database (the ceiling the issue
names), analysing every record's text into its index terms (app/text), and indexing those terms in FTS5 — then
the whole ``peacekb import`` for comparison.
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
from app.search import SEARCH_TABLE, SearchEntry

CLAIM_COLUMNS = ("id", "statement", "source_id", "quote", "quote_start", "quote_end", "speaker_id", "attribution",
                 "stated_on", "value", "unit", "measure", "value_on", "credibility", "credibility_note")  # fmt: skip
# Stored beside the offsets in code points (an import derives them); the synthetic quotes are ASCII, so the same.
UTF16_OFFSETS = ("quote_start", "quote_end")


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
        columns = (*CLAIM_COLUMNS, *(f"{name}_utf16" for name in UTF16_OFFSETS))
        rows = [tuple(claim.get(column) for column in (*CLAIM_COLUMNS, *UTF16_OFFSETS)) for claim in claims]
        insert = f"INSERT INTO claim ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"

        def claim_rows() -> None:
            connection.execute("BEGIN")
            connection.executemany(insert, rows)
            connection.execute("COMMIT")

        timed("bare claim rows, one executemany (no checks)", len(rows), "claims", claim_rows)
        entries = [SearchEntry(kind, m.id, *(text or "" for text in RESOURCES[kind].search(m)))
                   for kind, ms in models.items() if RESOURCES[kind].search
                   for m in ms]  # fmt: skip
        megabytes = sum(len(e.title) + len(e.body) for e in entries) / 1e6
        analysed = timed(f"analyse every record's text ({megabytes:.0f} MB)", len(claims), "claims",
                         lambda: [entry.row() for entry in entries])  # fmt: skip

        def index() -> None:
            connection.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rank) VALUES ('hashsize', 67108864)")
            connection.execute("BEGIN")
            connection.executemany(
                f"INSERT INTO {SEARCH_TABLE} (kind, item_id, title, body, title_terms, body_terms)"
                " VALUES (:kind, :item_id, :title, :body, :title_terms, :body_terms)",
                analysed,
            )
            connection.execute("COMMIT")

        timed("index the terms in FTS5", len(claims), "claims", index)
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

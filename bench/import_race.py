"""The import beside a peer's: `peacekb import` of a synthetic NDJSON file against `sqlite-utils insert` of
the same file's claims and sources, each in a fresh database, timed by the wall clock with its peak RSS.

    python bench/import_race.py bench/data/synth-100000.ndjson     # or: peacekb synth --claims 100000 -o F

sqlite-utils does the least a usable copy needs — the claims and sources as plain rows (lists stored as JSON
text), an index on the claims' source, full-text search on the claims' statement and quote — while PeaceKB
validates every record, checks every reference and quote, writes the links, relations and a revision of
each record, and indexes every kind's text. Splitting the file into one NDJSON file per table, which
sqlite-utils needs and PeaceKB does not, is done before its clock starts. bench/run.py runs this too.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# What the peer loads: the two tables most of the file is, and the claims' text it makes searchable.
PEER_TABLES = ("source", "claim")
PEER_SEARCHED = ("statement", "quote")


def timed(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command run to its end."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{command[0]} failed: {process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024  # Linux reports kilobytes


def peacekb(ndjson: Path, folder: Path) -> dict:
    database = folder / "peacekb.db"
    env = os.environ | {"PEACEKB_DATABASE_URL": f"sqlite:///{database}", "PEACEKB_SEED_ON_STARTUP": "false"}
    seconds, rss = timed(["peacekb", "import", str(ndjson), "--as", "bench"], env)
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(rss, 1)}


def split_for_peer(ndjson: Path, folder: Path) -> dict[str, Path]:
    """One NDJSON file of plain rows per table the peer loads; lists and objects as JSON text."""
    paths = {kind: folder / f"{kind}.ndjson" for kind in PEER_TABLES}
    files = {kind: path.open("w") for kind, path in paths.items()}
    with ndjson.open() as lines:
        for line in lines:
            record = json.loads(line)
            if record["kind"] in files:
                row = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in record["data"].items()}
                files[record["kind"]].write(json.dumps(row) + "\n")
    for file in files.values():
        file.close()
    return paths


def sqlite_utils(ndjson: Path, folder: Path) -> dict:
    tables = split_for_peer(ndjson, folder)
    database = str(folder / "peer.db")
    steps = [
        *(["sqlite-utils", "insert", database, kind, str(path), "--nl", "--pk", "id"] for kind, path in tables.items()),
        ["sqlite-utils", "create-index", database, "claim", "source_id"],
        ["sqlite-utils", "enable-fts", database, "claim", *PEER_SEARCHED, "--fts5"],
    ]
    seconds, rss = 0.0, 0.0
    for step in steps:
        took, peak = timed(step)
        seconds, rss = seconds + took, max(rss, peak)
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(rss, 1)}


def race(ndjson: Path) -> dict:
    """Both imports of ``ndjson``, one after the other, each into a fresh database in a temporary folder."""
    with tempfile.TemporaryDirectory(dir=ndjson.parent) as folder:
        ours = peacekb(ndjson, Path(folder))
    with tempfile.TemporaryDirectory(dir=ndjson.parent) as folder:
        peer = sqlite_utils(ndjson, Path(folder))
    return {"peacekb": ours, "sqlite_utils": peer, "ratio": round(peer["seconds"] / ours["seconds"], 2)}


def report(figures: dict) -> str:
    ours, peer = figures["peacekb"], figures["sqlite_utils"]
    return (f"import: peacekb {ours['seconds']} s (peak RSS {ours['peak_rss_mb']} MB), sqlite-utils "
            f"{peer['seconds']} s (peak RSS {peer['peak_rss_mb']} MB): {figures['ratio']}× sqlite-utils")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(report(race(Path(sys.argv[1]))))

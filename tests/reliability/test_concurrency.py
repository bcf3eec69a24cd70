"""Concurrent writers and readers against a real server: nothing fails, nothing acknowledged is lost.

The server runs as ``uvicorn`` with two worker processes over one SQLite file, so writes race across
processes (each worker also runs sync routes on a thread pool, so they race within one too). That is the
hard case for SQLite — the lock is per file — and the one the write path is built for: every write
transaction begins ``IMMEDIATE`` under the busy timeout, so writers queue for the lock instead of failing
with "database is locked", while WAL readers never wait. Several writer processes create, change and delete
records and reader processes list, search and count at the same time; afterwards every 201-acknowledged
record reads back as written, every deleted one is gone, and the counts are exact.
"""

import multiprocessing
import time
from collections import Counter

import httpx
import pytest

from tests.reliability.conftest import LIMITS

pytestmark = pytest.mark.reliability


def write(url: str, key: str, writer: int, count: int, results) -> None:
    """Create issues and actors, rename some issues, delete some; report what the server acknowledged."""
    headers = {"Authorization": f"Bearer {key}"}
    statuses: Counter[int] = Counter()
    kept: dict[str, tuple[str, str]] = {}  # id -> (collection, expected name)
    deleted: list[tuple[str, str]] = []
    with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
        for number in range(count):
            collection = "issues" if number % 3 else "actors"
            record = f"w{writer}-{collection[:-1]}-{number}"
            body = {"id": record, "name": f"Writer {writer} record {number}"}
            if collection == "actors":
                body["kind"] = "organisation"
            answer = client.post(f"/api/v1/{collection}", json=body)
            statuses[answer.status_code] += 1
            if answer.status_code != 201:
                continue
            kept[record] = (collection, body["name"])
            if number % 5 == 1:
                renamed = f"{body['name']} (renamed)"
                answer = client.patch(f"/api/v1/{collection}/{record}", json={"name": renamed})
                statuses[answer.status_code] += 1
                if answer.status_code == 200:
                    kept[record] = (collection, renamed)
            if number % 7 == 2:
                answer = client.delete(f"/api/v1/{collection}/{record}")
                statuses[answer.status_code] += 1
                if answer.status_code == 204:
                    del kept[record]
                    deleted.append((collection, record))
    results.put({"statuses": dict(statuses), "kept": kept, "deleted": deleted})


def read(url: str, stop, results) -> None:
    """List, search and count until the writers are done."""
    statuses: Counter[int] = Counter()
    queries = ["/api/v1/issues?limit=100", "/api/v1/search?q=writer", "/api/v1/stats", "/api/v1/actors?q=record",
               "/api/v1/changes?since=0&limit=200"]  # fmt: skip
    with httpx.Client(base_url=url, timeout=60) as client:
        number = 0
        while not stop.is_set():
            statuses[client.get(queries[number % len(queries)]).status_code] += 1
            number += 1
    results.put({"statuses": dict(statuses)})


def test_concurrent_writers_and_readers_lose_nothing(mini_database, live_server, tmp_path, figures):
    database = mini_database.copy(tmp_path)
    server = live_server(database, tmp_path / "server.log", workers=2)
    before = httpx.get(f"{server.url}/api/v1/stats").json()["counts"]
    context = multiprocessing.get_context("spawn")
    results, stop = context.Queue(), context.Event()
    writers = [
        context.Process(target=write, args=(server.url, mini_database.write_key, n, LIMITS["writes_each"], results))
        for n in range(LIMITS["writers"])
    ]
    readers = [context.Process(target=read, args=(server.url, stop, results)) for _ in range(LIMITS["readers"])]
    started = time.perf_counter()
    for process in writers + readers:
        process.start()
    reports = [results.get(timeout=600) for _ in writers]
    elapsed = time.perf_counter() - started
    stop.set()
    reports += [results.get(timeout=60) for _ in readers]
    for process in writers + readers:
        process.join(timeout=60)

    write_statuses = sum((Counter(r["statuses"]) for r in reports[: len(writers)]), Counter())
    read_statuses = sum((Counter(r["statuses"]) for r in reports[len(writers) :]), Counter())
    assert set(write_statuses) <= {200, 201, 204}, write_statuses
    assert set(read_statuses) == {200}, read_statuses
    log = server.log()
    assert "database is locked" not in log and "Traceback" not in log, log[-5000:]

    kept = {record: value for r in reports[: len(writers)] for record, value in r["kept"].items()}
    deleted = [tuple(item) for r in reports[: len(writers)] for item in r["deleted"]]
    with httpx.Client(base_url=server.url, timeout=60) as client:
        for record, (collection, name) in kept.items():
            answer = client.get(f"/api/v1/{collection}/{record}")
            assert (answer.status_code, answer.json()["name"]) == (200, name), record
        for collection, record in deleted:
            assert client.get(f"/api/v1/{collection}/{record}").status_code == 404
        after = client.get("/api/v1/stats").json()["counts"]
    created = Counter(collection for collection, _ in kept.values())
    assert after["issue"] == before["issue"] + created["issues"]
    assert after["actor"] == before["actor"] + created["actors"]

    writes = sum(write_statuses.values())
    figures["concurrency: writer processes x writes, reader processes"] = (
        f"{LIMITS['writers']} x {LIMITS['writes_each']} creates (+ renames, deletes), {LIMITS['readers']} readers"
    )
    figures["concurrency: writes acknowledged"] = writes
    figures["concurrency: reads answered"] = sum(read_statuses.values())
    figures["concurrency: 5xx, 'database is locked'"] = 0
    figures["concurrency: writes per second (2 workers)"] = round(writes / elapsed)

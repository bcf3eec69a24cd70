"""Reads run in a pool of PEACEKB_READ_THREADS threads (app/routes/base.py); writes in the default pool."""

import asyncio
import threading
import time

import httpx
import pytest
from fastapi import FastAPI

from app.config import get_settings
from app.routes.base import make_router


def probe_app() -> tuple[FastAPI, dict]:
    """An app with a slow read and a slow write that record how many of each run at once, and where."""
    router, seen = make_router(), {"read": 0, "write": 0, "most_reads": 0, "most_writes": 0, "threads": set()}
    seen["loop_thread"] = None
    lock = threading.Lock()

    def hold(kind: str) -> None:
        with lock:
            seen[kind] += 1
            seen[f"most_{kind}s"] = max(seen[f"most_{kind}s"], seen[kind])
            seen["threads"].add(threading.current_thread())
        time.sleep(0.2)
        with lock:
            seen[kind] -= 1

    @router.get("/probe")
    def probe_read() -> None:
        hold("read")

    @router.post("/probe")
    def probe_write() -> None:
        hold("write")

    app = FastAPI()
    app.include_router(router)
    return app, seen


def at_once(app: FastAPI, seen: dict, method: str, count: int) -> None:
    """Send ``count`` requests together, from an event loop of a thread of its own (another test may have
    left one running in this thread)."""

    async def send() -> list[int]:
        seen["loop_thread"] = threading.current_thread()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            answers = await asyncio.gather(*(client.request(method, "/probe") for _ in range(count)))
        return [answer.status_code for answer in answers]

    statuses = []
    runner = threading.Thread(target=lambda: statuses.extend(asyncio.run(send())))
    runner.start()
    runner.join()
    assert statuses == [200] * count


@pytest.mark.parametrize("threads", [1, 2])
def test_reads_run_at_most_read_threads_at_once_off_the_event_loop(monkeypatch, threads):
    monkeypatch.setattr(get_settings(), "read_threads", threads)
    app, seen = probe_app()

    at_once(app, seen, "GET", 4)

    assert seen["most_reads"] == threads
    assert seen["loop_thread"] not in seen["threads"]  # never on the event loop's thread


def test_writes_are_not_held_to_the_read_pool(monkeypatch):
    monkeypatch.setattr(get_settings(), "read_threads", 1)
    app, seen = probe_app()

    at_once(app, seen, "POST", 3)

    assert seen["most_writes"] == 3

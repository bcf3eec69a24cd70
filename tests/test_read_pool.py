"""Routes marked ``@in_read_pool`` run in a pool of PEACEKB_READ_THREADS threads (app/read_pool.py); writes in
the default pool; every read route of the API is marked, and no query runs on the event loop."""

import asyncio
import inspect
import threading
import time

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute

from app.config import get_settings
from app.main import create_app
from app.read_pool import in_read_pool
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
    @in_read_pool
    def probe_read() -> None:
        hold("read")

    @router.get("/probe-unmarked")
    def probe_unmarked_read() -> None:
        hold("write")

    @router.post("/probe")
    def probe_write() -> None:
        hold("write")

    app = FastAPI()
    app.include_router(router)
    return app, seen


def at_once(app: FastAPI, seen: dict, method: str, count: int, path: str = "/probe") -> None:
    """Send ``count`` requests together, from an event loop of a thread of its own (another test may have
    left one running in this thread)."""

    async def send() -> list[int]:
        seen["loop_thread"] = threading.current_thread()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            answers = await asyncio.gather(*(client.request(method, path) for _ in range(count)))
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


def test_an_unmarked_read_runs_in_the_default_pool_not_the_read_pool(monkeypatch):
    monkeypatch.setattr(get_settings(), "read_threads", 1)
    app, seen = probe_app()

    at_once(app, seen, "GET", 3, path="/probe-unmarked")

    assert seen["most_writes"] == 3
    assert seen["loop_thread"] not in seen["threads"]


def test_only_a_synchronous_route_can_be_marked_for_the_read_pool():
    async def on_the_loop() -> None:
        return None

    with pytest.raises(TypeError, match="on_the_loop is async"):
        in_read_pool(on_the_loop)


def included_routes(routes: list) -> list[APIRoute]:
    """The routes of the routers the app includes (the API's; /health and the docs are the app's own)."""
    found = []
    for route in routes:
        router = getattr(route, "original_router", None)  # an included router, as FastAPI keeps it
        if router is not None:
            found += [r for r in router.routes if isinstance(r, APIRoute)] + included_routes(router.routes)
    return found


def test_every_read_route_of_the_api_runs_in_the_read_pool():
    # /health reads no database: it answers on the event loop.
    routes = included_routes(create_app().routes)
    api_reads = [route for route in routes if "GET" in route.methods and route.path != "/health"]

    outside = [route.path for route in api_reads if not getattr(route.endpoint, "runs_in_read_pool", False)]
    assert api_reads and outside == []
    assert all(inspect.iscoroutinefunction(route.endpoint) for route in api_reads)  # awaited, in the pool

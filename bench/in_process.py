"""Time requests inside one process, without HTTP: the app's own cost per request, for profiling.

    PEACEKB_DATABASE_URL=sqlite:///bench/data/peacekb-1000000.db PEACEKB_SEED_ON_STARTUP=false \\
        python bench/in_process.py /api/v1/claims/SOME-ID [COUNT] [--profile]

Several paths, comma-separated, are asked in turn. ``--profile`` writes cProfile statistics to
``bench/data/in_process.prof`` and prints the 30 costliest functions (the route bodies that run in the read
pool's threads are not seen by cProfile there; time them alone).
"""

import asyncio
import cProfile
import pstats
import sys
import time
from pathlib import Path

from app.main import app


async def call(path: str) -> int:
    bare, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": bare, "raw_path": bare.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"bench")], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}  # fmt: skip
    status = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await app(scope, receive, send)
    return status[0]


async def run(paths: list[str], count: int) -> None:
    async with app.router.lifespan_context(app):
        for path in paths:
            assert await call(path) == 200, path
        started = time.perf_counter()
        for i in range(count):
            await call(paths[i % len(paths)])
        print(f"{(time.perf_counter() - started) / count * 1e6:,.0f} µs a request ({count:,} requests)")


def main() -> None:
    paths, count = sys.argv[1].split(","), int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 2000
    if "--profile" not in sys.argv:
        asyncio.run(run(paths, count))
        return
    out = Path(__file__).parent / "data" / "in_process.prof"
    out.parent.mkdir(exist_ok=True)
    cProfile.runctx("asyncio.run(run(paths, count))", globals(), {"paths": paths, "count": count, "run": run},
                    str(out))  # fmt: skip
    pstats.Stats(str(out)).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()

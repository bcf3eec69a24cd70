"""Browser tests: the real server, driven by headless Chromium.

The server is uvicorn in a subprocess on a free port of 127.0.0.1, over a temporary SQLite database that it
migrates and seeds on start, exactly as `peacekb serve` would. The browser is the system's Chromium (Debian's
``chromium`` package) driven by Playwright's Python package; Playwright never downloads a browser here.
Every request a page makes is checked: one to any host but the test server is recorded and aborted, and the
tests fail on it. Without /usr/bin/chromium or the playwright package, the tests skip.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from app.config import REPO_ROOT

CHROMIUM = Path(os.environ.get("PEACEKB_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
STARTUP_SECONDS = 90


def _require_browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    return pytest.importorskip(
        "playwright.sync_api", reason='playwright is not installed (pip install -e ".[browser]")'
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(directory: Path) -> Iterator[str]:
    """Serve the app with uvicorn on 127.0.0.1 over a database in ``directory``, migrated and seeded on start."""
    port = _free_port()
    env = os.environ | {
        "PEACEKB_DATABASE_URL": f"sqlite:///{directory / 'peacekb.db'}",
        "PEACEKB_SEED_ON_STARTUP": "true",
        "PEACEKB_RATE_LIMIT_PER_MINUTE": "0",
    }
    log = (directory / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"the server exited:\n{(directory / 'server.log').read_text()}")
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the server did not start in {STARTUP_SECONDS}s:\n{(directory / 'server.log').read_text()}"
                )
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1, its database migrated and seeded on start."""
    _require_browser()
    yield from _serve(tmp_path_factory.mktemp("browser-server"))


@dataclass(frozen=True)
class Writable:
    """A server of its own for tests that write (the shared one stays as seeded), and a write key for it."""

    base: str
    key: str


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Writable]:
    _require_browser()
    from sqlmodel import Session

    from app.auth import create_key
    from app.db import build_engine

    directory = tmp_path_factory.mktemp("browser-writable")
    for base in _serve(directory):
        engine = build_engine(f"sqlite:///{directory / 'peacekb.db'}")
        with Session(engine) as session:
            key = create_key(session, name="browser-curator", scope="write")
        engine.dispose()
        yield Writable(base, key)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, launched once."""
    sync_api = _require_browser()
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A page, with every request it made, those that tried to leave the machine, and its errors."""

    page: object
    requested: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _visit(browser, server, viewport: dict) -> Iterator[Visit]:
    context = browser.new_context(base_url=server, viewport=viewport, accept_downloads=True)
    page = context.new_page()
    record = Visit(page)

    def guard(route):
        url = route.request.url
        record.requested.append(url)
        if urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            record.outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page.on("pageerror", lambda error: record.errors.append(f"page error: {error}"))
    page.on("console", lambda message: record.errors.append(message.text) if message.type == "error" else None)
    yield record
    context.close()
    assert record.outside == [], f"requests left the machine: {record.outside}"


@pytest.fixture
def visit(browser, server) -> Iterator[Visit]:
    """A fresh desktop browser context on the test server; any request to another host is aborted and recorded."""
    yield from _visit(browser, server, DESKTOP)


@pytest.fixture
def phone(browser, server) -> Iterator[Visit]:
    """The same on a 390 × 844 px phone screen."""
    yield from _visit(browser, server, PHONE)


@pytest.fixture
def curator(browser, writable) -> Iterator[Visit]:
    """A fresh desktop browser context on the writable server, guarded the same way."""
    yield from _visit(browser, writable.base, DESKTOP)


@pytest.fixture(params=["desktop", "phone"])
def screen(request, browser, server) -> Iterator[Visit]:
    """Each test once on a desktop screen and once on a phone's."""
    yield from _visit(browser, server, DESKTOP if request.param == "desktop" else PHONE)


@pytest.fixture(scope="session")
def api(server):
    """Read the JSON API of the test server (to say what the page must show)."""

    def get(path: str, **params):
        query = urllib.parse.urlencode(params, doseq=True)
        with urllib.request.urlopen(f"{server}/api/v1{path}{'?' + query if query else ''}") as response:
            return json.load(response)

    return get

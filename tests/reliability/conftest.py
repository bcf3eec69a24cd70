"""Fixtures for the reliability tests: seeded database files, a real server in a subprocess, and the figures.

These tests are marked ``reliability``. They run in every suite with the ``ci`` profile (few examples,
trials and writes: a few minutes in all); ``PEACEKB_RELIABILITY_PROFILE=full`` runs them with many more:

    PEACEKB_RELIABILITY_PROFILE=full python -m pytest -m reliability -s

Each test adds what it proved to ``figures`` (cases fuzzed, writes held, crash trials survived); the run ends
with a summary of them, and writes them as JSON where ``PEACEKB_RELIABILITY_FIGURES`` points.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session

from app.auth import create_key
from app.config import REPO_ROOT
from app.db import build_engine
from app.migrate import upgrade
from app.services.seeding import load_seed

MINI_SEED = REPO_ROOT / "tests" / "fixtures" / "mini_seed"
PROFILE = os.environ.get("PEACEKB_RELIABILITY_PROFILE", "ci")
# How hard each test pushes, per profile.
PROFILES = {
    "ci": {
        "fuzz_examples": 4,
        "property_examples": 150,
        "writers": 3,
        "writes_each": 120,
        "readers": 2,
        "bulk_crash_trials": 3,
        "load_crash_trials": 3,
        "bulk_lines": 8000,
    },
    "full": {
        "fuzz_examples": 30,
        "property_examples": 2000,
        "writers": 4,
        "writes_each": 500,
        "readers": 3,
        "bulk_crash_trials": 10,
        "load_crash_trials": 10,
        "bulk_lines": 30000,
    },
}
LIMITS = PROFILES[PROFILE]
FIGURES: dict[str, object] = {}


def pytest_terminal_summary(terminalreporter) -> None:
    if not FIGURES:
        return
    terminalreporter.section(f"reliability figures (profile {PROFILE})")
    for name, value in FIGURES.items():
        terminalreporter.write_line(f"{name}: {value}")
    if target := os.environ.get("PEACEKB_RELIABILITY_FIGURES"):
        Path(target).write_text(json.dumps({"profile": PROFILE, **FIGURES}, indent=1) + "\n")


@pytest.fixture
def figures() -> dict[str, object]:
    """Where a test records what it proved, for the summary at the end of the run."""
    return FIGURES


@dataclass(frozen=True)
class KeyedDatabase:
    """A database file holding a seed and one key per scope."""

    path: Path
    read_key: str
    write_key: str
    admin_key: str

    def copy(self, directory: Path) -> Path:
        target = directory / self.path.name
        shutil.copyfile(self.path, target)
        return target


def _build(directory: Path, seed: Path) -> KeyedDatabase:
    path = directory / "kb.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = build_engine(url)
    with Session(engine) as session:
        load_seed(session, seed)
        keys = [create_key(session, name=scope, scope=scope) for scope in ("read", "write", "admin")]
    engine.dispose()  # the last connection checkpoints the WAL into the file that is copied
    return KeyedDatabase(path, *keys)


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> KeyedDatabase:
    """The curated seed (the OpenAPI examples name its records) with keys, built once."""
    return _build(tmp_path_factory.mktemp("seeded"), REPO_ROOT / "seed_data")


@pytest.fixture(scope="session")
def mini_database(tmp_path_factory: pytest.TempPathFactory) -> KeyedDatabase:
    """The small fixture seed with keys, built once."""
    return _build(tmp_path_factory.mktemp("mini"), MINI_SEED)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database: Path, **settings: str) -> dict[str, str]:
    env = {**os.environ, "PEACEKB_DATABASE_URL": f"sqlite:///{database}", "PEACEKB_SEED_ON_STARTUP": "false"}
    return env | {f"PEACEKB_{name.upper()}": value for name, value in settings.items()}


class LiveServer:
    """``uvicorn app.main:app`` in its own process group, on a free loopback port."""

    def __init__(self, database: Path, log: Path, *, workers: int = 1, **settings: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        command = [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(self.port),
                   "--workers", str(workers), "--log-level", "warning"]  # fmt: skip
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                env=server_environment(database, **settings),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: kill() reaches every worker
            )
        self._wait_until_up()

    def _wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.log()}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"the server did not come up: {self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the server's whole process group (the server and its workers), and reap it."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):  # it may have exited meanwhile
                os.killpg(self.process.pid, sig)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        self.kill(signal.SIGTERM)


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[type[LiveServer]]:
    """Start servers with ``live_server(database, log)``; every one still running is killed at the end."""
    started: list[LiveServer] = []

    class Tracked(LiveServer):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            started.append(self)

    yield Tracked
    for server in started:
        server.kill()

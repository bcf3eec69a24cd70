"""Fixtures for the contract tests: the tools frontends and scripts really use, and a live server for them.

The npm tools (openapi-typescript, openapi-fetch, TypeScript, Redocly CLI) are installed from the npm registry
at test time, at the versions pinned here, into a cache folder outside the checkout
(``$XDG_CACHE_HOME/peacekb-npm``, or ``PEACEKB_NPM_CACHE``); nothing is vendored. openapi-python-client comes
from PyPI with the ``contract`` extra. Without node and npm, without the registry, or without the Python
package, the tests that need them skip.
"""

import fcntl
import json
import os
import shutil
import subprocess
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
from tests.reliability.conftest import LiveServer

NPM_PACKAGES = {
    "openapi-typescript": "7.13.0",
    "openapi-fetch": "0.17.0",
    "typescript": "5.9.3",
    "@redocly/cli": "2.77.0",
}
NODE_AT_LEAST = (20, 19)  # what the pinned Redocly CLI needs
# No telemetry and no update checks: nothing leaves the machine but the install itself.
QUIET = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_UPDATE_NOTIFIER": "1"}


def npm_cache() -> Path:
    if folder := os.environ.get("PEACEKB_NPM_CACHE"):
        return Path(folder)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "peacekb-npm"


def _installed(folder: Path) -> bool:
    for name, version in NPM_PACKAGES.items():
        manifest = folder / "node_modules" / name / "package.json"
        if not manifest.is_file() or json.loads(manifest.read_text())["version"] != version:
            return False
    return True


@pytest.fixture(scope="session")
def node_tools() -> Path:
    """The folder whose ``node_modules`` holds the pinned npm tools, installed there if they are not yet."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are not installed")
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout
    if tuple(int(part) for part in version.strip().lstrip("v").split(".")[:2]) < NODE_AT_LEAST:
        pytest.skip(f"node {version.strip()} is older than the pinned tools need (20.19)")
    folder = npm_cache()
    folder.mkdir(parents=True, exist_ok=True)
    # The suite runs in parallel processes (pytest-xdist): one installs while the others wait for it.
    with (folder.parent / "peacekb-npm.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _installed(folder):
            # One install of every package: npm prunes what a later --no-save install does not name.
            command = [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(folder)]
            command += [f"{name}@{version}" for name, version in NPM_PACKAGES.items()]
            installed = subprocess.run(command, capture_output=True, text=True, timeout=600)
            if installed.returncode != 0:
                pytest.skip(f"npm could not install the contract tools: {installed.stderr[-2000:]}")
    return folder


def run_tool(folder: Path, tool: str, *arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run one of the npm tools' commands (``tsc``, ``redocly``…), capturing what it says."""
    command = [str(folder / "node_modules" / ".bin" / tool), *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=cwd, env=os.environ | QUIET)


@dataclass(frozen=True)
class ContractServer:
    url: str
    database: Path
    write_key: str


@pytest.fixture(scope="session")
def contract_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ContractServer]:
    """uvicorn serving the curated seed from a temporary SQLite database, on a free port of 127.0.0.1."""
    folder = tmp_path_factory.mktemp("contract-server")
    database = folder / "kb.db"
    url = f"sqlite:///{database}"
    upgrade(url)
    engine = build_engine(url)
    with Session(engine) as session:
        load_seed(session, REPO_ROOT / "seed_data")
        key = create_key(session, name="contract", scope="write")
    engine.dispose()  # the last connection checkpoints the WAL into the file the server opens
    server = LiveServer(database, folder / "server.log")
    try:
        yield ContractServer(server.url, database, key)
    finally:
        server.kill()


@pytest.fixture(scope="session")
def served_document(contract_server: ContractServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """/openapi.json as the live server serves it, saved to a file for the tools."""
    target = tmp_path_factory.mktemp("contract-document") / "openapi.json"
    target.write_bytes(httpx.get(f"{contract_server.url}/openapi.json", timeout=30).raise_for_status().content)
    return target

"""The package carries what it needs: a wheel installed in a fresh virtualenv, with no checkout in sight, migrates,
seeds, synthesises, exports and serves from an empty folder.

The wheel is built offline (``--no-build-isolation``, with the setuptools of the test extra) from a copy of the
checkout, so the checkout gets no build/ leftovers that a later wheel could pick up. The fresh virtualenv gets
the wheel by pip, and its dependencies by a path file naming this environment's site-packages, which hold them
already: nothing is downloaded. Without setuptools ≥ 77 the build cannot run and the tests skip.
"""

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.config import REPO_ROOT
from app.services.seed_reader import read_seed

pytestmark = pytest.mark.packaging

# What `pip wheel .` reads is the project, not the checkout's tools, tests or local state.
NOT_THE_PROJECT = {".git", ".venv", ".ci", "tests", "bench", "data", "build", "dist", "node_modules"}
CACHES = shutil.ignore_patterns("__pycache__", "*.egg-info", ".*_cache", "*.db", "*.db-*")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    peacekb: Path  # the console script pip wrote into the fresh virtualenv


def _copy_of_the_project(target: Path) -> Path:
    def ignore(folder: str, names: list[str]) -> set[str]:
        top = {name for name in names if name in NOT_THE_PROJECT} if Path(folder) == REPO_ROOT else set()
        return top | CACHES(folder, names)

    return Path(shutil.copytree(REPO_ROOT, target, ignore=ignore))


def _run(command: list[str | Path], **options) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, **options)
    assert done.returncode == 0, f"{command}: {done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    pytest.importorskip("setuptools", minversion="77", reason="building the wheel needs the test extra's setuptools")
    work = tmp_path_factory.mktemp("wheel")
    source = _copy_of_the_project(work / "source")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run([*pip, "wheel", ".", "--no-deps", "--no-build-isolation", "-w", work / "dist"], cwd=source)
    (wheel,) = (work / "dist").glob("peacekb-*.whl")

    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    _run([*pip, "--python", python, "install", "--no-deps", "--no-index", wheel])
    # Only after the install: pip would otherwise find this environment's editable peacekb and skip the wheel.
    purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip()
    (Path(purelib) / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", "utf-8")
    return Installed(wheel=wheel, peacekb=venv / "bin" / "peacekb")


def _environment() -> dict[str, str]:
    """The user's environment without this test run's settings: every default is the installed package's."""
    drop = {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}
    return {name: value for name, value in os.environ.items() if name not in drop and not name.startswith("PEACEKB_")}


def peacekb(installed: Installed, folder: Path, *args: str) -> subprocess.CompletedProcess:
    return _run([installed.peacekb, *args], cwd=folder, env=_environment())


def _files(folder: Path) -> set[str]:
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_every_package_under_app_is_listed_for_the_wheel():
    listed = set(tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(REPO_ROOT).parts) for init in (REPO_ROOT / "app").rglob("__init__.py")}

    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages in pyproject.toml"


def test_alembic_ini_of_the_checkout_names_the_migrations_the_package_runs():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from app.migrate import alembic_config

    checkout = ScriptDirectory.from_config(Config(str(REPO_ROOT / "alembic.ini")))
    package = ScriptDirectory.from_config(alembic_config("sqlite://"))

    assert Path(checkout.dir).resolve() == Path(package.dir).resolve()
    assert checkout.get_current_head() == package.get_current_head()


def test_the_wheel_carries_the_migrations_the_seed_and_the_static_assets(installed):
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())

    def shipped(prefix: str) -> set[str]:
        return {name.removeprefix(prefix) for name in names if name.startswith(prefix)}

    assert shipped("app/migrations/") == _files(REPO_ROOT / "migrations")
    assert shipped("app/seed_data/") == _files(REPO_ROOT / "seed_data")
    assert shipped("app/static/") == _files(REPO_ROOT / "app" / "static")
    assert not {name for name in names if name.startswith(("migrations/", "seed_data/", "tests/"))}


def test_the_installed_wheel_migrates_seeds_synthesises_and_exports_in_an_empty_folder(installed, tmp_path):
    seed, _, _ = read_seed(REPO_ROOT / "seed_data")
    plan_points = {point.id for plan in seed.plans for point in plan.points}

    upgraded = peacekb(installed, tmp_path, "db", "upgrade")
    seeded = peacekb(installed, tmp_path, "seed")
    stats = peacekb(installed, tmp_path, "stats")
    peacekb(installed, tmp_path, "synth", "--claims", "50", "-o", "synth.ndjson")
    exported = peacekb(installed, tmp_path, "export", "--format", "csv", "--kind", "plan-points")

    assert upgraded.stdout == "database at head\n"
    assert seeded.stdout.startswith("seed loaded; written: {")
    assert (tmp_path / "data" / "peacekb.db").is_file()  # the default database: under the current folder
    counts = dict(line.split() for line in stats.stdout.splitlines())
    assert (counts["claim"], counts["plan_point"], counts["source"]) == (
        str(len(seed.claims)),
        str(len(plan_points)),
        str(len(seed.sources)),
    )
    lines = [json.loads(line) for line in (tmp_path / "synth.ndjson").read_text("utf-8").splitlines()]
    assert sum(line["kind"] == "claim" for line in lines) == 50
    assert {row["id"] for row in csv.DictReader(io.StringIO(exported.stdout))} == plan_points


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(installed, tmp_path) -> Iterator[str]:
    """``peacekb serve`` from the installed wheel, started in an empty folder; yields its base URL."""
    port = _free_port()
    process = subprocess.Popen(
        [installed.peacekb, "serve", "--port", str(port)],
        cwd=tmp_path,
        env=_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # the first start migrates and seeds before it listens
        while True:
            if process.poll() is not None:
                pytest.fail(f"peacekb serve exited {process.returncode}: {process.stderr.read()}")
            try:
                httpx.get(f"{base}/health", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail("peacekb serve did not answer /health within 120 s")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


def test_the_installed_wheel_serves_the_seeded_knowledge_base_from_an_empty_folder(server, tmp_path):
    seed, _, _ = read_seed(REPO_ROOT / "seed_data")
    plan_points = {point.id for plan in seed.plans for point in plan.points}

    health = httpx.get(f"{server}/health")
    listed = httpx.get(f"{server}/api/v1/plan-points", params={"limit": 500})
    explorer = httpx.get(f"{server}/")
    script = httpx.get(f"{server}/static/explorer.js")

    assert (health.status_code, health.json()["status"]) == (200, "ok")
    assert listed.status_code == 200
    assert {point["id"] for point in listed.json()["items"]} == plan_points
    assert (explorer.status_code, script.status_code) == (200, 200)
    assert script.text == (REPO_ROOT / "app" / "static" / "explorer.js").read_text("utf-8")
    assert (tmp_path / "data" / "peacekb.db").is_file()

"""The benchmark: one command builds the million-claim knowledge base and measures PeaceKB against Datasette
and against a bare Starlette + sqlite3 + orjson floor, on the same database file, and PeaceKB on PostgreSQL
(one process, and two workers) on the same data.

    pip install -e ".[bench]" && apt-get install -y wrk && python bench/run.py
    python bench/run.py --claims 20000 --servers peacekb,peacekb-pg,peacekb-pg-2w   # small, PeaceKB only

Steps: (1) ``peacekb synth`` writes ``bench/data/synth-<N>.ndjson`` and ``peacekb import`` loads it into
``bench/data/peacekb-<N>.db`` (both kept and reused; ``--rebuild`` makes them again), timing the import;
(2) each server in turn — PeaceKB under uvicorn with uvloop and httptools as deployed, Datasette
(``--immutable``), the floor (bench/floor_app.py), PeaceKB on PostgreSQL (``--postgres-url``: a server the
benchmark makes its database on, filled from the SQLite file by bench/postgres_copy.py) — is started alone on
127.0.0.1 and driven by wrk, a separate process, with 8 connections for a fixed time per query, each request
drawing its id, actor, word or page at random from the whole database (bench/workload.py); (3) the
whole-collection export is fetched once by curl while the server's memory is sampled. Before measuring, the
PostgreSQL servers must answer a sample of requests exactly as PeaceKB on SQLite does. It prints req/s, p50
and p99 for each query and server, the ratios, the server's RSS and the import rate, and writes them to
``bench/data/results-<N>.json``.
"""

import argparse
import contextlib
import json
import os
import re
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from the checkout: bench.* and app.* import from it

from sqlalchemy.engine import make_url  # noqa: E402

from app.keyset import encode  # noqa: E402
from app.migrate import upgrade  # noqa: E402
from bench import import_race  # noqa: E402
from bench.postgres_copy import copy_from_sqlite, create_database  # noqa: E402
from bench.workload import Requests, Workload, probe  # noqa: E402

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DATA = ROOT / "bench" / "data"
HOST = "127.0.0.1"
PORTS = {"peacekb": 8701, "datasette": 8702, "floor": 8703, "peacekb-pg": 8704, "peacekb-pg-2w": 8705}
POSTGRES = ("peacekb-pg", "peacekb-pg-2w")  # PeaceKB on PostgreSQL: one process, two worker processes
PEACEKB = ("peacekb", *POSTGRES)


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


# ---- building the database ------------------------------------------------------------------------------


def build(claims: int, seed: int, rebuild: bool) -> tuple[Path, dict]:
    """The database file, made if missing, and the figures of the import that made it."""
    DATA.mkdir(parents=True, exist_ok=True)
    ndjson, database, figures = (DATA / f"synth-{claims}.ndjson", DATA / f"peacekb-{claims}.db",
                                 DATA / f"import-{claims}.json")  # fmt: skip
    if rebuild:
        for path in (ndjson, database, figures):
            path.unlink(missing_ok=True)
    env = os.environ | {"PEACEKB_DATABASE_URL": f"sqlite:///{database}", "PEACEKB_SEED_ON_STARTUP": "false"}
    if not ndjson.exists():
        print(f"synthesising {claims:,} claims → {ndjson}", flush=True)
        started = time.perf_counter()
        partial = ndjson.with_suffix(".partial")
        subprocess.run(["peacekb", "synth", "--claims", str(claims), "--seed", str(seed), "--output", str(partial)],
                       check=True, env=env)  # fmt: skip
        partial.rename(ndjson)
        print(f"  {time.perf_counter() - started:.0f} s", flush=True)
    if not database.exists() or not figures.exists():
        for path in database.parent.glob(f"{database.name}*"):
            path.unlink()
        print(f"importing {ndjson.name} → {database}", flush=True)
        started, cpu = time.perf_counter(), _children_cpu()
        run = subprocess.run(["peacekb", "import", str(ndjson), "--as", "bench"], env=env, check=True,
                             capture_output=True, text=True)  # fmt: skip
        seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
        applied = run.stdout.split(":", 1)[1].strip()
        counts = {k: int(v) for k, v in re.findall(r"'(\w+)\.create': (\d+)", applied)}
        with sqlite3.connect(database) as connection:  # readers (Datasette --immutable) want no WAL left
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        result = {"seconds": round(seconds, 1), "records": sum(counts.values()), "claims": counts.get("claim", 0),
                  "claims_per_second": round(counts.get("claim", 0) / seconds),
                  "records_per_second": round(sum(counts.values()) / seconds), "counts": counts,
                  "cpu_seconds": round(cpu, 1), "load_average": os.getloadavg()[0],
                  "database_bytes": database.stat().st_size}  # fmt: skip
        figures.write_text(json.dumps(result, indent=1))
    upgrade(f"sqlite:///{database}")  # a file kept from an earlier schema is brought to this code's
    return database, json.loads(figures.read_text())


def build_postgres(database: Path, claims: int, server_url: str) -> str:
    """The PostgreSQL copy of ``database`` (bench/postgres_copy.py), made again when the file is newer."""
    name, figures = f"peacekb_bench_{claims}", DATA / f"postgres-{claims}.json"
    made = json.loads(figures.read_text()) if figures.exists() else {}
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    wanted = {"url": url, "from_mtime": database.stat().st_mtime, "revision": _head_revision()}
    if any(made.get(key) != value for key, value in wanted.items()):
        print(f"copying {database.name} → PostgreSQL {name}", flush=True)
        started = time.perf_counter()
        copied = copy_from_sqlite(database, create_database(server_url, name))
        made = wanted | {"rows": copied, "seconds": round(time.perf_counter() - started, 1)}
        figures.write_text(json.dumps(made, indent=1))
        print(f"  {made['seconds']} s", flush=True)
    return url


def _head_revision() -> str:
    """The migrations' head: a copy made under an older schema is made again."""
    from alembic.script import ScriptDirectory

    from app.migrate import alembic_config

    return ScriptDirectory.from_config(alembic_config(DEFAULT_POSTGRES)).get_current_head()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# ---- what to ask --------------------------------------------------------------------------------------


def scenarios(w: Workload, database: Path) -> dict[str, dict[str, Requests | None]]:
    """For each measured query, how each server is asked it (None: the server cannot); ``{}`` takes a value
    drawn at random for each request from the whole database (bench/workload.py)."""
    db = database.stem
    cursors = [encode(None, None, i) for i in w.ids]  # PeaceKB's keyset cursor after a claim (app/keyset.py)
    offsets = [str(o) for o in w.offsets]
    table = {
        "claim by id": {
            "peacekb": Requests("/api/v1/claims/{}", w.ids),
            "datasette": Requests(f"/{db}/claim/{{}}.json", w.ids),
            "floor": Requests("/claims/{}", w.ids),
        },
        f"claims by actor (50), {len(w.actors):,} actors": {
            "peacekb": Requests("/api/v1/claims?actor_id={}&limit=50", w.actors),
            "datasette": Requests(f"/{db}/claims_by_actor.json?actor={{}}", w.actors),
            "floor": Requests("/claims?actor_id={}&limit=50", w.actors),
        },
        f"search, {len(w.common)} common words (20)": {
            "peacekb": Requests("/api/v1/claims?q={}&limit=20", w.common),
            "datasette": Requests(f"/{db}/search_claims.json?q=%22{{}}%22", w.common),
            "floor": Requests("/search?q={}&limit=20", w.common),
        },
        f"search, {len(w.rare):,} rare words (20)": {
            "peacekb": Requests("/api/v1/claims?q={}&limit=20", w.rare),
            "datasette": Requests(f"/{db}/search_claims.json?q=%22{{}}%22", w.rare),
            "floor": Requests("/search?q={}&limit=20", w.rare),
        },
        "page 1 (50)": {
            "peacekb": Requests("/api/v1/claims?limit=50"),
            "datasette": Requests(f"/{db}/claim.json?_size=50"),
            "floor": Requests("/claims?limit=50"),
        },
        "page at a random offset (50)": {
            "peacekb": Requests("/api/v1/claims?limit=50&offset={}", offsets),
            "datasette": Requests(f"/{db}/claims_page.json?offset={{}}", offsets),
            "floor": Requests("/claims?limit=50&offset={}", offsets),
        },
        "page after a random claim, keyset (50)": {
            "peacekb": Requests("/api/v1/claims?limit=50&after={}", cursors),
            "datasette": Requests(f"/{db}/claim.json?_size=50&_next={{}}", w.ids),
            "floor": Requests("/claims?limit=50&after={}", w.ids),
        },
        "plan points CSV (500)": {
            "peacekb": Requests("/api/v1/plan-points.csv?limit=500"),
            "datasette": Requests(f"/{db}/plan_point.csv?_size=500"),
            "floor": Requests("/plan-points.csv"),
        },
    }
    for by_server in table.values():
        for name in POSTGRES:  # the same requests, answered from PostgreSQL
            by_server[name] = by_server["peacekb"]
    return table


def sample_paths(w: Workload) -> list[str]:
    """Requests every PeaceKB server must answer alike, whatever its database."""
    # Not searches: relevance is each backend's own (bm25 on SQLite, ts_rank_cd on PostgreSQL).
    paths = [f"/api/v1/claims/{i}" for i in w.ids[:20]] + [f"/api/v1/claims/{i}/relations" for i in w.ids[:5]]
    paths += [f"/api/v1/claims?actor_id={a}&limit=50" for a in w.actors[:5]]
    return paths + [f"/api/v1/claims?limit=50&offset={o}" for o in w.offsets[:5]] + ["/api/v1/plan-points?limit=500"]


def answers(base: str, paths: list[str]) -> dict[str, object]:
    found = {}
    for path in paths:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            found[path] = json.load(response)
    return found


EXPORT = {"peacekb": "/api/v1/claims.ndjson", "peacekb-pg": "/api/v1/claims.ndjson", "floor": "/claims.ndjson"}


# The SQL PeaceKB runs, given to Datasette (as canned queries) and to the floor, so that all three answer
# the same queries and the ratios measure the servers, not the query plans. Claims about or by an actor in
# id order: two index walks in id order merged (migration 0003's indexes), the first 50 only.
ACTOR_SQL = ("SELECT * FROM claim WHERE id IN (SELECT claim_id AS id FROM claim_actor WHERE actor_id = ?"
             " UNION SELECT id FROM claim WHERE speaker_id = ? ORDER BY 1 LIMIT 50) ORDER BY id")  # fmt: skip
# Relevance ranked over the 1,001 most recently indexed matches (app/search.py): ranking every match of a
# common word takes SQLite about half a second whoever asks.
SEARCH_SQL = ("SELECT claim.* FROM claim JOIN (SELECT item_id, rank FROM search_index WHERE search_index MATCH ?"
              " AND kind = 'claim' ORDER BY rowid DESC LIMIT 1001) AS hits ON hits.item_id = claim.id"
              " ORDER BY hits.rank, claim.id LIMIT 20")  # fmt: skip


def datasette_metadata(database: Path) -> dict:
    """Canned queries giving Datasette the same SQL as PeaceKB runs (its ``_search`` wants an FTS table per
    table, which our schema does not have and the benchmark does not add)."""
    return {"databases": {database.stem: {"queries": {
        "claims_by_actor": ACTOR_SQL.replace("?", ":actor"),
        "search_claims": SEARCH_SQL.replace("?", ":q"),
        "claims_page": "SELECT * FROM claim ORDER BY id LIMIT 50 OFFSET :offset",
    }}}}  # fmt: skip


# ---- servers and load -----------------------------------------------------------------------------------


def server_command(name: str, database: Path, workdir: Path, postgres: str | None) -> tuple[list[str], dict]:
    port = str(PORTS[name])
    uvicorn = [sys.executable, "-m", "uvicorn", "--host", HOST, "--port", port, "--loop", "uvloop", "--http",
               "httptools", "--no-access-log", "--log-level", "warning"]  # fmt: skip
    env = os.environ | {"PEACEKB_DATABASE_URL": f"sqlite:///{database}", "PEACEKB_SEED_ON_STARTUP": "false",
                        "BENCH_DATABASE": str(database)}  # fmt: skip
    if name == "peacekb":
        return [*uvicorn, "app.main:app"], env
    if name in POSTGRES:
        workers = ["--workers", "2"] if name.endswith("-2w") else []
        return [*uvicorn, *workers, "app.main:app"], env | {"PEACEKB_DATABASE_URL": postgres}
    if name == "floor":
        return [*uvicorn, "bench.floor_app:app"], env
    metadata = workdir / "datasette.json"
    metadata.write_text(json.dumps(datasette_metadata(database)))
    # As Datasette's docs advise for a large immutable file: table counts computed once, ahead of time.
    counts = DATA / f"{database.stem}.inspect.json"
    if not counts.exists() or counts.stat().st_mtime < database.stat().st_mtime:
        subprocess.run([sys.executable, "-m", "datasette", "inspect", str(database), "--inspect-file", str(counts)],
                       check=True)  # fmt: skip
    return [sys.executable, "-m", "datasette", "serve", "--immutable", str(database), "--inspect-file", str(counts),
            "--host", HOST, "--port", port, "--metadata", str(metadata), "--setting", "sql_time_limit_ms", "20000",
            "--setting", "default_page_size", "50", "--setting", "suggest_facets", "off"], env  # fmt: skip


class Server:
    def __init__(self, name: str, database: Path, workdir: Path, postgres: str | None = None):
        self.name, self.base = name, f"http://{HOST}:{PORTS[name]}"
        command, env = server_command(name, database, workdir, postgres)
        with socket.socket() as probe_socket:
            if probe_socket.connect_ex((HOST, PORTS[name])) == 0:
                raise RuntimeError(f"port {PORTS[name]} is taken: stop what listens there first")
        log = (workdir / f"{name}.log").open("ab")  # the servers' own chatter, kept out of the report
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()
            raise

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + ("/health" if self.name in PEACEKB else "/"), timeout=2)
                return
            except urllib.error.HTTPError:  # it answers
                return
            except Exception:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.name} exited with {self.process.returncode}") from None
                time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer within 120 s")

    def rss_mb(self, field: str = "VmRSS") -> float:
        """The memory of the server's processes (with ``--workers``, the supervisor's and its workers')."""
        total, pending = 0.0, [self.process.pid]
        while pending:
            pid = pending.pop()
            with contextlib.suppress(OSError):
                status = Path(f"/proc/{pid}/status").read_text()
                total += int(re.search(rf"{field}:\s+(\d+) kB", status).group(1)) / 1024
                for task in Path(f"/proc/{pid}/task").iterdir():
                    pending += [int(child) for child in (task / "children").read_text().split()]
        return total

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@contextlib.contextmanager
def running(name: str, database: Path, workdir: Path, postgres: str | None = None) -> Iterator[Server]:
    server = Server(name, database, workdir, postgres)
    try:
        yield server
    finally:
        server.stop()


def load(base: str, requests: Requests, *, seconds: int, connections: int, workdir: Path) -> Result:
    """Drive ``requests`` from wrk (its own process) for ``seconds``; req/s and latency percentiles."""
    script = requests.write_script(workdir, "requests")
    command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", "--latency",
               "-s", str(script), base]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {p: _ms(v) for p, v in re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.MULTILINE)}
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    failed = int(errors.group(1)) if errors else 0
    failed += sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    return Result(rate, latency.get("50", float("nan")), latency.get("99", float("nan")), failed)


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def export(server: Server, path: str, *, claims: int, max_seconds: int) -> dict:
    """Fetch the whole collection once (curl, its own process; at most ``max_seconds``) while sampling the
    server's memory; a fetch cut short is reported with its rate and the time the whole would take."""
    before, peak, done = server.rss_mb(), [server.rss_mb()], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak.append(server.rss_mb())
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started, lines, size = time.perf_counter(), 0, 0
    curl = subprocess.Popen(["curl", "-s", "--max-time", str(max_seconds), server.base + path], stdout=subprocess.PIPE)
    while block := curl.stdout.read(1 << 20):
        lines += block.count(b"\n")
        size += len(block)
    curl.wait()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    complete = lines >= claims
    return {"complete": complete, "lines": lines, "seconds": round(seconds, 1), "megabytes": round(size / 1e6, 1),
            "lines_per_second": round(lines / seconds), "projected_seconds": round(claims / max(lines / seconds, 1e-9)),
            "rss_before_mb": round(before, 1), "rss_peak_mb": round(max(peak), 1)}  # fmt: skip


# ---- the run ------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=10, help="load per query and server")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--servers", default="peacekb,peacekb-pg,peacekb-pg-2w,datasette,floor",
                        help=f"which to measure, of {','.join(PORTS)}")  # fmt: skip
    parser.add_argument("--postgres-url", default=os.environ.get("PEACEKB_BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
                        help="a PostgreSQL server (any database on it) where the benchmark makes its own")  # fmt: skip
    parser.add_argument("--export-seconds", type=int, default=300, help="at most, for the whole-collection export")
    parser.add_argument("--rebuild", action="store_true", help="synthesise and import again")
    parser.add_argument("--no-import-race", dest="import_race", action="store_false",
                        help="skip importing the file again beside sqlite-utils (bench/import_race.py)")  # fmt: skip
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed as the load generator: apt-get install -y wrk")
    database, imported = build(args.claims, args.seed, args.rebuild)
    print(f"import: {imported['claims']:,} claims, {imported['records']:,} records in {imported['seconds']} s"
          f" ({imported['cpu_seconds']} s of CPU) = {imported['claims_per_second']:,} claims/s"
          f" ({imported['records_per_second']:,} records/s)")  # fmt: skip
    if args.import_race:
        imported["race"] = import_race.race(DATA / f"synth-{args.claims}.ndjson")
        print(import_race.report(imported["race"]), flush=True)
    print(f"load average before measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (other work skews it)")
    servers = args.servers.split(",")
    if unknown := set(servers) - set(PORTS):
        sys.exit(f"no such server: {', '.join(sorted(unknown))} (of {', '.join(PORTS)})")
    postgres = build_postgres(database, args.claims, args.postgres_url) if set(servers) & set(POSTGRES) else None
    w = probe(database, args.seed)
    table = scenarios(w, database)
    results: dict[str, dict[str, Result | None]] = {}
    memory: dict[str, dict] = {}
    expected: dict[str, object] | None = None
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        for name in servers:
            if name in PEACEKB:  # every PeaceKB server answers the same records, whichever its database
                with running(name, database, workdir, postgres) as server:
                    found = answers(server.base, sample_paths(w))
                if expected is None:
                    expected = found
                elif found != expected:
                    differ = [path for path in expected if found.get(path) != expected[path]]
                    sys.exit(f"{name} answers differently from {servers[0]}: {differ[:5]}")
            rss = 0.0
            for query, by_server in table.items():
                if by_server.get(name) is None:
                    results.setdefault(query, {})[name] = None
                    continue
                # A fresh server for each query: a slow query's abandoned requests must not hold up the next.
                with running(name, database, workdir, postgres) as server:
                    load(server.base, by_server[name], seconds=1, connections=args.connections, workdir=workdir)
                    result = load(server.base, by_server[name], seconds=args.seconds, connections=args.connections,
                                  workdir=workdir)  # fmt: skip
                    rss = max(rss, server.rss_mb())
                results.setdefault(query, {})[name] = result
                print(f"{name:13} {query:42} {_rate(result):>9} req/s  p50 {_ms_cell(result.p50_ms):>7} ms"
                      f"  p99 {_ms_cell(result.p99_ms):>7} ms  errors {result.errors}", flush=True)  # fmt: skip
            memory[name] = {"rss_serving_mb": round(rss, 1)}
            if name in EXPORT:
                with running(name, database, workdir, postgres) as server:
                    memory[name]["export"] = export(server, EXPORT[name], claims=args.claims,
                                                    max_seconds=args.export_seconds)  # fmt: skip
                print(f"{name:10} export {memory[name]['export']}", flush=True)
    report(args, imported, results, memory)


def _rate(result: Result) -> str:
    """Requests per second; 0 means none was answered within the run (each took longer than it)."""
    return f"{result.requests_per_second:,.0f}" if result.requests_per_second >= 1 else "0 (> run)"


def _ms_cell(value: float) -> str:
    return "–" if value != value or value == 0 else f"{value:.1f}"  # NaN: too few answers for a percentile


def report(args, imported: dict, results: dict, memory: dict) -> None:
    servers = args.servers.split(",")
    print(f"\n{args.claims:,} claims, {args.connections} connections, {args.seconds} s per query\n")
    header = "| query | " + " | ".join(f"{s} req/s | p50 ms | p99 ms" for s in servers)
    # PeaceKB (SQLite) against its peers; PeaceKB on PostgreSQL against PeaceKB on SQLite.
    ratios = [("peacekb", s, f"×{s}") for s in ("datasette", "floor") if s in servers and "peacekb" in servers]
    ratios += [(s, "peacekb", f"{s} ×sqlite") for s in POSTGRES if s in servers and "peacekb" in servers]
    header += "".join(f" | {label}" for *_, label in ratios) + " |"
    print(header)
    print("|" + "---|" * (1 + 3 * len(servers) + len(ratios)))
    for query, by_server in results.items():
        cells = []
        for s in servers:
            r = by_server.get(s)
            cells += [_rate(r), _ms_cell(r.p50_ms), _ms_cell(r.p99_ms)] if r else ["–"] * 3
        for ours_name, other_name, _label in ratios:
            ours, other = by_server.get(ours_name), by_server.get(other_name)
            both = ours and other and ours.requests_per_second and other.requests_per_second
            cells.append(f"{ours.requests_per_second / other.requests_per_second:.2f}" if both else "–")
        print(f"| {query} | " + " | ".join(cells) + " |")
    for name, figures in memory.items():
        print(f"\n{name}: RSS {figures['rss_serving_mb']} MB while serving", end="")
        if "export" in figures:
            e = figures["export"]
            whole = "all" if e["complete"] else f"cut short at {e['lines']:,} of"
            print(f"; NDJSON export, {whole} {args.claims:,} claims: {e['megabytes']} MB in {e['seconds']} s"
                  f" ({e['lines_per_second']:,} claims/s, whole in ~{e['projected_seconds']} s),"
                  f" RSS {e['rss_before_mb']} → peak {e['rss_peak_mb']} MB", end="")  # fmt: skip
    i = imported
    print(f"\nimport: {i['claims_per_second']:,} claims/s ({i['records_per_second']:,} records/s,"
          f" {i['seconds']} s for {i['records']:,} records, {i['cpu_seconds']} s CPU)")  # fmt: skip
    if "race" in i:
        print(import_race.report(i["race"]))
    out = DATA / f"results-{args.claims}.json"
    out.write_text(json.dumps({"import": imported, "memory": memory, "results": {
        q: {s: asdict(r) if r else None for s, r in by.items()} for q, by in results.items()}}, indent=1))  # fmt: skip
    print(f"written to {out}")


if __name__ == "__main__":
    main()

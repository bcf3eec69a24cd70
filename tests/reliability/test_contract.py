"""Contract fuzzing: schemathesis drives a real server through its own OpenAPI document.

Every operation, writes included (with an admin key, so cascading deletes are reachable too), in all four
phases — the schema's examples, coverage of its boundaries, random fuzzing (valid and invalid input), and
stateful sequences that follow the links it infers (create, then read, change, delete what was created).
Every check is on: no 5xx, responses match their schemas, status codes and content types are documented,
invalid input is rejected, allowed methods are honest, auth is not ignored. Then every status code the
document promises must have been answered at least once, by the fuzzer or by the probes here that need
other keys (401, 403) or an oversized body (413).
"""

import glob
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import httpx
import pytest

from app.config import REPO_ROOT
from tests.reliability.conftest import LIMITS, PROFILE

pytestmark = pytest.mark.reliability

CONFIG = Path(__file__).with_name("schemathesis.toml")
SEED = 20251225  # the same cases every CI run; `full` explores new ones each time
SCHEMATHESIS = str(Path(sys.executable).with_name("st"))
HOOKS = "tests.reliability.schemathesis_hooks"


def _environment() -> dict[str, str]:
    python_path = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    return os.environ | {"NO_COLOR": "1", "PYTHONPATH": python_path, "SCHEMATHESIS_HOOKS": HOOKS}


def _observed(report_dir: Path) -> dict[tuple[str, str], set[int]]:
    """(method, path template) -> the status codes the server answered, from schemathesis' NDJSON report."""
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    for name in glob.glob(str(report_dir / "*.ndjson")):
        for line in Path(name).read_text().splitlines():
            event = json.loads(line).get("ScenarioFinished")
            if not event:
                continue
            recorder = event["recorder"]
            for case_id, interaction in (recorder.get("interactions") or {}).items():
                case = recorder["cases"][case_id]["value"]
                if interaction.get("response"):
                    seen[(case["method"], case["path"])].add(interaction["response"]["status_code"])
    return seen


# Answers to the server's state rather than to the request — a statement past the time limit or a busy
# database (503), a caller over the rate (429) — which no request can be sure to get: tests/test_query_timeout.py
# and tests/reliability/test_limits.py bring them about.
CIRCUMSTANTIAL = {429, 503}


def _documented(document: dict) -> dict[tuple[str, str], set[int]]:
    return {
        (method.upper(), path): {int(status) for status in operation["responses"]} - CIRCUMSTANTIAL
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if method in {"get", "post", "patch", "delete", "put"}
    }


def _example(schema: dict) -> object:
    examples = schema.get("examples") or [None]
    return examples[0]


def _invalid(schema: dict, schemas: dict) -> object | None:
    """A value the parameter's schema refuses, or None when it takes any text."""
    for option in [schema, *schema.get("anyOf", [])]:
        option = schemas.get(option.get("$ref", "").rsplit("/", 1)[-1], option) if "$ref" in option else option
        if "enum" in option:
            return "not-a-choice"
        if option.get("type") in ("integer", "number"):
            return "not-a-number"
        if option.get("type") == "boolean":
            return "not-a-bool"
        if option.get("format") == "date":
            return "not-a-date"
        if "maxLength" in option:
            return "x" * (option["maxLength"] + 1)
        if option.get("minLength"):
            return ""
    return None


def _ask(client: httpx.Client, method: str, path: str, operation: dict, statuses: set[int], keys, schemas) -> set[int]:
    """Ask one operation for each error it documents (and a GET for its success)."""
    # The one shared parameter, If-None-Match, is sent below as a 304 needs it.
    parameters = [parameter for parameter in operation.get("parameters", []) if "$ref" not in parameter]
    real = path.format(**{p["name"]: _example(p["schema"]) for p in parameters if p["in"] == "path"})
    missing = re.sub(r"\{[^}]+\}", "no-such-record", path)
    required = {p["name"]: _example(p["schema"]) for p in parameters if p["in"] == "query" and p.get("required")}
    admin = {"Authorization": f"Bearer {keys.admin_key}"}
    body = {"json": {}} if method in ("POST", "PATCH") else {}
    answers: set[int] = set()

    def send(url: str, headers: dict | None = None, query: dict | None = None, **options) -> None:
        response = client.request(method, url, headers=headers, params=query or required or None, **options)
        answers.add(response.status_code)

    if 401 in statuses:
        send(missing, **body)
    if 403 in statuses:
        send(missing, {"Authorization": f"Bearer {keys.read_key}"}, **body)
    if 413 in statuses:
        size = 64 * 1024 * 1024 + 1 if path.endswith("/bulk") else 1024 * 1024 + 1
        send(missing, admin | {"Content-Type": "application/json"}, content=b" " * size)
    if 404 in statuses and "{" in path:
        send(missing, admin, **body)
    if 412 in statuses:
        send(real, admin | {"If-Match": '"stale"'}, **body)
    if 409 in statuses and method == "DELETE":
        send(real, admin)  # the seeded record is referenced
    if 422 in statuses and "requestBody" in operation:
        send(real, admin | {"Content-Type": "application/json"}, content=b'{"no_such_field": 1}\n')
    elif 422 in statuses:
        wrong = {p["name"]: _invalid(p["schema"], schemas) for p in parameters if p["in"] == "query"}
        # An operation whose parameters take any text still refuses one it does not take.
        name, value = next(((name, value) for name, value in wrong.items() if value is not None), ("bogus", "1"))
        send(real, admin, query={**required, name: value})
    if 304 in statuses:
        tag = client.get(real, headers=admin).headers["etag"]
        send(real, admin | {"If-None-Match": tag})
    if method == "GET" or (method == "PATCH" and 200 in statuses):
        send(real, admin, **body)  # a read, or a change of nothing
    return answers


def _create_and_delete(client: httpx.Client, document: dict, keys) -> dict[tuple[str, str], set[int]]:
    """Create a record of every kind from its schema's example under a new id, twice, then delete it (201, 409,
    204), and send a bulk line (200): answers the fuzzer reaches only by chance."""
    schemas = document["components"]["schemas"]
    admin = {"Authorization": f"Bearer {keys.admin_key}"}
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    for path, operations in document["paths"].items():
        body = operations.get("post", {}).get("requestBody", {}).get("content", {}).get("application/json")
        if not body:
            continue
        items = [p for p in document["paths"] if p.startswith(f"{path}/{{") and p.count("/") == path.count("/") + 1]
        if not items:  # a POST that creates nothing (suggestions for a posted text)
            continue
        item = items[0]
        example = schemas[body["schema"]["$ref"].rsplit("/", 1)[-1]]["examples"][0]
        record = f"swept-{path.rsplit('/', 1)[-1]}"
        if path.endswith("/claim-relations"):
            example = example | {"type": "updates" if example["type"] != "updates" else "supports"}
        for _ in range(2):  # created, then a conflict
            seen[("POST", path)].add(client.post(path, headers=admin, json=example | {"id": record}).status_code)
        seen[("DELETE", item)].add(client.delete(f"{path}/{record}", headers=admin).status_code)
    line = json.dumps({"op": "upsert", "kind": "issue", "data": {"id": "swept-bulk", "name": "Swept"}}) + "\n"
    bulk_headers = admin | {"Content-Type": "application/x-ndjson"}
    seen[("POST", "/api/v1/bulk")].add(client.post("/api/v1/bulk", headers=bulk_headers, content=line).status_code)
    return seen


def _sweep(client: httpx.Client, document: dict, keys) -> dict[tuple[str, str], set[int]]:
    """Ask every operation, on the freshly seeded database, for each error it documents (and its success where
    one request is enough): the fuzzer's admin key cannot get 401 or 403, nor its small bodies 413."""
    schemas = document["components"]["schemas"]
    admin = {"Authorization": f"Bearer {keys.admin_key}"}
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    for (method, path), statuses in _documented(document).items():
        operation = document["paths"][path][method.lower()]
        seen[(method, path)] |= _ask(client, method, path, operation, statuses, keys, schemas)
    # Answers that need a particular record: a cited source's text, a duplicate relation.
    source = document["paths"]["/api/v1/sources/{source_id}"]["patch"]["parameters"][0]["schema"]["examples"][0]
    answer = client.patch(f"/api/v1/sources/{source}", headers=admin, json={"text": "Rewritten."})
    seen[("PATCH", "/api/v1/sources/{source_id}")].add(answer.status_code)
    first, second = client.get("/api/v1/claim-relations", params={"limit": 2}).json()["items"]
    twin = {name: second[name] for name in ("type", "from_claim_id", "to_claim_id")}
    answer = client.patch(f"/api/v1/claim-relations/{first['id']}", headers=admin, json=twin)
    seen[("PATCH", "/api/v1/claim-relations/{relation_id}")].add(answer.status_code)
    return seen


def test_fuzzing_every_operation_finds_no_failure(seeded_database, live_server, tmp_path, figures):
    database = seeded_database.copy(tmp_path)
    server = live_server(database, tmp_path / "server.log")
    with httpx.Client(base_url=server.url, timeout=60) as client:
        document = client.get("/openapi.json").json()
        swept = _sweep(client, document, seeded_database)
        for operation, statuses in _create_and_delete(client, document, seeded_database).items():
            swept[operation] |= statuses
    reports = tmp_path / "reports"
    command = [
        SCHEMATHESIS, "--config-file", str(CONFIG), "run", f"{server.url}/openapi.json",
        "--header", f"Authorization: Bearer {seeded_database.admin_key}",
        "--checks", "all", "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(LIMITS["fuzz_examples"]), "--workers", "2",
        "--report", "ndjson", "--report-dir", str(reports),
        *(["--seed", str(SEED)] if PROFILE == "ci" else []),
    ]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, timeout=1800, cwd=REPO_ROOT, env=_environment())
    output = run.stdout + run.stderr
    summary = output[output.rfind("SUMMARY") :]
    assert run.returncode == 0, output[-12000:]

    generated = re.search(r"(\d+) generated", summary)
    operations = re.search(r"Tested: (\d+)", summary)
    figures["fuzz: operations tested"] = int(operations.group(1)) if operations else None
    figures["fuzz: cases generated"] = int(generated.group(1)) if generated else None

    documented = _documented(document)
    observed = _observed(reports)
    for operation, statuses in swept.items():
        observed[operation] |= statuses
    never = {f"{method} {path}": sorted(statuses - observed[(method, path)])
             for (method, path), statuses in documented.items() if statuses - observed[(method, path)]}  # fmt: skip
    figures["fuzz: documented (operation, status) pairs answered"] = sum(map(len, documented.values()))
    assert never == {}, f"documented but never answered: {never}"

    log = server.log()
    assert "Traceback" not in log and "database is locked" not in log, log[-5000:]

"""A generated Python client, as a script writer makes one: openapi-python-client reads the served document,
and the package it writes pulls every plan point from the live server by paging, with typed models.

openapi-python-client does not know ``application/x-ndjson``; its own setting ``content_type_overrides``
reads it as bytes of text, which is what an NDJSON body is (the README shows the same config).
"""

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

GENERATOR = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent))
CONFIG = "content_type_overrides:\n  application/x-ndjson: application/octet-stream\npost_hooks: []\n"
SCRIPT = """\
import csv, io, json, sys

from peacekb_client import AuthenticatedClient, Client
from peacekb_client.api.claims import get_claim, update_claim
from peacekb_client.api.plan_points import list_plan_points, list_plan_points_csv, list_plan_points_ndjson
from peacekb_client.models import ClaimUpdate, PagePlanPointPublic

base_url, key = sys.argv[1:]
client = Client(base_url=base_url, raise_on_unexpected_status=True)
ids, offset = [], 0
while True:
    page = list_plan_points.sync(client=client, limit=7, offset=offset)
    assert isinstance(page, PagePlanPointPublic), page
    ids += [point.id for point in page.items]
    offset += page.limit
    if page.total_exact and offset >= page.total:
        break
rows = list(csv.DictReader(io.StringIO(list_plan_points_csv.sync(client=client, limit=500))))
streamed = list_plan_points_ndjson.sync(client=client).splitlines()
claim = get_claim.sync("russia-controls-99-percent-luhansk", client=client)
writer = AuthenticatedClient(base_url=base_url, token=key, raise_on_unexpected_status=True)
changed = update_claim.sync("russia-controls-99-percent-luhansk", client=writer, body=ClaimUpdate(credibility=2))
print(json.dumps({
    "paged": ids, "csv": [row["id"] for row in rows], "ndjson": [json.loads(line)["id"] for line in streamed],
    "quote": claim.quote, "speaker_id": claim.speaker_id, "credibility": changed.credibility,
}))
"""


@pytest.fixture(scope="module")
def generated_client(served_document: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if GENERATOR is None:
        pytest.skip('openapi-python-client is not installed (pip install -e ".[contract]")')
    folder = tmp_path_factory.mktemp("python-client")
    (folder / "config.yaml").write_text(CONFIG)
    command = [GENERATOR, "generate", "--path", str(served_document), "--output-path", str(folder / "peacekb_client"),
               "--meta", "none", "--config", str(folder / "config.yaml")]  # fmt: skip
    generated = subprocess.run(command, capture_output=True, text=True, timeout=600)

    assert generated.returncode == 0, generated.stdout[-3000:] + generated.stderr[-3000:]
    assert "Warning" not in generated.stdout + generated.stderr, generated.stdout[-3000:]
    return folder


def test_a_generated_python_client_pulls_every_plan_point_by_paging(generated_client, contract_server):
    (generated_client / "pull.py").write_text(SCRIPT)

    run = subprocess.run(
        [sys.executable, "pull.py", contract_server.url, contract_server.write_key],
        capture_output=True, text=True, timeout=300, cwd=generated_client,
    )  # fmt: skip

    assert run.returncode == 0, run.stderr[-3000:]
    pulled = json.loads(run.stdout)
    with sqlite3.connect(contract_server.database) as db:
        every_point = sorted(row[0] for row in db.execute("SELECT id FROM plan_point"))
    assert sorted(pulled["paged"]) == every_point
    assert len(pulled["paged"]) == len(set(pulled["paged"]))
    assert sorted(pulled["csv"]) == sorted(pulled["ndjson"]) == every_point
    assert (pulled["quote"], pulled["speaker_id"], pulled["credibility"]) == (
        "near-total domination-about 99%-in neighboring Luhansk", "ukraine", 2
    )  # fmt: skip

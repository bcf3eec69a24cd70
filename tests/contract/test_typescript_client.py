"""A typed TypeScript client, as a frontend team makes one: types generated from the served document by
openapi-typescript, calls made with openapi-fetch's ``createClient<paths>()``, compiled by ``tsc --strict`` with
no casts — then run with node against the live server.

The client lists with paging (``data.items`` typed as the records), reads an item with its ETag, and changes
it with a typed PATCH body; lines marked ``@ts-expect-error`` must be refused by the compiler (tsc fails on
one that compiles), so the document's strictness is checked as well as its completeness.
"""

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.contract.conftest import run_tool

CLIENT = """\
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

type PlanPoint = components["schemas"]["PlanPointPublic"];

const [baseUrl, key] = process.argv.slice(2);
const client = createClient<paths>({ baseUrl });

/** Every plan point, page after page. */
async function everyPlanPoint(): Promise<PlanPoint[]> {
  const points: PlanPoint[] = [];
  for (let offset = 0; ; offset += 7) {
    const { data, error } = await client.GET("/api/v1/plan-points", { params: { query: { limit: 7, offset } } });
    if (error) throw new Error(error.detail ?? error.title);
    points.push(...data.items);
    if (data.total_exact && offset + data.limit >= data.total) return points;
  }
}

async function regrade(claimId: string): Promise<{ quote: string; credibility: number; speaker: string | null }> {
  const read = await client.GET("/api/v1/claims/{claim_id}", { params: { path: { claim_id: claimId } } });
  if (read.error) throw new Error(read.error.title);
  const etag: string = read.response.headers.get("ETag") ?? "";
  const changed = await client.PATCH("/api/v1/claims/{claim_id}", {
    params: { path: { claim_id: claimId }, header: { "If-Match": etag } },
    body: { credibility: 2, credibility_note: null },
    headers: { Authorization: `Bearer ${key}` },
  });
  if (changed.error) throw new Error(changed.error.detail ?? changed.error.title);
  return { quote: read.data.quote, credibility: changed.data.credibility, speaker: changed.data.speaker_id };
}

async function csvOfAPlan(planId: string): Promise<string> {
  const { data, error } = await client.GET("/api/v1/plans/{plan_id}/points.csv", {
    params: { path: { plan_id: planId }, query: { limit: 500 } },
    parseAs: "text",
  });
  if (error) throw new Error(error.title);
  return data;
}

/** Never called: what the compiler must refuse. */
export async function refused(point: PlanPoint): Promise<void> {
  // @ts-expect-error a served field is required: null where it is empty, never left out
  const partial: PlanPoint = { ...point, ordinal: undefined };
  // @ts-expect-error a claim's statement cannot be cleared, so an update cannot send null for it
  await client.PATCH("/api/v1/claims/{claim_id}", { params: { path: { claim_id: "x" } }, body: { statement: null } });
  // @ts-expect-error a list has no format parameter: its CSV is an operation of its own
  await client.GET("/api/v1/claims", { params: { query: { format: "csv" } } });
  console.log(partial);
}

const points = await everyPlanPoint();
const claim = await regrade("russia-controls-99-percent-luhansk");
const csv = await csvOfAPlan("us-peace-package");
const csvLines = csv.trim().split("\\n").length;
console.log(JSON.stringify({ points: points.map((point) => point.id), claim, csvLines }));
"""
TSCONFIG = {
    "compilerOptions": {
        "strict": True,
        "target": "ES2022",
        "module": "ES2022",
        "moduleResolution": "Bundler",
        "lib": ["ES2022", "DOM"],
        "types": [],
        "outDir": "out",
        "skipLibCheck": False,
    },
    "files": ["client.ts", "process.d.ts"],
}
# The one Node global the client uses (its arguments), so that no @types/node is needed.
PROCESS = "declare const process: { argv: string[] };\n"


@pytest.fixture(scope="module")
def project(node_tools: Path, served_document: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("typescript-client")
    (folder / "node_modules").symlink_to(node_tools / "node_modules")
    (folder / "package.json").write_text('{"type": "module"}\n')
    (folder / "tsconfig.json").write_text(json.dumps(TSCONFIG))
    (folder / "process.d.ts").write_text(PROCESS)
    (folder / "client.ts").write_text(CLIENT)
    generated = run_tool(node_tools, "openapi-typescript", str(served_document), "-o", str(folder / "schema.d.ts"))
    assert generated.returncode == 0, generated.stderr[-3000:]
    return folder


def test_a_typed_client_compiles_under_tsc_strict_without_casts(node_tools, project):
    compiled = run_tool(node_tools, "tsc", "-p", str(project), cwd=project)

    assert compiled.returncode == 0, compiled.stdout[-5000:]
    assert " as " not in CLIENT and "any" not in CLIENT


def test_the_typed_client_pages_reads_and_patches_the_live_server(node_tools, project, contract_server):
    assert run_tool(node_tools, "tsc", "-p", str(project), cwd=project).returncode == 0
    node = subprocess.run(
        ["node", "out/client.js", contract_server.url, contract_server.write_key],
        capture_output=True, text=True, timeout=120, cwd=project, env=os.environ,
    )  # fmt: skip
    assert node.returncode == 0, node.stderr[-3000:]
    result = json.loads(node.stdout)
    with sqlite3.connect(contract_server.database) as db:
        every_point = sorted(row[0] for row in db.execute("SELECT id FROM plan_point"))
        package_points = db.execute("SELECT count(*) FROM plan_point WHERE plan_id = 'us-peace-package'").fetchone()

    assert sorted(result["points"]) == every_point
    assert result["claim"] == {"quote": "near-total domination-about 99%-in neighboring Luhansk", "credibility": 2,
                               "speaker": "ukraine"}  # fmt: skip
    assert result["csvLines"] == package_points[0] + 1  # a header, then one row a point

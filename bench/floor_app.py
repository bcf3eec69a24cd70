"""The floor: the benchmark's queries answered by bare Starlette + sqlite3 + orjson, with nothing else.

No validation, no ORM, no error handling: the fastest the same answers can come out of Python on this
machine, so the API's figures can be read as a share of it. Serve with
``BENCH_DATABASE=FILE uvicorn bench.floor_app:app``.
"""

import csv
import io
import os
import sqlite3

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from bench.run import ACTOR_SQL, SEARCH_SQL

DATABASE = os.environ.get("BENCH_DATABASE", "bench/data/peacekb-1m.db")
connection = sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True, check_same_thread=False)
connection.row_factory = sqlite3.Row

LINKS = (
    ("actor_ids", "claim_actor", "actor_id"),
    ("plan_point_ids", "claim_plan_point", "plan_point_id"),
    ("issue_ids", "claim_issue", "issue_id"),
    ("event_ids", "claim_event", "event_id"),
)
DIRECTIONS = (("from_claim_id", "to_claim_id", "outgoing"), ("to_claim_id", "from_claim_id", "incoming"))


def _json(body) -> Response:
    return Response(orjson.dumps(body), media_type="application/json")


def _with_links(rows: list[sqlite3.Row]) -> list[dict]:
    """Claims with their link lists and relations: one query per link table for the whole page."""
    claims = {row["id"]: dict(row) for row in rows}
    ids = orjson.dumps(list(claims)).decode()
    for name, table, target in LINKS:
        for claim in claims.values():
            claim[name] = []
        for owner, value in connection.execute(
            f"SELECT claim_id, {target} FROM {table} WHERE claim_id IN (SELECT value FROM json_each(?))"
            f" ORDER BY claim_id, {target}",
            (ids,),
        ):
            claims[owner][name].append(value)
    for claim in claims.values():
        claim["relations"] = []
    for relation in connection.execute(
        "SELECT * FROM claim_relation WHERE from_claim_id IN (SELECT value FROM json_each(?1))"
        " OR to_claim_id IN (SELECT value FROM json_each(?1)) ORDER BY id",
        (ids,),
    ):
        for own, other, direction in DIRECTIONS:
            if relation[own] in claims:
                related = {"relation_id": relation["id"], "type": relation["type"], "direction": direction}
                claims[relation[own]]["relations"].append(
                    related | {"claim_id": relation[other], "rationale": relation["rationale"]}
                )
    return list(claims.values())


async def claim(request: Request) -> Response:
    rows = connection.execute("SELECT * FROM claim WHERE id = ?", (request.path_params["claim_id"],)).fetchall()
    if not rows:
        return _json({"detail": "not found"})
    return _json(_with_links(rows)[0])


async def claims(request: Request) -> Response:
    params = request.query_params
    limit = int(params.get("limit", 50))
    if "actor_id" in params:  # the SQL the benchmark gives every server (bench/run.py)
        rows = connection.execute(ACTOR_SQL, (params["actor_id"], params["actor_id"])).fetchall()
        return _json({"items": _with_links(rows), "limit": limit})
    where, args = [], []
    if "after" in params:
        where.append("id > ?")
        args.append(params["after"])
    sql = "SELECT * FROM claim" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY id LIMIT ? OFFSET ?"
    rows = connection.execute(sql, [*args, limit, int(params.get("offset", 0))]).fetchall()
    return _json({"items": _with_links(rows), "limit": limit})


async def search(request: Request) -> Response:
    query = '"' + request.query_params["q"].replace('"', '""') + '"'
    rows = connection.execute(SEARCH_SQL, (query,)).fetchall()  # 20 rows, as every server is asked for
    return _json({"items": _with_links(rows)})


async def plan_points_csv(request: Request) -> Response:
    rows = connection.execute("SELECT * FROM plan_point ORDER BY plan_id, sequence LIMIT 500").fetchall()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(rows[0].keys() if rows else [])
    writer.writerows(tuple(row) for row in rows)
    return Response(buffer.getvalue(), media_type="text/csv")


async def claims_ndjson(request: Request) -> StreamingResponse:
    def lines():
        after = ""
        while True:
            rows = connection.execute("SELECT * FROM claim WHERE id > ? ORDER BY id LIMIT 1000", (after,)).fetchall()
            if not rows:
                return
            yield b"".join(orjson.dumps(item) + b"\n" for item in _with_links(rows))
            after = rows[-1]["id"]

    return StreamingResponse(lines(), media_type="application/x-ndjson")


app = Starlette(
    routes=[
        Route("/claims/{claim_id}", claim),
        Route("/claims", claims),
        Route("/search", search),
        Route("/plan-points.csv", plan_points_csv),
        Route("/claims.ndjson", claims_ndjson),
    ]
)

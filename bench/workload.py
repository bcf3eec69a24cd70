"""What the benchmark asks: requests spread over the whole database, so that no answer comes from one warm URL.

The values are read from the database under test — every claim id, every actor a claim names, words across
the frequency range of the claims' statements — and each measured query is a path template filled, request
by request, with a value wrk draws at random (its Lua script, written with the values to a temporary folder:
generated for each run, never committed). Every server draws the same sequence (a fixed seed).
"""

import json
import random
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

# Requests drawn from at most this many distinct values per query (a uniform sample past it: the Lua table of
# a million cursors would cost wrk more memory than it measures).
MOST_VALUES = 200_000


@dataclass
class Workload:
    total: int
    ids: list[str]  # every claim id (sampled past MOST_VALUES), shuffled
    actors: list[str]  # every actor that speaks or is named by a claim
    common: list[str]  # the words most claims say
    rare: list[str]  # words of 5 to 100 claims: the tail of the distribution
    offsets: list[int]  # page offsets across the whole list


def probe(database: Path, seed: int = 1) -> Workload:
    """The values of every varied query, read from the SQLite file (the PostgreSQL copy holds the same)."""
    shuffle = random.Random(seed)
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        ids = [row[0] for row in db.execute("SELECT id FROM claim ORDER BY id")]
        actors = [row[0] for row in db.execute(
            "SELECT speaker_id FROM claim WHERE speaker_id IS NOT NULL UNION SELECT actor_id FROM claim_actor"
        )]  # fmt: skip
        claims_saying: Counter[str] = Counter()
        for (statement,) in db.execute("SELECT statement FROM claim"):
            claims_saying.update({word.lower() for word in re.findall(r"[A-Za-z]{5,}", statement)})
    if len(ids) > MOST_VALUES:
        sample = shuffle.sample(ids, MOST_VALUES)
    else:
        sample = ids[:]
        shuffle.shuffle(sample)
    ranked = [word for word, _ in claims_saying.most_common()]
    rare = [word for word, count in claims_saying.items() if 5 <= count <= 100]
    last = max(len(ids) - 50, 1)
    offsets = [shuffle.randrange(last) for _ in range(10_000)]
    if not rare:
        raise RuntimeError("no word of 5 to 100 claims: synthesise more claims")
    return Workload(len(ids), sample, sorted(actors), ranked[:50], sorted(rare)[:MOST_VALUES], offsets)


@dataclass
class Requests:
    """One query as one server is asked it: ``template`` with ``{}`` filled by a random value (or fixed)."""

    template: str
    values: list[str] | None = None

    def write_script(self, folder: Path, name: str) -> Path:
        """The wrk script (and its values file) drawing this query's requests, in ``folder``."""
        script = folder / f"{name}.lua"
        if self.values is None:
            script.write_text(f"request = function() return wrk.format('GET', {json.dumps(self.template)}) end\n")
            return script
        values = folder / f"{name}.values"
        values.write_text("".join(quote(str(value), safe="") + "\n" for value in self.values))
        prefix, suffix = self.template.split("{}")
        script.write_text(LUA % (json.dumps(str(values)), json.dumps(prefix), json.dumps(suffix)))
        return script


# Values come from a file (a table constructor of a million strings is past LuaJIT's limits). A fixed seed:
# every server gets the same sequence of requests.
LUA = """
local values = {}
for line in io.lines(%s) do values[#values + 1] = line end
local prefix, suffix = %s, %s
math.randomseed(20251202)
request = function()
  return wrk.format("GET", prefix .. values[math.random(#values)] .. suffix)
end
"""

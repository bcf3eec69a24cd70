"""``peacekb synth``: a synthetic knowledge base of any size, deterministic for a seed, quoting its own sources."""

from collections import Counter

import orjson
import pytest
from typer.testing import CliRunner

from app import cli
from app.services.resources import RESOURCES
from app.services.synth import Scale, synthesize

CLAIMS = 2_000


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [orjson.loads(line) for line in synthesize(CLAIMS, seed=7)]


def of_kind(records: list[dict], kind: str) -> list[dict]:
    return [line["data"] for line in records if line["kind"] == kind]


def test_synth_gives_the_same_bytes_for_the_same_seed_and_others_for_another():
    first, again, other = (b"".join(synthesize(300, seed=seed)) for seed in (3, 3, 4))

    assert first == again
    assert first != other


def test_synth_makes_every_kind_in_proportion_to_the_claims(records):
    counts = Counter(line["kind"] for line in records)
    scale = Scale(CLAIMS)

    assert counts["claim"] == CLAIMS
    assert 0.8 * scale.sources <= counts["source"] <= 1.25 * scale.sources
    assert (counts["actor"], counts["issue"], counts["plan"]) == (scale.actors, scale.issues, scale.plans)
    assert 0.07 * CLAIMS <= counts["claim_relation"] <= 0.13 * CLAIMS
    assert 0.01 * CLAIMS <= counts["event"] <= 0.04 * CLAIMS
    assert 0.004 * CLAIMS <= counts["position"] <= 0.02 * CLAIMS
    assert counts["plan_point"] >= 5 * counts["plan"]


def test_synth_records_are_valid_upserts_with_unique_ids_and_parents_first(records):
    seen: set[tuple[str, str]] = set()
    for line in records:
        assert line["op"] == "upsert"
        RESOURCES[line["kind"]].create.model_validate(line["data"])
        key = (line["kind"], line["data"]["id"])
        assert key not in seen
        seen.add(key)
        data = line["data"]
        refs = [("source", data.get("source_id")), ("actor", data.get("speaker_id")),
                ("actor", data.get("affiliation_id")), ("plan", data.get("supersedes_id"))]  # fmt: skip
        refs += [("claim", c) for c in data.get("claim_ids", [])] if line["kind"] == "position" else []
        refs += [("claim", data.get("from_claim_id")), ("claim", data.get("to_claim_id"))]
        refs += [("event", e) for e in data.get("event_ids", [])]
        for kind, ref in refs:
            assert ref is None or (kind, ref) in seen, f"{line['kind']} {data['id']} refers ahead to {kind} {ref}"


def test_synth_quotes_are_cut_from_their_sources_at_their_offsets(records):
    texts = {source["id"]: source["text"] for source in of_kind(records, "source")}

    for claim in of_kind(records, "claim"):
        assert texts[claim["source_id"]][claim["quote_start"] : claim["quote_end"]] == claim["quote"]


def test_synth_words_follow_a_zipf_law_with_common_and_rare_terms(records):
    words = Counter(w.lower().strip(".") for c in of_kind(records, "claim") for w in c["statement"].split())
    ranked = [count for _, count in words.most_common()]

    assert ranked[0] > 0.02 * sum(ranked)  # the commonest word is everywhere
    assert sum(1 for count in ranked if count == 1) > 0.2 * len(ranked)  # a long tail of words seen once
    # Zipf: frequency falls roughly as 1/rank — the 10th word is several times rarer than the first
    assert 3 < ranked[0] / ranked[9] < 40


def test_synth_command_writes_ndjson_or_loads_a_database(tmp_path, database_url):
    runner = CliRunner()
    output = tmp_path / "kb.ndjson"

    written = runner.invoke(cli.app, ["synth", "--claims", "200", "--seed", "2", "--output", str(output)])
    loaded = runner.invoke(cli.app, ["synth", "--claims", "200", "--seed", "2", "--database", database_url])

    assert written.exit_code == 0, written.output
    assert output.read_bytes() == b"".join(synthesize(200, seed=2))
    assert loaded.exit_code == 0, loaded.output
    assert "'claim.create': 200" in loaded.stdout

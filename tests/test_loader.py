"""Seed loading: checked completely before writing, written in one transaction, idempotent, exportable."""

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy import inspect, text
from sqlmodel import Session, SQLModel, select

from app import models
from app.db import build_engine
from app.services import seeding
from app.services.export import export_knowledge_base
from app.services.seed_reader import SeedError
from app.services.seeding import load_seed
from tests.conftest import MINI_SEED

FIRST_LOAD = {
    "documents": 1,
    "sources": 1,
    "actors": 3,
    "issues": 1,
    "plans": 2,
    "plan_points": 1,
    "events": 1,
    "claims": 3,
    "positions": 1,
    "relations": 1,
    "plan_proposer": 1,
    "plan_point_issue": 1,
    "event_actor": 1,
    "claim_actor": 1,
    "claim_plan_point": 1,
    "claim_issue": 1,
    "claim_event": 1,
    "position_claim": 1,
    "actor_roles": 1,
}


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """A copy of the mini seed that a test may edit."""
    return Path(shutil.copytree(MINI_SEED, tmp_path / "seed"))


@pytest.fixture
def fresh_session(databases, migrated_template: str, tmp_path: Path) -> Iterator[Session]:
    """A second empty, migrated database, for loading what was exported from the first."""
    url = databases.clone(migrated_template, tmp_path)
    engine = build_engine(url)
    with Session(engine) as session:
        yield session
    engine.dispose()
    databases.drop(url)


def edit_seed(directory: Path, change: Callable[[dict], None]) -> None:
    path = directory / "seed.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def record(data: dict, section: str, record_id: str) -> dict:
    (found,) = [r for r in data[section] if r["id"] == record_id]
    return found


def dump(session: Session) -> dict[str, list[tuple]]:
    """Every row of every table, the search index (and on SQLite its FTS5 shadow tables) included."""
    names = sorted(inspect(session.get_bind()).get_table_names())
    return {
        name: sorted((_plain(row) for row in session.execute(text(f'SELECT * FROM "{name}"'))), key=repr)
        for name in list(names)
    }


def _plain(row) -> tuple:
    """A row with JSON values as SQLite stores them (text), so dumps compare the same on PostgreSQL."""
    return tuple(json.dumps(value) if isinstance(value, list | dict) else value for value in row)


def record_counts(session: Session) -> dict[str, int]:
    """Rows in each model table and in the search index."""
    names = [table.name for table in SQLModel.metadata.sorted_tables] + ["search_index"]
    return {name: session.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one() for name in names}


def written(report: seeding.SeedReport) -> dict[str, int]:
    return {kind: count for kind, count in report.written.items() if count}


def load_problems(session: Session, path: Path) -> list[str]:
    with pytest.raises(SeedError) as caught:
        load_seed(session, path)
    return caught.value.problems


def test_load_seed_writes_every_record_link_and_index_entry(session):
    report = load_seed(session, MINI_SEED)

    assert written(report) == FIRST_LOAD
    assert report.changed
    counts = record_counts(session)
    assert counts["claim"] == 3
    assert counts["search_index"] == 14  # every record of every indexed kind


def test_load_rejects_a_quote_not_in_its_source_and_writes_nothing(session, seed_dir):
    edit_seed(seed_dir, lambda d: record(d, "claims", "witkoff-is-envoy").update(quote="The envoy, Steven Witkoff"))
    before = dump(session)

    problems = load_problems(session, seed_dir)

    assert problems == [
        "seed.yaml: claims 'witkoff-is-envoy': quote 'The envoy, Steven Witkoff': quote not found in the source "
        "text; closest passage in the source: 'The envoy, Steve Witkoff,'"
    ]
    assert set(record_counts(session).values()) == {0}
    assert dump(session) == before


def test_load_rejects_an_ambiguous_quote_without_a_hint(session, seed_dir):
    edit_seed(seed_dir, lambda d: record(d, "claims", "russia-holds-75-donetsk").pop("suffix"))

    assert load_problems(session, seed_dir) == [
        "seed.yaml: claims 'russia-holds-75-donetsk': quote 'Russia holds about 75% of Donetsk.': quote occurs 2 "
        "times; give a prefix, suffix or start to choose one"
    ]
    assert set(record_counts(session).values()) == {0}


def test_load_rejects_a_quote_start_that_is_not_where_the_quote_is(session, seed_dir):
    edit_seed(seed_dir, lambda d: record(d, "claims", "witkoff-is-envoy").update(quote_start=3))

    assert load_problems(session, seed_dir) == [
        "seed.yaml: claims 'witkoff-is-envoy': quote 'The envoy, Steve Witkoff': quote is not at offset 3: it "
        "occurs at [105]"
    ]


def test_load_rejects_a_quote_end_that_does_not_match(session, seed_dir):
    edit_seed(seed_dir, lambda d: record(d, "claims", "witkoff-is-envoy").update(quote_start=105, quote_end=128))

    assert load_problems(session, seed_dir) == [
        "seed.yaml: claims 'witkoff-is-envoy': quote_end 128: the quote ends at 129, not 128"
    ]


@pytest.mark.parametrize(
    ("section", "record_id", "change", "problem"),
    [
        ("claims", "witkoff-is-envoy", {"speaker_id": "nobody"}, "claims 'witkoff-is-envoy': speaker_id 'nobody'"),
        ("claims", "witkoff-is-envoy", {"source_id": "nowhere"}, "claims 'witkoff-is-envoy': source_id 'nowhere'"),
        ("claims", "witkoff-is-envoy", {"event_ids": ["talks", "gala"]}, "claims 'witkoff-is-envoy': event_ids 'gala'"),
        ("claims", "witkoff-is-envoy", {"plan_point_ids": ["pt"]}, "claims 'witkoff-is-envoy': plan_point_ids 'pt'"),
        ("positions", "us-supports-plan", {"claim_ids": ["gone"]}, "positions 'us-supports-plan': claim_ids 'gone'"),
        ("positions", "us-supports-plan", {"plan_id": "other"}, "positions 'us-supports-plan': plan_id 'other'"),
        ("plans", "plan", {"proposer_ids": ["mars"]}, "plans 'plan': proposer_ids 'mars'"),
        ("plans", "plan", {"supersedes_id": "older"}, "plans 'plan': supersedes_id 'older'"),
        ("events", "talks", {"actor_ids": ["ghost"]}, "events 'talks': actor_ids 'ghost'"),
        (
            "actors",
            "steve-witkoff",
            {"affiliation_id": "atlantis"},
            "actors 'steve-witkoff': affiliation_id 'atlantis'",
        ),
        (
            "actors",
            "steve-witkoff",
            {"roles": [{"role": "envoy", "claim_id": "unsaid"}]},
            "actors 'steve-witkoff': roles.claim_id 'unsaid'",
        ),
        ("relations", "repeat-supports", {"to_claim_id": "gone"}, "relations 'repeat-supports': to_claim_id 'gone'"),
        ("sources", "note", {"document_id": "lost"}, "sources 'note': document_id 'lost'"),
    ],
)
def test_load_rejects_an_unknown_cross_reference_naming_the_field(
    session, seed_dir, section, record_id, change, problem
):
    edit_seed(seed_dir, lambda d: record(d, section, record_id).update(change))

    assert load_problems(session, seed_dir) == [f"seed.yaml: {problem} does not exist"]
    assert set(record_counts(session).values()) == {0}


def test_load_rejects_an_unknown_issue_on_a_plan_point_naming_the_point(session, seed_dir):
    edit_seed(seed_dir, lambda d: record(d, "plans", "plan")["points"][0].update(issue_ids=["weather"]))

    assert load_problems(session, seed_dir) == [
        "seed.yaml: plans 'plan': points[plan-guarantees].issue_ids 'weather' does not exist"
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: record(d, "claims", "witkoff-is-envoy").update(colour="red"),
            "seed.yaml: claims 'witkoff-is-envoy': colour: Extra inputs are not permitted",
        ),
        (
            lambda d: record(d, "plans", "plan")["points"][0].update(weight=3),
            "seed.yaml: plans 'plan': points.0.weight: Extra inputs are not permitted",
        ),
        (
            lambda d: record(d, "actors", "russia").update(kind="empire"),
            "seed.yaml: actors 'russia': kind: Input should be 'person', 'state', 'organisation', 'body', "
            "'proposed_body' or 'group'",
        ),
        (
            lambda d: record(d, "claims", "witkoff-is-envoy").update(credibility=7),
            "seed.yaml: claims 'witkoff-is-envoy': credibility: Input should be less than or equal to 6",
        ),
        (
            lambda d: record(d, "claims", "russia-holds-75-donetsk").pop("unit"),
            "seed.yaml: claims 'russia-holds-75-donetsk': (record): Value error, a claim with a 'value' needs a "
            "'unit' and a 'measure'",
        ),
    ],
)
def test_load_rejects_a_record_that_breaks_the_schema(session, seed_dir, change, problem):
    edit_seed(seed_dir, change)

    assert load_problems(session, seed_dir) == [problem]
    assert set(record_counts(session).values()) == {0}


def test_load_locates_a_record_without_an_id_by_its_file_and_position(session, seed_dir):
    (seed_dir / "more.yaml").write_text("issues:\n  - id: sanctions\n    name: Sanctions\n  - name: No id\n", "utf-8")

    assert load_problems(session, seed_dir) == ["more.yaml: issues '#1': id: Field required"]


def test_load_rejects_an_unknown_section(session, seed_dir):
    edit_seed(seed_dir, lambda d: d.update(claimz=[]))

    (problem,) = load_problems(session, seed_dir)
    assert problem.startswith("seed.yaml: expected a mapping whose keys are among documents, actors, issues, sources")


@pytest.mark.parametrize(
    ("section", "duplicate"),
    [
        ("actors", {"id": "russia", "name": "Russia again", "kind": "state"}),
        ("issues", {"id": "territory", "name": "Territory again"}),
        ("relations", {"id": "repeat-supports", "type": "updates", "from_claim_id": "witkoff-is-envoy",
                       "to_claim_id": "russia-holds-75-donetsk", "rationale": "Again."}),
    ],
)  # fmt: skip
def test_load_rejects_duplicate_ids(session, seed_dir, section, duplicate):
    edit_seed(seed_dir, lambda d: d[section].append(duplicate))

    assert load_problems(session, seed_dir) == [f"seed.yaml: {section} '{duplicate['id']}': duplicate id"]


def test_load_rejects_a_second_relation_of_the_same_type_between_the_same_claims(session, seed_dir):
    again = {
        "id": "repeat-supports-again",
        "type": "supports",
        "from_claim_id": "russia-holds-75-donetsk-again",
        "to_claim_id": "russia-holds-75-donetsk",
        "rationale": "Said twice.",
    }
    edit_seed(seed_dir, lambda d: d["relations"].append(again))

    assert load_problems(session, seed_dir) == [
        "seed.yaml: relations 'repeat-supports-again': Relation 'repeat-supports' already links these claims with "
        "type 'supports'."
    ]
    assert set(record_counts(session).values()) == {0}


def test_reloading_a_seed_whose_relation_was_renamed_names_both_ids_and_writes_nothing(session, seed_dir):
    seeding.load_seed(session, seed_dir)
    before = dump(session)
    edit_seed(seed_dir, lambda d: record(d, "relations", "repeat-supports").update(id="repeat-supports-renamed"))

    assert load_problems(session, seed_dir) == [
        "seed.yaml: relations 'repeat-supports-renamed': repeats relation 'repeat-supports' already in the "
        "database (same type, same two claims); give it that id, or delete 'repeat-supports' first"
    ]
    assert dump(session) == before


def test_load_rejects_an_affiliation_cycle(session, seed_dir):
    edit_seed(seed_dir, lambda d: record(d, "actors", "united-states").update(affiliation_id="steve-witkoff"))

    assert load_problems(session, seed_dir) == [
        "seed.yaml: actors 'united-states': affiliation_id leads back to 'united-states' (a cycle)",
        "seed.yaml: actors 'steve-witkoff': affiliation_id leads back to 'steve-witkoff' (a cycle)",
    ]
    assert set(record_counts(session).values()) == {0}


def test_load_rejects_a_plan_that_supersedes_itself(session, seed_dir):
    edit_seed(seed_dir, lambda d: record(d, "plans", "draft").update(supersedes_id="draft"))

    assert load_problems(session, seed_dir) == [
        "seed.yaml: plans 'draft': supersedes_id leads back to 'draft' (a cycle)"
    ]


def test_load_reports_every_problem_at_once(session, seed_dir):
    def break_twice(data: dict) -> None:
        record(data, "claims", "witkoff-is-envoy").update(speaker_id="nobody")
        record(data, "events", "talks").update(actor_ids=["ghost"])

    edit_seed(seed_dir, break_twice)

    with pytest.raises(SeedError) as caught:
        load_seed(session, seed_dir)
    assert str(caught.value) == (
        "2 problem(s) in the seed:\n"
        "- seed.yaml: claims 'witkoff-is-envoy': speaker_id 'nobody' does not exist\n"
        "- seed.yaml: events 'talks': actor_ids 'ghost' does not exist"
    )


def test_load_rejects_a_missing_path(session, tmp_path):
    assert load_problems(session, tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: no such file or directory"]


def test_load_rejects_a_document_whose_sha256_does_not_match(session, seed_dir):
    edit_seed(seed_dir, lambda d: record(d, "documents", "doc-note").update(sha256="0" * 64))

    assert load_problems(session, seed_dir) == ["seed.yaml: documents 'doc-note': sha256 does not match the text"]


def test_load_rolls_back_every_write_when_writing_fails(session, monkeypatch):
    def fail(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(seeding._Writer, "_write_links", fail)

    with pytest.raises(RuntimeError, match="disk full"):
        load_seed(session, MINI_SEED)
    assert set(record_counts(session).values()) == {0}


def test_loading_the_same_seed_twice_changes_nothing(session):
    load_seed(session, MINI_SEED)
    before = dump(session)

    report = load_seed(session, MINI_SEED)

    assert not report.changed
    assert written(report) == {}
    assert dump(session) == before


def test_reloading_an_edited_record_updates_only_that_record_its_index_entry_and_history(session, seed_dir):
    load_seed(session, seed_dir)
    before = dump(session)
    edit_seed(seed_dir, lambda d: record(d, "actors", "russia").update(name="Russian Federation"))

    report = load_seed(session, seed_dir)

    assert written(report) == {"actors": 1}
    after = dump(session)
    changed = {name for name in after if after[name] != before[name] and not name.startswith("search_index_")}
    assert changed == {"actor", "search_index", "revision"}
    assert set(after["actor"]) - set(before["actor"]) == {("russia", "Russian Federation", "state", None, None, "[]")}
    # (kind, item_id, title, body): PostgreSQL adds the generated tsvector column after these.
    assert {row[:4] for row in before["search_index"]} ^ {row[:4] for row in after["search_index"]} == {
        ("actor", "russia", "Russia", ""),
        ("actor", "russia", "Russian Federation", ""),
    }
    history = session.exec(select(models.Revision).order_by(models.Revision.id).offset(len(before["revision"]))).all()
    assert [(r.kind, r.record_id, r.operation, r.before["name"], r.after["name"]) for r in history] == [
        ("actor", "russia", "update", "Russia", "Russian Federation")
    ]


def test_reloading_an_edited_link_list_changes_only_those_links(session, seed_dir):
    load_seed(session, seed_dir)
    edit_seed(seed_dir, lambda d: record(d, "claims", "russia-holds-75-donetsk").update(actor_ids=["united-states"]))

    report = load_seed(session, seed_dir)

    assert written(report) == {"claim_actor": 2}  # one link removed, one added
    links = session.exec(select(models.ClaimActor.claim_id, models.ClaimActor.actor_id)).all()
    assert links == [("russia-holds-75-donetsk", "united-states")]


def test_export_loaded_into_a_fresh_database_exports_the_same_document(session, fresh_session, tmp_path):
    load_seed(session, MINI_SEED)
    first = export_knowledge_base(session).model_dump(mode="json", exclude_none=True)
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(first, ensure_ascii=False), "utf-8")

    report = load_seed(fresh_session, exported)
    second = export_knowledge_base(fresh_session).model_dump(mode="json", exclude_none=True)

    assert written(report) == FIRST_LOAD
    assert second == first
    assert dump(fresh_session)["claim"] == dump(session)["claim"]
    assert not load_seed(session, exported).changed  # the export describes the database it came from


def test_export_carries_texts_offsets_and_links(session):
    load_seed(session, MINI_SEED)

    document = export_knowledge_base(session).model_dump(mode="json", exclude_none=True)

    assert [d["id"] for d in document["documents"]] == ["doc-note"]
    assert document["documents"][0]["text"].startswith("🧠 Talks update\n")
    assert document["sources"] == [
        {
            "id": "note",
            "title": "Talks update",
            "kind": "blog_post",
            "reliability": "C",
            "reliability_note": "Undated and unsourced, internally consistent.",
            "document_id": "doc-note",
            "document_start": 0,
            "document_end": 162,
        }
    ]
    claim = next(c for c in document["claims"] if c["id"] == "russia-holds-75-donetsk-again")
    assert (claim["quote_start"], claim["quote_end"]) == (70, 104)
    assert next(a for a in document["actors"] if a["id"] == "steve-witkoff")["roles"] == [
        {"role": "envoy", "claim_id": "witkoff-is-envoy"}
    ]


WIRE = (
    "🧠 WIRE DIGEST\n"
    "=== Kyiv Post ===\nKyiv says Russia holds 75% of Donetsk.\n"
    "=== TASS ===\nMoscow: Russia holds 80%.\n"
)
WIRE_SEED = {
    "documents": [{"id": "wire", "file": "wire.txt"}],
    "sources": [
        {"id": "kyiv-post", "title": "Kyiv Post", "kind": "news_article", "reliability": "B",
         "reliability_note": "Named sources.", "document_id": "wire", "begins_with": "=== Kyiv Post ===",
         "ends_before": "=== TASS ==="},
        {"id": "tass", "title": "TASS", "kind": "news_article", "reliability": "D",
         "reliability_note": "State media.", "document_id": "wire", "begins_with": "=== TASS ==="},
    ],
    "claims": [
        {"id": "kyiv-75", "statement": "Kyiv puts Russia's share at 75%.", "source_id": "kyiv-post",
         "quote": "Russia holds 75% of Donetsk.", "credibility": 3},
        {"id": "tass-80", "statement": "Moscow puts its share at 80%.", "source_id": "tass",
         "quote": "Russia holds 80%.", "credibility": 4},
    ],
}  # fmt: skip


@pytest.fixture
def wire_seed(tmp_path: Path) -> Path:
    """A seed whose one document holds two sources run together, told apart by begins_with/ends_before."""
    directory = tmp_path / "wire"
    directory.mkdir()
    (directory / "wire.txt").write_text(WIRE, "utf-8", newline="")
    (directory / "seed.yaml").write_text(yaml.safe_dump(WIRE_SEED, allow_unicode=True, sort_keys=False), "utf-8")
    return directory


def test_sources_sliced_by_markers_are_verbatim_slices_of_their_document(session, wire_seed):
    load_seed(session, wire_seed)

    document = session.get(models.Document, "wire")
    kyiv, tass = session.get(models.Source, "kyiv-post"), session.get(models.Source, "tass")
    assert document.text == WIRE
    assert kyiv.text == "=== Kyiv Post ===\nKyiv says Russia holds 75% of Donetsk.\n"
    assert tass.text == "=== TASS ===\nMoscow: Russia holds 80%.\n"
    for source in (kyiv, tass):
        assert document.text[source.document_start : source.document_end] == source.text
    assert (kyiv.document_start, kyiv.document_end, tass.document_start, tass.document_end) == (14, 71, 71, 110)


def test_claim_offsets_in_a_sliced_source_count_from_the_source_not_the_document(session, wire_seed):
    load_seed(session, wire_seed)

    for claim_id, source_id in (("kyiv-75", "kyiv-post"), ("tass-80", "tass")):
        claim, source = session.get(models.Claim, claim_id), session.get(models.Source, source_id)
        assert source.text[claim.quote_start : claim.quote_end] == claim.quote
    starts = [session.get(models.Claim, claim_id).quote_start for claim_id in ("kyiv-75", "tass-80")]
    assert starts == [28, 21]


def test_load_rejects_a_source_marker_not_in_its_document(session, wire_seed):
    data = yaml.safe_load((wire_seed / "seed.yaml").read_text("utf-8"))
    data["sources"][1]["begins_with"] = "=== RIA ==="
    (wire_seed / "seed.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")

    (problem,) = load_problems(session, wire_seed)
    assert problem.startswith("seed.yaml: sources 'tass': begins_with/ends_before: quote not found in the source text")

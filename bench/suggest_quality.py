"""How close the curation assistant's suggestions come to the curated seed, through the real route.

    python bench/suggest_quality.py

For each seeded source: a scratch SQLite database holding the whole curated seed, the source's claims
deleted (with what needs them: their relations, the roles they attest), then
``GET /api/v1/sources/{id}/suggestions`` — the route, its vocabulary built from the database — and its
suggestions compared with the curated claims (app/curation/evaluation.py says how):

- coverage: curated claims whose quote overlaps a suggestion's quote;
- numbers: curated claims with a value (or a day) that an overlapping suggestion gives with the same
  value and unit (``value``/``unit``, or ``value_on``);
- speakers, actors, issues: the curated speakers, actor ids and issue ids that overlapping suggestions link;
- precision: suggestions whose quote overlaps a curated claim's (also for confidence >= 0.5);
- contradictions: curated ``contradicts`` relations between a claim of this source and one of another
  source, which a suggestion overlapping this side proposes (``relations``: contradicts the other side);
- the time the route takes for the source, and ``suggest`` for a 10,000-character text.

Targets (issue 12): coverage >= 90%, numbers 100%, precision >= 70%, half the cross-source contradictions,
under a second for 10,000 characters.
"""

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session

from app.config import REPO_ROOT
from app.curation import Suggestion, suggest
from app.curation.evaluation import Comparison, Share, compare
from app.db import build_engine, get_session
from app.main import create_app
from app.migrate import upgrade
from app.services import writes
from app.services.seed_reader import ResolvedSeed, resolve
from app.services.seeding import load_seed
from app.services.suggestions import suggestions_for, vocabulary


def _scratch(template: Path, directory: Path, name: str) -> str:
    copy = directory / f"{name}.db"
    shutil.copyfile(template, copy)
    return f"sqlite:///{copy}"


def _route_suggestions(url: str, source_id: str) -> tuple[list[Suggestion], float]:
    from fastapi.testclient import TestClient

    engine = build_engine(url)
    app = create_app()

    def session_override():
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = session_override
    with TestClient(app) as client:
        started = time.perf_counter()
        # The NDJSON sibling without a limit: every suggestion of the source in one answer.
        response = client.get(f"/api/v1/sources/{source_id}/suggestions.ndjson")
        elapsed = time.perf_counter() - started
    engine.dispose()
    response.raise_for_status()
    return [Suggestion.model_validate_json(line) for line in response.text.splitlines()], elapsed


def evaluate(resolved: ResolvedSeed, directory: Path) -> dict[str, tuple[Comparison, Share, float, Share]]:
    """Per source: the comparison, the cross-source contradictions proposed, the route's seconds, and of the
    ``contradicts`` candidates proposed (what a curator reads through) those a curated relation holds."""
    template = directory / "seed.db"
    upgrade(f"sqlite:///{template}")
    engine = build_engine(f"sqlite:///{template}")
    with Session(engine) as session:
        load_seed(session, REPO_ROOT / "seed_data")
    engine.dispose()
    source_of = {c.id: c.source_id for c in resolved.seed.claims}
    figures = {}
    for source in resolved.seed.sources:
        claims = [c for c in resolved.seed.claims if c.source_id == source.id]
        url = _scratch(template, directory, source.id)
        engine = build_engine(url)
        with Session(engine) as session:
            for claim in claims:
                writes.delete_record(session, "claim", claim.id, key_name="bench", cascade=True)
            session.commit()
        engine.dispose()
        suggestions, elapsed = _route_suggestions(url, source.id)
        text = resolved.source_texts[source.id]
        assert all(text[s.quote_start : s.quote_end] == s.quote for s in suggestions)
        spans = {c.id: resolved.claim_spans[c.id] for c in claims}
        comparison = compare(claims, spans, suggestions)
        cross = []  # (this side, the other side) of each curated cross-source contradiction
        for r in resolved.seed.relations:
            ends = (r.from_claim_id, r.to_claim_id)
            if r.type != "contradicts" or source_of[ends[0]] == source_of[ends[1]]:
                continue
            for mine, other in (ends, ends[::-1]):
                if source_of[mine] == source.id:
                    cross.append((r.id, mine, other))
        missed = []
        for relation_id, mine, other in cross:
            span = spans[mine]
            near = [s for s in suggestions if s.quote_start < span.end and span.start < s.quote_end]
            if not any(r.type == "contradicts" and r.claim_id == other for s in near for r in s.relations):
                missed.append(relation_id)
        comparison.contradictions_missed = missed
        # Candidates a curator reads: how many, and how many the curated relations (of any type) hold.
        curated = {(mine, other) for _, mine, other in cross} | {
            pair
            for r in resolved.seed.relations
            for pair in ((r.from_claim_id, r.to_claim_id), (r.to_claim_id, r.from_claim_id))
        }
        proposed = [(s, r.claim_id) for s in suggestions for r in s.relations if r.type == "contradicts"]
        held = sum(
            any(
                (mine, other) in curated
                for mine, span in spans.items()
                if s.quote_start < span.end and span.start < s.quote_end
            )
            for s, other in proposed
        )
        figures[source.id] = (
            comparison,
            Share(len(cross) - len(missed), len(cross)),
            elapsed,
            Share(held, len(proposed)),
        )
    return figures


def timing(resolved: ResolvedSeed, *, characters: int = 10_000, runs: int = 5) -> dict[str, float | int]:
    """Seconds ``suggest`` takes for a 10,000-character text with the seed's vocabulary: the first call (which
    builds the actor matcher) and the median of later calls, as wall time and CPU time."""
    engine_dir = Path(tempfile.mkdtemp())
    url = f"sqlite:///{engine_dir / 'vocabulary.db'}"
    upgrade(url)
    engine = build_engine(url)
    text = "\n".join(resolved.document_texts.values())
    while len(text) < characters:
        text += "\n" + text
    text = text[: text.rfind("\n", 0, characters) + 1] or text[:characters]
    wall, cpu, linked = [], [], []
    with Session(engine) as session:
        load_seed(session, REPO_ROOT / "seed_data")
        words = vocabulary(session)
        for _ in range(runs + 1):
            started, started_cpu = time.perf_counter(), time.process_time()
            suggest(text, words)
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            started = time.perf_counter()
            suggestions_for(session=session, text=text)  # what the route does: vocabulary, suggest, linking
            linked.append(time.perf_counter() - started)
    engine.dispose()
    shutil.rmtree(engine_dir)
    return {"characters": len(text), "first": wall[0], "wall": statistics.median(wall[1:]),
            "cpu": statistics.median(cpu[1:]), "linked": statistics.median(linked[1:])}  # fmt: skip


def main() -> None:
    resolved = resolve(REPO_ROOT / "seed_data")
    with tempfile.TemporaryDirectory() as directory:
        figures = evaluate(resolved, Path(directory))
    for source_id, (c, contradictions, elapsed, proposed) in figures.items():
        print(source_id)
        rows = [
            ("claims", c.claims), ("suggestions", c.suggestions), ("coverage", c.coverage), ("numbers", c.numbers),
            ("speakers", c.speakers), ("actors", c.actors), ("issues", c.issues), ("precision", c.precision),
            ("precision >= 0.5", c.confident_precision), ("contradictions", contradictions),
            ("curated candidates", proposed),
            ("route time", f"{elapsed * 1000:.0f} ms"), ("not covered", ", ".join(c.not_covered) or "-"),
            ("numbers missed", ", ".join(c.numbers_missed) or "-"),
            ("contradictions missed", ", ".join(c.contradictions_missed) or "-"),
        ]  # fmt: skip
        for name, value in rows:
            print(f"  {name:<17} {value}")
    t = timing(resolved)
    print(f"suggest, {t['characters']:,} characters: first call {t['first'] * 1000:.0f} ms, then median "
          f"{t['wall'] * 1000:.0f} ms ({t['cpu'] * 1000:.0f} ms of CPU); read from the database and linked "
          f"(the route's work), median {t['linked'] * 1000:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()

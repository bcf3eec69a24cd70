"""How close the curation assistant's suggestions come to the curated seed claims (phase A: the pure core).

    python bench/suggest_quality.py

For each seeded source, ``suggest`` reads the source text with the seed's actors as its vocabulary (none
of the source's claims are given to it) and its suggestions are compared with the curated claims
(app/curation/evaluation.py says how):

- coverage: curated claims whose quote overlaps a suggestion's quote;
- numbers: curated claims with a value (or a day) that an overlapping suggestion gives with the same
  value and unit (``value``/``unit``, or ``value_on``);
- speakers: curated claims with a speaker that an overlapping suggestion gives the same ``speaker_id``;
- actors: the curated claims' actor ids that the overlapping suggestions link;
- precision: suggestions whose quote overlaps a curated claim's (also for confidence >= 0.5);
- the time ``suggest`` takes for a 10,000-character text.

Targets (issue 12): coverage >= 90%, numbers 100%, precision >= 70%, under a second for 10,000 characters.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.config import REPO_ROOT
from app.curation import Vocabulary, suggest
from app.curation.evaluation import Comparison, compare
from app.services.seed_reader import ResolvedSeed, resolve

# Phase B takes the thesaurus from the knowledge base (issue 11); until then, the one entry the seed needs.
THESAURUS = {"POW": "prisoner of war"}


def vocabulary_of(resolved: ResolvedSeed) -> Vocabulary:
    return Vocabulary.build(actors=[a.model_dump() for a in resolved.seed.actors], thesaurus=THESAURUS)


def evaluate(resolved: ResolvedSeed) -> dict[str, Comparison]:
    """The figures of each seeded source."""
    vocabulary = vocabulary_of(resolved)
    figures = {}
    for source in resolved.seed.sources:
        text = resolved.source_texts[source.id]
        claims = [c for c in resolved.seed.claims if c.source_id == source.id]
        suggestions = suggest(text, vocabulary, reference_date=source.published_on)
        assert all(text[s.quote_start : s.quote_end] == s.quote for s in suggestions)
        figures[source.id] = compare(claims, {c.id: resolved.claim_spans[c.id] for c in claims}, suggestions)
    return figures


def timing(resolved: ResolvedSeed, *, characters: int = 10_000, runs: int = 5) -> dict[str, float | int]:
    """Seconds for the first call (which builds the actor matcher) and the median of later calls, as wall
    time and as CPU time (the machine may be shared: CPU time is what the call itself costs)."""
    vocabulary = vocabulary_of(resolved)
    text = "\n".join(resolved.document_texts.values())
    while len(text) < characters:
        text += "\n" + text
    text = text[: text.rfind("\n", 0, characters) + 1] or text[:characters]
    wall, cpu = [], []
    for _ in range(runs + 1):
        started, started_cpu = time.perf_counter(), time.process_time()
        suggest(text, vocabulary)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return {"characters": len(text), "first": wall[0], "wall": statistics.median(wall[1:]),
            "cpu": statistics.median(cpu[1:])}  # fmt: skip


def main() -> None:
    resolved = resolve(REPO_ROOT / "seed_data")
    for source_id, c in evaluate(resolved).items():
        print(source_id)
        rows = [
            ("claims", c.claims), ("suggestions", c.suggestions), ("coverage", c.coverage), ("numbers", c.numbers),
            ("speakers", c.speakers), ("actors", c.actors), ("precision", c.precision),
            ("precision >= 0.5", c.confident_precision), ("not covered", ", ".join(c.not_covered) or "-"),
            ("numbers missed", ", ".join(c.numbers_missed) or "-"),
        ]  # fmt: skip
        for name, value in rows:
            print(f"  {name:<17} {value}")
    t = timing(resolved)
    print(f"time for {t['characters']:,} characters: first call {t['first'] * 1000:.0f} ms, then median "
          f"{t['wall'] * 1000:.0f} ms ({t['cpu'] * 1000:.0f} ms of CPU)")  # fmt: skip


if __name__ == "__main__":
    main()

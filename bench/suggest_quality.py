"""How close the curation assistant's suggestions come to the curated seed claims (phase A: the pure core).

    python bench/suggest_quality.py

For each seeded source, ``suggest`` reads the source text with the seed's actors as its vocabulary (none
of the source's claims are given to it) and its suggestions are compared with the curated claims:

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
from app.curation import Suggestion, Vocabulary, suggest
from app.services.seed_reader import resolve

# Phase B takes the thesaurus from the knowledge base (issue 11); until then, the one entry the seed needs.
THESAURUS = {"POW": "prisoner of war"}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_number(claim, s: Suggestion) -> bool:
    if claim.value_on is not None:
        return s.value_on == claim.value_on
    return s.value == claim.value and (s.unit or "").lower() == (claim.unit or "").lower()


def _percent(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.0f}%" if whole else "n/a"


def compare(claims: list, spans: dict, suggestions: list[Suggestion]) -> dict:
    """The figures for one source: its curated claims (with their spans) against the suggestions."""

    def near(claim) -> list[Suggestion]:
        span = spans[claim.id]
        return [s for s in suggestions if _overlaps((s.quote_start, s.quote_end), (span.start, span.end))]

    def on_claim(s: Suggestion) -> bool:
        return any(_overlaps((s.quote_start, s.quote_end), (span.start, span.end)) for span in spans.values())

    covered = [c for c in claims if near(c)]
    numbered = [c for c in claims if c.value is not None or c.value_on is not None]
    numbers = [c for c in numbered if any(_same_number(c, s) for s in near(c))]
    spoken = [c for c in claims if c.speaker_id]
    speakers = [c for c in spoken if any(s.speaker_id == c.speaker_id for s in near(c))]
    wanted = sum(len(c.actor_ids) for c in claims)
    linked = sum(len(set(c.actor_ids) & {a for s in near(c) for a in s.actor_ids}) for c in claims)
    confident = [s for s in suggestions if s.confidence >= 0.5]
    return {
        "claims": len(claims),
        "suggestions": len(suggestions),
        "coverage": _percent(len(covered), len(claims)),
        "numbers": _percent(len(numbers), len(numbered)),
        "speakers": _percent(len(speakers), len(spoken)),
        "actors": _percent(linked, wanted),
        "precision": _percent(sum(map(on_claim, suggestions)), len(suggestions)),
        "precision >= 0.5": _percent(sum(map(on_claim, confident)), len(confident)),
        "missed": [c.id for c in claims if c not in covered],
        "numbers missed": [c.id for c in numbered if c not in numbers],
    }


def evaluate(seed_dir: Path) -> list[dict]:
    """One row of figures per seeded source."""
    resolved = resolve(seed_dir)
    vocabulary = Vocabulary.build(actors=[a.model_dump() for a in resolved.seed.actors], thesaurus=THESAURUS)
    rows = []
    for source in resolved.seed.sources:
        text = resolved.source_texts[source.id]
        claims = [c for c in resolved.seed.claims if c.source_id == source.id]
        suggestions = suggest(text, vocabulary, reference_date=source.published_on)
        assert all(text[s.quote_start : s.quote_end] == s.quote for s in suggestions)
        spans = {c.id: resolved.claim_spans[c.id] for c in claims}
        rows.append({"source": source.id, **compare(claims, spans, suggestions)})
    return rows


def timing(seed_dir: Path, *, characters: int = 10_000, runs: int = 5) -> tuple[float, float, int]:
    """Seconds for the first call (building the actor matcher) and the median of later calls."""
    resolved = resolve(seed_dir)
    vocabulary = Vocabulary.build(actors=[a.model_dump() for a in resolved.seed.actors], thesaurus=THESAURUS)
    text = "\n".join(resolved.document_texts.values())
    while len(text) < characters:
        text += "\n" + text
    text = text[: text.rfind("\n", 0, characters) + 1] or text[:characters]
    started = time.perf_counter()
    suggest(text, vocabulary)
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        suggest(text, vocabulary)
        times.append(time.perf_counter() - started)
    return first, statistics.median(times), len(text)


def main() -> None:
    seed_dir = REPO_ROOT / "seed_data"
    for row in evaluate(seed_dir):
        print(row.pop("source"))
        missed, numbers_missed = row.pop("missed"), row.pop("numbers missed")
        for key, value in row.items():
            print(f"  {key:<17} {value}")
        print(f"  {'not covered':<17} {', '.join(missed) or '-'}")
        print(f"  {'numbers missed':<17} {', '.join(numbers_missed) or '-'}")
    first, median, length = timing(seed_dir)
    print(f"time for {length:,} characters: first call {first * 1000:.0f} ms, then median {median * 1000:.0f} ms")


if __name__ == "__main__":
    main()

"""How fast the text analyser turns the seed texts into terms (app/text), cold and with its word cache warm.

    python bench/analyser_speed.py [ROUNDS]

Cold: the word cache is emptied before each round, so every distinct word is lemmatised again (the cost of
indexing new text); warm: the cache holds the seed's words (the cost of queries and of text that repeats
known words). Prints terms per second for each.
"""

import sys
import time
from pathlib import Path

import yaml

from app.text import analyser

SEED = Path(__file__).resolve().parent.parent / "seed_data"


def seed_texts() -> list[str]:
    texts = [path.read_text("utf-8") for path in sorted((SEED / "documents").glob("*.txt"))]
    for path in sorted((SEED / "claims").glob("*.yaml")):
        for claim in yaml.safe_load(path.read_text("utf-8"))["claims"]:
            texts += [claim["statement"], claim["quote"]]
    return texts


def rate(texts: list[str], rounds: int, *, cold: bool) -> float:
    terms, elapsed = 0, 0.0
    for _ in range(rounds):
        if cold:
            analyser._term.cache_clear()
        started = time.perf_counter()
        terms += sum(len(analyser.analyse(text)) for text in texts)
        elapsed += time.perf_counter() - started
    return terms / elapsed


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    texts = seed_texts()
    analyser.analyse("warm up the lemma table")  # loads LemmInflect once, outside the timings
    count = sum(len(analyser.analyse(text)) for text in texts)
    print(f"{len(texts)} seed texts, {sum(map(len, texts)):,} characters, {count:,} terms a round")
    print(f"cold word cache: {rate(texts, rounds, cold=True):,.0f} terms/s")
    print(f"warm word cache: {rate(texts, rounds, cold=False):,.0f} terms/s")


if __name__ == "__main__":
    main()

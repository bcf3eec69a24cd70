"""Did you mean: the indexed terms closest to a query term that matched nothing.

Similarity is rapidfuzz's normalised Indel ratio (0–100) between analysed terms, so "Zelenksy" finds
"zelensky" and "ceasfire" finds "ceasefire". Ties go to the term more records use, then to the first in
alphabetical order, so the answer never depends on the order of the vocabulary.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from app.text.analyser import QueryTerm

MIN_SIMILARITY = 75.0
# Shorter terms are a letter or two from too many others to guess which one was meant.
MIN_LENGTH = 3


@dataclass(frozen=True, slots=True)
class Suggestion:
    term: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Correction:
    """A query word that matched no indexed term, and the closest terms that exist."""

    word: str
    term: str
    suggestions: tuple[Suggestion, ...]


def closest_terms(
    term: str,
    vocabulary: Mapping[str, int] | Collection[str],
    *,
    limit: int = 3,
    min_similarity: float = MIN_SIMILARITY,
) -> list[Suggestion]:
    """The vocabulary terms most like ``term``, best first; none for a known term, a number or a short term.

    ``vocabulary`` is the analysed terms of the index, with how many records use each when known.
    """
    if term in vocabulary or len(term) < MIN_LENGTH or not any(c.isalpha() for c in term):
        return []
    counts = vocabulary if isinstance(vocabulary, Mapping) else {}
    found = process.extract(term, list(vocabulary), scorer=fuzz.ratio, score_cutoff=min_similarity, limit=None)
    found.sort(key=lambda hit: (-hit[1], -counts.get(hit[0], 0), hit[0]))
    return [Suggestion(choice, round(score, 1)) for choice, score, _ in found[:limit]]


def corrections(
    terms: list[QueryTerm], vocabulary: Mapping[str, int] | Collection[str], *, limit: int = 3
) -> list[Correction]:
    """For each query term the vocabulary lacks (prefixes excepted), the closest terms that it has."""
    found = []
    for term in terms:
        if term.prefix or term.term in vocabulary:
            continue
        found.append(Correction(term.word, term.term, tuple(closest_terms(term.term, vocabulary, limit=limit))))
    return found

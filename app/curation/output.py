"""Suggestions as a curator takes them away: bulk lines ready for ``peacekb import`` once reviewed, and a table.

A claim id is generated from the statement (a slug of its first words) and a short hash of the source and the
quote's span, so asking again gives the same ids: a reviewed file imported twice upserts, never duplicates.
"""

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator

from app.curation.model import Suggestion, claim_body

# The credibility a suggestion carries until a curator grades it: 6, "truth cannot be judged".
UNGRADED = 6
_SLUG_WORDS = 8


def claim_id(suggestion: Suggestion, *, source_id: str) -> str:
    """``russia-holds-about-99-percent-of-luhansk-3f9a1c``: stable for the same source, span and statement."""
    ascii_text = unicodedata.normalize("NFKD", suggestion.statement).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("%", " percent "))[:_SLUG_WORDS]
    key = f"{source_id}:{suggestion.quote_start}:{suggestion.quote_end}:{suggestion.statement}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:6]
    return "-".join([*words, digest]) if words else f"suggestion-{digest}"


def bulk_lines(suggestions: Iterable[Suggestion], *, source_id: str) -> Iterator[str]:
    """One ``{"op", "kind", "id", "data"}`` line a suggestion (app/services/bulk.py), credibility ungraded."""
    for s in suggestions:
        id = claim_id(s, source_id=source_id)
        data = claim_body(s, id=id, source_id=source_id, credibility=UNGRADED)
        yield json.dumps({"op": "upsert", "kind": "claim", "id": id, "data": data}, ensure_ascii=False)


def table_lines(suggestions: Iterable[Suggestion]) -> Iterator[str]:
    """A line a suggestion: span, confidence, speaker, figure, and the statement."""
    yield f"{'span':>11}  {'conf':>4}  {'speaker':<20} {'figure':<22} statement"
    for s in suggestions:
        figure = str(s.value_on) if s.value_on else (f"{s.value:g} {s.unit or ''}" if s.value is not None else "")
        marks = (" [claimed]" if s.claimed_by else "") + (f" [{len(s.relations)} rel]" if s.relations else "")
        span, speaker = f"{s.quote_start}-{s.quote_end}", (s.speaker_id or "-")[:20]
        yield f"{span:>11}  {s.confidence:4.2f}  {speaker:<20} {figure[:22]:<22} {s.statement}{marks}"

"""Quote anchoring: find a verbatim quote in a source text and return its code-point offsets.

Offsets count Unicode code points, as the W3C Web Annotation TextPositionSelector does (Python ``str``
indices), so ``text[start:end] == quote``. A quote that occurs more than once is disambiguated the way the
TextQuoteSelector does it — by the text just before (``prefix``) or after (``suffix``) — or by a known start.
Claims also store the same span in UTF-16 code units (``quote_offsets``), the units JavaScript strings count:
a character outside the Basic Multilingual Plane (an emoji) is one code point but two units.
"""

import hashlib
from dataclasses import dataclass, field
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class QuoteError(ValueError):
    """Why a quote could not be anchored; ``closest`` is the nearest passage of the text, when useful."""

    reason: str
    closest: str | None = None
    candidates: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        if self.closest:
            return f"{self.reason}; closest passage in the source: {self.closest!r}"
        return self.reason


def occurrences(text: str, quote: str) -> list[int]:
    """Every start offset of ``quote`` in ``text``, overlapping ones included."""
    starts, position = [], text.find(quote)
    while position != -1:
        starts.append(position)
        position = text.find(quote, position + 1)
    return starts


def utf16_offset(text: str, offset: int) -> int:
    """The UTF-16 code-unit offset of a code-point offset into ``text``."""
    prefix = text[:offset]
    return offset if prefix.isascii() else len(prefix.encode("utf-16-le")) // 2


def quote_offsets(text: str, span: Span) -> dict[str, int]:
    """A claim's stored offsets of its quote at ``span`` of its source ``text``: code points and UTF-16 units."""
    start_utf16 = utf16_offset(text, span.start)
    end_utf16 = start_utf16 + utf16_offset(text[span.start : span.end], span.end - span.start)
    return {"quote_start": span.start, "quote_end": span.end, "quote_start_utf16": start_utf16,
            "quote_end_utf16": end_utf16}  # fmt: skip


def closest_passage(text: str, quote: str) -> str:
    """The stretch of ``text``, as long as ``quote``, around their longest common run of characters."""
    matcher = SequenceMatcher(None, text, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(text), 0, len(quote))
    start = max(0, match.a - match.b)
    return text[start : start + len(quote)]


def anchor_quote(
    text: str,
    quote: str,
    *,
    start: int | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
) -> Span:
    """Locate ``quote`` in ``text``; raise QuoteError when it is absent, ambiguous or not at ``start``."""
    if not quote:
        raise QuoteError("quote is empty")
    if start is not None:
        if text[start : start + len(quote)] != quote:
            found = occurrences(text, quote)
            where = f"it occurs at {found}" if found else "it does not occur in the source"
            raise QuoteError(f"quote is not at offset {start}: {where}", candidates=found)
        return Span(start, start + len(quote))
    found = occurrences(text, quote)
    if not found:
        raise QuoteError("quote not found in the source text", closest=closest_passage(text, quote))
    matching = [
        s
        for s in found
        if (prefix is None or text[:s].endswith(prefix)) and (suffix is None or text.startswith(suffix, s + len(quote)))
    ]
    if not matching:
        raise QuoteError("no occurrence of the quote has the given prefix/suffix", candidates=found)
    if len(matching) > 1:
        raise QuoteError(
            f"quote occurs {len(matching)} times; give a prefix, suffix or start to choose one",
            candidates=matching,
        )
    return Span(matching[0], matching[0] + len(quote))


def sha256_hex(text: str) -> str:
    """The digest a stored text is kept with: a source's or document's, checked by seed and import."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

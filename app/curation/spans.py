"""Cut a text's blocks into claim-sized spans: sentences, list items, table rows, quotations, fields.

Sentences come from nupunkt (maintained, offline, no dependencies, about 1 ms for the seed article; pysbd,
unreleased since 2021, took 130–270 ms for the same text). A coordinated sentence is split where both
halves carry a claim of their own ("…, but no final agreement has been reached"; "75% of Donetsk; ~99% of
Luhansk"). Questions, reader prompts, list lead-ins and stray bylines are not claims.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import nupunkt

from app.curation.layout import Block, Layout

_MISSING_SPACE = re.compile(r"(?<=[a-z]{2})[.!?](?=[A-Z][a-z])")  # "weeks ago.It contemplates"
_QUOTATION = re.compile(r'"(?P<quote>[^"]{3,})"\s*-\s*(?P<tail>\S.*)$', re.S)  # on unified text
# Reader prompts: what a page asks its reader to do, at the start of a sentence or in its furniture words.
_PROMPT_START = re.compile(
    r"\W*(?:share your|tell us|let us know|leave a comment|comment below|join the (?:conversation|discussion)"
    r"|subscribe|sign up|follow us|click here|read more|read (?:related|the full|our|also)|stay (?:tuned|with us)"
    r"|don'?t miss|do not miss|download|like and share|what do you think|see also|related:"
    r"|for (?:more|broader|further) (?:context|coverage|updates|news|information))",
    re.I,
)
_PROMPT_ANYWHERE = re.compile(
    r"in the comments|our newsletter|related coverage|advertisement|sponsored content|stay with us for updates", re.I
)
# "Has a verb", loosely (any -ed word counts); FINITE is the strict test.
AUX = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|can|could|may|might|must|shall|should|does|do"
    r"|did|remain|remains|continue|continues|exists?|says|said|[a-z]{3,}ed)\b",
    re.I,
)
# Finite verbs a phrase cannot do without; participles ("Demilitarized zones") do not count.
FINITE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|shall|should|does|do|did"
    r"|remain|remains|continue|continues|exists?|says|said)\b",
    re.I,
)
_CLAUSE_START = re.compile(
    r"(?:the|a|an|this|these|that|those|its|their|his|her|no|all|both|some|many|most|it|he|she|they|we|i"
    r"|[A-Z][\w.'’-]*|\d[\d,.]*%?)\b",
)
_SPLITS = re.compile(r";\s+|,\s+(?P<conj>and|but|yet|while|whereas|with)\s+", re.I)


@dataclass
class Piece:
    start: int
    end: int
    kind: str  # sentence | list_item | table_row | quotation | field | headline
    block: Block
    split: str | None = None  # the connector this piece was split at
    tail: tuple[int, int] | None = None  # a quotation's attribution
    group: int = 0  # pieces split from one sentence share it


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "-–—•*"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``, trimmed, with offsets into ``text``."""
    cuts: list[tuple[int, int]] = []
    for a, b in nupunkt.sent_spans(text[start:end]):
        position = start + a
        for m in _MISSING_SPACE.finditer(text, start + a, start + b):
            cuts.append((position, m.end()))
            position = m.end()
        cuts.append((position, start + b))
    trimmed = [_trim(text, a, b) for a, b in cuts]
    return [(a, b) for a, b in trimmed if a < b]


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalpha() for c in w))


def not_a_claim(sentence: str) -> str | None:
    """Why a sentence is no claim, or None."""
    stripped = sentence.strip()
    if not any(c.isalpha() for c in stripped):
        return "no words"
    if stripped.endswith("?"):
        return "a question"
    if _PROMPT_START.match(stripped) or _PROMPT_ANYWHERE.search(stripped):
        return "a reader prompt"
    if stripped.endswith(":") and _words(stripped) <= 10:
        return "a list lead-in"
    if _words(stripped) <= 8 and stripped.count(",") >= 2 and not AUX.search(stripped):
        return "a byline"  # "Zelensky, press briefing, Kyiv."
    return None


def _clause(text: str) -> bool:
    return _words(text) >= 3 and bool(_CLAUSE_START.match(text.strip())) and bool(FINITE.search(text))


def split_coordinated(
    text: str, start: int, end: int, *, unified: str, has_figure: Callable[[int, int], bool], minimum: int = 3
) -> list[tuple[int, int, str | None]]:
    """Split ``text[start:end]`` where both halves carry a separate fact; else the span whole."""
    for m in _SPLITS.finditer(unified, start, end):
        conj = (m.group("conj") or ";").lower()
        # "…, with 99% in Luhansk" keeps its "with"; "…, but no agreement…" starts after the conjunction.
        left, right = (start, m.start()), (m.start("conj") if conj == "with" else m.end(), end)
        left_text, right_text = unified[left[0] : left[1]], unified[right[0] : right[1]]
        if conj == ";":
            ok = _words(left_text) >= minimum and _words(right_text) >= min(minimum, 2)
        elif conj == "with":
            ok = has_figure(*left) and has_figure(*right)
        else:
            ok = _words(left_text) >= 4 and bool(FINITE.search(left_text)) and _clause(right_text)
        if ok:
            rest = split_coordinated(text, right[0], end, unified=unified, has_figure=has_figure, minimum=minimum)
            return [(left[0], left[1], None), *((a, b, s or conj) for a, b, s in rest[:1]), *rest[1:]]
    return [(start, end, None)]


def _headline_parts(text: str, block: Block) -> list[tuple[int, int]]:
    """ "Zelenskiy Hails Momentum … as Kyiv seeks Ironclad Guarantees": two facts in one headline."""
    m = re.search(r"\s+as\s+(?=[A-Z])", text[block.start : block.end])
    if m:
        left, right = (block.start, block.start + m.start()), (block.start + m.end(), block.end)
        if _words(text[left[0] : left[1]]) >= 3 and _words(text[right[0] : right[1]]) >= 3:
            return [left, right]
    return [(block.start, block.end)]


def pieces(text: str, layout: Layout, *, unified: str, has_figure: Callable[[int, int], bool]) -> list[Piece]:
    """Every claim-sized span of the text's blocks, in text order."""
    found: list[Piece] = []

    def add_split(a: int, b: int, kind: str, block: Block, minimum: int = 3) -> None:
        group = len(found)
        for x, y, split in split_coordinated(text, a, b, unified=unified, has_figure=has_figure, minimum=minimum):
            x, y = _trim(text, x, y)
            if x < y:
                found.append(Piece(x, y, kind, block, split, group=group))

    for block in layout.blocks:
        if block.kind == "headline":
            found.extend(Piece(a, b, "headline", block) for a, b in _headline_parts(text, block))
        elif block.kind == "field":
            found.append(Piece(block.start, block.end, "field", block))
        elif block.kind == "table_row":
            add_split(block.start, block.end, "table_row", block, minimum=2)
        else:
            quotation = _QUOTATION.match(unified, block.start, block.end)
            if block.kind == "list_item" and quotation:
                found.append(Piece(quotation.start("quote"), quotation.end("quote"), "quotation", block,
                                   tail=(quotation.start("tail"), quotation.end("tail"))))  # fmt: skip
                continue
            for index, (a, b) in enumerate(sentences(text, block.start, block.end)):
                if not_a_claim(text[a:b]):
                    continue
                kind = "list_item" if block.kind == "list_item" and index == 0 else "sentence"
                add_split(a, b, kind, block)
    # A piece with no letter and no digit ("|:|", "—") states nothing.
    return [p for p in found if any(c.isalnum() for c in text[p.start : p.end])]

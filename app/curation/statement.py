"""A span as a plain sentence: markdown removed, spaces and hyphens tidied, a capital and a full stop.

Context the span leaves implicit is put back where the layout gives it: a list item under "This plan
includes:" reads "This plan includes a legally binding non-aggression pact with Russia."; a table row
reads "Donbas status (control): Moscow controls about 75% of Donetsk."; an FAQ row gives its answer.
"""

import re

from app.curation.layout import Block
from app.curation.spans import FINITE

_MARKDOWN = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00ad": None})


def clean(text: str) -> str:
    """Markdown and layout removed, one line, hyphens plain; no capital or stop added."""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    text = text.translate(_HYPHENS)
    text = re.sub(r"^\s*(?:#{1,6}\s+|[-*+•]\s+|\d{1,3}[.)]\s*(?=[A-Z]))", "", text)
    return " ".join(text.split())


def sentence(text: str) -> str:
    """``text`` cleaned, starting with a capital and ending with a full stop."""
    text = clean(text).strip(" ,;:")
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if not text.endswith((".", "!", "?", ".”", '."', "…")):
        text += "."
    return text


def _lower_first(text: str, keep_capital: bool) -> str:
    first = text.split(" ", 1)[0]
    if keep_capital or not first[:1].isupper() or (first[1:] and not first[1:].islower()) or first == "I":
        return text
    return text[0].lower() + text[1:]


def _ends_with_verb(lead_in: str) -> bool:
    """ "This plan includes", "It contemplates": a lead-in the item completes (not "Key points of the draft")."""
    last = lead_in.split()[-1].lower() if lead_in.split() else ""
    return bool(FINITE.fullmatch(last)) or (len(last) > 3 and last.endswith(("s", "ed")) and not last.endswith("ss"))


def list_statement(item: str, block: Block, *, starts_with_name: bool) -> str:
    """A list item; a nominal one is joined to its lead-in ("It contemplates the potential withdrawal…")."""
    if block.lead_in and _ends_with_verb(block.lead_in) and not FINITE.search(item):
        return sentence(f"{block.lead_in} {_lower_first(clean(item), starts_with_name)}")
    return sentence(item)


def row_statement(text: str, block: Block, start: int, end: int) -> str:
    """A table row (or a piece of one): its label cell, then what the other cells say."""
    cells = [(max(a, start), min(b, end)) for a, b in block.cells if a < end and start < b]
    values = [clean(text[a:b]) for a, b in cells]
    first_is_label = bool(cells) and cells[0][0] == block.cells[0][0] and len(block.cells) > 1
    if not first_is_label:
        return sentence("; ".join(values))
    label, rest = values[0], values[1:]
    if label.endswith("?") or (block.columns[:1] and block.columns[0].lower() == "question"):
        return sentence("; ".join(rest))  # an FAQ row: the answer is the claim
    if len(block.cells) > 2 and len(block.columns) == len(block.cells):
        named = [f"{clean(block.columns[i + 1])}: {value}" for i, value in enumerate(rest)]
        return sentence(f"{label} — " + "; ".join(named))
    return sentence(f"{label}: " + "; ".join(rest))

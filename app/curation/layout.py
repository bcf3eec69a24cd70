"""Read a text's layout line by line: headings, lists, tables, field lines, prose and what is no claim.

The seed texts are plain text with markdown habits (``- `` lists, ``|`` tables, numbered and emoji-led
headings, ``Date: … | Source: …`` lines), so the layout is recognised from the lines themselves rather than
by a markdown parser, which would not keep code-point offsets. Every block keeps its offsets in the source.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from app.curation.folding import unify

_LINE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]+")
_MD_HEADING = re.compile(r"#{1,6}(?:\s+|$)")
_BULLET = re.compile(r"(?:[-*+•▪◦‣●○■□➤►▶→]|\d{1,3}[.)]|[a-z][.)])\s+|\d{1,3}[.)](?=[A-Z])")
_CHECK = re.compile(r"[✔✅☑✓]\ufe0f?\s*")
_SEPARATOR = re.compile(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?")
_FIELD = re.compile(
    r"(?P<key>Date|Dated|Published|Updated|Last updated|Posted|Source|Sources|By|Author|Authors|Byline|Filed"
    r"|Dateline|Location)\s*:\s*(?=\S)",
    re.I,
)
_CAPTION = re.compile(r"!\[|(?:photo|image|picture|caption|credit|illustration|video|graphic)s?\s*(?:[:(]|by\b)", re.I)
_BYLINE = re.compile(
    r"by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s+and\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?$"
)
_TOC = re.compile(r"(?:table of )?contents|in this (?:article|story|report)|on this page", re.I)
_CONNECTORS = frozenset(("of", "the", "a", "an", "and", "or", "for", "in", "on", "at", "to", "with", "by", "as",
    "from", "vs", "vs.", "&"))  # fmt: skip


@dataclass
class Block:
    """A run of the text to read for claims, with the context a statement needs."""

    start: int
    end: int
    kind: str  # prose | list_item | table_row | field | headline
    section: str | None = None
    lead_in: str | None = None
    columns: tuple[str, ...] = ()
    cells: tuple[tuple[int, int], ...] = ()


@dataclass
class Layout:
    blocks: list[Block] = field(default_factory=list)
    headings: list[tuple[int, int, str | None]] = field(default_factory=list)  # (start, end, section) no claim


def _words(text: str) -> list[str]:
    return [w for w in text.split() if any(c.isalpha() for c in w)]


def looks_like_heading(text: str) -> bool:
    """Short, no closing full stop, mostly capitalised words: "Key Elements of the Updated Peace Plan"."""
    words = _words(text)
    if not words or len(words) > 14 or text.rstrip().endswith((".", ";", ",", ":", "!", '"', "”")):
        return False
    content = [w for w in words if w.lower() not in _CONNECTORS]
    if len(words) <= 3:
        return True
    capitalised = sum(1 for w in content if w.lstrip("“\"'(‘")[:1].isupper())
    return bool(content) and capitalised / len(content) >= 0.6


def _symbol_prefix(text: str) -> int:
    """Length of the leading pictographs (🧠, ⚔️, ✔): markers, not words."""
    index = 0
    while index < len(text) and (
        unicodedata.category(text[index]) in ("So", "Sk", "Cf", "Mn") or text[index] in "\ufe0f\u200d "
    ):
        index += 1
    return index


def _fold_line(text: str) -> str:
    return " ".join(unify(text).lower().strip(" .:").split())


class _Reader:
    def __init__(self, text: str):
        self.text = text
        self.layout = Layout()
        self.section: str | None = None
        self.lead_in: str | None = None
        self.in_toc = False
        self.seen_content = False
        self.lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
        self.line_texts = Counter(_fold_line(text[a:b]) for a, b in self.lines)

    def content(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def no_claim(self, start: int, end: int) -> None:
        """A heading or header row: no claim, though a date or number in it may be one ("Late Dec 2025")."""
        self.layout.headings.append((start, end, self.section))

    def heading(self, start: int, end: int) -> None:
        title = self.text[start:end]
        if _TOC.fullmatch(title.strip(" :")):
            self.in_toc = True
            return
        if not self.seen_content and len(_words(title)) >= 4:
            self.seen_content = True
            self.add_headline(start, end)
        else:
            self.no_claim(start, end)
        self.section = title.strip()
        self.lead_in = None

    def add_headline(self, start: int, end: int) -> None:
        kicker = re.match(r"(?:breaking|exclusive|analysis|live|update|updated|watch|explainer|report)\s*:\s*",
                          self.text[start:end], re.I)  # fmt: skip
        if kicker:
            start += kicker.end()
        self.layout.blocks.append(Block(start, end, "headline", section=None))

    def run(self) -> Layout:
        index = 0
        while index < len(self.lines):
            index = self.line(index)
        return self.layout

    def line(self, index: int) -> int:
        start, end = self.content(*self.lines[index])
        body = self.text[start:end]
        if not body:
            return index + 1
        if body.startswith("|") or (index + 1 < len(self.lines) and self.is_separator(index + 1) and "|" in body):
            return self.table(index)
        if self.is_separator(index):
            return index + 1
        if m := _MD_HEADING.match(body):
            self.heading(start + m.end(), end)
            return index + 1
        if _CAPTION.match(body) or _BYLINE.match(body):
            return index + 1
        if _FIELD.match(body):
            self.fields(start, end)
            return index + 1
        bullet = _BULLET.match(body) or _CHECK.match(body)
        if bullet:
            return self.list_item(index, start, end, bullet)
        symbols = _symbol_prefix(body)
        rest_start = start + symbols
        # A heading introduces what follows; a title-like last line is read as prose.
        if looks_like_heading(self.text[rest_start:end]) and (symbols or index + 1 < len(self.lines)):
            self.heading(rest_start, end)
            return index + 1
        self.in_toc = False
        return self.prose(index, rest_start)

    def is_separator(self, index: int) -> bool:
        a, b = self.content(*self.lines[index])
        return bool(_SEPARATOR.fullmatch(self.text[a:b])) and "-" in self.text[a:b] and "|" in self.text[a:b]

    def fields(self, start: int, end: int) -> None:
        """``Date: … | Source: …``: one block per field; a byline field is no claim."""
        position = start
        for part in re.split(r"(\s+\|\s+)", self.text[start:end]):
            a, b = self.content(position, position + len(part))
            position += len(part)
            if a < b and part.strip() != "|":
                m = _FIELD.match(self.text, a, b)
                key = m.group("key").lower() if m else ""
                if key not in ("by", "author", "authors", "byline"):
                    self.layout.blocks.append(Block(a, b, "field", section=self.section))
        self.seen_content = True

    def list_item(self, index: int, start: int, end: int, bullet: re.Match[str]) -> int:
        item_start, _ = self.content(start + bullet.end(), end)
        item = self.text[item_start:end]
        numbered = bullet.group(0)[:1].isdigit() or bullet.group(0)[:1] in "✔✅☑✓"
        if numbered and looks_like_heading(item):
            self.heading(item_start, end)
            return index + 1
        entry = re.sub(r"^\d{1,3}[.)]\s*", "", item)
        elsewhere = self.line_texts[_fold_line(entry)] - (_fold_line(entry) == _fold_line(self.text[start:end]))
        if self.in_toc or elsewhere > 0:
            return index + 1  # a table of contents lists what follows; it states nothing itself
        if not item:
            return index + 1
        self.seen_content = True
        self.layout.blocks.append(Block(item_start, end, "list_item", section=self.section, lead_in=self.lead_in))
        return index + 1

    def prose(self, index: int, start: int) -> int:
        """A paragraph: one line, or hard-wrapped lines that continue each other."""
        _, end = self.content(*self.lines[index])
        while index + 1 < len(self.lines):
            a, b = self.content(*self.lines[index + 1])
            nxt = self.text[a:b]
            if not nxt or not nxt[0].islower() or self.text[end - 1] in '.!?:;"”)' or _BULLET.match(nxt):
                break
            end, index = b, index + 1
        if start < end:
            self.seen_content = True
            self.layout.blocks.append(Block(start, end, "prose", section=self.section))
            self.lead_in = lead_in(self.text[start:end])
        return index + 1

    def table(self, index: int) -> int:
        rows: list[tuple[int, int]] = []
        while index < len(self.lines):
            a, b = self.content(*self.lines[index])
            if "|" not in self.text[a:b]:
                break
            rows.append((a, b))
            index += 1
        columns: tuple[str, ...] = ()
        separators = [i for i, (a, b) in enumerate(rows) if _SEPARATOR.fullmatch(self.text[a:b])]
        if separators and separators[0] == 1:
            columns = tuple(self.text[x:y] for x, y in self.cells(*rows[0]))
            self.no_claim(*rows[0])
        for i, (a, b) in enumerate(rows):
            if i in separators or (columns and i == 0):
                continue
            cells = self.cells(a, b)
            if cells:
                self.layout.blocks.append(
                    Block(cells[0][0], cells[-1][1], "table_row", section=self.section, columns=columns,
                          cells=tuple(cells))
                )  # fmt: skip
        self.seen_content = True
        self.lead_in = None
        return index

    def cells(self, start: int, end: int) -> list[tuple[int, int]]:
        cells, position = [], start
        for part in self.text[start:end].split("|"):
            a, b = self.content(position, position + len(part))
            position += len(part) + 1
            if a < b:
                cells.append((a, b))
        return cells


def lead_in(paragraph: str) -> str | None:
    """The words that introduce a list ("This plan includes:"), when a paragraph ends with one."""
    m = re.search(r"(?:^|[.!?]\s*)([^.!?]+):\s*$", paragraph)
    if m and len(_words(m.group(1))) <= 10:
        return m.group(1).strip()
    return None


def read_layout(text: str) -> Layout:
    """The blocks of ``text`` that may hold claims, and the headings (whose figures may still be claims)."""
    return _Reader(text).run()

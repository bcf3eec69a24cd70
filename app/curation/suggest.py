"""``suggest``: a source text and the knowledge base's vocabulary in, suggested claims out.

Pure: no database, no network, nothing written. Figures, dates and actor names are found once over the
whole text; each claim-sized span then takes those inside it. A span with several figures proposes each
further figure as a narrower suggestion of its own ("1,800 Russian soldiers" beside the exchange it is
part of), because a claim holds one value; so do dates and numbers in headings ("Late Dec 2025").
"""

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date

from app.curation.actors import ActorHit, find_mentions, matcher_for
from app.curation.attribution import Attribution, find_attribution, tail_attribution
from app.curation.dates import find_dates, find_relative_days, in_dateline
from app.curation.figures import Figure, claim_fields, draft_measure, extent
from app.curation.folding import LOCAL_FOLDING, Analyser, unify
from app.curation.intervals import ByStart
from app.curation.layout import looks_like_heading, read_layout
from app.curation.model import DateMention, Quantity, SpanKind, Suggestion, Vocabulary
from app.curation.quantities import find_quantities
from app.curation.spans import AUX, Piece, pieces
from app.curation.statement import list_statement, row_statement, sentence

BASE_CONFIDENCE = {"sentence": 0.55, "list_item": 0.55, "table_row": 0.5, "quotation": 0.7, "field": 0.45,
                   "headline": 0.35, "figure": 0.6}  # fmt: skip
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )([A-Z][\w'’-]*)")
_HEDGES = ("could", "may", "might", "potentially", "possibly", "reportedly", "allegedly", "purportedly")


@dataclass
class _Text:
    """The source text with everything found once over the whole of it, sorted for lookups by span."""

    text: str
    unified: str
    hits: ByStart[ActorHit]
    nested: ByStart[ActorHit]
    dates: ByStart[DateMention]
    days: ByStart[DateMention]  # "on Tuesday", "yesterday": they date a statement, they are no claim's figure
    quantities: ByStart[Quantity]
    proper: frozenset[str]  # words written with a capital in mid-sentence: names, kept capitalised
    astral: list[int]  # where the characters past U+FFFF are (emoji): each is two UTF-16 units

    def utf16(self, offset: int) -> int:
        """A code-point offset in UTF-16 units, without re-encoding the text before it for every span."""
        return offset + bisect_left(self.astral, offset)

    def figures(self, start: int, end: int) -> list[Figure]:
        found: list[Figure] = [*self.quantities.within(start, end), *self.dates.within(start, end)]
        return sorted(found, key=lambda f: f.start)

    def last_person(self, position: int) -> str | None:
        """The person the text named last before ``position`` (for "he said", "the leader said")."""
        index = self.hits.before(position)
        for hit in reversed(self.hits[max(0, index - 40) : index]):
            if hit.kind == "person":
                return hit.actor_id
        return None


def _read(text: str, vocabulary: Vocabulary, analyser: Analyser, reference_date: date | None) -> _Text:
    unified = unify(text)
    dates, datelines = [], []
    for mention in find_dates(text, reference=reference_date):
        (datelines if in_dateline(text, mention) else dates).append(mention)  # a dateline's: the report's own
    reference_date = reference_date or next((d.on for d in datelines if d.on), None)
    days = find_relative_days(text, reference_date)
    quantities = find_quantities(text, dates=[(d.start, d.end) for d in dates], thesaurus=dict(vocabulary.thesaurus))
    hits, nested = matcher_for(vocabulary, analyser).find(text, analyser.fold(text))
    proper = frozenset(_MID_SENTENCE_CAPITAL.findall(text))
    astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF] if not text.isascii() else []
    return _Text(text, unified, ByStart(hits), ByStart(nested), ByStart(dates), ByStart(days), ByStart(quantities),
                 proper, astral)  # fmt: skip


def _primary(figures: list[Figure]) -> Figure | None:
    """The figure a claim holds: the first quantity with a unit, else the first date with a year."""
    for figure in figures:
        if isinstance(figure, Quantity) and claim_fields(figure):
            return figure
    return next((f for f in figures if claim_fields(f)), None)


def _describe(figure: Figure) -> str:
    if isinstance(figure, DateMention):
        return f"date: {figure.iso}" + (f" ({figure.qualifier})" if figure.qualifier else "")
    value = f"{figure.value:g}" if figure.value < 1e15 else str(figure.value)
    return f"number: {value} {figure.unit or '(no unit)'}" + (f" ({figure.qualifier})" if figure.qualifier else "")


class _Builder:
    """Turns each piece into its suggestion, and each further figure into a narrower one."""

    def __init__(self, read: _Text):
        self.read = read
        self.text = read.text
        self.out: list[Suggestion] = []

    def statement(self, piece: Piece) -> str:
        text = self.text[piece.start : piece.end]
        if piece.kind == "table_row":
            return row_statement(self.text, piece.block, piece.start, piece.end)
        if piece.kind == "list_item":
            first = text.split(" ", 1)[0]
            starts_with_name = first in self.read.proper or any(
                h.start == piece.start for h in self.read.hits.within(piece.start, piece.end)
            )
            return list_statement(text, piece.block, starts_with_name=starts_with_name)
        if piece.kind == "field" and (dates := self.read.dates.within(piece.start, piece.end)):
            return f"The source is dated {dates[0].iso}."
        return sentence(text)

    def attribution(self, piece: Piece, dates: list[DateMention]) -> Attribution | None:
        if piece.tail:
            a, b = piece.tail
            return tail_attribution(
                self.text, a, b, hits=self.read.hits.within(a, b), dates=self.read.dates.within(a, b)
            )
        if piece.kind in ("table_row", "headline", "field"):
            return None
        return find_attribution(
            self.read.unified, piece.start, piece.end, hits=self.read.hits.within(piece.start, piece.end), dates=dates,
            last_person=self.read.last_person(piece.start),
        )  # fmt: skip

    def add(self, piece: Piece, attribution_of_sentence: Attribution | None) -> Attribution | None:
        read, start, end = self.read, piece.start, piece.end
        figures = read.figures(start, end)
        attribution = self.attribution(piece, read.dates.within(start, end)) or attribution_of_sentence
        if attribution and attribution.stated_on:
            figures = [f for f in figures if f is not attribution.stated_on]
        elif attribution and (days := read.days.within(start, end)):
            attribution = replace(attribution, stated_on=days[0])  # "…, Zelenskiy said on Tuesday"
        hits = read.hits.within(start, end)
        reasons = [piece.kind.replace("_", " ") + (f" (split at '{piece.split}')" if piece.split else "")]
        if piece.block.lead_in and piece.kind == "list_item":
            reasons[0] += f" under '{piece.block.lead_in}'"
        suggestion = self.suggestion(piece.kind, start, end, self.statement(piece), piece.block.section,
                                     figures, hits, attribution, reasons)  # fmt: skip
        self.out.append(suggestion)
        primary = _primary(figures)
        for figure in figures:
            if figure is not primary and claim_fields(figure):
                self.figure(figure, start, end, suggestion.statement, piece.block.section)
        if piece.tail and attribution and attribution.stated_on:
            # "– Volodymyr Zelensky, televised address, 25 Dec 2025": the occasion is dated, a fact of its own.
            a, b = piece.tail
            while b > a and self.text[b - 1] in " .":
                b -= 1
            self.figure(attribution.stated_on, a, b, sentence(self.text[a:b]), piece.block.section, whole=True)
        return attribution

    def figure(
        self, figure: Figure, floor: int, ceiling: int, statement: str, section: str | None, *, whole: bool = False
    ) -> None:
        """A narrower suggestion quoting one figure's own phrase (or, ``whole``, all of floor…ceiling)."""
        a, b = (floor, ceiling) if whole else extent(self.read.unified, figure, floor, ceiling)
        hits = self.read.hits.within(a, b)
        self.out.append(
            self.suggestion("figure", a, b, statement, section, [figure], hits, None, ["figure of a longer span"])
        )

    def suggestion(
        self,
        kind: SpanKind,
        start: int,
        end: int,
        statement: str,
        section: str | None,
        figures: list[Figure],
        hits: list[ActorHit],
        attribution: Attribution | None,
        reasons: list[str],
    ) -> Suggestion:
        """The suggestion for ``text[start:end]``: claim fields from its figures and names, and a confidence."""
        text = self.text
        primary = _primary(figures)
        value = unit = measure = value_on = None
        confidence = BASE_CONFIDENCE[kind]
        if primary is not None:
            value, unit, value_on = claim_fields(primary)
            measure = draft_measure(self.read.unified, primary, extent(self.read.unified, primary, start, end))
            confidence += 0.15
            reasons.append(_describe(primary) + "; measure drafted, review it")
        speaker_id = attribution.actor_id if attribution else None
        if attribution:
            confidence += 0.1 if speaker_id else 0.03
            reasons.append(f"attributed to '{attribution.text}' ({attribution.pattern})"
                           + (f" → {speaker_id}" if speaker_id else ", no actor matches"))  # fmt: skip
        named = sorted([*hits, *self.read.nested.within(start, end)], key=lambda h: h.start)
        actor_ids = list(dict.fromkeys(h.actor_id for h in named))
        if speaker_id and speaker_id not in actor_ids:
            actor_ids.append(speaker_id)
        if actor_ids:
            confidence += 0.05
            reasons.append("actors: " + ", ".join(actor_ids))
        body = text[start:end]
        if kind != "figure" and primary is None and not AUX.search(body) and len(body.split()) <= 5:
            confidence -= 0.2
            reasons.append("a short phrase without a verb")
        lowered = f" {body.lower()} "
        if any(f" {h} " in lowered for h in _HEDGES):
            confidence -= 0.05
            reasons.append("hedged")
        # In Title Case capitals mark every word, not names.
        mentions = [] if kind == "headline" or looks_like_heading(body) else find_mentions(text, start, end, hits)
        return Suggestion(
            kind=kind, statement=statement, quote=body, quote_start=start, quote_end=end,
            quote_start_utf16=self.read.utf16(start), quote_end_utf16=self.read.utf16(end), section=section,
            speaker_id=speaker_id, attribution=attribution.text if attribution else None,
            attribution_start=attribution.start if attribution else None,
            attribution_end=attribution.end if attribution else None,
            stated_on=attribution.stated_on.on if attribution and attribution.stated_on else None,
            value=value, unit=unit, measure=measure, value_on=value_on,
            quantities=[f for f in figures if isinstance(f, Quantity)],
            dates=[f for f in figures if isinstance(f, DateMention)],
            actor_ids=actor_ids, mentions=mentions, confidence=round(min(1.0, max(0.0, confidence)), 2),
            reasons=reasons,
        )  # fmt: skip


def suggest(
    text: str,
    vocabulary: Vocabulary | None = None,
    *,
    analyser: Analyser = LOCAL_FOLDING,
    reference_date: date | None = None,
) -> list[Suggestion]:
    """Suggested claims for ``text``, in text order, each quote verified: ``text[start:end] == quote``.

    ``reference_date`` (the source's publication date) dates "24 Dec" and "in May"; ``analyser`` folds
    words for matching (phase B: the shared ``app/text`` analyser).
    """
    if not text or not text.strip():
        return []
    read = _read(text, vocabulary or Vocabulary(), analyser, reference_date)
    layout = read_layout(text)
    builder = _Builder(read)

    def has_figure(a: int, b: int) -> bool:
        return bool(read.figures(a, b))

    said: dict[int, Attribution | None] = {}  # the attribution of each split sentence's first piece
    for piece in pieces(text, layout, unified=read.unified, has_figure=has_figure):
        # "Kyiv asserts that … 75% …, with … 99% in Luhansk": the second figure is Kyiv's too.
        inherited = said.get(piece.group) if piece.split in ("with", ";") else None
        said.setdefault(piece.group, builder.add(piece, inherited))
    for start, end, section in layout.headings:
        for figure in read.figures(start, end):
            if claim_fields(figure):
                builder.figure(figure, start, end, _heading_statement(text, start, end, figure), section)
    return sorted((s for s in builder.out if s.quote.strip()), key=lambda s: (s.quote_start, -s.quote_end))


def _heading_statement(text: str, start: int, end: int, figure: Figure) -> str:
    """A heading, or the header cell holding the figure ("Title (as of Dec 2025)")."""
    if "|" in text[start:end]:
        start = text.rfind("|", start, figure.start) + 1
        stop = text.find("|", figure.end, end)
        end = stop if stop != -1 else end
    return sentence(text[start:end])

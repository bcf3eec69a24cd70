"""A figure (a quantity or a date) as the claim fields the seed uses, and the words around it.

The seed's conventions (seed_data/claims/*.yaml, app/models/claim.py): a quantity is ``value`` + ``unit``
(``percent``, ``USD``, ``hours``, the counted noun) + ``measure``; a day is ``value_on`` with unit ``date``;
a year, or a month of a year, is ``value`` = the year with unit ``year`` (``value_on`` needs a day). The
measure is drafted from the words around the figure and says how the text qualifies it, as the seed does
(stated as "roughly"); a curator reviews it.
"""

import re
from datetime import date

from app.curation.dates import date_lead
from app.curation.folding import unify
from app.curation.model import DateMention, Quantity
from app.curation.quantities import STOP

Figure = Quantity | DateMention
_WORD = re.compile(r"[\w'’.-]+")


def claim_fields(figure: Figure) -> tuple[float | None, str | None, date | None] | None:
    """(value, unit, value_on) of a figure, or None when the claim fields cannot hold it."""
    if isinstance(figure, Quantity):
        return (figure.value, figure.unit, None) if figure.unit else None
    if figure.on is not None:
        return None, "date", figure.on
    if figure.year is not None:
        return float(figure.year), "year", None
    return None  # "24 Dec" with no year known


_DETERMINERS = frozenset(("the", "a", "an", "its", "their"))


def _following(text: str, position: int, ceiling: int, limit: int = 4) -> int:
    """The end of the noun phrase after a figure: "48‑hour humanitarian pause", "of the Stage 1 ceasefire"."""
    end, count = position, 0
    for m in _WORD.finditer(text, position, ceiling):
        word = m.group(0).lower().strip(".-")
        if text[end : m.start()].strip() or count >= limit:
            break
        if word in _DETERMINERS and count == 0 and end == position:
            end = m.end()
            continue
        if word in STOP or (count and word.endswith(("ed", "ing"))):
            break
        end, count = m.end(), count + 1
    if count == 0:
        return position
    while end > position and text[end - 1] == ".":
        end -= 1
    return end


def _core(figure: Quantity) -> str:
    """The figure without its qualifier: "more than 1,000 troops" → "1,000 troops"."""
    core = unify(figure.text)
    if figure.qualifier and core.lower().startswith(figure.qualifier.lower()):
        core = core[len(figure.qualifier) :]
    return core.lstrip(" -")


def _compound(figure: Quantity) -> bool:
    return bool(re.fullmatch(r"\S+-[A-Za-z]+", _core(figure)))  # "48-hour", "four-year", "20-point"


def extent(text: str, figure: Figure, floor: int, ceiling: int) -> tuple[int, int]:
    """The figure's own phrase, to quote alone: "nearly four-year war", "on 24 Dec 2025", "~99% of Luhansk"."""
    if isinstance(figure, DateMention):
        return date_lead(text, figure, floor=floor), figure.end
    end = figure.end
    if figure.kind == "count" and not _compound(figure):
        return figure.start, end  # the counted noun is part of the figure
    of = re.match(r"[\s-]+(?:of|in)\s+" if figure.kind == "percent" else r"\s+of\s+", text[end:ceiling])
    if of and (after := _following(text, end + of.end(), ceiling, 3)) > end + of.end():
        return figure.start, after
    return figure.start, _following(text, end, ceiling)


def _stated(figure: Figure) -> str:
    return f' (stated as "{figure.qualifier}")' if figure.qualifier else ""


def draft_measure(text: str, figure: Figure, phrase: tuple[int, int]) -> str:
    """What the number measures, drafted from its phrase; the reasons say it needs review."""
    if isinstance(figure, DateMention):
        kind = "date" if figure.on else "year"
        return f'{kind} stated as "{text[phrase[0] : phrase[1]].strip()}"'
    after = " ".join(text[figure.end : phrase[1]].split()).strip(" -")
    after = re.sub(r"^(?:(?:of|in)\s+)?(?:(?:the|a|an)\s+)?", "", after)
    if figure.kind == "percent":
        return (f"share of {after}" if after else "percentage") + _stated(figure)
    if figure.kind == "money":
        return (f"amount of the {after}" if after else "amount of money") + _stated(figure)
    if figure.kind == "duration" and _compound(figure) and after:
        return f"duration of the {after}" + _stated(figure)
    if figure.kind == "duration":
        written = " ".join(text[phrase[0] : phrase[1]].split())
        return f'time stated as "{written}"'
    if figure.kind != "count":  # a length, an area, a mass …
        written = " ".join(text[figure.start : phrase[1]].split())
        return f'{figure.kind} stated as "{written}"'
    if _compound(figure):
        return f"number of {figure.unit} in the {after}" + _stated(figure) if after else f"number of {figure.unit}"
    noun = _core(figure).split(maxsplit=1)[1:] or [figure.unit or "items"]
    return f"number of {noun[0]}" + _stated(figure)

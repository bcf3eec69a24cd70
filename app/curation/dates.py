"""Dates as data: every written form the seed texts use, normalised to ISO with the precision given.

A small grammar rather than dateparser: dateparser's search invents the missing day and month from today
(``Dec 2025`` → 2 Dec 2025), reads ``75% of`` as 1975 and ``48-hour`` as 2048, and costs 300 ms to load.
The grammar reads the text with its dashes unified (``2025‑12‑25`` with U+2011 reads as ISO); unifying keeps
the length, so the offsets it finds are the source's.
"""

import re
from datetime import date

from app.curation.folding import unify
from app.curation.intervals import Taken
from app.curation.model import DateMention

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MONTH = (  # an abbreviation may take a full stop ("Dec."); a full name's stop ends the sentence
    r"(?P<month>(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?)"
)
_YEAR = r"(?P<year>(?:1[89]|20|21)\d{2})(?![\d%])"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PART = r"(?:(?P<part>early|mid|late|end of|start of|beginning of)[\s-]+)?"

# Most specific first: a span taken by one form is not read again by a later one.
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(rf"(?<![\d-]){_YEAR}-(?P<m>0?[1-9]|1[0-2])-(?P<day>0?[1-9]|[12]\d|3[01])"
                       r"(?:[T ](?P<time>[0-2]?\d:[0-5]\d(?::[0-5]\d)?))?(?![\d-])")),
    ("ymd", re.compile(rf"(?<![\d/]){_YEAR}/(?P<m>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])(?![\d/])")),
    ("dmy_numeric", re.compile(rf"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[01]?\d)/{_YEAR}")),
    ("dmy", re.compile(rf"(?<![\d.,]){_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}", re.I)),
    ("mdy", re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I)),
    ("my", re.compile(rf"{_PART}{_MONTH},?\s+{_YEAR}", re.I)),
    ("ym", re.compile(rf"(?<![\d-]){_YEAR}-(?P<m>0[1-9]|1[0-2])(?![\d-])")),
    ("dm", re.compile(rf"(?<![\d.,]){_DAY}(?:\s+of)?\s+{_MONTH}(?![\s,]*\d)", re.I)),
    ("md", re.compile(rf"{_MONTH}\s+{_DAY}(?![\d:])(?!,?\s*\d{{4}})", re.I)),
    # A month alone only after a word that makes it one ("in May", "late December"), never "May" the verb.
    ("m", re.compile(rf"(?P<lead>\b(?:in|since|by|until|till|from|during|before|after|through|of|early|mid|late)"
                     rf"[\s-]+){_MONTH}(?![\s,]*\d)", re.I)),
    ("y", re.compile(rf"(?<![\d,.$€£¥₴₽#/:])(?<![A-Za-z]-){_YEAR}(?![.,]\d|-\d{{1,2}}(?!\d)|/\d)")),
]  # fmt: skip

# Words before a date that change what it means; "on", "in" … only locate it.
_QUALIFIER = re.compile(
    r"(?<![A-Za-z])(?P<q>no earlier than|no later than|not earlier than|not later than|not before|not after"
    r"|earlier than|later than|before|after|by|until|till|since|from|as of|as at|around|circa|about"
    r"|(?:on|in)(?= ))\s+$",
    re.I,
)
_NEEDS_CAPITAL = ("dm", "md", "m")
_YEAR_RANGE_START = re.compile(r"(?<!\d)(?:1[89]|20|21)\d{2}-$")
_YEAR_AS_COUNT = re.compile(r"\s+(?!(?:and|or|to|was|were|is|are|has|had)\b)[a-z]+s\b")
_YEAR_LEAD = re.compile(r"(?<![A-Za-z])(?:in|since|by|until|of|from|before|after|than|early|late|mid|around|circa"
                        r"|to|and|or|the|during|through)\s+$|[(\[-]\s*$", re.I)  # fmt: skip


def _month(name: str) -> int:
    return MONTHS[name[:3].lower()]


def _build(kind: str, m: re.Match[str], reference: date | None) -> tuple[str, str, int | None, date | None] | None:
    """(iso, precision, year, day) of one match, or None when it is no real date (31 Feb, 13/13/2025)."""
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "dmy_numeric":
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        else:
            return None  # 05/06/2025: day-month or month-day; the text does not say
    elif kind in ("ymd", "ym"):
        month, day = int(groups["m"]), int(groups["day"]) if groups.get("day") else None
    else:
        month = _month(groups["month"]) if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else None
    if kind == "y":
        return f"{year:04d}", "year", year, None
    if year is None and reference is not None:
        year = reference.year
    if day is None:
        if not 1 <= (month or 0) <= 12:
            return None
        return (f"{year:04d}-{month:02d}" if year else f"--{month:02d}"), "month", year, None
    try:
        on = date(year or 2000, month, day)  # 2000 is a leap year: 29 Feb without a year is admitted
    except (ValueError, TypeError):
        return None
    if year is None:
        return f"--{month:02d}-{day:02d}", "day", None, None
    return on.isoformat(), "day", year, on


def _is_year(text: str, m: re.Match[str]) -> bool:
    """A bare 19xx/20xx is a year unless it counts something ("2000 troops", with no date word before)."""
    before = text[max(0, m.start() - 6) : m.start()]
    if before.endswith("-") and before[-2:-1].isdigit() and not _YEAR_RANGE_START.search(before):
        return False  # 555-2001, not 1999-2001
    if _YEAR_LEAD.search(text[max(0, m.start() - 12) : m.start()]):
        return True
    return not _YEAR_AS_COUNT.match(text, m.end())


def find_dates(
    text: str, *, start: int = 0, end: int | None = None, reference: date | None = None
) -> list[DateMention]:
    """Every date in ``text[start:end]``, with offsets into ``text`` and its words as written there.

    ``reference`` (the source's publication date) gives the year of "24 Dec" and "in May"; without it they
    stay yearless (``--12-24``).
    """
    source, text = text, unify(text)
    end = len(text) if end is None else end
    taken = Taken()
    found: list[DateMention] = []
    for kind, pattern in _FORMS:
        for m in pattern.finditer(text, start, end):
            first = m.start("month") if kind == "m" else m.start()
            if taken.overlaps(first, m.end()):
                continue
            if kind == "y" and not _is_year(text, m):
                continue
            if kind in _NEEDS_CAPITAL and not m.group("month")[0].isupper():
                continue  # "24 may decide": a lower-case month without a year is a verb or a name
            built = _build(kind, m, reference)
            if built is None:
                continue
            iso, precision, year, on = built
            qualifier = m.group("part") if "part" in m.groupdict() and m.group("part") else None
            if kind == "m" and m.group("lead").strip().lower() in ("early", "mid", "late"):
                qualifier = m.group("lead").strip(" -")
            lead = _QUALIFIER.search(text[max(start, first - 24) : first])
            if qualifier is None and lead and lead.group("q").lower() not in ("on", "in"):
                qualifier = lead.group("q")
            taken.add(first, m.end())
            found.append(
                DateMention(start=first, end=m.end(), text=source[first : m.end()], iso=iso, precision=precision,
                            year=year, on=on, qualifier=qualifier.lower() if qualifier else None)
            )  # fmt: skip
    found.sort(key=lambda d: d.start)
    return found


def date_lead(text: str, mention: DateMention, *, floor: int = 0) -> int:
    """Where the words that locate a date begin ("on 24 Dec 2025", "no earlier than 2027")."""
    lead = _QUALIFIER.search(text[max(floor, mention.start - 24) : mention.start])
    return mention.start - len(lead.group(0)) if lead else mention.start


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "on Tuesday", "last Friday", "Tuesday's talks", "today", "yesterday": days a report names relative to its date.
_RELATIVE_DAY = re.compile(
    rf"(?<![\w-])(?:(?P<last>last)\s+)?(?P<weekday>{'|'.join(_WEEKDAYS)})"
    r"(?![\w-])(?!,?\s+\d)|(?<![\w-])(?P<relative>today|yesterday)(?![\w-])",
    re.I,
)
# "GENEVA, Dec 2 (Reuters) -": the place, the day and the agency a wire report opens with.
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z .'’/-]{1,40},[ \t]*$")
_DATELINE_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*[-–—]")


def in_dateline(text: str, mention: DateMention) -> bool:
    """Whether ``mention`` is the date of a wire report's dateline: the report's own date, not a claim's."""
    before = text[max(0, mention.start - 48) : mention.start]
    return bool(_DATELINE_BEFORE.search(before) and _DATELINE_AFTER.match(text, mention.end))


def find_relative_days(text: str, reference: date | None) -> list[DateMention]:
    """The days ``text`` names relative to its own date ``reference``: a weekday is the latest such day on or
    before it (a report of Tuesday 2 Dec calls that day "Tuesday", the one before "last Tuesday" only when the
    report is itself a Tuesday), "yesterday" the day before. None without a reference: they date nothing."""
    if reference is None:
        return []
    found = []
    for m in _RELATIVE_DAY.finditer(unify(text)):
        if m.group("weekday"):
            if not m.group("weekday")[0].isupper():
                continue  # lower case: not a day name as a report writes it
            back = (reference.weekday() - _WEEKDAYS.index(m.group("weekday").lower())) % 7
            if m.group("last") and back == 0:
                back = 7
        else:
            back = 1 if m.group("relative").lower() == "yesterday" else 0
        on = date.fromordinal(reference.toordinal() - back)
        found.append(DateMention(start=m.start(), end=m.end(), text=text[m.start() : m.end()], iso=on.isoformat(),
                                 precision="day", year=on.year, on=on))  # fmt: skip
    return found

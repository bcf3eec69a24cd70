"""Numbers as data: percentages, money, counts and durations, with the approximation the text states.

A small grammar rather than quantulum3: on the seed texts quantulum3 reads ``$15 billion U.S.`` as
"dollar atomic mass unit", ``€2.5bn`` as "euro bit newton", ``48‑hour`` (U+2011) as a bare 48, every year and
day of a date as a number, keeps no approximation, takes 2.8 s to load and 0.37 s per 10,000 characters,
and warns at import without its optional classifier. The grammar is told where the dates are (a year is a
date, not a quantity) and reads the text with its dashes unified, which keeps the offsets the source's.
"""

import re
from collections.abc import Mapping

from app.curation.folding import unify
from app.curation.intervals import Taken
from app.curation.model import Quantity

_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
WORD_NUMBERS = {w: i for i, w in enumerate(_SMALL)} | _TENS | {"dozen": 12, "hundred": 100}

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORDS = (
    rf"(?:(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_SMALL[1:10])}))?|{'|'.join(sorted(_SMALL, key=len, reverse=True))}"
    r"|a dozen|a hundred)"
)
_SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
           "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12}  # fmt: skip
_COUNT_SCALE = re.compile(r"\s+(hundred|thousand|million|billion|trillion)\b", re.I)
_OF_NOUN = re.compile(r"\s+of\s+([A-Za-z]+)\b")
_SCALE = r"(?:\s?(?P<scale>thousand|million|billion|trillion|mln|bn|mn|tn|m|k)\b)?"
CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "eur": "EUR",
              "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "₴": "UAH",
              "uah": "UAH", "hryvnia": "UAH", "hryvnias": "UAH", "₽": "RUB", "rub": "RUB", "rouble": "RUB",
              "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "¥": "JPY", "jpy": "JPY"}  # fmt: skip
# Units of measurement a number may be followed by: its kind and the unit's usual short name.
MEASURES = {
    **dict.fromkeys(("km", "kilometre", "kilometres", "kilometer", "kilometers"), ("length", "km")),
    **dict.fromkeys(("mile", "miles"), ("length", "miles")),
    **dict.fromkeys(("metre", "metres", "meter", "meters"), ("length", "metres")),
    **dict.fromkeys(("hectare", "hectares"), ("area", "hectares")),
    **dict.fromkeys(("tonne", "tonnes", "ton", "tons"), ("mass", "tonnes")),
    **dict.fromkeys(("kg", "kilogram", "kilograms"), ("mass", "kg")),
    **dict.fromkeys(("barrel", "barrels"), ("volume", "barrels")),
    **dict.fromkeys(("litre", "litres", "liter", "liters"), ("volume", "litres")),
    **dict.fromkeys(("mw", "megawatt", "megawatts"), ("power", "MW")),
    **dict.fromkeys(("gw", "gigawatt", "gigawatts"), ("power", "GW")),
}
TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade", "century")

_MONEY_BEFORE = re.compile(rf"(?P<cur>US\$|\$|€|£|₴|₽|¥|USD|EUR|GBP|UAH|RUB)\s?(?P<n>{_DIGITS}){_SCALE}", re.I)
_MONEY_AFTER = re.compile(
    rf"(?<![\w.,])(?P<n>{_DIGITS}){_SCALE}\s?(?P<cur>dollars?|euros?|pounds?|hryvnias?|roubles?|rubles?"
    r"|USD|EUR|GBP|UAH|RUB)\b",
    re.I,
)
_PERCENT = re.compile(rf"(?<![\w.,])(?P<n>{_DIGITS})\s?(?P<unit>%|per ?cent\b|percentage points?\b)", re.I)
_COMPOUND = re.compile(rf"(?<![\w.,-])(?P<n>{_DIGITS}|{_WORDS})-(?P<unit>[A-Za-z]+)\b(?!-)", re.I)
_DURATION = re.compile(
    rf"(?<![\w.,-])(?P<n>{_DIGITS}|{_WORDS})\s+(?P<unit>(?:{'|'.join(TIME_UNITS[:-1])})s?|centur(?:y|ies))\b", re.I
)
_COUNT = re.compile(rf"(?<![\w.,:/$€£₴₽¥-])(?P<n>{_DIGITS}|{_WORDS})(?![\w%])", re.I)

_APPROXIMATE = ("roughly", "about", "around", "approximately", "approx.", "nearly", "almost", "some", "close to",
                "an estimated", "estimated", "circa", "c.", "~", "≈", "near")  # fmt: skip
_BOUNDS = ("more than", "over", "at least", "up to", "fewer than", "less than", "under", "just over",
           "just under", "upwards of", "as many as", "as much as", "at most", "no more than", "no fewer than",
           "no less than", "in excess of")  # fmt: skip
_QUALIFIER = re.compile(
    r"(?:(?<![A-Za-z])(?P<word>"
    + "|".join(re.escape(q) for q in sorted(_APPROXIMATE[:-3] + _BOUNDS, key=len, reverse=True))
    + r")[\s-]+|(?P<sign>[~≈])\s?)$",
    re.I,
)
# A number after these words names a thing (stage 1, point 12, Su-34), it does not count one.
_LABEL_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:stage|phase|point|article|section|chapter|paragraph|no\.|number|step|level|round|tier"
    r"|page|item|resolution|clause|annex|part|version|grade|category|class|type|table|figure|fig\.|line"
    r"|option|scenario|protocol|zone|sector|route|highway|brigade|battalion|division|regiment|corps|flight"
    r"|group|list|day|week|top|#)\s*$",
    re.I,
)
_NOT_UNITS = {"old", "strong", "fold", "plus", "odd", "something", "th", "st", "nd", "rd", "half", "halves", "third",
              "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"}  # fmt: skip
STOP = frozenset(
    ["a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "from", "and", "or", "but", "nor",
     "as", "than", "that", "which", "who", "whom", "whose", "this", "these", "those", "is", "are", "was", "were",
     "be", "been", "being", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must",
     "shall", "should", "do", "does", "did", "it", "its", "their", "his", "her", "our", "your", "my", "we",
     "they", "he", "she", "i", "you", "not", "no", "so", "if", "then", "there", "here", "into", "onto", "over",
     "along", "across", "around", "through", "toward", "towards", "against", "among", "amid", "despite",
     "without", "near", "upon", "via", "since", "until", "while", "where", "when", "because", "including",
     "like", "beyond", "behind", "below", "above", "inside", "outside", "throughout",
     "under", "within", "between", "during", "after", "before", "about", "per", "each", "every", "all", "both",
     "some", "more", "most", "less", "fewer", "other"]
)  # fmt: skip


def _number(raw: str) -> float:
    lowered = raw.lower()
    if lowered in ("a dozen", "a hundred"):
        return WORD_NUMBERS[lowered[2:]]
    if lowered[0].isalpha():
        tens, _, unit = lowered.partition("-")
        return WORD_NUMBERS[tens] + (WORD_NUMBERS[unit] if unit else 0)
    return float(raw.replace(",", ""))


def plural(unit: str, value: float) -> str:
    """``hour`` → ``hours`` unless the value is one; ``prisoner of war`` → ``prisoners of war``."""
    if value == 1:
        return unit
    head, of, tail = unit.partition(" of ")
    if head.endswith("s"):
        return unit
    head = head[:-1] + "ies" if head.endswith("y") and head[-2:-1] not in "aeiou" else head + "s"
    return head + of + tail


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _qualifier(text: str, start: int, floor: int) -> tuple[int, str | None, bool]:
    """Where a figure begins once its qualifier is included, the qualifier as written, and if it approximates."""
    m = _QUALIFIER.search(text[max(floor, start - 16) : start])
    if not m:
        return start, None, False
    written = m.group("word") or m.group("sign")
    return start - len(m.group(0)), written, written.lower() in _APPROXIMATE


class _Finder:
    def __init__(self, text: str, start: int, end: int, taken: list[tuple[int, int]], thesaurus: Mapping[str, str]):
        self.text, self.start, self.end = text, start, end
        self.taken = Taken(taken)
        self.thesaurus = {k.lower(): v for k, v in thesaurus.items()}
        self.long_forms = {v.lower() for v in thesaurus.values()}
        self.found: list[Quantity] = []

    def free(self, a: int, b: int) -> bool:
        return not self.taken.overlaps(a, b)

    def add(self, m: re.Match[str], kind: str, value: float, unit: str | None, end: int | None = None) -> None:
        first, qualifier, approximate = _qualifier(self.text, m.start(), self.start)
        last = m.end() if end is None else end
        self.taken.add(m.start(), last)
        self.found.append(
            Quantity(start=first, end=last, text=self.text[first:last], kind=kind, value=value, unit=unit,
                     qualifier=qualifier, approximate=approximate)
        )  # fmt: skip

    def scan(self, pattern: re.Pattern[str]):
        for m in pattern.finditer(self.text, self.start, self.end):
            if self.free(m.start(), m.end()):
                yield m

    def money(self) -> None:
        for pattern in (_MONEY_BEFORE, _MONEY_AFTER):
            for m in self.scan(pattern):
                scale = _SCALES[m.group("scale").lower()] if m.group("scale") else 1
                self.add(m, "money", _number(m.group("n")) * scale, CURRENCIES[m.group("cur").lower()])

    def percent(self) -> None:
        for m in self.scan(_PERCENT):
            unit = "percentage points" if m.group("unit").lower().startswith("percentage") else "percent"
            self.add(m, "percent", _number(m.group("n")), unit)

    def compounds(self) -> None:
        for m in self.scan(_COMPOUND):
            noun = m.group("unit").lower()
            label = _LABEL_BEFORE.search(self.text[max(self.start, m.start() - 16) : m.start()])
            if noun in _NOT_UNITS or noun in STOP or label:
                continue
            value = _number(m.group("n"))
            if noun in MEASURES:  # "a 15-km zone"
                kind, unit = MEASURES[noun]
                self.add(m, kind, value, unit)
                continue
            kind = "duration" if noun in TIME_UNITS else "count"
            self.add(m, kind, value, plural(self.unit_name(noun), value))

    def durations(self) -> None:
        for m in self.scan(_DURATION):
            value = _number(m.group("n"))
            self.add(m, "duration", value, plural(singular(m.group("unit").lower()), value))

    def counts(self) -> None:
        for m in self.scan(_COUNT):
            raw = m.group("n")
            if _LABEL_BEFORE.search(self.text[max(self.start, m.start() - 16) : m.start()]):
                continue
            if self.text.startswith(":", m.end()) or self.text[m.end() : m.end() + 1] in (")", "]"):
                continue  # "stage 1:", "(2)": a label or a reference
            value, after = _number(raw), m.end()
            if scale := _COUNT_SCALE.match(self.text, after, self.end):  # "3.7 million", "two hundred"
                value, after = value * _SCALES[scale.group(1).lower()], scale.end()
            noun_start, noun = self.counted_noun(after)
            if raw[0].isalpha() and not scale and (noun is None or value == 1 or not noun.endswith("s")):
                continue  # "one of them", "two-thirds": a number word counts only a plural noun
            if noun is None:
                self.add(m, "count", value, None, end=after)
                continue
            noun_end = noun_start + len(noun)
            unit = self.counted_unit(noun, value)
            if (of := _OF_NOUN.match(self.text, noun_end, self.end)) and (
                phrase := f"{singular(noun).lower()} of {of.group(1).lower()}"
            ) in self.long_forms:
                unit, noun_end = plural(phrase, value), of.end()  # "prisoners of war", a form the thesaurus knows
            kind, unit = MEASURES.get(noun.lower(), ("count", unit))
            self.add(m, kind, value, unit, end=noun_end)

    def counted_noun(self, position: int) -> tuple[int, str | None]:
        """The noun a number counts: "2,300 Ukrainian POWs" → POWs, skipping capitalised adjectives."""
        words = list(re.finditer(r"[^\W\d_][\w'’-]*", self.text[position : min(self.end, position + 60)]))
        for index, w in enumerate(words[:3]):
            gap = self.text[position + (words[index - 1].end() if index else 0) : position + w.start()]
            if gap.strip():
                return position, None  # punctuation between: the number stands alone
            word = w.group(0)
            if word.lower() in STOP:
                return position, None
            named = word.isupper() or (word[0].isupper() and word[1:].islower())
            if named and index + 1 < len(words[:3]) and words[index + 1].group(0).lower() not in STOP:
                continue  # a name used as an adjective ("Ukrainian", "NATO"); the noun follows
            return position + w.start(), word
        return position, None

    def unit_name(self, noun: str) -> str:
        """A singular noun in the words the knowledge base uses (thesaurus: POW → prisoner of war)."""
        key = noun.lower()
        return self.thesaurus.get(key) or (noun if noun.isupper() else key)

    def counted_unit(self, noun: str, value: float) -> str:
        """The unit of a count: the noun as written ("people", "civilians"), or the thesaurus' long form."""
        key = singular(noun).lower()
        if key in self.thesaurus:
            return plural(self.thesaurus[key], value)
        return noun if singular(noun).isupper() else noun.lower()  # "POWs" stays an acronym


def find_quantities(
    text: str,
    *,
    start: int = 0,
    end: int | None = None,
    dates: list[tuple[int, int]] = (),
    thesaurus: Mapping[str, str] | None = None,
) -> list[Quantity]:
    """Every quantity in ``text[start:end]`` outside the given date spans, with offsets into ``text``."""
    finder = _Finder(unify(text), start, len(text) if end is None else end, list(dates), thesaurus or {})
    finder.money()
    finder.percent()
    finder.compounds()
    finder.durations()
    finder.counts()
    for quantity in finder.found:
        quantity.text = text[quantity.start : quantity.end]  # as written: "48‑hour" keeps its U+2011
    return sorted(finder.found, key=lambda q: q.start)

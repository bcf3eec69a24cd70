"""Text to search terms: one analysis for the index and for queries, so both sides see the same terms.

A word becomes a term in five steps: Unicode NFKC (fullwidth letters, ligatures, the non-breaking hyphens
and spaces of the seeds), case folding, accents dropped, its lemma ("withdrew" → "withdraw"), and the
American spelling ("demilitarised" → "demilitarized"). Offsets always point into the text as given, so a
term can be traced back to the exact characters it came from.

Words are runs of letters and digits; everything else separates them (hyphens of every kind, dashes, slashes,
quotes, NBSP). Some runs are read specially:
- dotted abbreviations ("U.S.", "e.g.") and words in capitals ("NATO", "US", "POWs") are acronyms: never a
  stop word, never lemmatised, only a plural "s" dropped ("POWs" → "pow");
- numbers keep their decimals and lose thousands separators ("2,300" → "2300"), and "%", "$", "€", "£"
  become the words "percent", "dollar", "euro", "pound", so "99%" and "99 percent" match;
- an apostrophe inside a word joins it ("O’hara" → "ohara", "don't" → "dont"), and a final "'s" is dropped
  ("Ukraine’s" → "ukraine").
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from app.text.lemmas import lemma
from app.text.spelling import american_spelling
from app.text.stopwords import STOP_WORDS

_TOKEN = re.compile(
    r"""
      (?P<abbreviation>(?:[^\W\d_]\.){2,})                           # U.S.  e.g.
    | (?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![^\W_])    # 2,300  1.5  2025 (not 20th)
    | (?P<word>[^\W_]+(?:['’ʼ][^\W_]+)*)                            # words, O’hara, Ukraine’s
    | (?P<symbol>[%$€£])
    """,
    re.VERBOSE,
)
# The same tokens without their groups: findall then gives each token as written, one string.
_TOKEN_AS_WRITTEN = re.compile(re.sub(r"\(\?P<\w+>", "(?:", _TOKEN.pattern), re.VERBOSE)
_SYMBOL_WORDS = {"%": "percent", "$": "dollar", "€": "euro", "£": "pound"}
_APOSTROPHES = re.compile(r"['’ʼ]")
_ACRONYM = re.compile(r"[A-Z]{2,}s?")  # on the text as written: NATO, US, POWs, NGOs
# Characters that join two words into one compound, which a query reads as a phrase: "20-point",
# "prisoner-of-war", "Sviato-Pokrovske". Dashes (– —) separate instead.
JOINERS = frozenset("-\u2010\u2011\u2012")
# Quotation marks that open or close a quoted phrase in a query.
_QUOTES = frozenset('"“”„‟«»')


@dataclass(frozen=True, slots=True)
class Token:
    """A term of a text, where it stands in the text as given (code points, end exclusive), and whether it is
    a stop word (kept, so positions and snippets can use it; the index leaves it out)."""

    term: str
    start: int
    end: int
    is_stop: bool


def analyse(text: str) -> list[Token]:
    """Every word of the text as a term, in order."""
    tokens = []
    for match in _TOKEN.finditer(text):
        term, is_stop = _term(match.lastgroup, match.group())
        if term:
            tokens.append(Token(term, match.start(), match.end(), is_stop))
    return tokens


def index_form(text: str) -> str:
    """The analysed terms of the text, stop words left out, joined by spaces: what FTS5 and tsvector index
    beside the raw text, so that a query analysed the same way finds it."""
    # An import analyses every record's text, sources in full, and this was a third of its time. So the work
    # per token stays in C: findall gives the tokens as written, each one new to ``_WORD_TERMS`` is analysed
    # once (read alone, a token is read as in its text: nothing follows a token there that the number's
    # lookahead would refuse), and the terms are mapped off the dict.
    global _WORD_TERMS
    written = _TOKEN_AS_WRITTEN.findall(text)
    if len(_WORD_TERMS) > _WORD_TERMS_KEPT:
        # A long tail of distinct words would otherwise grow it without bound. Replaced, not cleared: a
        # thread mapping a text off the old dict still finds every term it put there.
        _WORD_TERMS = {}
    terms = _WORD_TERMS
    for new in set(written).difference(terms):
        term, is_stop = _term(_TOKEN.fullmatch(new).lastgroup, new)
        terms[new] = "" if is_stop else term
    return " ".join(filter(None, map(terms.__getitem__, written)))


_WORD_TERMS: dict[str, str] = {}  # a token as written → its indexed term, "" for a stop word
_WORD_TERMS_KEPT = 131072  # about 18 MB at most


@lru_cache(maxsize=65536)
def _term(kind: str, written: str) -> tuple[str, bool]:
    """The term of one token and whether it is a stop word. Cached: a text repeats its words."""
    if kind == "symbol":
        return _SYMBOL_WORDS[written], False
    if kind == "number":
        return _fold(written).replace(",", ""), False
    if kind == "abbreviation":
        return _fold(written).replace(".", ""), False
    if _ACRONYM.fullmatch(written):
        return _fold(written.removesuffix("s")), False
    word = _fold(written)
    if "'" in word:
        word = word.removesuffix("'s").replace("'", "")
    if word in STOP_WORDS:
        return word, True
    if not word.isalpha():
        return word, False  # mixed letters and digits: 20th, covid19
    base = american_spelling(lemma(word))
    # A word that is not a stop word never becomes one through its lemma ("us" is not "we").
    return (word if base in STOP_WORDS else base), False


def _fold(written: str) -> str:
    """NFKC, case folded, accents dropped; every apostrophe written as ``'``."""
    folded = unicodedata.normalize("NFKC", written).casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFD", folded)
        folded = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    return _APOSTROPHES.sub("'", folded)


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """A term of a query: the word as typed, whether it ends in ``*`` (a prefix), and its phrase.

    Terms with the same ``phrase`` number must be found together, in order: a quoted phrase (``quoted``: to
    be found as typed, not expanded) or a compound such as "prisoner-of-war" (which may be expanded).
    """

    term: str
    word: str
    prefix: bool = False
    phrase: int | None = None
    quoted: bool = False


def query_terms(text: str) -> list[QueryTerm]:
    """The informative terms of a query typed as keywords or as a whole question, in order.

    Stop words are left out (a ``word*`` is kept: it was asked for), as are repeats of a single term.
    A query of stop words only has no terms.
    """
    groups: list[tuple[list[tuple[Token, str, bool]], bool]] = []  # (tokens, quoted)
    for segment_start, segment_end, quoted in _segments(text):
        tokens = [
            Token(t.term, t.start + segment_start, t.end + segment_start, t.is_stop)
            for t in analyse(text[segment_start:segment_end])
        ]
        if quoted:
            groups.append(([(t, text[t.start : t.end], _is_prefix(text, t, segment_end)) for t in tokens], True))
            continue
        for compound in _compounds(text, tokens):
            groups.append(([(t, text[t.start : t.end], _is_prefix(text, t, segment_end)) for t in compound], False))
    terms: list[QueryTerm] = []
    seen: set[tuple[str, bool]] = set()
    phrase_number = 0
    for members, quoted in groups:
        kept = [(token, word, prefix) for token, word, prefix in members if prefix or not token.is_stop]
        if len(kept) > 1:
            terms += [QueryTerm(t.term, w, p, phrase_number, quoted) for t, w, p in kept]
            phrase_number += 1
        elif kept and (key := (kept[0][0].term, kept[0][2])) not in seen:
            seen.add(key)
            token, word, prefix = kept[0]
            terms.append(QueryTerm(token.term, word, prefix))
    return terms


def _segments(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, quoted)`` pieces of the text; an unmatched quotation mark quotes nothing."""
    marks = [at for at, character in enumerate(text) if character in _QUOTES]
    if len(marks) % 2:
        marks.pop()
    pieces, position = [], 0
    for opening, closing in zip(marks[::2], marks[1::2], strict=True):
        pieces += [(position, opening, False), (opening + 1, closing, True)]
        position = closing + 1
    pieces.append((position, len(text), False))
    return [piece for piece in pieces if piece[0] < piece[1]]


def _compounds(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Tokens grouped into compounds: neighbours joined by exactly one hyphen are one group."""
    groups: list[list[Token]] = []
    for token in tokens:
        if groups and token.start - groups[-1][-1].end == 1 and text[token.start - 1] in JOINERS:
            groups[-1].append(token)
        else:
            groups.append([token])
    return groups


def _is_prefix(text: str, token: Token, segment_end: int) -> bool:
    return token.end < segment_end and text[token.end] == "*"

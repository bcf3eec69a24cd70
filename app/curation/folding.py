"""How the assistant compares words: a length-preserving fold, passed in as an ``Analyser``.

PHASE B: replace ``LocalFolding`` with an adapter over the shared text analyser (``app/text``, issue 11),
which also brings lemmas, spelling folding and the thesaurus for issue and plan-point linking. Until then
this tiny helper only folds what the seed texts need (case, dashes, quote marks, odd spaces).

The fold must keep the length of the text, one character for one character, so that an offset found in the
folded text is the same code-point offset in the source: quotes are anchored by those offsets.
"""

from typing import Protocol


class Analyser(Protocol):
    def fold(self, text: str) -> str:
        """The text case-folded and with look-alike characters unified; ``len(fold(t)) == len(t)``."""
        ...


DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4\u0060"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"

_TABLE = str.maketrans(
    {
        **dict.fromkeys(DASHES, "-"),
        **dict.fromkeys(SINGLE_QUOTES, "'"),
        **dict.fromkeys(DOUBLE_QUOTES, '"'),
        **dict.fromkeys(SPACES, " "),
    }
)


def unify(text: str) -> str:
    """Dashes, quote marks and spaces unified, case kept; the same length as ``text``."""
    return text.translate(_TABLE)


def _lower_each(text: str) -> str:
    # str.lower can lengthen a few characters (İ → i̇); those are kept as they are.
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


class LocalFolding:
    """Case, dashes, quote marks and spaces folded (the phase-A stand-in for ``app/text``)."""

    def fold(self, text: str) -> str:
        unified = unify(text)
        lowered = unified.lower()
        return lowered if len(lowered) == len(unified) else _lower_each(unified)


LOCAL_FOLDING = LocalFolding()

"""British spellings folded to American ones, so "demilitarised" and "demilitarized" are one term.

The table is breame's (about 1,700 British words with their American spelling). Words it lacks are folded
by the one productive rule behind most of them, -ise/-isation → -ize/-ization, except where -ise is not
that suffix ("promise", "supervise", "otherwise"), which American English writes with -ise too.
"""

import re

from breame.spelling import get_american_spelling

# -ise endings that are not the -ize suffix; stems of three letters or fewer (rise, raise, advise) are left
# alone anyway.
_NOT_IZE = """
    advertise chastise circumcise comprise compromise concise despise disguise enterprise exercise expertise
    franchise improvise merchandise mortise otherwise paradise porpoise precise premise promise reprise
    supervise surmise surprise televise tortoise treatise
"""
_NOT_IZE_WORDS = frozenset(_NOT_IZE.split())
_IZE_ENDING = re.compile(r"^(?P<stem>[a-z]{4,})is(?P<ending>e|ed|es|ing|er|ers|ation|ations)$")


def american_spelling(word: str) -> str:
    """The American spelling of a lower-case word; any other word unchanged."""
    folded = get_american_spelling(word)
    if folded != word:
        return folded
    match = _IZE_ENDING.match(word)
    if match is None or word.endswith("wise") or _base(match) in _NOT_IZE_WORDS:
        return word
    return f"{match['stem']}iz{match['ending']}"


def _base(match: re.Match) -> str:
    return f"{match['stem']}ise"

"""The dictionary form of an English word: "withdrew" → "withdraw", "referenda" → "referendum".

Lemmas come from LemmInflect's lookup table (built from the NIH SPECIALIST lexicon; it ships in the wheel,
so nothing is downloaded). The table gives one lemma per part of speech and we have no tagger, so the verb
reading wins, then the noun, adjective and adverb: "fighting", "monitoring", "funded" join their verbs, which
is what a search for "fight", "monitor" or "fund" wants. Words the table lacks (names, "strongholds",
"POWs" typed in lower case) lose a regular plural ending.
"""

from functools import cache

_PART_OF_SPEECH_ORDER = ("VERB", "NOUN", "ADJ", "ADV", "AUX", "PROPN")
# Words the table lacks that end like a plural but are not one (Donbas, census, crisis, glass).
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "as")


@cache
def _lemmas():
    # Imported at first use: LemmInflect reads its tables (and NumPy) on import, which no request that
    # does not analyse text should pay for.
    from lemminflect import getAllLemmas

    return getAllLemmas


def lemma(word: str) -> str:
    """The lemma of a lower-case alphabetic word, or the word itself when none is known."""
    readings = _lemmas()(word)
    for part_of_speech in _PART_OF_SPEECH_ORDER:
        if forms := readings.get(part_of_speech):
            return forms[0]
    for forms in readings.values():
        return forms[0]
    return _singular(word)


def _singular(word: str) -> str:
    if len(word) < 4 or not word.endswith("s") or word.endswith(_NOT_PLURAL_ENDINGS):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1]

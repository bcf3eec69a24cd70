"""Who a span says made its claim: "X said / stressed / asserts", "according to X", "described by X",
"statements from X", "(X estimate)", a quotation's "– X, televised address, 25 Dec 2025", and "he" or
"the leader" for the person the text named just before.
"""

import re
from dataclasses import dataclass

from app.curation.actors import ActorHit
from app.curation.model import DateMention

SPEECH_VERBS = ("say", "says", "said", "state", "states", "stated", "stress", "stresses", "stressed", "assert",
    "asserts", "asserted", "tell", "tells", "told", "claim", "claims", "claimed", "report", "reports", "reported",
    "indicate", "indicates", "indicated", "describe", "describes", "described", "announce", "announces",
    "announced", "note", "notes", "noted", "add", "adds", "added", "warn", "warns", "warned", "insist", "insists",
    "insisted", "argue", "argues", "argued", "confirm", "confirms", "confirmed", "deny", "denies", "denied",
    "acknowledge", "acknowledges", "acknowledged", "emphasise", "emphasises", "emphasised", "emphasize",
    "emphasizes", "emphasized", "express", "expresses", "expressed", "declare", "declares", "declared", "write",
    "writes", "wrote", "explain", "explains", "explained", "suggest", "suggests", "suggested", "urge", "urges",
    "urged", "vow", "vows", "vowed", "pledge", "pledges", "pledged", "promise", "promises", "promised", "accuse",
    "accuses", "accused", "allege", "alleges", "alleged", "estimate", "estimates", "estimated", "predict",
    "predicts", "predicted")  # fmt: skip
_AUX = r"(?:(?:has|have|had|was|were|is|are|will|would|also|again|repeatedly|publicly|earlier|later|then|"
_AUX += r"[a-z]+ly)\s+)*"
# Lower case only: "the United States" names a country, "states" after a subject reports speech.
_VERB = re.compile(rf"\s+{_AUX}(?P<verb>{'|'.join(SPEECH_VERBS)})\b(?P<next>\s+\w+)?")
# A verb that, before this word, states a position or a duty rather than reports speech ("insists on").
_NOT_SPEECH = {"insist": "on", "insists": "on", "insisted": "on", "report": "to", "reports": "to", "reported": "to"}
_ACCORDING = re.compile(r"\baccording to\s+", re.I)
_PASSIVE = re.compile(r"\b(?:described|reported|announced|stated|cited|claimed|estimated|quoted|said)\s+by\s+", re.I)
_FROM = re.compile(r"\b(?:statements?|remarks|comments|words|assessment|estimates?)\s+(?:from|by|of)\s+", re.I)
_PAREN = re.compile(
    r"\((?P<who>[^()]{2,60}?)\s+(?:estimates?|figures|data|report|survey|assessment|projection)\)", re.I
)
_NP_WORDS = frozenset(
    ["the", "a", "an", "its", "their", "his", "her", "top", "senior", "deputy", "chief", "prime", "foreign",
     "defense", "defence", "military", "officials", "official", "ministry", "spokesperson", "spokesman",
     "spokeswoman", "leader", "leaders", "president", "minister", "envoy", "envoys", "government", "authorities",
     "administration", "office", "forces", "troops", "analysts", "sources", "diplomats", "statement", "u.s.",
     "state", "security", "national", "general", "special", "head", "new", "former", "russian", "ukrainian",
     "american", "european", "western", "negotiator", "negotiators", "adviser", "advisor", "aide", "delegation",
     "delegate", "ambassador", "secretary", "commander", "mayor", "governor", "chairman", "chair", "director",
     "air", "force", "army", "navy", "police", "service", "agency", "council", "committee", "commission",
     "court", "command", "staff", "intelligence", "border", "guard", "emergency", "press", "mr.", "mrs.", "ms.",
     "dr."]
)  # fmt: skip
PRONOUNS = frozenset(["he", "she", "they", "it"])
_ANAPHORS = frozenset(["leader", "president", "minister", "envoy", "official", "spokesman", "spokesperson", "premier"])


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    text: str
    actor_id: str | None
    stated_on: DateMention | None
    pattern: str


def _subject_before(text: str, floor: int, position: int) -> tuple[int, int] | None:
    """The noun phrase that ends at ``position``: capitalised words and a few official nouns."""
    aside = re.search(r",\s*[^,]{1,30},\s*$", text[floor:position])
    if aside:
        position = floor + aside.start()  # "Moscow, for its part, indicated"
    words = list(re.finditer(r"[\w.'’‑-]+", text[floor:position]))
    first = None
    for w in reversed(words):
        word = w.group(0)
        if text[floor + w.end() : position if first is None else first].strip():
            break  # punctuation between words: the phrase has ended
        if word[:1].isupper() or word.lower() in _NP_WORDS or word.lower() in PRONOUNS:
            first = floor + w.start()
            if word.lower() in PRONOUNS or word.lower() in ("the", "a", "an"):
                break
            continue
        break
    if first is None:
        return None
    end = position
    while end > first and text[end - 1] in " ,":
        end -= 1
    return first, end


def _phrase_after(text: str, position: int, limit: int) -> tuple[int, int] | None:
    """The name after "according to" / "by" / "statements from": capitalised words and official nouns."""
    end = None
    for index, w in enumerate(re.finditer(r"[\w.'’‑-]+", text[position:limit])):
        word = w.group(0)
        gap = text[position + (end - position if end else 0) : position + w.start()] if index else ""
        if index > 5 or (index and gap != " "):
            break
        if word[:1].isupper() or word.lower().rstrip(".,") in _NP_WORDS:
            end = position + w.end()
            continue
        break
    if end is None:
        return None
    while end > position and text[end - 1] in ".,":
        end -= 1
    return (position, end) if end > position else None


def _speaker(hits: list[ActorHit], a: int, b: int) -> str | None:
    """The actor a name phrase ends with ("U.S. envoy Steve Witkoff" → Witkoff); none when its head is a
    name no actor has ("Ukraine's foreign minister Andrii Sybiha" is not Ukraine speaking)."""
    heads = [h for h in hits if a <= h.start and h.end == b]
    return heads[-1].actor_id if heads else None


def find_attribution(
    text: str,
    start: int,
    end: int,
    *,
    hits: list[ActorHit],
    dates: list[DateMention],
    last_person: str | None,
) -> Attribution | None:
    """The first attribution in ``text[start:end]``, its name linked to an actor when one matches."""
    candidates: list[tuple[int, int, int, str]] = []  # (order, name start, name end, pattern)
    for m in _VERB.finditer(text, start, end):
        following = (m.group("next") or "").strip().lower()
        if _NOT_SPEECH.get(m.group("verb").lower()) == following:
            continue
        subject = _subject_before(text, start, m.start())
        if subject:
            candidates.append((subject[0], *subject, m.group("verb").lower()))
    for pattern, name in ((_ACCORDING, "according to"), (_PASSIVE, "by"), (_FROM, "from")):
        for m in pattern.finditer(text, start, end):
            phrase = _phrase_after(text, m.end(), end)
            if phrase:
                candidates.append((m.start(), *phrase, name))
    for m in _PAREN.finditer(text, start, end):
        candidates.append((m.start(), m.start("who"), m.end("who"), "estimate"))
    for _, a, b, pattern in sorted(candidates):
        name = text[a:b]
        actor_id = _speaker(hits, a, b)
        lowered = name.lower().split()
        anaphor = bool(lowered) and (lowered[-1] in PRONOUNS or lowered[-1] in _ANAPHORS)
        if actor_id is None and anaphor:
            actor_id = last_person  # "he said", "The leader said": the person named just before
        if actor_id is None and (anaphor or not any(w[:1].isupper() for w in name.split())):
            continue  # "it said", "sources say", a "he" with nobody before: nobody to name
        stated = next((d for d in dates if d.on and b <= d.start <= b + 40 and "on" in text[b : d.start]), None)
        return Attribution(a, b, name, actor_id, stated, pattern)
    return None


def tail_attribution(
    text: str, start: int, end: int, *, hits: list[ActorHit], dates: list[DateMention]
) -> Attribution | None:
    """A quotation's "– Volodymyr Zelensky, televised address, 25 Dec 2025": the name, and the date given."""
    stop = text.find(",", start, end)
    name_end = stop if stop != -1 else end
    while name_end > start and text[name_end - 1] in " .":
        name_end -= 1
    if name_end <= start:
        return None
    stated = next((d for d in dates if start <= d.start < end and d.on), None)
    actor_id = _speaker(hits, start, name_end)
    return Attribution(start, name_end, text[start:name_end], actor_id, stated, "quotation")

"""Query expansion by aliases and a thesaurus, each expansion saying where it came from.

A lexicon is built from plain records: thesaurus entries (``{"id", "terms": [...]}``: forms that mean the
same), actors and issues (``{"id", "name", "aliases": [...]}``). Every form is analysed like any text, so
"POWs", "POW" and "prisoners of war" are found however the query inflects or spells them. ``expand`` reads
the query's terms left to right and, where a run of them is a form of some entry (the longest run wins), makes
that run one ``Concept`` whose ``alternatives`` are the entry's other forms: a record that has any of them
matches the concept, and the alternative says which entry gave it, for "why it matched". Quoted phrases and
``word*`` prefixes are searched as typed. A concept also names the actors and issues it matched, so that
records linked to them can match too.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.text.analyser import QueryTerm, analyse

THESAURUS, ACTOR, ISSUE = "thesaurus", "actor", "issue"


@dataclass(frozen=True, slots=True)
class Match:
    """An entry of the lexicon that part of the query names, and the form of it that the query used."""

    source: str  # thesaurus, actor or issue
    entry_id: str
    form: str


@dataclass(frozen=True, slots=True)
class Form:
    """A way an entry is written (``form``) and its analysed terms (several make a phrase). To a concept that
    matched one form of an entry, each other form is an alternative: another way to find it."""

    terms: tuple[str, ...]
    form: str
    source: str
    entry_id: str


@dataclass(frozen=True, slots=True)
class Concept:
    """Query terms that stand together (one term, a phrase, or the words of an entry's form), the entries
    they name, and what else finds them."""

    terms: tuple[QueryTerm, ...]
    matches: tuple[Match, ...] = ()
    alternatives: tuple[Form, ...] = ()

    @property
    def phrase(self) -> tuple[str, ...]:
        return tuple(term.term for term in self.terms)


def explain(concept: Concept, alternative: Form) -> str:
    """Why a record that has this alternative matched: 'POWs → "prisoner of war" (thesaurus prisoner-of-war)'."""
    typed = " ".join(term.word for term in concept.terms)
    return f'{typed} → "{alternative.form}" ({alternative.source} {alternative.entry_id})'


class Lexicon:
    """Every form of every entry, by its first analysed term."""

    def __init__(self, forms: Iterable[Form]):
        self._by_first: dict[str, list[Form]] = {}
        self._by_entry: dict[tuple[str, str], list[Form]] = {}
        for form in forms:
            if not form.terms:
                continue  # a form of stop words only names nothing
            self._by_first.setdefault(form.terms[0], []).append(form)
            self._by_entry.setdefault((form.source, form.entry_id), []).append(form)

    def starting_with(self, term: str) -> list[Form]:
        return self._by_first.get(term, [])

    def forms_of(self, source: str, entry_id: str) -> list[Form]:
        return self._by_entry[(source, entry_id)]


def build_lexicon(
    *,
    thesaurus: Iterable[Mapping] = (),
    actors: Iterable[Mapping] = (),
    issues: Iterable[Mapping] = (),
) -> Lexicon:
    """A lexicon of thesaurus entries, actors and issues, given as plain records."""
    forms = []
    for entry in thesaurus:
        forms += [_form(text, THESAURUS, entry["id"]) for text in entry["terms"]]
    for source, records in ((ACTOR, actors), (ISSUE, issues)):
        for record in records:
            names = [record["name"], *record.get("aliases", ())]
            forms += [_form(text, source, record["id"]) for text in dict.fromkeys(names)]
    return Lexicon(forms)


def _form(text: str, source: str, entry_id: str) -> Form:
    terms = tuple(token.term for token in analyse(text) if not token.is_stop)
    return Form(terms, text, source, entry_id)


def expand(terms: list[QueryTerm], lexicon: Lexicon) -> list[Concept]:
    """The query as concepts, in order: each entry form it contains, with the entry's other forms; each other
    phrase and term as it is."""
    concepts: list[Concept] = []
    at = 0
    while at < len(terms):
        span, matched = _longest_match(terms, at, lexicon)
        if matched:
            concepts.append(_concept(terms[at : at + span], matched, lexicon))
        else:
            span = _group_length(terms, at)
            concepts.append(Concept(tuple(terms[at : at + span])))
        at += span
    return concepts


def _longest_match(terms: list[QueryTerm], at: int, lexicon: Lexicon) -> tuple[int, list[Form]]:
    """How many terms from ``at`` the longest matching forms cover, and those forms (of any entries)."""
    first = terms[at]
    if first.quoted or first.prefix or not _starts_group(terms, at):
        return 0, []
    best, found = 0, []
    for form in lexicon.starting_with(first.term):
        span = len(form.terms)
        window = terms[at : at + span]
        if (
            span >= best
            and len(window) == span
            and tuple(t.term for t in window) == form.terms
            and not any(t.quoted or t.prefix for t in window)
            and _ends_group(terms, at + span - 1)
        ):
            if span > best:
                best, found = span, []
            found.append(form)
    return best, found


def _concept(window: list[QueryTerm], matched: list[Form], lexicon: Lexicon) -> Concept:
    own = tuple(t.term for t in window)
    entries = list(dict.fromkeys((form.source, form.entry_id) for form in matched))
    matches = tuple(Match(form.source, form.entry_id, form.form) for form in matched)
    alternatives: dict[tuple[str, ...], Form] = {}
    for source, entry_id in entries:
        for form in lexicon.forms_of(source, entry_id):
            if form.terms != own and form.terms not in alternatives:
                alternatives[form.terms] = form
    return Concept(tuple(window), matches, tuple(alternatives.values()))


def _starts_group(terms: list[QueryTerm], at: int) -> bool:
    return terms[at].phrase is None or at == 0 or terms[at - 1].phrase != terms[at].phrase


def _ends_group(terms: list[QueryTerm], at: int) -> bool:
    return terms[at].phrase is None or at + 1 == len(terms) or terms[at + 1].phrase != terms[at].phrase


def _group_length(terms: list[QueryTerm], at: int) -> int:
    phrase = terms[at].phrase
    if phrase is None:
        return 1
    length = 1
    while at + length < len(terms) and terms[at + length].phrase == phrase:
        length += 1
    return length

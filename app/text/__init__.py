"""One text analyser for search, used when indexing and when querying, on both database backends.

``analyse`` and ``index_form`` turn a record's text into terms; ``query_terms`` reads what an analyst types
(keywords, a whole question, "quoted phrases", ``word*`` prefixes); ``expand`` adds aliases and thesaurus
synonyms; ``closest_terms`` answers "did you mean". All are pure functions of their arguments.
"""

from app.text.analyser import QueryTerm, Token, analyse, index_form, query_terms
from app.text.expansion import Concept, Form, Lexicon, Match, build_lexicon, expand, explain
from app.text.suggestions import Correction, Suggestion, closest_terms, corrections

__all__ = [
    "Concept",
    "Correction",
    "Form",
    "Lexicon",
    "Match",
    "QueryTerm",
    "Suggestion",
    "Token",
    "analyse",
    "build_lexicon",
    "closest_terms",
    "corrections",
    "expand",
    "explain",
    "index_form",
    "query_terms",
]

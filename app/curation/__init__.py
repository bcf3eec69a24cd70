"""The curation assistant: suggested, quote-anchored claims from a source text (issue 12).

Phase A is this pure core: ``suggest(text, vocabulary)`` over plain data, no database, nothing written.

    layout.py      lines → headings, lists, tables, field lines, prose (offsets kept)
    spans.py       blocks → claim-sized pieces (nupunkt sentences, coordinated splits, no prompts)
    dates.py, quantities.py, figures.py   figures as data and as the claim fields the seed uses
    actors.py      actors by every spelling, title, demonym and surname; unknown names as mentions
    attribution.py speakers from attribution patterns
    statement.py   a piece as a plain sentence
    suggest.py     the whole, with confidence and reasons;  evaluation.py  the comparison with curated claims
    folding.py     the analyser interface and its phase-A stand-in

Phase B wires it: ``GET /api/v1/sources/{id}/suggestions`` builds a ``Vocabulary`` from the actors (with
roles) and the thesaurus in the database and passes the shared ``app/text`` analyser as ``analyser``; it
then fills ``issue_ids``/``plan_point_ids`` by the analysed terms, ``claimed_by`` from stored claims whose
quote overlaps, and ``relations`` from claims with the same measure and another value or date.
"""

from app.curation.model import Suggestion, Vocabulary, claim_body
from app.curation.suggest import suggest

__all__ = ["Suggestion", "Vocabulary", "claim_body", "suggest"]

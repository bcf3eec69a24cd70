"""The curation assistant: suggested, quote-anchored claims from a source text (issue 12).

Phase A is this pure core: ``suggest(text, vocabulary)`` over plain data, no database, nothing written.

    layout.py      lines → headings, lists, tables, field lines, prose (offsets kept)
    spans.py       blocks → claim-sized pieces (nupunkt sentences, coordinated splits, no prompts)
    dates.py, quantities.py, figures.py   figures as data and as the claim fields the seed uses
    actors.py      actors by every spelling, title, demonym and surname; unknown names as mentions
    attribution.py speakers from attribution patterns
    statement.py   a piece as a plain sentence
    suggest.py     the whole, with confidence and reasons;  evaluation.py  the comparison with curated claims
    folding.py     the length-preserving fold the actor matcher compares by
    linking.py     issues, plan points and events by app/text terms; claimed_by; the relations run
    relations.py   candidate relations: figures, role holders, negations, refusals, who keeps watch
    output.py      bulk lines for ``peacekb import`` (stable ids) and the CLI's table

Phase B wires it: ``GET /api/v1/sources/{id}/suggestions`` (app/routes/suggestions.py) builds a
``Vocabulary`` from the actors (with aliases and roles) in the database and links the suggestions to what
the knowledge base holds (app/services/suggestions.py reads it, once per request). The actor matcher keeps
folding.py's fold: it must keep the text's length character for character (offsets anchor the quotes),
which app/text's analysis (terms with offsets) does not give; issue, plan-point and event links use app/text.
"""

from app.curation.model import Suggestion, Vocabulary, claim_body
from app.curation.suggest import suggest

__all__ = ["Suggestion", "Vocabulary", "claim_body", "suggest"]

"""The curation assistant: suggested, quote-anchored claims from a source text (issue 12).

Phase A is this pure core; phase B wires it to ``GET /api/v1/sources/{id}/suggestions``, the CLI and the
explorer, and links issues, plan points, events and contradictions through the shared text analyser.
"""

from app.curation.model import Suggestion, Vocabulary, claim_body
from app.curation.suggest import suggest

__all__ = ["Suggestion", "Vocabulary", "claim_body", "suggest"]

"""The curation assistant: suggested, quote-anchored claims for a stored source (issue 12)."""

from fastapi import Request

from app.curation import Suggestion
from app.db import SessionDep
from app.deps import SourceDep
from app.listing import Page, PageDep, PageParams, respond
from app.paging import PageResult
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.services.suggestions import suggestions_for

router = make_router(tags=["curation"])


def _page(suggestions: list[Suggestion], page: PageParams) -> PageResult[Suggestion]:
    """A page of suggestions computed in memory; a keyset cursor is the position to go on from."""
    start = int(page.after) if page.after and page.after.isdigit() else page.offset
    end = len(suggestions) if page.whole_collection else start + page.limit
    return PageResult(suggestions[start:end], len(suggestions), True, end < len(suggestions), lambda: str(end))


@router.get("/sources/{source_id}/suggestions", response_model=Page[Suggestion])
@in_read_pool
def list_source_suggestions(request: Request, session: SessionDep, page: PageDep, source: SourceDep):
    """List suggested claims for this source, ordered by quote_start.

    Each suggestion carries the claim create body's fields (`statement`, `quote`, `quote_start`/`quote_end`
    verified against the stored text, `speaker_id`, `stated_on`, `value`/`unit`/`measure`/`value_on`,
    `actor_ids`, `issue_ids`, `plan_point_ids`, `event_ids`): add an `id`, the `source_id` and a
    `credibility`, and POST it to /claims once reviewed. Besides them: `claimed_by` (stored claims whose quote
    overlaps it), candidate `relations` to stored claims (`contradicts`, `supports`, `updates`, each with
    its rationale), `mentions` (names that match no actor, with offsets), a `confidence` and its `reasons`.
    Nothing is written by asking; a text with no claim answers an empty page.
    """
    found = suggestions_for(session=session, text=source.text, published_on=source.published_on, source_id=source.id)
    return respond(request, page, _page(found, page), Suggestion)

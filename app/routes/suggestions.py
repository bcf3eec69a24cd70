"""The curation assistant: suggested, quote-anchored claims for a stored source (issue 12)."""

from typing import Annotated

from fastapi import Body, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from app.auth import Caller, require
from app.curation import Suggestion
from app.db import SessionDep
from app.deps import SourceDep
from app.listing import Page, PageDep, PageParams, respond
from app.models.fields import Day
from app.paging import PageResult
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.writes import WRITE_RESPONSES
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


class TextToSuggest(BaseModel):
    """A text not stored yet, and the day it was published (which dates "24 Dec")."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"text": "Ukraine freed 2,300 POWs on 24 Dec 2025.", "published_on": None}]},
    )

    text: str = Field(description="The text, as it will be stored; offsets are code points into it.")
    published_on: Day | None = None


SUGGESTED_EXAMPLE = {"items": [], "total": 0}


class SuggestedClaims(BaseModel):
    """Every suggestion for a text, in text order (``source_id`` and ``claimed_by`` wait for a stored source)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [SUGGESTED_EXAMPLE]}, json_schema_serialization_defaults_required=True
    )

    items: list[Suggestion]
    total: int


@router.post("/suggestions", response_model=SuggestedClaims, responses={401: WRITE_RESPONSES[401]})
def suggest_for_text(
    session: SessionDep,
    _caller: Annotated[Caller, Depends(require("read"))],
    body: Annotated[TextToSuggest, Body()],
):
    """Suggest claims for a text not stored yet.

    The same suggestions as for a stored source (relations to stored claims included), for a text a curator
    is about to add: store it as a source, then POST the reviewed suggestions as claims. Needs any API key;
    nothing is written. A body past the size limit answers 413.
    """
    found = suggestions_for(session=session, text=body.text, published_on=body.published_on)
    return SuggestedClaims(items=found, total=len(found))

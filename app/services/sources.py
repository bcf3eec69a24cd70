"""Reading sources: lists carry everything but the text; an item carries the text too."""

from datetime import date
from enum import Enum

from sqlalchemy import func, select
from sqlmodel import Session

from app.listing import PageParams, sort_of
from app.models import Source, SourceSummary
from app.models.source import SOURCE
from app.models.vocab import Reliability, SourceKind
from app.paging import PageResult, fetch_page
from app.services.lookup import fields_of, ordered_search

SORT_COLUMNS = SOURCE.sort_columns
SourceSort = sort_of("source")
SUMMARY_COLUMNS = [getattr(Source, name) for name in SourceSummary.model_fields if name != "text_length"]


def list_sources(
    *,
    session: Session,
    page: PageParams,
    sort: Enum | None = None,
    q: str | None = None,
    kind: SourceKind | None = None,
    reliability: Reliability | None = None,
    document_id: str | None = None,
    published_from: date | None = None,
    published_to: date | None = None,
) -> PageResult[SourceSummary]:
    """One page of sources (without their text) matching every given filter."""
    statement = select(Source)
    if kind:
        statement = statement.where(Source.kind == kind)
    if reliability:
        statement = statement.where(Source.reliability == reliability)
    if document_id:
        statement = statement.where(Source.document_id == document_id)
    if published_from:
        statement = statement.where(Source.published_on >= published_from)
    if published_to:
        statement = statement.where(Source.published_on <= published_to)
    statement, ordering = ordered_search(
        session, statement, Source, kind="source", q=q, sort=sort, columns=SORT_COLUMNS
    )
    # Select the summary columns only: a list never reads the (possibly long) texts.
    statement = statement.with_only_columns(*SUMMARY_COLUMNS, func.length(Source.text).label("text_length"))
    return fetch_page(session, statement, ordering, page, public=_summaries)


def _summaries(_session: Session, rows: list) -> list[SourceSummary]:
    return [SourceSummary.model_validate(fields_of(row)) for row in rows]

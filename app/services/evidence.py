"""The evidence a view cites, read in a few queries: claims by id, and the sources they quote (without text).

Views that embed evidence (the positions matrix, claim pairs) use these, so that a page showing fifty
claims costs the API a handful of queries and the browser one request, not one request per claim.
"""

from sqlalchemy import select
from sqlmodel import Session

from app import models
from app.models import ClaimPublic, SourceSummary
from app.models.source import SOURCE
from app.services import claims as claim_service
from app.services.records import summary_columns


def claims_by_id(session: Session, claim_ids: set[str]) -> dict[str, ClaimPublic]:
    """The claims with these ids, with their links and relations, by id."""
    if not claim_ids:
        return {}
    claim = models.Claim
    rows = session.execute(claim_service.CLAIM_ROW.where(claim.id.in_(sorted(claim_ids))).order_by(claim.id)).all()
    return {c.id: c for c in claim_service.to_public(session, rows)}


def sources_by_id(session: Session, source_ids: set[str]) -> dict[str, SourceSummary]:
    """The summaries (everything but the text) of these sources, by id."""
    if not source_ids:
        return {}
    source = models.Source
    rows = session.execute(
        select(*summary_columns(SOURCE)).where(source.id.in_(sorted(source_ids))).order_by(source.id)
    )
    summaries = [SourceSummary.model_validate(row._asdict()) for row in rows]
    return {s.id: s for s in summaries}

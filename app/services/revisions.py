"""Recording writes, and reading them back as a record's history or as the change feed."""

from sqlalchemy import select
from sqlmodel import Session

from app.keyset import Ordering
from app.listing import PageParams
from app.models import Revision, RevisionPublic
from app.paging import PageResult, fetch_page
from app.services.lookup import fields_of, rows_of


def record(session: Session, *, kind: str, record_id: str, operation: str, key_name: str, before, after) -> None:
    session.add(
        Revision(kind=kind, record_id=record_id, operation=operation, key_name=key_name, before=before, after=after)
    )


def history(*, session: Session, kind: str, record_id: str, page: PageParams) -> PageResult[RevisionPublic]:
    """A record's revisions, oldest first."""
    statement = rows_of(Revision).where(Revision.kind == kind, Revision.record_id == record_id)
    return fetch_page(session, statement, Ordering("", [], Revision.id), page, public=_revisions)


def _revisions(_session: Session, rows: list) -> list[RevisionPublic]:
    return [RevisionPublic.model_validate(fields_of(row)) for row in rows]


def changes_since(*, session: Session, since: int, limit: int, kinds: list[str] | None) -> list[RevisionPublic]:
    """Revisions after the cursor ``since``, in the order they were written."""
    statement = select(Revision).where(Revision.id > since)
    if kinds:
        statement = statement.where(Revision.kind.in_(kinds))
    rows = session.scalars(statement.order_by(Revision.id).limit(limit))
    return [RevisionPublic.model_validate(row.model_dump()) for row in rows]

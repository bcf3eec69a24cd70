"""Recording writes, and reading them back as a record's history or as the change feed."""

from sqlalchemy import select
from sqlmodel import Session

from app.keyset import Ordering
from app.listing import PageParams, fetch_page
from app.models import Revision, RevisionPublic
from app.services.lookup import fields_of, rows_of


def record(session: Session, *, kind: str, record_id: str, operation: str, key_name: str, before, after) -> None:
    session.add(
        Revision(kind=kind, record_id=record_id, operation=operation, key_name=key_name, before=before, after=after)
    )


def history(*, session: Session, kind: str, record_id: str, page: PageParams) -> tuple[list[RevisionPublic], int]:
    """A record's revisions, oldest first."""
    statement = rows_of(Revision).where(Revision.kind == kind, Revision.record_id == record_id)
    ordering = Ordering([Revision.id], sort=None, column=None, tiebreak=Revision.id)
    rows, total = fetch_page(session, statement, ordering, page)
    return [RevisionPublic.model_validate(fields_of(row)) for row in rows], total


def changes_since(*, session: Session, since: int, limit: int, kinds: list[str] | None) -> list[RevisionPublic]:
    """Revisions after the cursor ``since``, in the order they were written."""
    statement = select(Revision).where(Revision.id > since)
    if kinds:
        statement = statement.where(Revision.kind.in_(kinds))
    rows = session.scalars(statement.order_by(Revision.id).limit(limit))
    return [RevisionPublic.model_validate(row.model_dump()) for row in rows]

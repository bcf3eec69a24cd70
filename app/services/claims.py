"""Reading one claim fast, with its links and relations (its lists are app/services/records.py's)."""

from sqlmodel import Session

from app.errors import NotFound
from app.listing import sort_of
from app.models import Claim, ClaimPublic
from app.models.claim import CLAIM
from app.prepared import Prepared
from app.services.database_json import by_id, parsed
from app.services.lookup import rows_of
from app.services.resources import public_forms

SORT_COLUMNS = CLAIM.sort_columns
ClaimSort = sort_of("claim")


# Claims are read as column rows (evidence.py), not as ORM objects: on the hot paths the ORM's bookkeeping
# cost more than SQLite's work.
CLAIM_ROW = rows_of(Claim)


# A claim's public JSON built by the database in one statement, per dialect (app/services/database_json.py).
_JSON_BY_ID = {dialect: Prepared(by_id("claim", ClaimPublic, dialect)) for dialect in ("sqlite", "postgresql")}


def get_json(session: Session, claim_id: str) -> dict:
    """One claim's public form, as JSON-ready data built by the database, or NotFound."""
    connection = session.connection()
    found = _JSON_BY_ID[connection.dialect.name].rows(connection, id=claim_id)
    if not found:
        raise NotFound(f"No claim with id '{claim_id}'.")
    return parsed(found[0][0], ClaimPublic)


def get_public(session: Session, claim_id: str) -> ClaimPublic:
    """One claim as its public model (what JSON-LD reads), from the JSON the database builds, or NotFound."""
    return ClaimPublic.model_validate(get_json(session, claim_id))


def to_public(session: Session, claims: list) -> list[ClaimPublic]:
    """Claims (ORM objects or column rows) with their links and relations: two queries for the whole page."""
    return public_forms(session, "claim", claims)

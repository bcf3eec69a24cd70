"""Reading one claim fast, with its links and relations (its lists are app/services/records.py's)."""

from sqlalchemy import bindparam, literal, or_, select, union_all
from sqlmodel import Session

from app.errors import NotFound
from app.listing import sort_of
from app.models import Claim, ClaimPublic, ClaimRelation
from app.models.claim import CLAIM
from app.prepared import Prepared
from app.services.database_json import by_id, parsed
from app.services.lookup import rows_of
from app.services.resources import link_columns, public_forms
from app.services.rules import RELATIONS, relation_views

SORT_COLUMNS = CLAIM.sort_columns
ClaimSort = sort_of("claim")


CLAIM_LINKS = link_columns("claim")


# Claims are read as column rows through the session's connection, not as ORM objects, and their statements
# are built once: on the hot paths (a claim by id, a page of claims) the ORM's bookkeeping cost more than
# SQLite's work.
CLAIM_ROW = rows_of(Claim)
_CLAIM_BY_ID = Prepared(CLAIM_ROW.where(Claim.__table__.c.id == bindparam("claim_id")))
_LINKS_OF_ONE = Prepared(
    union_all(*(select(literal(field), target).where(owner == bindparam("claim_id"))
                for field, (owner, target) in CLAIM_LINKS.items()))
)  # fmt: skip
_RELATIONS_OF_ONE = Prepared(
    RELATIONS.where(or_(ClaimRelation.from_claim_id == bindparam("id"), ClaimRelation.to_claim_id == bindparam("id")))
)


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
    """One claim with its links and relations, or NotFound: three prepared primary-key reads."""
    connection = session.connection()
    found = _CLAIM_BY_ID.rows(connection, claim_id=claim_id)
    if not found:
        raise NotFound(f"No claim with id '{claim_id}'.")
    claim = dict(zip(CLAIM_ROW.selected_columns.keys(), found[0], strict=True))
    for field in CLAIM_LINKS:
        claim[field] = []
    for field, target in sorted(_LINKS_OF_ONE.rows(connection, claim_id=claim_id)):  # ids by code point, as in lists
        claim[field].append(target)
    relations = _RELATIONS_OF_ONE.rows(connection, id=claim_id)
    claim["relations"] = [view for relation in relations for own, view in relation_views(*relation) if own == claim_id]
    return ClaimPublic.model_validate(claim)


def to_public(session: Session, claims: list) -> list[ClaimPublic]:
    """Claims (ORM objects or column rows) with their links and relations: two queries for the whole page."""
    return public_forms(session, "claim", claims)

"""Claim relations: the typed links (contradicts / supports / updates) between claims."""

from app.models.claim import CLAIM_RELATION
from app.routes.records import read_router

router = read_router(
    CLAIM_RELATION,
    list_doc="List typed relations between claims: contradictions, support, updates.",
    item_doc="Get one claim relation.",
    sub_lists=(),
)

"""Claim relations: the typed links (contradicts / supports / updates) between claims."""

from app.models.claim import CLAIM_RELATION
from app.routes.records import read_router

router = read_router(CLAIM_RELATION)

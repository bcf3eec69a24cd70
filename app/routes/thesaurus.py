"""The search thesaurus: curated sets of words that mean the same, which search expands queries by."""

from app.models.thesaurus import THESAURUS_ENTRY
from app.routes.records import read_router

router = read_router(THESAURUS_ENTRY)

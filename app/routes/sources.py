"""Sources: the stored texts every claim quotes (a list answers them without their text)."""

from app.models.source import SOURCE
from app.routes.records import SubList, read_router

router = read_router(
    SOURCE,
    list_doc="List sources (without their text; get one source for its text).",
    item_doc="Get one source with its full text, exactly as published, and its sha256.",
    sub_lists=(
        SubList("claims", "list_source_claims", "claim", "source_id", "List the claims quoted from this source."),
    ),
)

"""Search across every kind of record: hits ranked by relevance, with highlighted snippets."""

from pydantic import BaseModel, Field
from sqlmodel import Session

from app.listing import PageParams
from app.models.vocab import RecordKind
from app.paging import PageResult, fetch_page
from app.ranking import RankedSearch
from app.search import snippets

SearchKind = RecordKind


class SearchHit(BaseModel):
    """A record that matches, with the matching words marked up in `<mark>` in an HTML-escaped snippet."""

    kind: SearchKind
    id: str = Field(examples=["russia-controls-99-percent-luhansk"])
    title: str
    snippet: str = Field(examples=["…near-total domination-about <mark>99</mark>%-in neighboring Luhansk…"])
    score: float = Field(description="Relevance (higher is better), comparable within one query.")


def search_records(
    *, session: Session, page: PageParams, q: str, kinds: list[str] | None = None
) -> PageResult[SearchHit]:
    """The page of hits ``page`` names, best first (app/ranking.py); snippets are made for its hits only."""

    def hits(_session: Session, rows: list) -> list[SearchHit]:
        marked = snippets(session, q, [row.seq for row in rows])
        return [
            SearchHit(kind=row.kind, id=row.item_id, title=row.title, snippet=marked[row.seq], score=-row.rank)
            for row in rows
        ]

    ordering = RankedSearch(session, q, kinds=kinds)
    return fetch_page(session, None, ordering, page, public=hits)

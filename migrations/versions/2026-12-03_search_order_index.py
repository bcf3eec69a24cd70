"""PostgreSQL: an index on the search table's ``seq``, the order relevance tiers are cut in.

A relevance tier is the newest ``count_limit + 1`` matches (app/ranking.py): ``ORDER BY seq DESC LIMIT 1001``
over the matching entries. SQLite's FTS5 walks its rowid backwards and stops there; PostgreSQL, with no index
on ``seq``, read every match of a common word (a parallel scan of the whole table, 0.9 s at a million
claims) to sort them. With one it walks ``seq`` backwards and checks each entry's ``tsvector`` until the tier
is full (6 ms); a rare word still takes the GIN index. ``(kind, seq)`` serves a list's tier of one kind.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 10:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX IF NOT EXISTS search_index_seq ON search_index (seq)")
        op.execute("CREATE INDEX IF NOT EXISTS search_index_kind_seq ON search_index (kind, seq)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS search_index_kind_seq")
        op.execute("DROP INDEX IF EXISTS search_index_seq")

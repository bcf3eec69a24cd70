"""SQLite: find a record's search index entry by (kind, item_id) through an index, not by scanning FTS5.

FTS5 stores its rows in the shadow table ``search_index_content`` (``id`` is the rowid, ``c0``… the columns in
declared order: ``c0`` kind, ``c1`` item_id) and indexes none of its UNINDEXED columns. /search matches claims
linked to an actor the query names (app/ranking.py) by their entries' rowids, read off this index. PostgreSQL's
``search_index`` has its primary key on (kind, item_id) already.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 12:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE INDEX IF NOT EXISTS search_index_entry ON search_index_content (c0, c1)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP INDEX IF EXISTS search_index_entry")

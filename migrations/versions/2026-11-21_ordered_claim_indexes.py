"""Bounded reads: claim indexes holding the claim id second, and the order search entries were written in.

An index on (actor_id) alone lists an actor's claims in storage order: a page of them in id order had to
collect and sort all of them (120,000 for the busiest actor at a million claims). On (actor_id, claim_id)
the first page is the first 50 entries. Each new index replaces the one it extends.

Relevance ranking keeps the most recently indexed matches (app/search.py): FTS5 has that order in its
rowid; PostgreSQL's search table gets an identity column, ``seq``, for it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 19:50:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table, filtering column, the claim id column
ORDERED = [
    ("claim", "source_id", "id"),
    ("claim", "speaker_id", "id"),
    ("claim_actor", "actor_id", "claim_id"),
    ("claim_plan_point", "plan_point_id", "claim_id"),
    ("claim_issue", "issue_id", "claim_id"),
    ("claim_event", "event_id", "claim_id"),
]


def upgrade() -> None:
    for table, column, claim_id in ORDERED:
        op.create_index(f"ix_{table}_{column}_{claim_id}", table, [column, claim_id])
        op.drop_index(f"ix_{table}_{column}", table_name=table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_index ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_index DROP COLUMN seq")
    for table, column, claim_id in ORDERED:
        op.create_index(f"ix_{table}_{column}", table, [column])
        op.drop_index(f"ix_{table}_{column}_{claim_id}", table_name=table)

"""Claims' quote offsets in UTF-16 code units too, the units a browser's strings count.

``quote_start_utf16`` and ``quote_end_utf16`` are filled from each claim's source text: they equal the
code-point offsets unless a character outside the Basic Multilingual Plane (an emoji) comes before or inside
the quote, so only the claims of sources holding one are computed one by one.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("quote_start_utf16", "quote_end_utf16")
SOURCES_AT_ONCE = 1000


def upgrade() -> None:
    with op.batch_alter_table("claim") as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=True))
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE claim SET quote_start_utf16 = quote_start, quote_end_utf16 = quote_end"))
    _fill_beyond_the_bmp(bind)
    with op.batch_alter_table("claim") as batch_op:
        for name in COLUMNS:
            batch_op.alter_column(name, existing_type=sa.Integer(), nullable=False)


def _fill_beyond_the_bmp(bind: sa.Connection) -> None:
    """The UTF-16 offsets of the claims whose source text holds a character beyond U+FFFF."""
    last = ""
    while True:
        sources = bind.execute(
            sa.text("SELECT id, text FROM source WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": SOURCES_AT_ONCE},
        ).all()
        if not sources:
            return
        last = sources[-1][0]
        for source_id, text in sources:
            if all(ord(character) <= 0xFFFF for character in text):
                continue
            claims = bind.execute(
                sa.text("SELECT id, quote_start, quote_end FROM claim WHERE source_id = :source"),
                {"source": source_id},
            ).all()
            updates = [
                {"id": claim_id, "start": _utf16(text, start), "end": _utf16(text, end)}
                for claim_id, start, end in claims
            ]
            if updates:
                bind.execute(
                    sa.text("UPDATE claim SET quote_start_utf16 = :start, quote_end_utf16 = :end WHERE id = :id"),
                    updates,
                )


def _utf16(text: str, offset: int) -> int:
    # Frozen here rather than imported: a migration must not change when app/services/anchoring.py does.
    return len(text[:offset].encode("utf-16-le")) // 2


def downgrade() -> None:
    with op.batch_alter_table("claim") as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)

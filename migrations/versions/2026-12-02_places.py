"""Places the sources name, with curated coordinates, and the claims and events that mention them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("city", "town", "village", "region", "country", "facility", "venue")


def upgrade() -> None:
    op.create_table(
        "place",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sa.Enum(*KINDS, name="placekind"), nullable=False),
        sa.Column("region", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.CheckConstraint("latitude BETWEEN -90 AND 90", name="place_latitude_range"),
        sa.CheckConstraint("longitude BETWEEN -180 AND 180", name="place_longitude_range"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_place_region"), "place", ["region"], unique=False)
    op.create_index(op.f("ix_place_country"), "place", ["country"], unique=False)
    for link, target in (("place_claim", "claim"), ("place_event", "event")):
        op.create_table(
            link,
            sa.Column("place_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
            sa.Column(f"{target}_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
            sa.ForeignKeyConstraint(["place_id"], ["place.id"], ondelete="CASCADE"),
            sa.ForeignKeyConstraint([f"{target}_id"], [f"{target}.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("place_id", f"{target}_id"),
        )
        op.create_index(op.f(f"ix_{link}_{target}_id"), link, [f"{target}_id"], unique=False)


def downgrade() -> None:
    for link, target in (("place_event", "event"), ("place_claim", "claim")):
        op.drop_index(op.f(f"ix_{link}_{target}_id"), table_name=link)
        op.drop_table(link)
    op.drop_index(op.f("ix_place_country"), table_name="place")
    op.drop_index(op.f("ix_place_region"), table_name="place")
    op.drop_table("place")
    sa.Enum(name="placekind").drop(op.get_bind(), checkfirst=True)

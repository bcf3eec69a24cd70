"""Initial schema: every table of the model, and the full-text search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-21 16:28:44.852343
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "actor",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("person", "state", "organisation", "body", "proposed_body", "group", name="actorkind"),
            nullable=False,
        ),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("affiliation_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["affiliation_id"],
            ["actor.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_affiliation_id"), ["affiliation_id"], unique=False)

    op.create_table(
        "disputed_issue",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "document",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "event",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "strike",
                "attack",
                "capture",
                "withdrawal",
                "call",
                "meeting",
                "talks",
                "press_conference",
                "announcement",
                "statement",
                "evacuation",
                "other",
                name="eventkind",
            ),
            nullable=False,
        ),
        sa.Column("occurred_on", sa.Date(), nullable=True),
        sa.Column("date_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("location", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_occurred_on"), ["occurred_on"], unique=False)

    op.create_table(
        "event_actor",
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("actor_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actor.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "actor_id"),
    )
    with op.batch_alter_table("event_actor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_actor_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "source",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "news_article",
                "blog_post",
                "official_statement",
                "press_release",
                "transcript",
                "report",
                "other",
                name="sourcekind",
            ),
            nullable=False,
        ),
        sa.Column("publisher", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("attributed_to", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("reliability", sa.Enum("A", "B", "C", "D", "E", "F", name="reliability"), nullable=False),
        sa.Column("reliability_note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("document_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("document_start", sa.Integer(), nullable=True),
        sa.Column("document_end", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_source_published_on"), ["published_on"], unique=False)

    op.create_table(
        "claim",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("statement", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("quote_start", sa.Integer(), nullable=False),
        sa.Column("quote_end", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("attribution", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("stated_on", sa.Date(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("measure", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("value_on", sa.Date(), nullable=True),
        sa.Column("credibility", sa.Integer(), nullable=False),
        sa.Column("credibility_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.CheckConstraint("credibility BETWEEN 1 AND 6", name="claim_credibility_range"),
        sa.CheckConstraint("quote_start >= 0 AND quote_end > quote_start", name="claim_quote_span"),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["actor.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_speaker_id"), ["speaker_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_stated_on"), ["stated_on"], unique=False)

    op.create_table(
        "plan",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "proposed",
                "under_negotiation",
                "superseded",
                "accepted",
                "rejected",
                name="planstatus",
            ),
            nullable=False,
        ),
        sa.Column("announced_on", sa.Date(), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("supersedes_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("source_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["plan.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_announced_on"), ["announced_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_supersedes_id"), ["supersedes_id"], unique=False)

    op.create_table(
        "actor_role",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("claim_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actor.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("actor_role", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_role_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_actor_role_claim_id"), ["claim_id"], unique=False)

    op.create_table(
        "claim_actor",
        sa.Column("claim_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("actor_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actor.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id", "actor_id"),
    )
    with op.batch_alter_table("claim_actor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_actor_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "claim_event",
        sa.Column("claim_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id", "event_id"),
    )
    with op.batch_alter_table("claim_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_event_event_id"), ["event_id"], unique=False)

    op.create_table(
        "claim_issue",
        sa.Column("claim_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("issue_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["issue_id"], ["disputed_issue.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id", "issue_id"),
    )
    with op.batch_alter_table("claim_issue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_issue_issue_id"), ["issue_id"], unique=False)

    op.create_table(
        "claim_relation",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("type", sa.Enum("contradicts", "supports", "updates", name="relationtype"), nullable=False),
        sa.Column("from_claim_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("to_claim_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("rationale", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.CheckConstraint("from_claim_id <> to_claim_id", name="claim_relation_not_self"),
        sa.ForeignKeyConstraint(
            ["from_claim_id"],
            ["claim.id"],
        ),
        sa.ForeignKeyConstraint(
            ["to_claim_id"],
            ["claim.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("type", "from_claim_id", "to_claim_id", name="claim_relation_unique"),
    )
    with op.batch_alter_table("claim_relation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_relation_from_claim_id"), ["from_claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_relation_to_claim_id"), ["to_claim_id"], unique=False)

    op.create_table(
        "plan_point",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("plan_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("parent_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("ordinal", sa.Integer(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "security_guarantees",
                "territory",
                "ceasefire",
                "economy",
                "humanitarian",
                "governance",
                "military",
                "nuclear",
                "verification",
                "diplomacy",
                "other",
                name="pointcategory",
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["plan_point.id"],
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plan.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("plan_point", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_point_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_point_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_proposer",
        sa.Column("plan_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("actor_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actor.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "actor_id"),
    )
    with op.batch_alter_table("plan_proposer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_proposer_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "claim_plan_point",
        sa.Column("claim_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("plan_point_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_point_id"], ["plan_point.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id", "plan_point_id"),
    )
    with op.batch_alter_table("claim_plan_point", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_plan_point_plan_point_id"), ["plan_point_id"], unique=False)

    op.create_table(
        "plan_point_issue",
        sa.Column("plan_point_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("issue_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["issue_id"], ["disputed_issue.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_point_id"], ["plan_point.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_point_id", "issue_id"),
    )
    with op.batch_alter_table("plan_point_issue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_point_issue_issue_id"), ["issue_id"], unique=False)

    op.create_table(
        "position",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("actor_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("stance", sa.Enum("supports", "opposes", "conditional", "unclear", name="stance"), nullable=False),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("issue_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("plan_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("plan_point_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.CheckConstraint(
            "issue_id IS NOT NULL OR plan_id IS NOT NULL OR plan_point_id IS NOT NULL",
            name="position_has_target",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"],
            ["disputed_issue.id"],
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plan.id"],
        ),
        sa.ForeignKeyConstraint(
            ["plan_point_id"],
            ["plan_point.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("position", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_position_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_position_issue_id"), ["issue_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_position_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_position_plan_point_id"), ["plan_point_id"], unique=False)

    op.create_table(
        "position_claim",
        sa.Column("position_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("claim_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["position_id"], ["position.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("position_id", "claim_id"),
    )
    with op.batch_alter_table("position_claim", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_position_claim_claim_id"), ["claim_id"], unique=False)

    # The search index is backend-specific and Alembic cannot describe it: written out here so this migration
    # stays frozen even when app/search.py moves on. Titles weigh more than bodies in both.
    if op.get_bind().dialect.name == "postgresql":
        # English stemming with accents folded (zelenskíy finds Zelenskiy), as FTS5's remove_diacritics does.
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        op.execute("CREATE TEXT SEARCH CONFIGURATION peacekb (COPY = english)")
        op.execute(
            "ALTER TEXT SEARCH CONFIGURATION peacekb ALTER MAPPING FOR hword, hword_part, word"
            " WITH unaccent, english_stem"
        )
        op.execute(
            "CREATE TABLE search_index (kind text NOT NULL, item_id text NOT NULL, title text NOT NULL,"
            " body text NOT NULL, document tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('peacekb', title), 'A') || setweight(to_tsvector('peacekb', body), 'D')) STORED,"
            " PRIMARY KEY (kind, item_id))"
        )
        op.execute("CREATE INDEX search_index_document ON search_index USING gin (document)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5("
            "kind UNINDEXED, item_id UNINDEXED, title, body, tokenize='porter unicode61 remove_diacritics 2')"
        )
        op.execute("INSERT INTO search_index(search_index, rank) VALUES('rank', 'bm25(0.0, 0.0, 10.0, 1.0)')")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS search_index")
    with op.batch_alter_table("position_claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_position_claim_claim_id"))

    op.drop_table("position_claim")
    with op.batch_alter_table("position", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_position_plan_point_id"))
        batch_op.drop_index(batch_op.f("ix_position_plan_id"))
        batch_op.drop_index(batch_op.f("ix_position_issue_id"))
        batch_op.drop_index(batch_op.f("ix_position_actor_id"))

    op.drop_table("position")
    with op.batch_alter_table("plan_point_issue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_point_issue_issue_id"))

    op.drop_table("plan_point_issue")
    with op.batch_alter_table("claim_plan_point", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_plan_point_plan_point_id"))

    op.drop_table("claim_plan_point")
    with op.batch_alter_table("plan_proposer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_proposer_actor_id"))

    op.drop_table("plan_proposer")
    with op.batch_alter_table("plan_point", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_point_plan_id"))
        batch_op.drop_index(batch_op.f("ix_plan_point_parent_id"))

    op.drop_table("plan_point")
    with op.batch_alter_table("claim_relation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_relation_to_claim_id"))
        batch_op.drop_index(batch_op.f("ix_claim_relation_from_claim_id"))

    op.drop_table("claim_relation")
    with op.batch_alter_table("claim_issue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_issue_issue_id"))

    op.drop_table("claim_issue")
    with op.batch_alter_table("claim_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_event_event_id"))

    op.drop_table("claim_event")
    with op.batch_alter_table("claim_actor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_actor_actor_id"))

    op.drop_table("claim_actor")
    with op.batch_alter_table("actor_role", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_role_claim_id"))
        batch_op.drop_index(batch_op.f("ix_actor_role_actor_id"))

    op.drop_table("actor_role")
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_supersedes_id"))
        batch_op.drop_index(batch_op.f("ix_plan_source_id"))
        batch_op.drop_index(batch_op.f("ix_plan_announced_on"))

    op.drop_table("plan")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_stated_on"))
        batch_op.drop_index(batch_op.f("ix_claim_speaker_id"))
        batch_op.drop_index(batch_op.f("ix_claim_source_id"))

    op.drop_table("claim")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_published_on"))
        batch_op.drop_index(batch_op.f("ix_source_document_id"))

    op.drop_table("source")
    with op.batch_alter_table("event_actor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_actor_actor_id"))

    op.drop_table("event_actor")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_occurred_on"))

    op.drop_table("event")
    op.drop_table("document")
    op.drop_table("disputed_issue")
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_affiliation_id"))

    op.drop_table("actor")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS peacekb")
        # PostgreSQL keeps enum types apart from the tables that used them.
        for enum in (
            "actorkind",
            "eventkind",
            "planstatus",
            "pointcategory",
            "relationtype",
            "reliability",
            "sourcekind",
            "stance",
        ):
            op.execute(f"DROP TYPE IF EXISTS {enum}")

"""Search over analysed text: the index holds each record's terms (app/text) beside its raw text; issue aliases
and the thesaurus are stored, so that queries expand by them.

Both backends now index the same terms, made by one analyser in Python (``index_form``), instead of each
stemming in its own way: SQLite's FTS5 table is rebuilt over ``title_terms`` and ``body_terms`` (the raw
``title`` and ``body`` stay stored, unindexed, for snippets), and PostgreSQL's ``document`` becomes a weighted
``to_tsvector('simple', …)`` of the terms. Existing entries are analysed here, in the order they were written,
so relevance tiers keep their order.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.text import index_form

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AT_ONCE = 1000


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("disputed_issue") as batch_op:
        batch_op.add_column(sa.Column("aliases", sa.JSON(), nullable=False, server_default="[]"))
    op.create_table(
        "thesaurus_entry",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
    )
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE search_index ADD COLUMN title_terms text NOT NULL DEFAULT ''")
        op.execute("ALTER TABLE search_index ADD COLUMN body_terms text NOT NULL DEFAULT ''")
        _analyse_rows(bind, order="seq", key="seq")
        op.execute("ALTER TABLE search_index DROP COLUMN document")  # drops its GIN index too
        op.execute(
            "ALTER TABLE search_index ADD COLUMN document tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', body_terms), 'D'))"
            " STORED"
        )
        op.execute("CREATE INDEX search_index_document ON search_index USING gin (document)")
        return
    op.execute(
        "CREATE VIRTUAL TABLE search_index_analysed USING fts5(kind UNINDEXED, item_id UNINDEXED, title UNINDEXED,"
        " body UNINDEXED, title_terms, body_terms, tokenize='unicode61 remove_diacritics 0')"
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT rowid, kind, item_id, title, body FROM search_index WHERE rowid > :last ORDER BY rowid LIMIT :n"
            ),
            {"last": last, "n": AT_ONCE},
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        bind.execute(
            sa.text(
                "INSERT INTO search_index_analysed (rowid, kind, item_id, title, body, title_terms, body_terms)"
                " VALUES (:rowid, :kind, :item_id, :title, :body, :title_terms, :body_terms)"
            ),
            [
                {
                    "rowid": rowid,
                    "kind": kind,
                    "item_id": item_id,
                    "title": title,
                    "body": body,
                    "title_terms": index_form(title),
                    "body_terms": index_form(body),
                }
                for rowid, kind, item_id, title, body in rows
            ],
        )
    op.execute("DROP TABLE search_index")
    op.execute("ALTER TABLE search_index_analysed RENAME TO search_index")
    op.execute("INSERT INTO search_index(search_index, rank) VALUES('rank', 'bm25(0.0, 0.0, 0.0, 0.0, 10.0, 1.0)')")


def _analyse_rows(bind: sa.Connection, *, order: str, key: str) -> None:
    last = 0
    while True:
        rows = bind.execute(
            sa.text(f"SELECT {key}, title, body FROM search_index WHERE {key} > :last ORDER BY {order} LIMIT :n"),
            {"last": last, "n": AT_ONCE},
        ).all()
        if not rows:
            return
        last = rows[-1][0]
        bind.execute(
            sa.text(f"UPDATE search_index SET title_terms = :t, body_terms = :b WHERE {key} = :k"),
            [{"k": k, "t": index_form(title), "b": index_form(body)} for k, title, body in rows],
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE search_index DROP COLUMN document")
        op.execute(
            "ALTER TABLE search_index ADD COLUMN document tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('peacekb', title), 'A') || setweight(to_tsvector('peacekb', body), 'D')) STORED"
        )
        op.execute("CREATE INDEX search_index_document ON search_index USING gin (document)")
        op.execute("ALTER TABLE search_index DROP COLUMN title_terms")
        op.execute("ALTER TABLE search_index DROP COLUMN body_terms")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE search_index_raw USING fts5("
            "kind UNINDEXED, item_id UNINDEXED, title, body, tokenize='porter unicode61 remove_diacritics 2')"
        )
        op.execute(
            "INSERT INTO search_index_raw (rowid, kind, item_id, title, body)"
            " SELECT rowid, kind, item_id, title, body FROM search_index ORDER BY rowid"
        )
        op.execute("DROP TABLE search_index")
        op.execute("ALTER TABLE search_index_raw RENAME TO search_index")
        op.execute("INSERT INTO search_index(search_index, rank) VALUES('rank', 'bm25(0.0, 0.0, 10.0, 1.0)')")
    op.drop_table("thesaurus_entry")
    with op.batch_alter_table("disputed_issue") as batch_op:
        batch_op.drop_column("aliases")

"""The benchmark's PostgreSQL database: the schema the migrations build, holding the rows of the SQLite file.

``peacekb import`` on PostgreSQL takes the engine's record-by-record path (35 records/s here), so the
benchmark loads the server the way a migration between backends would: the SQLite file's rows, table by
table, with ``COPY``, into the schema ``peacekb db upgrade`` made — the search index's analysed terms
included (its tsvector is generated from them). The benchmark then checks that both servers answer the same
records (``bench/run.py``, ``same_answers``).
"""

import sqlite3
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from app.migrate import upgrade

# Columns of this kind the server fills itself: a generated column, or an identity that refuses values.
OWN_COLUMNS = """
SELECT table_name, column_name FROM information_schema.columns
 WHERE table_schema = 'public' AND (is_generated = 'ALWAYS' OR identity_generation = 'ALWAYS')
"""
COLUMNS = """
SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'
 ORDER BY table_name, ordinal_position
"""


def libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def create_database(admin_url: str, name: str) -> str:
    """A new, empty database ``name`` (dropped first if it exists); its SQLAlchemy URL."""
    with psycopg.connect(libpq(admin_url), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def copy_from_sqlite(database: Path, url: str) -> dict[str, int]:
    """Migrate ``url`` to head and copy every row of the SQLite ``database`` into it; rows per table."""
    upgrade(url)
    copied: dict[str, int] = {}
    with psycopg.connect(libpq(url)) as pg, sqlite3.connect(f"file:{database}?mode=ro", uri=True) as lite:
        # Keys are checked by the SQLite file's own constraints; off here, so that no table order matters.
        pg.execute("SET session_replication_role = replica")
        own = set(pg.execute(OWN_COLUMNS).fetchall())
        columns: dict[str, list[str]] = {}
        for table, column in pg.execute(COLUMNS).fetchall():
            if (table, column) not in own:
                columns.setdefault(table, []).append(column)
        for table, names in columns.items():
            if table == "alembic_version":
                continue
            listed = ", ".join(f'"{name}"' for name in names)
            rows = lite.execute(f"SELECT {listed} FROM {table} ORDER BY rowid")  # rowid: the index's order too
            with pg.cursor().copy(f'COPY "{table}" ({listed}) FROM STDIN') as copy:
                count = 0
                for row in rows:
                    copy.write_row(row)
                    count += 1
            copied[table] = count
        for table, column, sequence in pg.execute(
            "SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name)"
            " FROM information_schema.columns WHERE table_schema = 'public'"
        ).fetchall():
            if sequence and (table, column) not in own:
                pg.execute(f'SELECT setval(%s, coalesce((SELECT max("{column}") FROM "{table}"), 0) + 1, false)',
                           (sequence,))  # fmt: skip
        pg.commit()
        pg.autocommit = True
        # A served database is vacuumed (autovacuum does it after bulk inserts): its visibility map set, an
        # index-only scan reads no heap page. Freshly copied, every row is unchecked, and an offset walk or a
        # count fetches each row from the heap.
        pg.execute("VACUUM (ANALYZE)")
    return copied

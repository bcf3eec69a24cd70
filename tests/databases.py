"""Test databases on either backend: a template built once (migrations, maybe data), cloned for each test.

SQLite clones by copying the file; PostgreSQL by ``CREATE DATABASE … TEMPLATE``. Which backends run is set by
the environment: SQLite always; PostgreSQL when ``PEACEKB_TEST_POSTGRES_URL`` names a server (e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/test``), on which the suite creates and drops its own databases.
"""

import itertools
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_URL = os.environ.get("PEACEKB_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgres"]


class SqliteDatabases:
    name = "sqlite"

    def __init__(self, directory: Path):
        self.directory = directory
        self.counter = itertools.count()

    def template(self, label: str, build: Callable[[str], None]) -> str:
        url = f"sqlite:///{self.directory / f'template-{label}.db'}"
        build(url)
        return url

    def clone(self, template: str, directory: Path | None = None) -> str:
        source = Path(make_url(template).database)
        target = (directory or self.directory) / f"{source.stem}-{next(self.counter)}.db"
        shutil.copyfile(source, target)
        return f"sqlite:///{target}"

    def empty(self, directory: Path | None = None) -> str:
        """A database with nothing in it, not even the schema."""
        return f"sqlite:///{(directory or self.directory) / f'empty-{next(self.counter)}.db'}"

    def drop(self, url: str) -> None:
        """Temporary files go with pytest's tmp directories."""

    def close(self) -> None:
        pass


class PostgresDatabases:
    name = "postgres"

    def __init__(self, server_url: str):
        self.server = make_url(server_url)
        self.admin = create_engine(self.server, isolation_level="AUTOCOMMIT", pool_size=1)
        self.prefix = f"peacekb_test_{os.getpid()}"
        self.counter = itertools.count()
        self.created: list[str] = []

    def _create(self, name: str, template: str | None = None) -> str:
        clause = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        self.created.append(name)
        return self.server.set(database=name).render_as_string(hide_password=False)

    def template(self, label: str, build: Callable[[str], None]) -> str:
        url = self._create(f"{self.prefix}_template_{label}")
        build(url)
        return url

    def clone(self, template: str, directory: Path | None = None) -> str:
        return self._create(f"{self.prefix}_{next(self.counter)}", make_url(template).database)

    def empty(self, directory: Path | None = None) -> str:
        return self._create(f"{self.prefix}_{next(self.counter)}")

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if name in self.created:
            self.created.remove(name)

    def close(self) -> None:
        for name in list(self.created):
            self.drop(self.server.set(database=name).render_as_string(hide_password=False))
        self.admin.dispose()

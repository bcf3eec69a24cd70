"""The ``peacekb`` command line: serve, migrate, seed, export and count the knowledge base."""

import errno
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import click
import typer
from sqlmodel import Session
from typer.core import TyperGroup

from app.config import get_settings

# Set to any value to see the traceback of a failure instead of its one line (read straight from the
# environment, not the settings: the settings themselves may be what failed).
DEBUG_VARIABLE = "PEACEKB_DEBUG"


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def failure_message(error: Exception) -> str:
    """What a failed command prints: the reason in one line (a seed's report lists each of its problems)."""
    from pydantic import ValidationError
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    from app.errors import Problem
    from app.services.backup import BackupError
    from app.services.seed_reader import SeedError

    if isinstance(error, SeedError):
        return str(error)
    if isinstance(error, ValidationError):
        settings = error.title == "Settings"  # whose fields are named by their environment variables

        def field(location: tuple) -> str:
            name = ".".join(map(str, location))
            return f"PEACEKB_{name.upper()}" if settings else f"{error.title}.{name}"

        return "; ".join(f"{field(e['loc'])}: {e['msg']}" for e in error.errors())
    if isinstance(error, DBAPIError):
        return f"database error: {_one_line(error.orig)}"
    if isinstance(error, SQLAlchemyError):
        # args[0] is the message alone; str() appends a link to SQLAlchemy's error pages.
        return f"database error: {_one_line(error.args[0] if error.args else type(error).__name__)}"
    if isinstance(error, OSError) and error.strerror:
        return _one_line(f"{error.filename}: {error.strerror}" if error.filename else error.strerror)
    if isinstance(error, Problem | BackupError | OSError | ValueError):
        return _one_line(error)
    return f"unexpected {type(error).__name__}: {_one_line(error)} (run with {DEBUG_VARIABLE}=1 for the traceback)"


class OneLineFailures(TyperGroup):
    """The one place where a command's failure becomes one line on stderr and a non-zero exit, never a
    traceback: 2 for a value given wrongly (ValueError), 1 for anything else."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, click.exceptions.Exit, click.ClickException, click.Abort):
            raise  # Typer's and Click's own endings: a command's chosen exit, usage errors, Ctrl-C
        except Exception as error:
            if os.environ.get(DEBUG_VARIABLE) or (isinstance(error, OSError) and error.errno == errno.EPIPE):
                raise  # Click's main ends a closed pipe (`peacekb export | head`) quietly
            typer.echo(failure_message(error), err=True)
            raise typer.Exit(2 if isinstance(error, ValueError) else 1) from None


app = typer.Typer(
    cls=OneLineFailures,
    help="PeaceKB: a provenance-first knowledge base of the 2025 Ukraine–Russia peace talks.",
    no_args_is_help=True,
)
db_app = typer.Typer(help="Database schema commands.", no_args_is_help=True)
app.add_typer(db_app, name="db")
keys_app = typer.Typer(help="API keys for writing (and, if configured, reading).", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


def _session() -> Session:
    from app.db import get_engine

    return Session(get_engine())


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    reload: Annotated[bool, typer.Option(help="Reload on code changes (development).")] = False,
) -> None:
    """Serve the API; an empty database is migrated and seeded first."""
    import uvicorn

    from app.main import prepare_database

    if get_settings().seed_on_startup:
        prepare_database()
        # Done once here: workers must not race each other to migrate and seed.
        os.environ["PEACEKB_SEED_ON_STARTUP"] = "false"
        get_settings.cache_clear()
    uvicorn.run("app.main:app", host=host, port=port, workers=workers, reload=reload, env_file=None, log_level="info")


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Apply the Alembic migrations up to REVISION."""
    from app.migrate import upgrade

    upgrade(get_settings().database_url, revision)
    typer.echo(f"database at {revision}")


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="Target revision, e.g. base.")]) -> None:
    """Revert the Alembic migrations down to REVISION."""
    from app.migrate import downgrade

    downgrade(get_settings().database_url, revision)
    typer.echo(f"database at {revision}")


@app.command()
def seed(
    path: Annotated[
        Path | None,
        typer.Argument(help="A seed directory or an exported JSON file; default: the curated seed."),
    ] = None,
) -> None:
    """Check a seed completely, then load it in one transaction (loading twice changes nothing)."""
    from app.db import begin_write
    from app.migrate import upgrade
    from app.services.seeding import load_seed

    settings = get_settings()
    upgrade(settings.database_url)
    with _session() as session:
        begin_write(session)  # take the write lock up front: a server may be writing too
        report = load_seed(session, path or settings.seed_dir)
    written = {kind: n for kind, n in report.written.items() if n}
    typer.echo(f"seed loaded; written: {written}" if written else "seed loaded; nothing changed")


class ExportFormat(StrEnum):
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    jsonld = "jsonld"


@app.command()
def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (a directory for csv of every kind).")
    ] = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="What to write.")] = ExportFormat.json,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", help="ndjson/csv: only this collection, e.g. plan-points.")
    ] = None,
    base_url: Annotated[
        str, typer.Option(help="jsonld: the address the ids are relative to.")
    ] = "http://127.0.0.1:8000/",
) -> None:
    """Export the knowledge base: json (the seed schema, which `peacekb seed FILE` reads back), ndjson, csv or
    jsonld (schema.org Claim and ClaimReview). ndjson and csv take --kind for one collection."""
    from app.services.record_export import write_export

    with _session() as session:
        write_export(session, format=format.value, kind=kind, output=output, base_url=base_url)
    if output is not None:
        typer.echo(f"exported to {output}", err=True)


@app.command("import")
def import_ndjson(
    file: Annotated[Path, typer.Argument(help="NDJSON: one {op, kind, id, data} object a line (see POST /bulk).")],
    key_name: Annotated[str, typer.Option("--as", help="The name the history records for these writes.")] = "cli",
    cascade: Annotated[bool, typer.Option(help="Allow lines that delete with cascade.")] = False,
    batch_size: Annotated[int, typer.Option(help="Commit every this many lines.", min=1)] = 100_000,
) -> None:
    """Apply an NDJSON file of writes, committing every --batch-size lines; a failing line stops the import
    at the end of its batch (earlier batches stay). Upserts make running the file again converge."""
    import time

    from app.db import begin_write
    from app.errors import InvalidInput
    from app.migrate import upgrade
    from app.services.bulk import apply_lines

    upgrade(get_settings().database_url)
    with file.open("rb") as handle:
        total = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    done, committed, started = 0, 0, time.perf_counter()

    def advance(number: int) -> None:
        nonlocal done
        progress.update(number - done)
        done = number

    def note_commit(number: int) -> None:
        nonlocal committed
        committed = number

    with (
        _session() as session,
        file.open("rb") as handle,
        typer.progressbar(length=total, label=f"importing {file.name}", file=sys.stderr) as progress,
    ):
        begin_write(session)  # take the write lock up front: a server may be writing too
        try:
            report = apply_lines(session, handle, key_name=key_name, allow_cascade=cascade, on_progress=advance,
                                 commit_every=batch_size, on_commit=note_commit)  # fmt: skip
            session.commit()
        except InvalidInput as error:
            session.rollback()
            if committed:
                typer.echo(f"\nstopped: {len(error.errors)} problem(s); lines 1–{committed} are imported; fix the "
                           "file and run it again (upserts converge)", err=True)  # fmt: skip
            else:
                typer.echo(f"\nnothing imported: {len(error.errors)} problem(s)", err=True)
            for problem in error.errors:
                typer.echo(f"- {problem.location}: {problem.name}: {problem.reason}", err=True)
            raise typer.Exit(1) from None
    elapsed = time.perf_counter() - started
    written = sum(report.applied.values())
    typer.echo(f"{written} records in {elapsed:.1f} s ({written / max(elapsed, 1e-9):,.0f} records/s)", err=True)
    typer.echo(f"imported {report.lines} lines: {report.applied}")


@app.command()
def synth(
    claims: Annotated[
        int, typer.Option(help="How many claims; the other kinds follow in proportion.", min=1)
    ] = 1_000_000,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="NDJSON file to write.")] = None,
    database: Annotated[
        str | None, typer.Option(help="Load it straight into this database URL (migrated first) instead.")
    ] = None,
    seed: Annotated[int, typer.Option(help="The same seed gives the same knowledge base.")] = 0,
) -> None:
    """Make a synthetic knowledge base of any size, as NDJSON for `peacekb import`, or load it directly."""
    import time

    from app.services.synth import synthesize

    lines = synthesize(claims, seed=seed)
    started = time.perf_counter()
    if database is None:
        with output.open("wb") if output else os.fdopen(sys.stdout.fileno(), "wb", closefd=False) as handle:
            handle.writelines(lines)
        if output:
            typer.echo(f"{claims} claims written to {output} in {time.perf_counter() - started:.1f} s", err=True)
        return
    from app.db import begin_write, build_engine
    from app.migrate import upgrade
    from app.services.bulk import apply_lines
    from app.services.fast_import import BATCH_SIZE

    upgrade(database)
    engine = build_engine(database)
    with Session(engine) as session:
        begin_write(session)  # take the write lock up front: a server may be writing too
        report = apply_lines(session, lines, key_name="synth", allow_cascade=False, commit_every=BATCH_SIZE)
        session.commit()
    engine.dispose()
    typer.echo(f"loaded {report.lines} lines in {time.perf_counter() - started:.1f} s: {report.applied}")


@app.command()
def stats() -> None:
    """Print how many records of each kind the knowledge base holds."""
    from app.routes.search import get_stats

    with _session() as session:
        for kind, count in get_stats(session).counts.items():
            typer.echo(f"{kind:16} {count}")


@app.command()
def backup(file: Annotated[Path, typer.Argument(help="Where to write the copy (replaced if it exists).")]) -> None:
    """Copy the SQLite database to FILE while it serves (online backup API), and check the copy.

    Restore by stopping the server and putting FILE where PEACEKB_DATABASE_URL points.
    """
    from app.services.backup import backup as backup_database

    report = backup_database(get_settings().database_url, file)
    typer.echo(f"backed up to {report.path} ({report.bytes:,} bytes; integrity, search index and foreign keys ok)")


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option("--name", help="Who or what the key is for (shown in the history).")],
    scope: Annotated[str, typer.Option("--scope", help="read, write or admin.")] = "write",
) -> None:
    """Create a key and print it once; only its hash is stored."""
    from sqlalchemy.exc import IntegrityError

    from app.auth import SCOPE_RANK, create_key
    from app.migrate import upgrade

    if scope not in SCOPE_RANK:
        typer.echo(f"--scope must be one of: {', '.join(SCOPE_RANK)}", err=True)
        raise typer.Exit(2)
    upgrade(get_settings().database_url)
    with _session() as session:
        try:
            key = create_key(session, name=name, scope=scope)  # type: ignore[arg-type]
        except IntegrityError:
            typer.echo(f"a key named '{name}' already exists", err=True)
            raise typer.Exit(1) from None
    typer.echo(key)


@keys_app.command("list")
def keys_list() -> None:
    """List keys: name, scope, prefix, created, revoked (never the key itself)."""
    from sqlmodel import select

    from app.models import ApiKey

    with _session() as session:
        for key in session.exec(select(ApiKey).order_by(ApiKey.id)):
            revoked = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
            typer.echo(
                f"{key.name:24} {key.scope:6} pkb_{key.prefix}_…  created {key.created_at:%Y-%m-%d %H:%M}  {revoked}"
            )


@keys_app.command("revoke")
def keys_revoke(name: Annotated[str, typer.Argument(help="The key's name.")]) -> None:
    """Revoke a key at once; requests using it get 401 from then on."""
    from app.auth import revoke_key

    with _session() as session:
        if not revoke_key(session, name=name):
            typer.echo(f"no active key named '{name}'", err=True)
            raise typer.Exit(1)
    typer.echo(f"revoked {name}")


if __name__ == "__main__":
    app()

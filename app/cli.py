"""The ``peacekb`` command line: serve, migrate, seed, export and count the knowledge base."""

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session

from app.config import get_settings

app = typer.Typer(
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
    from app.migrate import upgrade
    from app.services.seed_reader import SeedError
    from app.services.seeding import load_seed

    settings = get_settings()
    upgrade(settings.database_url)
    with _session() as session:
        try:
            report = load_seed(session, path or settings.seed_dir)
        except SeedError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(1) from None
    written = {kind: n for kind, n in report.written.items() if n}
    typer.echo(f"seed loaded; written: {written}" if written else "seed loaded; nothing changed")


@app.command()
def export(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write; default: stdout.")] = None,
) -> None:
    """Write the whole knowledge base as one JSON document that `peacekb seed FILE` reads back."""
    from app.services.export import export_knowledge_base

    with _session() as session:
        document = export_knowledge_base(session).model_dump(mode="json", exclude_none=True)
    text = json.dumps(document, ensure_ascii=False, indent=1)
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"exported to {output}", err=True)


@app.command("import")
def import_ndjson(
    file: Annotated[Path, typer.Argument(help="NDJSON: one {op, kind, id, data} object a line (see POST /bulk).")],
    key_name: Annotated[str, typer.Option("--as", help="The name the history records for these writes.")] = "cli",
    cascade: Annotated[bool, typer.Option(help="Allow lines that delete with cascade.")] = False,
) -> None:
    """Apply an NDJSON file of writes in one transaction: every line, or none and each line's error."""
    from app.errors import InvalidInput
    from app.migrate import upgrade
    from app.services.bulk import apply_lines

    upgrade(get_settings().database_url)
    with file.open(encoding="utf-8") as handle:
        total = sum(1 for _ in handle)
    with (
        _session() as session,
        file.open(encoding="utf-8") as handle,
        typer.progressbar(length=total, label=f"importing {file.name}", file=sys.stderr) as progress,
    ):
        try:
            report = apply_lines(
                session, handle, key_name=key_name, allow_cascade=cascade, on_line=lambda: progress.update(1)
            )
            session.commit()
        except InvalidInput as error:
            session.rollback()
            typer.echo(f"\nnothing imported: {len(error.errors)} problem(s)", err=True)
            for problem in error.errors:
                typer.echo(f"- {problem.location}: {problem.name}: {problem.reason}", err=True)
            raise typer.Exit(1) from None
    typer.echo(f"imported {report.lines} lines: {report.applied}")


@app.command()
def stats() -> None:
    """Print how many records of each kind the knowledge base holds."""
    from app.routes.search import get_stats

    with _session() as session:
        for kind, count in get_stats(session).counts.items():
            typer.echo(f"{kind:16} {count}")


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

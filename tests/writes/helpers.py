"""Assertions and look-ups shared by the write tests."""

from typing import Any

from sqlalchemy import Engine, text

API = "/api/v1"
# Tables holding records or links: what a refused write must leave exactly as it was.
DATA_TABLES = (
    "source",
    "actor",
    "actor_role",
    "plan",
    "plan_proposer",
    "plan_point",
    "plan_point_issue",
    "disputed_issue",
    "position",
    "position_claim",
    "claim",
    "claim_actor",
    "claim_plan_point",
    "claim_issue",
    "claim_event",
    "event",
    "event_actor",
    "claim_relation",
    "revision",
    "search_index",
)


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def problem(status: int, slug: str, title: str, detail: str, instance: str, errors: list | None = None) -> dict:
    """A problem document as the API writes it."""
    body: dict[str, Any] = {
        "type": f"urn:peacekb:problem:{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    if errors is not None:
        body["errors"] = errors
    return body


def invalid(instance: str, *errors: tuple[str, str], location: str = "body") -> dict:
    """The 422 document for rejected fields, given as (name, reason) pairs."""
    return problem(
        422,
        "invalid-parameter",
        "Unprocessable Entity",
        "; ".join(f"{name}: {reason}" for name, reason in errors),
        instance,
        [{"location": location, "name": name, "reason": reason} for name, reason in errors],
    )


def conflict(instance: str, detail: str) -> dict:
    return problem(409, "conflict", "Conflict", detail, instance)


def not_found(instance: str, detail: str) -> dict:
    return problem(404, "not-found", "Not Found", detail, instance)


def snapshot_tables(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every data table (and the revisions and search index), to compare before and after."""
    with engine.connect() as connection:
        return {
            table: sorted(map(tuple, connection.execute(text(f"SELECT * FROM {table}"))), key=repr)
            for table in DATA_TABLES
        }


def revision_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM revision")).scalar_one()


def assert_no_orphans(engine: Engine) -> None:
    """No foreign key dangles, every claim's source exists, and the search index names only live records."""
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":  # PostgreSQL enforces every foreign key at every statement
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        assert (
            connection.execute(text("SELECT id FROM claim WHERE source_id NOT IN (SELECT id FROM source)")).all() == []
        )
        for kind, table in [
            ("source", "source"),
            ("actor", "actor"),
            ("plan", "plan"),
            ("plan_point", "plan_point"),
            ("issue", "disputed_issue"),
            ("position", "position"),
            ("claim", "claim"),
            ("event", "event"),
            ("claim_relation", "claim_relation"),
        ]:
            stale = connection.execute(
                text(
                    f"SELECT item_id FROM search_index WHERE kind = :kind AND item_id NOT IN (SELECT id FROM {table})"
                ),
                {"kind": kind},
            ).all()
            assert stale == [], f"search entries for deleted {kind} records: {stale}"
        unbacked = connection.execute(
            text("SELECT id FROM position WHERE id NOT IN (SELECT position_id FROM position_claim)")
        ).all()
        assert unbacked == [], f"positions left without a backing claim: {unbacked}"


def indexed_ids(engine: Engine, kind: str) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                text("SELECT item_id FROM search_index WHERE kind = :kind ORDER BY item_id"), {"kind": kind}
            ).scalars()
        )

"""The FastAPI application: routers, error handlers, and first-start migration and seeding."""

import importlib
import logging
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlmodel import Session

from app import __version__, routes
from app.config import get_settings
from app.db import get_engine
from app.errors import install_error_handlers
from app.limits import install_limits
from app.middleware import install_middleware
from app.migrate import is_empty, upgrade
from app.models.resource import RESOURCES
from app.openapi import install_openapi
from app.routes import (
    actors,
    claims,
    diffs,
    events,
    exports,
    graph,
    issues,
    matrix,
    pairs,
    plans,
    relations,
    search,
    sources,
    suggestions,
    writes,
)
from app.routes.base import make_router
from app.routes.docs import install_docs
from app.routes.explorer import install_explorer
from app.services.seeding import load_seed

logger = logging.getLogger("peacekb")
API_PREFIX = "/api/v1"

DESCRIPTION = """
A structured knowledge base of the 2025 Ukraine–Russia peace talks.

**Provenance first**: every claim carries the verbatim quote it rests on, with `quote_start`/`quote_end`
offsets (Unicode code points) into the stored source text, and the same span in UTF-16 code units
(`quote_start_utf16`/`quote_end_utf16`) for browsers. **Disagreement is data**: conflicting claims are
linked (`contradicts` / `supports` / `updates`), never silently reconciled.

Every list answers `{items, total, total_exact, limit, offset}` with a `Link` header, takes `limit`/`offset`/`sort`
(or a keyset cursor, `after`: every list, ranked ones included, walks to its end), and counts matches up to
a bound (`total_exact` is false past it). The same
records come as CSV from the list's path with `.csv` (`/api/v1/claims.csv`) and as NDJSON with `.ndjson`
(without `limit`, the whole collection, streamed): operations of their own, so a list's JSON answer is typed
exactly. A query parameter an operation does not take is refused (422), never ignored. Errors are RFC 9457
`application/problem+json`. The evidence explorer for analysts is at [`/`](/).
"""

TAGS = [
    {"name": "claims", "description": "Quoted, anchored statements: the atomic unit of evidence."},
    {"name": "claim relations", "description": "Typed links between claims: contradicts, supports, updates."},
    {"name": "sources", "description": "Stored source texts, graded for reliability (Admiralty A–F)."},
    {"name": "actors", "description": "People, states, organisations and bodies, with every alias."},
    {"name": "plans", "description": "Peace plans, their versions and proposers."},
    {"name": "plan points", "description": "The points of each plan, with the issues they touch."},
    {"name": "issues", "description": "The disputed issues of the talks."},
    {"name": "positions", "description": "Actors' stances on issues, plans and plan points, with evidence."},
    {"name": "events", "description": "Strikes, captures, withdrawals, calls, press conferences."},
    {"name": "search", "description": "Full-text search across every kind of record."},
    {"name": "bulk", "description": "Many writes in one all-or-nothing transaction, as NDJSON."},
    {"name": "changes", "description": "Every write, in order: the feed that keeps a mirror in sync."},
    {"name": "curation", "description": "Suggested, quote-anchored claims for a source, for a curator to review."},
    {"name": "graph", "description": "Records as nodes and their links as typed edges, for network views."},
    {"name": "meta", "description": "Health and counts."},
]
# A kind declared without a tag above gets one from its declaration.
TAGS += [
    {"name": resource.tag_name, "description": resource.about or f"The {resource.label} records."}
    for resource in RESOURCES.values()
    if resource.tag_name not in {tag["name"] for tag in TAGS}
]
# Routers in the order their paths must be matched (a fixed path before a templated one); any other module of
# app/routes with a ``router`` (a new kind's) comes after them.
ORDERED_ROUTERS = (
    claims, exports, relations, sources, suggestions, actors, plans, diffs, issues, events, search, graph, matrix,
    pairs,
)  # fmt: skip


def api_routers() -> list:
    found = []
    for module_info in pkgutil.iter_modules(routes.__path__):
        module = importlib.import_module(f"{routes.__name__}.{module_info.name}")
        if module not in ORDERED_ROUTERS and isinstance(getattr(module, "router", None), APIRouter):
            found.append(module)
    return [module.router for module in (*ORDERED_ROUTERS, *found)]


def prepare_database() -> None:
    """Bring the schema to head and, on an empty database, load the seed."""
    settings = get_settings()
    upgrade(settings.database_url)
    with Session(get_engine()) as session:
        if is_empty(session):
            report = load_seed(session, settings.seed_dir)
            logger.info("seeded an empty database: %s", report.written)


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    if get_settings().seed_on_startup:  # in a thread: the event loop makes no database call, even at start
        await anyio.to_thread.run_sync(prepare_database)
    yield


def operation_id(route: APIRoute) -> str:
    """Stable operationIds for client generators: the route function's name (``list_claims``)."""
    return route.name


class Health(BaseModel):
    status: str
    version: str


def create_app() -> FastAPI:
    app = FastAPI(
        title="PeaceKB",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        license_info={"name": "MIT", "identifier": "MIT"},
        docs_url=None,  # served offline by install_docs
        redoc_url=None,
    )
    install_error_handlers(app)
    install_limits(app)
    install_middleware(app)
    for router in api_routers():
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(writes.build_router(make_router), prefix=API_PREFIX)

    meta = make_router(public=True, tags=["meta"])  # never behind a key: the Docker HEALTHCHECK polls it

    @meta.get("/health", response_model=Health)
    async def health() -> Health:
        """Report that the service is up.

        Answers 200 with the version while the process serves requests; the Docker HEALTHCHECK polls it.
        """
        return Health(status="ok", version=__version__)

    app.include_router(meta)

    install_docs(app)
    install_explorer(app)
    install_openapi(app)
    return app


app = create_app()

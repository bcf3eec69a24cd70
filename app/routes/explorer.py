"""The evidence explorer: one static page at ``/`` that reads only the public JSON API."""

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from app.package_data import STATIC_DIR


def install_explorer(app: FastAPI) -> None:
    """Serve the explorer page at ``/`` and its script and style sheet under ``/static``."""
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def explorer() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")

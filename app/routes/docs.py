"""The API explorers, served offline: Swagger UI at /docs and ReDoc at /redoc.

FastAPI's own pages load their JavaScript from a CDN, so on a closed network they stay blank. Here the
assets come from the ``fastapi-offline`` package (which ships Swagger UI and ReDoc builds) and are served by
the app itself; nothing the pages need leaves the machine (no CDN, no web fonts, no online validator). Each
page also carries its own Content-Security-Policy, so the browser refuses anything else whatever headers a
proxy adds — ReDoc's bundle hard-codes one image from its vendor's CDN (the "API docs by Redocly" logo),
which is blocked and hidden.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from app.middleware import PAGE_POLICY

ASSETS_DIR = Path(fastapi_offline.__file__).parent / "static"
ASSETS_URL = "/docs-assets"

# The pages' own header policy (only this origin, plus the inline start-up script and styles both pages use),
# less frame-ancestors, which a browser ignores in a <meta> element and warns about.
OFFLINE_POLICY = "; ".join(part for part in PAGE_POLICY.split("; ") if not part.startswith("frame-ancestors"))
SWAGGER_UI_PARAMETERS = {
    "validatorUrl": None,  # the default sends the whole document to an online validator
    "persistAuthorization": True,  # an analyst's API key survives a reload
    "displayOperationId": True,  # the stable names client generators use
    "filter": True,
    "tryItOutEnabled": True,
}


# The pages' own files, by the option of FastAPI's page builder that names each.
SWAGGER_UI_ASSETS = {
    "swagger_js_url": "swagger-ui-bundle.js",
    "swagger_css_url": "swagger-ui.css",
    "swagger_favicon_url": "favicon.png",
}
REDOC_ASSETS = {"redoc_js_url": "redoc.standalone.js", "redoc_favicon_url": "favicon.png"}


def _offline_page(
    request: Request, app: FastAPI, render: Callable[..., HTMLResponse], title: str, assets: dict, **options: Any
) -> HTMLResponse:
    """A page of the app's OpenAPI document whose every request stays on this origin: its files served here
    (under the request's root path), and a Content-Security-Policy that refuses anything else."""
    root = request.scope.get("root_path", "")
    urls = {option: f"{root}{ASSETS_URL}/{name}" for option, name in assets.items()}
    page = render(openapi_url=f"{root}{app.openapi_url}", title=f"{app.title} – {title}", **urls, **options)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{OFFLINE_POLICY}">'
    return HTMLResponse(page.body.decode("utf-8").replace("<head>", f"<head>\n    {meta}", 1))


def install_docs(app: FastAPI) -> None:
    """Serve /docs and /redoc from assets bundled with the installed package."""
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        return _offline_page(request, app, get_swagger_ui_html, "API explorer", SWAGGER_UI_ASSETS,
                             swagger_ui_parameters=SWAGGER_UI_PARAMETERS)  # fmt: skip

    @app.get("/redoc", include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        return _offline_page(request, app, get_redoc_html, "API reference", REDOC_ASSETS, with_google_fonts=False)

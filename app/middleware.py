"""Headers every response carries: security headers, and CORS from an allow-list.

- **Security headers** on every answer, errors and 500s included: ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: no-referrer``, ``X-Frame-Options: DENY`` and a Content-Security-Policy — ``default-src
  'none'`` for data (JSON, CSV), and for HTML pages (the /docs and /redoc explorers) one that admits only
  this origin's scripts, styles and images, plus the inline start-up script those pages need.
- **CORS**: the data is public, so pages from any origin may read it (``GET``/``HEAD``, unless
  ``PEACEKB_CORS_PUBLIC_READS=false``); only origins in ``PEACEKB_CORS_ORIGINS`` may write. Keys travel in
  the ``Authorization`` header, never in cookies, so credentials are never allowed. Every answer to an
  allowed request carries the CORS headers, errors and 500s included, so a page reads the problem document
  instead of seeing "Failed to fetch".
- **HEAD** is answered on every ``GET`` route as ``GET`` is, without the body (FastAPI routes take only the
  methods they name, so HEAD would otherwise be 405).
"""

from fastapi import FastAPI, Request, Response
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import Settings, get_settings
from app.errors import problem_response

DATA_POLICY = "default-src 'none'; frame-ancestors 'none'"
PAGE_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeaders:
    """Add the security headers to every response that does not set its own (ASGI middleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                html = headers.get("content-type", "").startswith("text/html")
                headers.setdefault("Content-Security-Policy", PAGE_POLICY if html else DATA_POLICY)
                if scope.get("scheme") == "https":
                    headers.setdefault("Strict-Transport-Security", "max-age=31536000")
            await send(message)

        await self.app(scope, receive, send_with_headers)


READ_METHODS = frozenset({"GET", "HEAD"})
ALLOWED_METHODS = "GET, HEAD, POST, PATCH, DELETE"
ALLOWED_HEADERS = "Accept, Authorization, Content-Type, If-Match, If-None-Match"
EXPOSED_HEADERS = "Content-Disposition, ETag, Link, Location, Retry-After, X-Total-Count"


class CORS:
    """Cross-origin access: reads from any origin, writes from the allow-list only (ASGI middleware)."""

    def __init__(self, app: ASGIApp, *, origins: list[str], public_reads: bool) -> None:
        self.app, self.origins, self.public_reads = app, set(origins), public_reads

    def allowed_origin(self, origin: str, method: str) -> str | None:
        """The Access-Control-Allow-Origin value for a request, or None when the origin may not send it."""
        if origin in self.origins or "*" in self.origins:
            return origin
        if self.public_reads and method in READ_METHODS:
            return "*"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = Headers(scope=scope).get("origin") if scope["type"] == "http" else None
        if origin is None:
            await self.app(scope, receive, send)
            return
        requested = Headers(scope=scope).get("access-control-request-method")
        if scope["method"] == "OPTIONS" and requested:
            await self.preflight(scope, origin, requested.upper())(scope, receive, send)
            return
        allowed = self.allowed_origin(origin, scope["method"])

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.add_vary_header("Origin")
                if allowed:
                    headers["Access-Control-Allow-Origin"] = allowed
                    headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_cors)

    def preflight(self, scope: Scope, origin: str, method: str) -> Response:
        allowed = self.allowed_origin(origin, method)
        if allowed is None:
            return problem_response(
                Request(scope),
                403,
                detail=f"Pages from {origin} may only read this API; writing from a page needs its origin "
                "in PEACEKB_CORS_ORIGINS.",
                slug="origin-not-allowed",
                headers={"Vary": "Origin"},
            )
        headers = {
            "Access-Control-Allow-Origin": allowed,
            "Access-Control-Allow-Methods": ALLOWED_METHODS if allowed == origin else "GET, HEAD",
            "Access-Control-Allow-Headers": ALLOWED_HEADERS,
            "Access-Control-Max-Age": "600",
            "Vary": "Origin",
        }
        return Response(status_code=204, headers=headers)


class HeadAsGet:
    """Answer HEAD as the GET of the same URL would be answered, headers only (RFC 9110 §9.3.2)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        # The server keeps its own scope, which still says HEAD: it sends no body either way.
        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def install_middleware(app: FastAPI, settings: Settings | None = None) -> None:
    """HEAD answered as GET, and CORS and security headers around everything, 500s included."""
    settings = settings or get_settings()
    app.add_middleware(HeadAsGet)
    # Starlette always builds its ServerErrorMiddleware (which answers unexpected errors) as the outermost
    # layer; wrapping the built stack puts the headers on those answers too.
    build = app.build_middleware_stack
    origins, public_reads = settings.cors_origins, settings.cors_public_reads  # as they are now: built lazily

    def build_with_headers() -> ASGIApp:
        return SecurityHeaders(CORS(build(), origins=origins, public_reads=public_reads))

    app.build_middleware_stack = build_with_headers  # type: ignore[method-assign]

"""One error family, rendered by one handler as RFC 9457 ``application/problem+json``.

Every ``Problem`` subclass is declared here (``NotFound``, ``Conflict``, ``InvalidParameter``, the 401, 403,
412 and 413 answers); pydantic's ``ValidationError`` becomes a problem through ``invalid_input`` alone, and
FastAPI's own validation errors and unknown routes are rendered in the same shape. Bodies never carry SQL,
paths or stack traces: unexpected exceptions are logged and answered with a bare 500.
"""

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_MEDIA_TYPE = "application/problem+json"
logger = logging.getLogger("peacekb.errors")


class InvalidField(BaseModel):
    """One rejected input: where it was sent, its name, and why it was rejected."""

    location: str = Field(examples=["query"])
    name: str = Field(examples=["limit"])
    reason: str = Field(examples=["Input should be less than or equal to 500"])


def _absent_rather_than_null(schema: dict) -> None:
    """A problem document is sent without its empty members (``exclude_none``), never with nulls."""
    schema["required"] = ["type", "title", "status"]
    for name in ("detail", "instance", "errors"):
        member = schema["properties"][name]
        member.update(next(option for option in member.pop("anyOf") if option != {"type": "null"}))
        member.pop("default", None)


class ProblemDetails(BaseModel):
    """An RFC 9457 problem document."""

    model_config = ConfigDict(json_schema_extra=_absent_rather_than_null)

    type: str = Field(default="about:blank", examples=["urn:peacekb:problem:not-found"])
    title: str = Field(examples=["Not Found"])
    status: int = Field(examples=[404])
    detail: str | None = Field(default=None, examples=["No claim with id 'no-such-claim'."])
    instance: str | None = Field(default=None, examples=["/api/v1/claims/no-such-claim"])
    errors: list[InvalidField] | None = None


class Problem(Exception):
    """A failure the client should hear about, with its HTTP status."""

    status: int = 500
    slug: str = "internal-error"

    def __init__(self, detail: str, *, errors: list[InvalidField] | None = None, headers: dict | None = None):
        super().__init__(detail)
        self.detail, self.errors, self.headers = detail, errors, headers


class NotFound(Problem):
    status, slug = 404, "not-found"


class Conflict(Problem):
    status, slug = 409, "conflict"


class InvalidInput(Problem):
    """Rejected input (422): each error names where it was sent, the field and the reason."""

    status, slug = 422, "invalid-parameter"

    def __init__(self, errors: list[InvalidField]):
        super().__init__("; ".join(f"{e.name}: {e.reason}" for e in errors), errors=errors)


class InvalidParameter(InvalidInput):
    def __init__(self, name: str, reason: str, *, location: str = "query"):
        super().__init__([InvalidField(location=location, name=name, reason=reason)])


class Unauthorized(Problem):
    status, slug = 401, "unauthorized"

    def __init__(self, detail: str):
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="peacekb"'})


class Forbidden(Problem):
    status, slug = 403, "forbidden"


class PreconditionFailed(Problem):
    status, slug = 412, "precondition-failed"


class PayloadTooLarge(Problem, StarletteHTTPException):
    """413. Also an HTTPException because FastAPI re-raises those while it reads a body (it would turn any
    other error there into a 400); the Problem handler, first in the method order, renders it."""

    status, slug = 413, "payload-too-large"

    def __init__(self, limit: int):
        Problem.__init__(self, f"The request body is larger than this operation accepts ({limit} bytes).")
        self.status_code = 413


def invalid_fields(errors: list[Any], *, location: str | None = None) -> list[InvalidField]:
    """Pydantic's errors as rejected fields, each named by its dotted path with pydantic's reason.

    ``location`` is where the validated data was sent; without it (FastAPI's request errors) each error's
    path starts with it (``query``, ``body``). A repeated query parameter is named as the client sent it:
    ``kind``, not ``kind.1``.
    """
    fields = []
    for error in errors:
        path = tuple(error.get("loc", ()))
        where, parts = (location, path) if location else (str(path[0]) if path else "request", path[1:])
        if where == "query":
            parts = tuple(part for part in parts if not isinstance(part, int))
        name = ".".join(str(part) for part in parts) or where
        fields.append(InvalidField(location=where, name=name, reason=error.get("msg", "invalid")))
    return fields


def invalid_input(error: ValidationError, *, location: str = "body") -> InvalidInput:
    """A pydantic validation failure as the 422 naming each rejected field."""
    return InvalidInput(invalid_fields(error.errors(), location=location))


def problem_response(
    request: Request,
    status: int,
    *,
    detail: str | None = None,
    slug: str | None = None,
    errors: list[InvalidField] | None = None,
    headers: dict | None = None,
) -> JSONResponse:
    body = ProblemDetails(
        type=f"urn:peacekb:problem:{slug}" if slug else "about:blank",
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=request.url.path,
        errors=errors,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers
    )


def _validation_problem(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = invalid_fields(list(exc.errors()))
    detail = "; ".join(f"{e.name}: {e.reason}" for e in errors)
    return problem_response(request, 422, detail=detail, slug="invalid-parameter", errors=errors)


_HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _allowed_methods(request: Request, first_route: str) -> str:
    """Every method the API documents at this path: the router's own 405 names only those of the first
    route that matched, so ``/claims`` would seem not to take ``POST``."""
    methods = {method.strip() for method in first_route.split(",") if method.strip()}
    paths = request.app.openapi().get("paths", {})
    matching = [t for t in paths if re.fullmatch(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(t)), request.url.path)]
    # The most specific templates say what the path is: /claims/x.jsonld is the JSON-LD export of claim x, not
    # a claim whose id is "x.jsonld" (which /claims/{claim_id} would also match).
    literal = {template: len(re.sub(r"\{[^/]+?\}", "", template)) for template in matching}
    for template in matching:
        if literal[template] == max(literal.values()):
            methods |= {method.upper() for method in paths[template] if method in _HTTP_METHODS}
    if "GET" in methods:
        methods.add("HEAD")  # answered for every GET (app/middleware.py), though not documented
    return ", ".join(sorted(methods))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(
            request, exc.status, detail=exc.detail, slug=exc.slug, errors=exc.errors, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _validation_problem(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = (
            exc.detail if isinstance(exc.detail, str) and exc.detail != HTTPStatus(exc.status_code).phrase else None
        )
        headers = getattr(exc, "headers", None)
        if exc.status_code == 400 and exc.__cause__ is not None:
            # FastAPI's answer to a body it cannot decode (not UTF-8, say); malformed JSON is already a 422.
            return _validation_problem(
                request, RequestValidationError([{"loc": ("body",), "msg": "The body is not valid UTF-8 JSON."}])
            )
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": _allowed_methods(request, (headers or {}).get("Allow", ""))}
        return problem_response(request, exc.status_code, detail=detail, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(request, 500, detail="An unexpected error occurred.")


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {
        "model": ProblemDetails,
        "description": description,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}},
    }
    for status, description in {404: "No such record", 422: "A parameter was rejected"}.items()
}

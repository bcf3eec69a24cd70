"""The one way routers are made: problem responses documented, summaries taken from docstrings, every list
also answered as CSV and NDJSON, and query parameters a route does not declare refused."""

import functools
import inspect
import typing
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi._compat import field_annotation_is_sequence
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from app.auth import reader
from app.errors import PROBLEM_RESPONSES, InvalidField, InvalidInput
from app.listing import NDJSON_MEDIA_TYPE, Format, Page, PageParams, page_params_in
from app.read_pool import as_routed


class DocumentedRoute(APIRoute):
    """A route whose OpenAPI summary is the first line of its docstring (the rest stays the description).

    A route marked ``@in_read_pool`` runs in the read pool (app/read_pool.py).
    """

    def __init__(self, path: str, endpoint: Any, **kwargs: Any) -> None:
        if kwargs.get("summary") is None and endpoint.__doc__:
            kwargs["summary"] = endpoint.__doc__.strip().splitlines()[0].rstrip(".")
        endpoint = as_routed(endpoint)
        # The problem answers are documented per route, not per router, so that each route documents only
        # those it can give: 404 needs an id in the path, and a route can refuse one with `responses={404: None}`;
        # 422 is everywhere, as every route refuses query parameters it does not take (below).
        responses = kwargs.pop("responses", None) or {}
        problems = {status: answer for status, answer in PROBLEM_RESPONSES.items() if status != 404 or "{" in path}
        kwargs["responses"] = {status: answer for status, answer in (problems | responses).items() if answer}
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable:
        """The handler, refusing any query parameter the route does not declare: a misspelt filter (``sort_by``
        for ``sort``) must not quietly answer the whole collection. A parameter that takes one value, sent
        twice, is refused too: which of the two was meant cannot be told."""
        handle = super().get_route_handler()
        parameters = dict(_query_parameters(self.dependant))
        declared = frozenset(parameters)

        async def handle_declared(request: Request) -> Response:
            unknown = sorted(set(request.query_params) - declared)
            if unknown:
                known = ", ".join(sorted(declared)) or "none"
                reason = f"is not a parameter of this operation (it takes: {known})"
                raise InvalidInput([InvalidField(location="query", name=name, reason=reason) for name in unknown])
            repeated = sorted(
                name for name in set(request.query_params)
                if not parameters[name] and len(request.query_params.getlist(name)) > 1
            )  # fmt: skip
            if repeated:
                reason = "takes one value, and was given more than one"
                raise InvalidInput([InvalidField(location="query", name=name, reason=reason) for name in repeated])
            return await handle(request)

        return handle_declared


def _query_parameters(dependant: Dependant) -> Iterator[tuple[str, bool]]:
    """Each query parameter's name, and whether it takes several values (``kind=claim&kind=actor``)."""
    for field in dependant.query_params:
        yield field.alias, field_annotation_is_sequence(field.field_info.annotation)
    for dependency in dependant.dependencies:
        yield from _query_parameters(dependency)


# The other answers of a list, each its own operation on the list's path with a suffix (``/claims.csv``), so
# that the list's own 200 is JSON only and a typed client's ``data`` is the page, not ``Page | string``.
class CSVResponse(Response):
    media_type = "text/csv"


class NDJSONResponse(Response):
    media_type = NDJSON_MEDIA_TYPE


LIST_FORMATS: dict[Format, tuple[type[Response], str]] = {
    "csv": (CSVResponse, "The records as CSV: a header row, then one row a record."),
    "ndjson": (NDJSONResponse, "The records as NDJSON, one JSON object a line."),
}


class DocumentedRouter(APIRouter):
    """A router of ``DocumentedRoute``s that gives each list route (a GET answering a ``Page``) two sibling
    operations: ``{path}.csv`` and ``{path}.ndjson``, with the same filters, named ``{name}_csv`` and
    ``{name}_ndjson``."""

    def add_api_route(self, path: str, endpoint: Callable, **kwargs: Any) -> None:
        super().add_api_route(path, endpoint, **kwargs)
        model, methods = kwargs.get("response_model"), set(kwargs.get("methods") or ["GET"])
        # Older FastAPI copies the routes of an included router through here (passing their class): those
        # copies come with their siblings already.
        if kwargs.get("route_class_override") is not None or methods != {"GET"} or not _is_page(model):
            return
        name = kwargs.get("name") or endpoint.__name__
        summary = kwargs.get("summary") or (endpoint.__doc__ or name).strip().splitlines()[0].rstrip(".")
        for format, (response_class, answer) in LIST_FORMATS.items():
            super().add_api_route(
                f"{path}.{format}",
                # Without a limit, the whole collection, streamed (app/paging.py).
                _answering_in(format, endpoint),
                **kwargs
                | {
                    "response_model": None,
                    "response_class": response_class,
                    "name": f"{name}_{format}",
                    "operation_id": None,
                    "summary": f"{summary}, as {format.upper()}",
                    "responses": (kwargs.get("responses") or {}) | {200: {"description": answer}},
                },
            )


def _is_page(model: Any) -> bool:
    return isinstance(model, type) and issubclass(model, Page)


def _is_paging(annotation: Any) -> bool:
    return typing.get_origin(annotation) is Annotated and typing.get_args(annotation)[0] is PageParams


def _answering_in(format: Format, endpoint: Callable) -> Callable:
    """The list route with its paging dependency answering ``format`` (``respond`` renders the page in it)."""
    signature = inspect.signature(endpoint)
    paging = Annotated[PageParams, Depends(page_params_in(format))]
    parameters = [
        p.replace(annotation=paging) if _is_paging(p.annotation) else p for p in signature.parameters.values()
    ]

    @functools.wraps(endpoint)
    def answer(**kwargs: Any) -> Any:  # list routes are synchronous (they run in the read pool)
        return endpoint(**kwargs)

    answer.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    return answer


def make_router(*, public: bool = False, **kwargs: Any) -> APIRouter:
    """A router whose routes document problem responses and admit readers as the settings say (``public``:
    everyone, for the health check)."""
    dependencies = [] if public else [Depends(reader)]
    return DocumentedRouter(route_class=DocumentedRoute, dependencies=dependencies, **kwargs)

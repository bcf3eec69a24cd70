"""Read routes made from a kind's declaration: the list (filters, sorts, search, CSV and NDJSON siblings),
the item (ETag, 304) and, for each link the kind holds, the linked records — what a new kind's router is
built with, in one call."""

import inspect
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from app.db import SessionDep
from app.deps import record_dependency
from app.etags import respond_item
from app.listing import Page, PageDep, respond, sort_of
from app.models.resource import RESOURCES, Resource
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.params import IdFilter, SearchText
from app.services.records import list_records
from app.services.resources import public_forms


def _with_signature(function: Callable, parameters: list[inspect.Parameter]) -> Callable:
    function.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return function


def _keyword(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)


def read_router(resource: Resource, *, filters: dict[str, str] | None = None) -> APIRouter:
    """The read routes of a declared kind. ``filters`` names the columns a list filters on, with their
    descriptions; each link field ``x_ids`` gives a filter ``x_id`` too."""
    kind, label, collection = resource.kind, resource.label, resource.collection
    public = resource.public
    router = make_router(tags=[resource.tag_name])
    sort = sort_of(kind)
    filters = filters or {}
    link_filters = {name.removesuffix("s"): name for name in resource.links}
    column_types = {name: public.model_fields[name].annotation for name in filters}

    def list_them(request: Request, session: SessionDep, page: PageDep, **given: Any):
        found = list_records(
            session, kind, page=page, sort=given.get("sort"), q=given.get("q"),
            equal={name: given.get(name) for name in filters},
            linked={field: given.get(name) for name, field in link_filters.items()},
        )  # fmt: skip
        return respond(request, page, found, public)

    list_them.__name__ = f"list_{kind}s" if not kind.endswith("y") else f"list_{kind[:-1]}ies"
    list_them.__doc__ = f"List the {label}s; `q` searches their text."
    _with_signature(list_them, [
        _keyword("request", Request), _keyword("session", SessionDep), _keyword("page", PageDep),
        _keyword("sort", sort | None, None), _keyword("q", SearchText, None),
        *(_keyword(name, Annotated[column_types[name] | None, Query(description=about)], None)
          for name, about in filters.items()),
        *(_keyword(name, Annotated[IdFilter, Query(description=f"Only {label}s listing this id in {field}.")], None)
          for name, field in link_filters.items()),
    ])  # fmt: skip
    router.get(f"/{collection}", response_model=Page[public])(in_read_pool(list_them))

    record = record_dependency(kind)

    def get_one(request: Request, session: SessionDep, found: Any):
        return respond_item(request, public_forms(session, kind, [found])[0])

    get_one.__name__ = f"get_{kind}"
    get_one.__doc__ = f"Get one {label}."
    parameters = list(inspect.signature(get_one).parameters.values())
    _with_signature(get_one, [*parameters[:2], parameters[2].replace(annotation=record)])
    router.get(f"/{collection}/{{{resource.parameter}}}", response_model=public)(in_read_pool(get_one))
    for field, link in resource.links.items():
        target = RESOURCES[link.target_kind]
        sub_list(
            router, f"/{collection}/{{{resource.parameter}}}/{target.collection}",
            name=f"list_{kind}_{target.collection.replace('-', '_')}",
            summary=f"List the {target.label}s this {label} lists in `{field}`.",
            owner=record, target=target.kind, lister=_listed_by(kind, field, target.kind), key="owner_id",
        )  # fmt: skip
    return router


def _listed_by(owner_kind: str, field: str, target_kind: str) -> Callable:
    """A lister of the records of ``target_kind`` that the owner's link ``field`` lists."""

    def listed(*, session: Any, page: Any, sort: Enum | None, owner_id: str) -> Any:
        return list_records(session, target_kind, page=page, sort=sort, listed_by=(owner_kind, field, owner_id))

    return listed


def sub_list(
    router: APIRouter,
    path: str,
    *,
    name: str,
    summary: str,
    owner: Any,
    target: str,
    lister: Callable,
    key: str,
    tags: list[str] | None = None,
) -> None:
    """A sub-collection route: the records of kind ``target`` that ``lister`` finds with ``key`` set to the
    id of the ``owner`` in the path (``owner`` is its dependency: a 404 when it does not exist), sorted by the
    target's sorts — ``/issues/{issue_id}/claims`` is ``list_claims(issue_id=…)``."""
    public = RESOURCES[target].public

    def list_sub(request: Request, session: SessionDep, page: PageDep, record: Any, sort: Enum | None = None):
        found = lister(session=session, page=page, sort=sort, **{key: record.id})
        return respond(request, page, found, public)

    list_sub.__name__, list_sub.__doc__ = name, summary
    parameters = list(inspect.signature(list_sub).parameters.values())
    parameters[3] = parameters[3].replace(annotation=owner)
    parameters[4] = parameters[4].replace(annotation=sort_of(target) | None)
    list_sub.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    router.get(path, response_model=Page[public], tags=tags)(in_read_pool(list_sub))


def sub_lists(router: APIRouter, *, owner: Any, key: str, lists: tuple, tags: list[str] | None = None) -> None:
    """``sub_list`` for each (path, operation name, kind listed, lister, summary) under one owner."""
    for path, name, target, lister, summary in lists:
        sub_list(router, path, name=name, summary=summary, owner=owner, target=target, lister=lister, key=key,
                 tags=tags)  # fmt: skip

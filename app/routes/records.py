"""Read routes made from a kind's declaration: the list (filters, sorts, search, CSV and NDJSON siblings),
the item (ETag, 304) and, for each link the kind holds, the linked records — what a new kind's router is
built with, in one call."""

import inspect
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from app.db import SessionDep
from app.etags import respond_item
from app.listing import Page, PageDep, respond, sort_of
from app.models.resource import RESOURCES, Resource
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.params import IdFilter, SearchText
from app.services.records import get_record, list_records
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

    RecordId = Annotated[str, Path(alias=resource.parameter, description=f"The {label}'s id.")]

    def get_one(request: Request, session: SessionDep, record_id: RecordId):
        return respond_item(request, public_forms(session, kind, [get_record(session, kind, record_id)])[0])

    get_one.__name__ = f"get_{kind}"
    get_one.__doc__ = f"Get one {label}."
    router.get(f"/{collection}/{{{resource.parameter}}}", response_model=public)(in_read_pool(get_one))
    for field, link in resource.links.items():
        _linked_route(router, resource, field, RESOURCES[link.target_kind], RecordId)
    return router


def _linked_route(router: APIRouter, owner: Resource, field: str, target: Resource, RecordId: Any) -> None:
    """``/{owner collection}/{id}/{target collection}``: the records the owner's ``field`` lists, paged."""
    owner_kind, target_kind, public = owner.kind, target.kind, target.public
    sort = sort_of(target_kind)

    def list_linked(request: Request, session: SessionDep, page: PageDep, record_id: RecordId,
                    sort: Enum | None = None):  # fmt: skip
        get_record(session, owner_kind, record_id)
        found = list_records(session, target_kind, page=page, sort=sort, listed_by=(owner_kind, field, record_id))
        return respond(request, page, found, public)

    list_linked.__name__ = f"list_{owner_kind}_{target.collection.replace('-', '_')}"
    list_linked.__doc__ = f"List the {target.label}s this {owner.label} lists in `{field}`."
    parameters = list(inspect.signature(list_linked).parameters.values())
    parameters[-1] = parameters[-1].replace(annotation=sort | None)
    list_linked.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    path = f"/{owner.collection}/{{{owner.parameter}}}/{target.collection}"
    router.get(path, response_model=Page[public])(in_read_pool(list_linked))


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

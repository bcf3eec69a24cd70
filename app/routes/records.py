"""Read routes made from a kind's declaration: the list (its declared filters, sorts, search, CSV and NDJSON
siblings), the item (ETag, 304) and the lists under one record — what every kind's router is built with."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from app.db import SessionDep
from app.deps import record_dependency
from app.etags import respond_item
from app.listing import Page, PageDep, respond, sort_of
from app.models.resource import RESOURCES, Resource, SubList
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.routes.params import SearchText
from app.services.records import given_filters, list_records, public_item


@dataclass(frozen=True)
class ListQuery:
    """What a list request asks for besides its page: the sort, the search and the filters given."""

    sort: Enum | None = None
    q: str | None = None
    filters: dict[str, Any] = field(default_factory=dict)


def _keyword(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)


def _with_signature(function: Callable, parameters: list[inspect.Parameter]) -> Callable:
    function.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return function


def _filter_parameters(kind: str, names: tuple[str, ...] | None = None) -> list[inspect.Parameter]:
    """The query parameters of the declared filters of ``kind`` (those named, or all), in declared order."""
    return [
        _keyword(declared.name, Annotated[declared.type | None, Query(**declared.query)], None)
        for declared in RESOURCES[kind].filters
        if names is None or declared.name in names
    ]


def list_query(kind: str) -> Any:
    """The dependency reading a list's sort, search and declared filters (a range checked to run forwards:
    422 naming its end otherwise), for the list route and every export taking the same filters."""

    # Async: pure parsing, no I/O; a synchronous dependency would cost a trip to a thread on every list.
    async def read(sort: Enum | None = None, q: str | None = None, **filters: Any) -> ListQuery:
        return ListQuery(sort=sort, q=q, filters=given_filters(kind, filters))

    _with_signature(read, [
        _keyword("sort", sort_of(kind) | None, None), _keyword("q", SearchText, None), *_filter_parameters(kind),
    ])  # fmt: skip
    return Annotated[ListQuery, Depends(read)]


def read_router(resource: Resource, *, item: bool = True, into: APIRouter | None = None) -> APIRouter:
    """The read routes of a declared kind, as it documents them: its list, its item (unless ``item`` is
    false: the kind writes its own) and its sub-lists — on a router of their own or added ``into`` another
    kind's."""
    kind, label, collection = resource.kind, resource.label, resource.collection
    router = into or make_router()
    tags: list[str | Enum] = [resource.tag_name]
    query = list_query(kind)

    # The filters before the paging parameters, as the OpenAPI document lists them.
    def list_them(request: Request, session: SessionDep, asked: Any, page: PageDep):
        found = list_records(session, kind, page=page, sort=asked.sort, q=asked.q, filters=asked.filters)
        return respond(request, page, found, resource.listed)

    list_them.__name__ = f"list_{kind}s" if not kind.endswith("y") else f"list_{kind[:-1]}ies"
    list_them.__doc__ = resource.list_doc or f"List the {label}s; `q` searches their text."
    _with_signature(list_them, _replaced(list_them, asked=query))
    router.get(f"/{collection}", response_model=Page[resource.listed], tags=tags)(in_read_pool(list_them))

    record = record_dependency(kind)
    if item:

        def get_one(request: Request, session: SessionDep, found: Any):
            return respond_item(request, public_item(session, kind, found))

        get_one.__name__ = f"get_{kind}"
        get_one.__doc__ = resource.item_doc or f"Get one {label}."
        _with_signature(get_one, _replaced(get_one, found=record))
        item_path = f"/{collection}/{{{resource.parameter}}}"
        router.get(item_path, response_model=resource.public, tags=tags)(in_read_pool(get_one))
    for sub in _link_lists(resource) if resource.sub_lists is None else resource.sub_lists:
        _sub_list(router, sub, owner=record, owner_resource=resource, tags=tags)
    return router


def _replaced(function: Callable, **annotations: Any) -> list[inspect.Parameter]:
    return [
        parameter.replace(annotation=annotations.get(name, parameter.annotation))
        for name, parameter in inspect.signature(function).parameters.items()
    ]


# A sub-list named ``links:<field>`` lists what the owner's link field lists, not what names the owner.
_LINKED = "links:"


def _link_lists(resource: Resource) -> tuple[SubList, ...]:
    return tuple(
        SubList(
            link.target_kind,
            f"List the {RESOURCES[link.target_kind].label}s this {resource.label} lists in `{field}`.",
            by=f"{_LINKED}{field}",
        )
        for field, link in resource.links.items()
    )


def _sub_list(router: APIRouter, sub: SubList, *, owner: Any, owner_resource: Resource, tags: list) -> None:
    owner_kind = owner_resource.kind
    segment = sub.segment or RESOURCES[sub.target].collection
    by = sub.by or f"{owner_kind}_id"
    target = RESOURCES[sub.target]

    def list_sub(request: Request, session: SessionDep, page: PageDep, record: Any, sort: Enum | None = None,
                 **also: Any):  # fmt: skip
        if by.startswith(_LINKED):
            found = list_records(session, sub.target, page=page, sort=sort, filters=also,
                                 listed_by=(owner_kind, by.removeprefix(_LINKED), record.id))  # fmt: skip
        else:
            found = list_records(session, sub.target, page=page, sort=sort, filters={**also, by: record.id})
        return respond(request, page, found, target.listed)

    list_sub.__name__ = sub.name or f"list_{owner_kind}_{segment.replace('-', '_')}"
    list_sub.__doc__ = sub.summary
    parameters = _replaced(list_sub, record=owner, sort=sort_of(sub.target) | None)[:5]
    _with_signature(list_sub, [*parameters, *_filter_parameters(sub.target, sub.also)])
    path = f"/{owner_resource.collection}/{{{owner_resource.parameter}}}/{segment}"
    router.get(path, response_model=Page[target.listed], tags=tags)(in_read_pool(list_sub))

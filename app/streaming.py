"""NDJSON streams of whole collections, without holding a collection in memory.

A list route answers one page. Asked for NDJSON with no ``limit``, the same route is called again for each
chunk of records while the response streams — same filters, same sort — and each record is written as one
line. Chunks continue after the last record by keyset cursor (app/keyset.py), so the millionth record costs
what the first did; only a relevance-ranked search (``q`` without ``sort``), which has no cursor, moves on
by offset. The first chunk is read before the response starts, so a bad parameter is
still answered with a problem document rather than a broken stream.

``DocumentedRoute`` (app/routes/base.py) wraps every list route this way; other routes are left alone.
"""

import functools
import inspect
import typing
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from app.listing import MAX_LIMIT, NDJSON_MEDIA_TYPE, Page, PageParams, cursor_after, ndjson_line


def _page_parameter(endpoint: Callable) -> str | None:
    for name, parameter in inspect.signature(endpoint).parameters.items():
        annotation = parameter.annotation
        if typing.get_origin(annotation) is typing.Annotated and typing.get_args(annotation)[0] is PageParams:
            return name
    return None


def _item_model(response_model: Any) -> type[BaseModel] | None:
    if not (isinstance(response_model, type) and issubclass(response_model, Page)):
        return None
    (item,) = typing.get_args(response_model.model_fields["items"].annotation)
    return item


def stream_whole_collections(endpoint: Callable, response_model: Any) -> Callable:
    """Wrap a synchronous list route so that NDJSON without ``limit`` streams every matching record."""
    page_name, model = _page_parameter(endpoint), _item_model(response_model)
    if page_name is None or model is None or inspect.iscoroutinefunction(endpoint):
        return endpoint

    @functools.wraps(endpoint)
    def streaming_endpoint(**kwargs: Any) -> Any:
        page: PageParams = kwargs[page_name]
        if not page.whole_collection:
            return endpoint(**kwargs)

        sort = kwargs.get("sort")
        sort = sort.value if sort is not None else None
        by_offset = kwargs.get("q") is not None and sort is None

        def chunk(offset: int, after: str | None) -> Any:
            chunk_page = replace(page, whole_collection=False, chunk=True, limit=MAX_LIMIT, offset=offset, after=after)
            return endpoint(**(kwargs | {page_name: chunk_page}))

        first = chunk(page.offset, page.after)
        if not isinstance(first, dict):  # the route answered something else (an error response, a redirect)
            return first

        def lines() -> Iterator[str]:
            current, offset = first, page.offset
            while True:
                items = current["items"]
                for item in items:
                    yield ndjson_line(item, model)
                if len(items) < MAX_LIMIT:
                    return
                offset += len(items)
                current = chunk(offset, None) if by_offset else chunk(0, cursor_after(sort, items[-1]))

        headers = {"X-Total-Count": str(first["total"])} if first["total_exact"] else {}
        return StreamingResponse(lines(), media_type=NDJSON_MEDIA_TYPE, headers=headers)

    return streaming_endpoint

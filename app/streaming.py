"""NDJSON streams of whole collections, without holding a collection in memory.

A list route answers one page. Asked for NDJSON with no ``limit``, the same route is called again for each
chunk of records while the response streams — same filters, same sort, the offset moving on — and each
record is written as one line. The first chunk is read before the response starts, so a bad parameter is
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

from app.listing import MAX_LIMIT, NDJSON_MEDIA_TYPE, Page, PageParams, ndjson_line


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

        def chunk(offset: int) -> Any:
            chunk_page = replace(page, format="json", whole_collection=False, limit=MAX_LIMIT, offset=offset)
            return endpoint(**(kwargs | {page_name: chunk_page}))

        first = chunk(page.offset)
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
                current = chunk(offset)

        return StreamingResponse(lines(), media_type=NDJSON_MEDIA_TYPE, headers={"X-Total-Count": str(first["total"])})

    return streaming_endpoint

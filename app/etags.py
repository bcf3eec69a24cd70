"""Entity tags for records: one strong validator per record state, for caching and optimistic locking."""

import hashlib

import orjson
from fastapi import Request, Response
from pydantic import BaseModel

from app.errors import PreconditionFailed


def etag_of(snapshot: dict) -> str:
    """The tag of a record's public form (its fields in schema order, as JSON)."""
    return _tag(orjson.dumps(snapshot))


def _tag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def _listed(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def check_if_match(if_match: str | None, snapshot: dict) -> None:
    """Refuse a write whose If-Match names another state of the record (RFC 9110 §13.1.1)."""
    if if_match is None:
        return
    tags = _listed(if_match)
    if "*" not in tags and etag_of(snapshot) not in tags:
        raise PreconditionFailed(
            f"The record has changed since you read it (its ETag is now {etag_of(snapshot)}); read it again."
        )


def respond_item(request: Request, item: BaseModel | dict) -> Response:
    """The item (a public model, or its JSON-ready form as the database builds it) with its ETag, or 304 Not
    Modified when the client already holds this state.

    The body is serialized once and the tag hashed from those bytes — the same bytes ``etag_of`` hashes for
    writes — and returned as the response, so FastAPI does not validate and encode the item again.
    """
    data = item if isinstance(item, dict) else item.model_dump(mode="json")
    return respond_tagged(request, orjson.dumps(data), "application/json")


def respond_tagged(request: Request, body: bytes, media_type: str) -> Response:
    """A representation with the ETag of its bytes, or 304 when the client holds those bytes already."""
    tag = _tag(body)
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None and (tag in _listed(if_none_match) or "*" in _listed(if_none_match)):
        return Response(status_code=304, headers={"ETag": tag})
    return Response(body, media_type=media_type, headers={"ETag": tag})

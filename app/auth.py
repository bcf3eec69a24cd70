"""API keys: creation, verification, and the dependencies that guard writes (and, optionally, reads).

A key reads ``pkb_<prefix>_<secret>``. Only the SHA-256 of the whole key is stored — the key carries 256 bits
of randomness, so a fast hash is enough — and the stored and presented hashes are compared in constant time.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Request
from fastapi.security import HTTPBearer
from sqlmodel import Session, select

from app.bearer import KEY_PREFIX, bearer_token, key_prefix
from app.config import get_settings
from app.db import SessionDep, begin_write
from app.errors import Forbidden, Unauthorized
from app.models import ApiKey
from app.models.audit import utc_now
from app.read_pool import run_in_read_pool

Scope = Literal["read", "write", "admin"]
# Each scope includes the ones below it: read < write < admin (cascading deletes need admin).
SCOPE_RANK = {"read": 0, "write": 1, "admin": 2}


@dataclass(frozen=True)
class Caller:
    """Who is making the request: a key's name and scope."""

    name: str
    scope: Scope


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_key(session: Session, *, name: str, scope: Scope) -> str:
    """Store a new key and return it; this is the only time the full key exists outside the caller."""
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    session.add(ApiKey(name=name, prefix=prefix, secret_hash=hash_key(key), scope=scope))
    session.commit()
    return key


def revoke_key(session: Session, *, name: str) -> bool:
    key = session.exec(select(ApiKey).where(ApiKey.name == name, ApiKey.revoked_at.is_(None))).first()
    if key is None:
        return False
    key.revoked_at = utc_now()
    session.add(key)
    session.commit()
    return True


def verify_key(session: Session, presented: str) -> ApiKey | None:
    """The live key matching ``presented``, or None."""
    prefix = key_prefix(presented)
    if prefix is None:
        return None
    stored = session.exec(select(ApiKey).where(ApiKey.prefix == prefix)).first()
    if stored is None or stored.revoked_at is not None:
        return None
    return stored if hmac.compare_digest(stored.secret_hash, hash_key(presented)) else None


class _BearerKey(HTTPBearer):
    """The bearer scheme as OpenAPI documents it, reading the header with the one parser (app/bearer.py)."""

    async def __call__(self, request: Request) -> str | None:  # type: ignore[override]
        return bearer_token(request.headers)


bearer = _BearerKey(auto_error=False, scheme_name="HTTPBearer", description="An API key from `peacekb keys create`.")
PresentedKeyDep = Annotated[str | None, Depends(bearer)]


def _caller(session: Session, presented: str | None) -> Caller:
    if presented is None:
        raise Unauthorized("This operation needs an API key: send 'Authorization: Bearer <key>'.")
    key = verify_key(session, presented)
    if key is None:
        raise Unauthorized("The API key is not valid or has been revoked.")
    return Caller(name=key.name, scope=key.scope)  # type: ignore[arg-type]


def require(scope: Scope):
    """A dependency admitting callers whose key has at least ``scope``; for the writing scopes, the request's
    transaction then takes the write lock up front (``begin_write``), so concurrent writers queue instead of
    failing."""

    def check(session: SessionDep, presented: PresentedKeyDep) -> Caller:
        caller = _caller(session, presented)
        if SCOPE_RANK[caller.scope] < SCOPE_RANK[scope]:
            raise Forbidden(f"This operation needs a key with the '{scope}' scope; this key has '{caller.scope}'.")
        if SCOPE_RANK[scope] >= SCOPE_RANK["write"]:
            begin_write(session)
        return caller

    return check


async def reader(request: Request, session: SessionDep) -> None:
    """Reads are public unless PEACEKB_READ_REQUIRES_KEY is set; then any valid key may read.

    The header is parsed here rather than through ``bearer`` so that OpenAPI does not mark public reads as
    needing a key. Async, so that a public read costs no trip to a thread; with keys required, the key's row
    is read in the read pool, never on the event loop.
    """
    if not get_settings().read_requires_key:
        return
    await run_in_read_pool(_caller, session, bearer_token(request.headers))


Writer = Annotated[Caller, Depends(require("write"))]

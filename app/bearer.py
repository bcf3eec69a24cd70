"""The one reader of API keys in requests: the ``Authorization: Bearer`` header and the key's public prefix.

Authentication (app/auth.py) and the rate limit (app/limits.py, which runs before any database is open and
counts a key by its prefix) both read the header here, so they never disagree about what a request carries.
A key reads ``pkb_<prefix>_<secret>``.
"""

from starlette.datastructures import Headers

KEY_PREFIX = "pkb"


def bearer_token(headers: Headers) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header (any case of ``Bearer``), or None."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def key_prefix(key: str) -> str | None:
    """The public prefix of a key shaped ``pkb_<prefix>_<secret>``, or None for anything else."""
    parts = key.split("_", 2)
    return parts[1] if len(parts) == 3 and parts[0] == KEY_PREFIX and parts[1] else None

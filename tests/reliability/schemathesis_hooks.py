"""Schemathesis hooks for the contract test (loaded through SCHEMATHESIS_HOOKS): how to send NDJSON bodies."""

import json

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(_context, value) -> bytes:
    """A bulk body: text as it is (the schema says a string), anything else as one line of JSON."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8", errors="surrogatepass")
    return (json.dumps(value) + "\n").encode()

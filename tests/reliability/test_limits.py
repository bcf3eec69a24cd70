"""Limits and headers: body size, rate, statement time, CORS, security headers, and error bodies that leak nothing."""

import asyncio
import re
import threading
from collections.abc import Iterator
from http import HTTPStatus

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from app.config import get_settings
from app.db import SessionDep, build_engine, get_session
from app.limits import limit_statement_time
from app.main import create_app
from app.middleware import DATA_POLICY

API = "/api/v1"
SLOW_QUERY = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1e9) SELECT count(*) FROM n"
PROBLEM = "application/problem+json"

pytestmark = pytest.mark.reliability


def build(engine=None, **changes) -> FastAPI:
    """The app, built with these settings changed, serving ``engine``."""
    settings = get_settings()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in changes.items():
            patch.setattr(settings, name, value)
        app = create_app()
    if engine is not None:

        def override() -> Iterator[Session]:
            with Session(engine) as session:
                yield session

        app.dependency_overrides[get_session] = override
    return app


@pytest.fixture
def engine(tmp_path):
    from app.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'limits.db'}"
    upgrade(url)
    engine = build_engine(url)
    yield engine
    engine.dispose()


# ---- body size ----------------------------------------------------------------------------------------


def test_a_body_declared_too_large_is_refused_with_413_before_it_is_read(engine):
    app = build(engine, max_body_bytes=1000)
    messages = [{"type": "http.response.start"}]
    read = []

    async def receive():
        read.append(True)
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message):
        messages.append(message)

    scope = {"type": "http", "method": "POST", "path": f"{API}/issues", "raw_path": f"{API}/issues".encode(),
             "query_string": b"", "headers": [(b"content-length", b"5000000"), (b"content-type", b"application/json")],
             "client": ("127.0.0.1", 1), "server": ("test", 80), "scheme": "http", "root_path": "",
             "http_version": "1.1", "app": app}  # fmt: skip
    # In a thread of its own: the suite may already run an event loop in this one.
    runner = threading.Thread(target=asyncio.run, args=(app(scope, receive, send),))
    runner.start()
    runner.join(timeout=30)

    assert messages[1]["status"] == 413
    assert read == [], "the body was read"
    assert dict(messages[1]["headers"])[b"content-type"] == PROBLEM.encode()


def test_a_streamed_body_is_refused_with_413_once_it_passes_the_limit(engine):
    client = TestClient(build(engine, max_body_bytes=1000))

    def chunks():
        for _ in range(100):
            yield b" " * 100

    response = client.post(f"{API}/issues", content=chunks(), headers={"Content-Type": "application/json"})

    assert response.status_code == 413
    assert response.json() == {
        "type": "urn:peacekb:problem:payload-too-large",
        "title": HTTPStatus(413).phrase,  # "Content Too Large" from Python 3.13 on
        "status": 413,
        "detail": "The request body is larger than this operation accepts (1000 bytes).",
        "instance": f"{API}/issues",
    }


def test_bulk_takes_larger_bodies_than_other_writes(engine):
    client = TestClient(build(engine, max_body_bytes=1000, max_bulk_body_bytes=100_000))
    body = b"\n" * 5000

    assert client.post(f"{API}/issues", content=body).status_code == 413
    assert client.post(f"{API}/bulk", content=body).status_code == 401  # read in full; the key is checked


# ---- rate -------------------------------------------------------------------------------------------


def test_rate_limiting_is_off_by_default(engine):
    client = TestClient(build(engine))
    assert {client.get("/health").status_code for _ in range(50)} | {client.get(f"{API}/stats").status_code} == {200}


def test_a_caller_over_the_rate_gets_429_with_retry_after(engine):
    client = TestClient(build(engine, rate_limit_per_minute=3))

    answers = [client.get(f"{API}/stats") for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1].headers["Retry-After"]) >= 1
    assert answers[-1].headers["content-type"] == PROBLEM
    assert answers[-1].json()["type"] == "urn:peacekb:problem:rate-limited"
    assert client.get("/health").status_code == 200  # health checks are never throttled


def test_a_key_is_limited_from_every_address_and_an_address_whatever_its_key(engine):
    app = build(engine, rate_limit_per_minute=2)
    key = {"Authorization": "Bearer pkb_0123abcd_secret"}
    first, second = TestClient(app, client=("10.0.0.1", 1)), TestClient(app, client=("10.0.0.2", 1))

    assert [first.get(f"{API}/stats", headers=key).status_code for _ in range(2)] == [200, 200]
    assert second.get(f"{API}/stats", headers=key).status_code == 429  # the key's requests are spent
    assert second.get(f"{API}/stats").status_code == 200  # the other address still has its own
    assert first.get(f"{API}/stats").status_code == 429  # the first address has spent its own too


# ---- statement time ---------------------------------------------------------------------------------


def test_a_statement_past_the_time_limit_answers_503_and_the_worker_serves_on(engine):
    limit_statement_time(engine, 200)
    app = build(engine, query_timeout_ms=200)

    @app.get("/slow")
    def slow(session: SessionDep):
        return session.execute(text(SLOW_QUERY)).scalar()

    client = TestClient(app)
    response = client.get("/slow")

    assert response.status_code == 503
    assert response.json()["type"] == "urn:peacekb:problem:query-timeout"
    assert "SELECT" not in response.text
    assert client.get(f"{API}/stats").status_code == 200


def test_the_time_limit_never_cuts_a_commit_short(engine):
    limit_statement_time(engine, 50)
    with Session(engine) as session:
        with pytest.raises(OperationalError):
            session.execute(text(SLOW_QUERY))
        session.rollback()
        session.execute(text("CREATE TABLE t (x)"))
        session.execute(text("INSERT INTO t VALUES (1)"))
        session.commit()
        assert session.execute(text("SELECT x FROM t")).scalar() == 1


# ---- CORS -------------------------------------------------------------------------------------------


def test_any_origin_may_read(engine):
    response = TestClient(build(engine)).get(f"{API}/stats", headers={"Origin": "https://elsewhere.example"})

    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]


def test_an_origin_not_allowed_to_write_is_refused_at_preflight(engine):
    client = TestClient(build(engine))
    preflight = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization, content-type"}  # fmt: skip

    response = client.options(f"{API}/issues", headers=preflight)

    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response.headers
    assert response.headers["content-type"] == PROBLEM


def test_an_allowed_origin_may_write(engine):
    client = TestClient(build(engine, cors_origins=["https://kb.example"]))
    preflight = {"Origin": "https://kb.example", "Access-Control-Request-Method": "PATCH"}

    response = client.options(f"{API}/issues/x", headers=preflight)

    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "https://kb.example"
    assert "PATCH" in response.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in response.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response.headers


ELSEWHERE = {"Origin": "https://elsewhere.example"}


@pytest.mark.parametrize(
    ("url", "status"),
    [(f"{API}/claims/no-such-claim", 404), (f"{API}/claims?limit=0", 422), (f"{API}/claims?bogus=1", 422),
     (f"{API}/nowhere", 404), (f"{API}/stats", 401)],
)  # fmt: skip
def test_a_read_refused_with_a_problem_still_carries_the_cors_headers(engine, monkeypatch, url, status):
    client = TestClient(build(engine))
    monkeypatch.setattr(get_settings(), "read_requires_key", status == 401)

    response = client.get(url, headers=ELSEWHERE | {"Authorization": "Bearer pkb_no_such-key"})

    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Retry-After" in response.headers["Access-Control-Expose-Headers"]


def test_an_unexpected_error_carries_the_cors_headers_too(engine):
    client = TestClient(_failing_app(engine), raise_server_exceptions=False)

    response = client.get("/fail/runtime", headers=ELSEWHERE)

    assert response.status_code == 500
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_head_from_another_origin_is_a_read(engine):
    response = TestClient(build(engine)).head(f"{API}/stats", headers=ELSEWHERE)

    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_reads_can_be_closed_to_other_origins(engine):
    client = TestClient(build(engine, cors_public_reads=False))
    response = client.get(f"{API}/stats", headers={"Origin": "https://elsewhere.example"})

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


# ---- security headers and error bodies --------------------------------------------------------------


def _failing_app(engine) -> FastAPI:
    app = build(engine)

    @app.get("/fail/{what}")
    def fail(what: str, session: SessionDep):
        if what == "sql":
            session.execute(text("SELECT * FROM no_such_table WHERE secret = 'hunter2'"))
        if what == "integrity":
            raise IntegrityError("INSERT INTO api_key (secret_hash) VALUES (?)", ("abc",), Exception("UNIQUE"))
        if what == "path":
            open("/nonexistent/peacekb/secret.txt")  # noqa: SIM115 — the error names the path
        raise RuntimeError("Traceback (most recent call last): internal state")

    return app


@pytest.mark.parametrize("what", ["sql", "integrity", "path", "runtime"])
def test_an_unexpected_error_answers_a_bare_500_that_leaks_nothing(engine, what):
    client = TestClient(_failing_app(engine), raise_server_exceptions=False)

    response = client.get(f"/fail/{what}")

    assert response.status_code == 500
    assert response.json() == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "An unexpected error occurred.",
        "instance": f"/fail/{what}",
    }
    assert response.headers["X-Content-Type-Options"] == "nosniff"  # even the 500 carries the headers


def test_refusals_name_the_input_but_never_sql_paths_or_traces(engine):
    client = TestClient(build(engine), raise_server_exceptions=False)
    bodies = [
        client.get(f"{API}/claims", params={"limit": "'; DROP TABLE claim; --"}).text,
        client.get(f"{API}/search", params={"q": '"*NEAR(^-'}).text,
        client.get(f"{API}/claims/no-such-claim").text,
        client.post(f"{API}/issues", content=b"\xff\xfe", headers={"Content-Type": "application/json"}).text,
    ]
    for body in bodies:
        assert not re.search(r"SELECT|INSERT|sqlite|Traceback|File \"|/work/|\.py\b", body), body


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", f"{API}/stats"), ("GET", f"{API}/claims/none"), ("GET", f"{API}/claims?limit=0"),
     ("DELETE", f"{API}/stats"), ("POST", f"{API}/issues"), ("GET", "/openapi.json"), ("GET", "/health")],
)  # fmt: skip
def test_every_response_carries_the_security_headers(engine, method, path):
    response = TestClient(build(engine)).request(method, path)

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Content-Security-Policy"] == DATA_POLICY


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_explorer_pages_policy_admits_what_they_load(engine, page):
    response = TestClient(build(engine)).get(page)
    html = response.text

    policy = dict(d.strip().split(" ", 1) for d in response.headers["Content-Security-Policy"].split(";"))
    # Everything the page loads comes from this origin, which the policy admits; so is its inline start-up script.
    loaded = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert loaded and all(url.startswith("/") for url in loaded), loaded
    assert "'self'" in policy["script-src"] and "'self'" in policy["style-src"]
    if re.search(r"<script>\s*\S", html):
        assert "'unsafe-inline'" in policy["script-src"]


def test_a_search_past_the_time_limit_answers_422_naming_q(engine):
    limit_statement_time(engine, 200)
    app = build(engine, query_timeout_ms=200)

    @app.get("/slow-search")
    def slow_search(session: SessionDep, q: str):
        return session.execute(text(SLOW_QUERY)).scalar()

    response = TestClient(app).get("/slow-search", params={"q": "ukraine"})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:peacekb:problem:invalid-parameter"
    [error] = response.json()["errors"]
    assert (error["location"], error["name"]) == ("query", "q")
    assert "query time limit (200 ms)" in error["reason"]

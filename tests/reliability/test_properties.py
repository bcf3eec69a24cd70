"""Property tests (hypothesis): quote anchoring, the seed loader and search hold for any input, not just ours.

- Anchoring: for arbitrary Unicode text and quotes, a span found always satisfies ``text[start:end] == quote``,
  and a quote that is not in the text always raises QuoteError.
- The seed loader: random small knowledge bases (some broken on purpose) either load and export back exactly,
  or fail with a SeedError having written nothing at all.
- Search: any text, FTS5 syntax included (quotes, ``*``, ``NEAR(``, ``-``, ``^``, unbalanced parentheses,
  control characters), answers 200 or a 422 problem — never a 5xx — on the search route and on ``q`` filters.
"""

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from app.db import build_engine, get_session
from app.main import create_app
from app.migrate import upgrade
from app.services.anchoring import QuoteError, anchor_quote
from app.services.export import export_knowledge_base
from app.services.seed_reader import SeedError
from app.services.seeding import load_seed
from tests.reliability.conftest import FIGURES, LIMITS

pytestmark = pytest.mark.reliability

EXAMPLES = LIMITS["property_examples"]
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Few distinct characters make repeats and near misses (the hard cases for anchoring) common; the rest of
# Unicode (astral planes, combining marks, surrogates excluded by str) comes in too.
small_alphabet = st.sampled_from("ab é🙂\u0301\n")
texts = st.one_of(st.text(small_alphabet, max_size=40), st.text(max_size=60))


def _count(name: str) -> None:
    FIGURES[name] = int(FIGURES.get(name, 0)) + 1


# ---- quote anchoring --------------------------------------------------------------------------------


@PROPERTY
@given(text=texts, quote=texts, prefix=st.none() | texts, suffix=st.none() | texts)
def test_an_anchored_quote_is_the_text_at_its_offsets(text, quote, prefix, suffix):
    try:
        span = anchor_quote(text, quote, prefix=prefix, suffix=suffix)
    except QuoteError:
        return
    assert text[span.start : span.end] == quote
    assert quote


@PROPERTY
@given(data=st.data(), text=texts.filter(bool))
def test_a_slice_of_the_text_is_found_at_its_start(data, text):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]

    span = anchor_quote(text, quote, start=start)

    assert (span.start, span.end) == (start, end)
    occurrences = [i for i in range(len(text)) if text.startswith(quote, i)]
    if len(occurrences) == 1:
        assert anchor_quote(text, quote) == span
    else:
        with pytest.raises(QuoteError):
            anchor_quote(text, quote)


@PROPERTY
@given(text=texts, quote=texts.filter(bool), start=st.none() | st.integers(0, 80), prefix=st.none() | texts)
def test_a_quote_absent_from_the_text_is_always_refused(text, quote, start, prefix):
    assume(quote not in text)
    with pytest.raises(QuoteError):
        anchor_quote(text, quote, start=start, prefix=prefix)
    _count("properties: absent quotes refused")


# ---- the seed loader --------------------------------------------------------------------------------

slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
words = st.text(st.sampled_from("abcdefghij XYZé🙂"), min_size=1, max_size=30).filter(str.strip)


@st.composite
def knowledge_bases(draw) -> dict:
    """A small knowledge base in the export format; now and then broken (a bad reference, a quote that is not
    in its source, a bad slug or grade), so that both outcomes of a load are exercised."""
    ids = draw(st.lists(slugs, min_size=3, max_size=12, unique=True))
    actors = ids[: len(ids) // 3]
    issues = ids[len(ids) // 3 : 2 * len(ids) // 3]
    source_id = ids[-1]
    text = draw(st.text(st.sampled_from("abc déf 🙂\n"), min_size=5, max_size=120))
    source = {"id": source_id, "title": draw(words), "kind": "news_article", "reliability": "B",
              "reliability_note": draw(words), "text": text}  # fmt: skip
    kb: dict = {
        "sources": [source],
        "actors": [{"id": a, "name": draw(words), "kind": "person"} for a in actors],
        "issues": [{"id": i, "name": draw(words)} for i in issues],
        "claims": [],
    }
    for number in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 15)))
        claim = {"id": f"claim-{number}", "statement": draw(words), "credibility": draw(st.integers(1, 6)),
                 "source_id": source_id, "quote": text[start:end], "quote_start": start,
                 "actor_ids": draw(st.lists(st.sampled_from(actors), unique=True)) if actors else [],
                 "issue_ids": draw(st.lists(st.sampled_from(issues), unique=True)) if issues else []}  # fmt: skip
        kb["claims"].append(claim)
    breakage = draw(st.sampled_from(["none", "none", "reference", "quote", "slug", "grade"]))
    if breakage == "reference" and kb["claims"]:
        kb["claims"][0]["actor_ids"] = ["no-such-actor"]
    elif breakage == "quote" and kb["claims"]:
        kb["claims"][0]["quote"] += "§not-in-the-source§"
    elif breakage == "slug":
        kb["issues"].append({"id": "Not A Slug", "name": "x"})
    elif breakage == "grade":
        kb["sources"][0]["reliability"] = "Z"
    return kb


@pytest.fixture(scope="module")
def migrated_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("properties") / "migrated.db"
    upgrade(f"sqlite:///{path}")
    return path


def _rows(session: Session) -> dict[str, int]:
    return {
        table.name: session.scalar(select(func.count()).select_from(table)) or 0
        for table in SQLModel.metadata.sorted_tables
    }


@settings(max_examples=max(20, EXAMPLES // 3), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(kb=knowledge_bases())
def test_a_random_seed_round_trips_or_fails_having_written_nothing(kb, migrated_file, tmp_path):
    database = tmp_path / "kb.db"
    shutil.copyfile(migrated_file, database)
    seed = tmp_path / "kb.json"
    seed.write_text(json.dumps(kb, ensure_ascii=False))
    engine = build_engine(f"sqlite:///{database}")
    try:
        with Session(engine) as session:
            try:
                load_seed(session, seed)
            except SeedError:
                session.rollback()
                assert set(_rows(session).values()) == {0}, "a failed load wrote something"
                _count("properties: random seeds refused cleanly")
                return
            exported = export_knowledge_base(session).model_dump(mode="json", exclude_none=True)
        _count("properties: random seeds round-tripped")
        assert {c["id"]: c["quote"] for c in exported["claims"]} == {c["id"]: c["quote"] for c in kb["claims"]}
        source = exported["sources"][0]
        for claim in exported["claims"]:
            assert source["text"][claim["quote_start"] : claim["quote_end"]] == claim["quote"]
        for section in ("actors", "issues"):
            assert {r["id"]: r["name"] for r in exported[section]} == {r["id"]: r["name"] for r in kb[section]}
        assert sorted(exported["claims"][i]["actor_ids"] for i in range(len(kb["claims"]))) == sorted(
            sorted(c["actor_ids"]) for c in kb["claims"]
        )
    finally:
        engine.dispose()
        database.unlink()


# ---- search -----------------------------------------------------------------------------------------

fts_syntax = st.sampled_from(['"', "*", "NEAR(", "NEAR", "-", "^", "(", ")", ":", "AND", "OR", "NOT", "+", "{", "}",
                              "\x00", "\x1f", "\x7f", "''", "\\", "col:", "title:", "%", "_"])  # fmt: skip
search_text = st.lists(st.one_of(fts_syntax, st.text(max_size=8), st.sampled_from(["Luhansk", "plan", "nucl"])),
                       min_size=1, max_size=8).map("".join)  # fmt: skip


@pytest.fixture(scope="module")
def kb_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The curated knowledge base, in-process, for searching."""
    from app.config import REPO_ROOT

    path = tmp_path_factory.mktemp("search") / "kb.db"
    upgrade(f"sqlite:///{path}")
    engine = build_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        load_seed(session, REPO_ROOT / "seed_data")
    app = create_app()

    def session_override() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = session_override
    with TestClient(app) as client:
        yield client
    engine.dispose()


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(q=search_text, where=st.sampled_from(["/api/v1/search", "/api/v1/claims", "/api/v1/actors", "/api/v1/issues"]))
def test_search_text_never_breaks_the_server(kb_client, q, where):
    response = kb_client.get(where, params={"q": q})

    assert response.status_code in (200, 422), (q, response.text)
    if response.status_code == 422:
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"][0]["name"] == "q"
    _count("properties: search inputs answered")

"""GET /sources/{id}/suggestions: suggested claims of a stored source, linked to the knowledge base, on both
backends; nothing is written by asking, and any text answers 200."""

import hashlib

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from app.auth import create_key
from app.curation import Suggestion, claim_body
from app.models import Claim, Revision, Source
from app.services.seeding import load_seed
from tests.conftest import REAL_SEED, client_for
from tests.helpers import API

PRAISE = "zelensky-praise-us-envoys-blueprint"
BREAKING = "breaking-zelenskiy-hails-momentum"


def _all(client, source_id: str) -> tuple[dict, list[dict]]:
    response = client.get(f"{API}/sources/{source_id}/suggestions", params={"limit": 500})
    assert response.status_code == 200, response.text
    return response.json(), response.json()["items"]


def test_a_source_answers_a_page_of_suggestions_in_text_order_with_quotes_verified(kb):
    text = kb.get(f"{API}/sources/{BREAKING}").json()["text"]

    page, items = _all(kb, BREAKING)

    assert set(page) == {"items", "total", "total_exact", "limit", "offset"}
    assert page["total"] == len(items) > 20 and page["total_exact"]
    assert [s["quote_start"] for s in items] == sorted(s["quote_start"] for s in items)
    assert all(text[s["quote_start"] : s["quote_end"]] == s["quote"] for s in items)
    for s in items:
        Suggestion.model_validate(s)
        assert 0 <= s["confidence"] <= 1 and s["reasons"]


def test_pages_walk_by_offset_and_by_cursor_to_the_same_suggestions(kb):
    _, every = _all(kb, BREAKING)

    first = kb.get(f"{API}/sources/{BREAKING}/suggestions", params={"limit": 10})
    second = kb.get(f"{API}/sources/{BREAKING}/suggestions", params={"limit": 10, "offset": 10})
    cursor = kb.get(f"{API}/sources/{BREAKING}/suggestions", params={"limit": 10, "after": ""})

    assert first.json()["items"] + second.json()["items"] == every[:20]
    assert 'rel="next"' in first.headers["Link"] and cursor.json()["items"] == every[:10]


def test_stored_claims_whose_quote_overlaps_show_as_claimed_by(kb):
    _, items = _all(kb, BREAKING)

    claimed = {claim_id for s in items for claim_id in s["claimed_by"]}

    assert "russia-controls-99-percent-luhansk" in claimed


def test_a_number_comes_as_value_and_unit_and_actors_issues_are_linked(kb):
    _, items = _all(kb, BREAKING)

    luhansk = [s for s in items if s["value"] == 99 and s["unit"] == "percent"]

    assert luhansk and luhansk[0]["actor_ids"]
    assert any(s["issue_ids"] for s in items) and any(s["plan_point_ids"] for s in items)


def test_a_known_contradiction_is_proposed_as_a_candidate_relation(kb):
    _, items = _all(kb, PRAISE)

    relations = [(r["type"], r["claim_id"]) for s in items for r in s["relations"]]

    assert ("contradicts", "witkoff-kushner-us-envoys-call") in relations
    assert all(r["rationale"] for s in items for r in s["relations"])


def test_an_unknown_source_answers_404(kb):
    response = kb.get(f"{API}/sources/no-such-source/suggestions")

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_the_ndjson_sibling_answers_one_suggestion_a_line(kb):
    response = kb.get(f"{API}/sources/{BREAKING}/suggestions.ndjson")

    assert response.status_code == 200
    assert len(response.text.splitlines()) == _all(kb, BREAKING)[0]["total"]


@pytest.fixture
def seeded(engine):
    """The real seed in this test's own database, with a write key."""
    with Session(engine) as session:
        load_seed(session, REAL_SEED)
        key = create_key(session, name="curator", scope="write")
    with client_for(engine) as client:
        yield client, key, engine


def _counts(engine) -> tuple[int, int]:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Revision)), session.scalar(
            select(func.count()).select_from(Claim)
        )


def test_asking_writes_nothing_and_an_accepted_suggestion_posts_as_a_claim_and_shows_as_claimed(seeded):
    client, key, engine = seeded
    before = _counts(engine)
    _, items = _all(client, PRAISE)
    assert _counts(engine) == before  # nothing written by asking
    unclaimed = next(s for s in items if not s["claimed_by"] and s["kind"] != "figure")

    body = claim_body(Suggestion.model_validate(unclaimed), id="accepted-suggestion", source_id=PRAISE, credibility=3)
    created = client.post(f"{API}/claims", json=body, headers={"Authorization": f"Bearer {key}"})
    _, after = _all(client, PRAISE)

    assert created.status_code == 201, created.text
    assert created.json()["quote_start"] == unclaimed["quote_start"]
    same = next(
        s for s in after if (s["quote_start"], s["quote_end"]) == (unclaimed["quote_start"], unclaimed["quote_end"])
    )
    assert "accepted-suggestion" in same["claimed_by"]


ODD_TEXTS = {
    "empty": "",
    "blank": " \n\t\n ",
    "emoji": "🙂🙂 Peace talks 🕊️ resumed on 3 Jan 2026 👍; 40% of 🇺🇦 agreed. 🙂",
    "rtl": "قال المتحدث إن المحادثات ستستأنف. אמר הדובר כי השיחות יימשכו. Zelensky said 20% would stay.",
    # No NUL: PostgreSQL text cannot hold one, so no stored source has it.
    "binaryish": "\x01\x02 PK\x03\x04 \ufffd\ufffd \x7f\x1b[0m" * 50 + " Ukraine said 2,300 POWs were freed.\x0c",
    "no claim": "Share your thoughts in the comments below.",
    "huge": ("Russia said on 25 Dec 2025 that it holds 99% of Luhansk. Ukraine denied it. " * 1500),
}


@pytest.mark.parametrize("name", ODD_TEXTS)
def test_any_stored_text_answers_200_with_a_clear_page(client, engine, name):
    text = ODD_TEXTS[name]
    with Session(engine) as session:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        session.add(Source(id="odd", title="Odd", kind="news_article", reliability="F", reliability_note="test",
                           text=text, sha256=digest))  # fmt: skip
        session.commit()

    response = client.get(f"{API}/sources/odd/suggestions", params={"limit": 500})

    assert response.status_code == 200, response.text
    page = response.json()
    assert page["total"] >= len(page["items"])
    assert all(text[s["quote_start"] : s["quote_end"]] == s["quote"] for s in page["items"])
    if name in ("empty", "blank"):
        assert page["items"] == [] and page["total"] == 0


def test_a_text_not_stored_yet_gets_suggestions_with_any_key_and_nothing_is_written(seeded):
    client, key, engine = seeded
    before = _counts(engine)
    text = "Kyiv, 24 Dec 2025. Steve Witkoff said Ukraine freed 2,300 POWs."

    anonymous = client.post(f"{API}/suggestions", json={"text": text})
    answer = client.post(f"{API}/suggestions", json={"text": text, "published_on": "2025-12-25"},
                         headers={"Authorization": f"Bearer {key}"})  # fmt: skip

    assert anonymous.status_code == 401
    assert answer.status_code == 200, answer.text
    items = answer.json()["items"]
    assert answer.json()["total"] == len(items) > 0
    assert all(text[s["quote_start"] : s["quote_end"]] == s["quote"] for s in items)
    assert any(s["value"] == 2300 for s in items) and _counts(engine) == before


def test_a_text_past_the_body_limit_answers_413_and_a_missing_text_422(seeded):
    client, key, _ = seeded
    headers = {"Authorization": f"Bearer {key}"}

    huge = client.post(f"{API}/suggestions", json={"text": "Peace. " * 200_000}, headers=headers)
    missing = client.post(f"{API}/suggestions", json={"published_on": "2025-12-25"}, headers=headers)

    assert huge.status_code == 413
    assert missing.status_code == 422 and "text" in missing.text

"""Reviewing suggested claims in the explorer: marked in the text, accepted through the write API with the
curator's key, rejected for good in this browser, and a rejected edit shown with the field the API names.

Each test stores a source of its own on a server of its own (the writable fixture), so that what it writes
changes nothing another test reads. Its text opens with emoji, which JavaScript counts as two units each.
"""

import json
import urllib.error
import urllib.request

import pytest

from tests.browser.pages import open_view, wait_drawn

TEXT = (
    "🕊️ Talks resume 🙂\n\n"
    "Kyiv asserts that Russia holds about 60% of Luhansk. "
    "Steve Witkoff is not the U.S. envoy, officials said.\n"
)
SHARE, ENVOY = "Kyiv asserts that Russia holds", "Steve Witkoff is not"


def call(writable, method: str, path: str, body: dict | None = None):
    """The writable server's API, with its key: (status, JSON body)."""
    request = urllib.request.Request(
        f"{writable.base}/api/v1{path}",
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {writable.key}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


@pytest.fixture
def source(writable, request) -> str:
    """A source of this test's own, stored through the API."""
    source_id = request.node.name.replace("_", "-").lower()[:100]
    status, _ = call(writable, "POST", "/sources", {
        "id": source_id, "title": f"Review {source_id}", "kind": "news_article", "reliability": "F",
        "reliability_note": "A test text.", "text": TEXT,
    })  # fmt: skip
    assert status == 201
    return source_id


def suggestions(writable, source_id: str) -> list[dict]:
    return call(writable, "GET", f"/sources/{source_id}/suggestions?limit=500")[1]["items"]


def enter_key(page, key: str) -> None:
    page.fill("#api-key", key)
    page.get_by_role("button", name="Use this key").click()
    page.wait_for_selector('.key-box[data-key="entered"]')


def card(page, starting: str):
    return page.locator(".suggestion", has=page.locator(".statement", has_text=starting))


def test_the_suggestions_are_marked_in_the_text_where_their_quotes_are(curator, writable, source):
    found = suggestions(writable, source)
    page = open_view(curator, f"/sources/{source}/review")

    marks = page.locator(".review-text mark.suggested")
    shown = {m.get_attribute("data-key"): m.inner_text() for m in marks.all()}
    outermost = [s for s in found if not any(o is not s and o["quote_start"] <= s["quote_start"]
                                              and s["quote_end"] <= o["quote_end"] for o in found)]  # fmt: skip
    assert shown == {f"{s['quote_start']}-{s['quote_end']}-{s['kind']}": s["quote"] for s in outermost}
    assert any(text.startswith(SHARE) for text in shown.values())  # after the emoji: sliced in UTF-16 units
    assert page.locator(".suggestion").count() == len(found)
    mark = marks.filter(has_text=SHARE)
    mark.click()
    assert page.evaluate("() => document.activeElement.dataset.key") == mark.get_attribute("data-key")
    assert curator.errors == []


def test_a_curated_source_shows_its_written_suggestions_as_claimed(curator, writable):
    found = suggestions(writable, "breaking-zelenskiy-hails-momentum")
    page = open_view(curator, "/sources/breaking-zelenskiy-hails-momentum/review")

    claimed = [s for s in found if s["claimed_by"]]
    assert claimed and page.locator(".suggestion.claimed").count() == len(claimed)
    first = page.locator(".suggestion.claimed .claimed-note a").first
    assert first.get_attribute("href") == f"#/claims/{claimed[0]['claimed_by'][0]}"
    assert curator.errors == []


def test_accepting_writes_the_edited_claim_and_its_ticked_relation(curator, writable, source):
    page = open_view(curator, f"/sources/{source}/review")
    enter_key(page, writable.key)
    share = card(page, SHARE)
    relation = share.locator("input[name=relation]").first
    other = relation.get_attribute("value")

    share.locator("[name=id]").fill(f"{source}-share")
    share.locator("[name=statement]").fill("Kyiv says Russia holds about 60% of Luhansk.")
    share.locator("[name=credibility]").select_option("3")
    relation.check()
    share.get_by_role("button", name="Accept").click()
    share.locator(".claimed-note").wait_for()

    status, claim = call(writable, "GET", f"/claims/{source}-share")
    assert status == 200
    assert (claim["statement"], claim["credibility"], claim["source_id"]) == (
        "Kyiv says Russia holds about 60% of Luhansk.", 3, source,
    )  # fmt: skip
    assert claim["quote"].startswith(SHARE) and claim["value"] == 60 and claim["unit"] == "percent"
    assert {"ukraine", "russia"} <= set(claim["actor_ids"])
    written = call(writable, "GET", f"/claim-relations?claim_id={source}-share")[1]["items"]
    assert [(r["type"], r["from_claim_id"], r["to_claim_id"]) for r in written] == [
        ("contradicts", f"{source}-share", other)
    ]
    assert writable.key not in page.url and not any(writable.key in url for url in curator.requested)

    page.reload()
    wait_drawn(page)
    assert card(page, SHARE).locator(".claimed-note a").inner_text() == f"{source}-share"
    assert page.locator('.key-box[data-key="entered"]').count() == 1  # the key lasts as long as the tab
    assert curator.errors == []


def test_rejecting_hides_a_suggestion_and_it_stays_hidden_after_a_reload(curator, source):
    page = open_view(curator, f"/sources/{source}/review")
    before = page.locator(".suggestion").count()

    card(page, ENVOY).get_by_role("button", name="Reject").click()

    assert card(page, ENVOY).count() == 0 and page.locator(".suggestion").count() == before - 1
    assert page.locator(".review-text mark", has_text=ENVOY).count() == 0
    page.reload()
    wait_drawn(page)
    assert card(page, ENVOY).count() == 0 and page.locator(".suggestion").count() == before - 1
    page.get_by_role("button", name="Show the rejected again").click()
    assert card(page, ENVOY).count() == 1
    assert curator.errors == []


def test_a_bad_edit_shows_the_field_the_api_rejects_and_writes_nothing(curator, writable, source):
    page = open_view(curator, f"/sources/{source}/review")
    enter_key(page, writable.key)
    envoy = card(page, ENVOY)
    envoy.locator("[name=id]").fill(f"{source}-envoy")

    envoy.locator("[name=statement]").fill("")
    envoy.get_by_role("button", name="Accept").click()
    problem = envoy.locator(".problem")
    problem.wait_for()

    assert problem.locator('li[data-field="statement"]').is_visible()
    assert envoy.locator('[data-error-for="statement"]').inner_text() == "String should have at least 1 character"
    assert envoy.locator("[name=statement]").get_attribute("aria-invalid") == "true"

    envoy.locator("[name=statement]").fill("Witkoff is not the envoy, officials say.")
    envoy.locator("[name=actor_ids]").fill("steve-witkoff, nobody-at-all")
    envoy.get_by_role("button", name="Accept").click()
    problem.locator('li[data-field="actor_ids"]').wait_for()

    assert "nobody-at-all" in envoy.locator('[data-error-for="actor_ids"]').inner_text()
    assert envoy.locator("[name=statement]").get_attribute("aria-invalid") is None  # the earlier error is gone
    assert call(writable, "GET", f"/claims/{source}-envoy")[0] == 404
    assert [e for e in curator.errors if "422" not in e] == []  # the browser logs each refused POST


def test_a_refused_key_says_so_and_writes_nothing(curator, writable, source):
    page = open_view(curator, f"/sources/{source}/review")
    enter_key(page, "pkb_00000000_not-a-real-key")
    envoy = card(page, ENVOY)
    envoy.locator("[name=id]").fill(f"{source}-refused")

    envoy.get_by_role("button", name="Accept").click()
    problem = envoy.locator(".problem")
    problem.wait_for()

    assert "enter a key with the write scope" in problem.inner_text()
    assert call(writable, "GET", f"/claims/{source}-refused")[0] == 404
    page.get_by_role("button", name="Forget the key").click()
    assert page.locator("#api-key").is_visible()


def test_a_relation_that_cannot_be_written_is_named_and_the_claim_still_shows_claimed(curator, writable, source):
    page = open_view(curator, f"/sources/{source}/review")
    enter_key(page, writable.key)
    share = card(page, SHARE)
    relation = share.locator("input[name=relation]").first
    other = relation.get_attribute("value")
    taken = f"{source}-taken-contradicts-{other}"[:120].rstrip("-")  # as the page makes it: at most 120
    status, _ = call(writable, "POST", "/claim-relations", {  # the id the page will ask for, already taken
        "id": taken, "type": "supports", "from_claim_id": "witkoff-us-envoy-blog", "to_claim_id": other,
        "rationale": "Taken first.",
    })  # fmt: skip
    assert status == 201

    share.locator("[name=id]").fill(f"{source}-taken")
    relation.check()
    share.get_by_role("button", name="Accept").click()
    share.locator(".claimed-note").wait_for()

    assert call(writable, "GET", f"/claims/{source}-taken")[0] == 200
    assert share.locator(f'.problem li[data-relation-to="{other}"]').inner_text().startswith(f"contradicts {other}")
    assert [e for e in curator.errors if "409" not in e] == []

"""The evidence explorer at / in a real browser: from a disputed issue down to the highlighted words."""

import json
import urllib.request
from urllib.parse import quote

import pytest

API = "/api/v1"


@pytest.fixture(scope="module")
def api(server):
    """Read the JSON API of the test server (to say what the page must show)."""

    def get(path: str):
        with urllib.request.urlopen(f"{server}{API}{path}") as response:
            return json.load(response)

    return get


def open_view(visit, fragment: str):
    page = visit.page
    page.goto(f"/#{fragment}")
    page.wait_for_selector("main h1")
    page.wait_for_function("!document.querySelector('main').hasAttribute('aria-busy')")
    return page


def shown_quote(page) -> dict:
    """The highlighted quote and everything before it in the shown source text, as the page has them."""
    return page.evaluate(
        """() => {
            const mark = document.getElementById("quote");
            const box = mark.closest(".source-text");
            const range = document.createRange();
            range.setStart(box, 0);
            range.setEndBefore(mark);
            return {quote: mark.textContent, before: range.toString(), text: box.textContent};
        }"""
    )


def test_issue_shows_every_actors_position_and_the_claims_behind_it(visit, api):
    positions = api("/issues/territory-donbas/positions?limit=500")["items"]

    page = open_view(visit, "/issues/territory-donbas")
    shown = page.eval_on_selector_all(
        "section:first-of-type .position",
        """nodes => nodes.map(n => ({
            position: n.dataset.positionId,
            actor: n.dataset.actorId,
            stance: n.querySelector('.stance').textContent,
            claims: [...n.querySelectorAll('.claim-card')].map(c => c.dataset.claimId),
        }))""",
    )

    assert page.locator("h1").inner_text() == api("/issues/territory-donbas")["name"]
    assert shown == [
        {"position": p["id"], "actor": p["actor_id"], "stance": p["stance"], "claims": p["claim_ids"]}
        for p in positions
    ]
    assert visit.outside == [] and visit.errors == []


def test_claim_quote_is_highlighted_exactly_where_its_offsets_point(visit, api):
    claim = api("/claims/russia-controls-99-percent-luhansk")
    text = api(f"/sources/{claim['source_id']}")["text"]

    page = open_view(visit, f"/claims/{claim['id']}")
    shown = shown_quote(page)

    assert shown == {"quote": claim["quote"], "before": text[: claim["quote_start"]], "text": text}
    assert page.locator("#quote").is_visible()
    assert visit.outside == [] and visit.errors == []


def test_quotes_after_emoji_outside_the_basic_plane_are_highlighted_exactly(visit, api):
    source = api("/sources/blog-current-status-peace-talks")
    claims = api(f"/sources/{source['id']}/claims?limit=500&sort=quote_start")["items"]
    after_emoji = [c for c in claims if any(ord(ch) > 0xFFFF for ch in source["text"][: c["quote_start"]])]
    assert len(after_emoji) > 10, "the blog's claims should follow its 🧠 heading"

    page = visit.page
    for claim in after_emoji:
        page.goto(f"/#/claims/{quote(claim['id'])}")
        page.wait_for_function(
            "id => document.getElementById('quote')?.dataset.claimId === id", arg=claim["id"], timeout=10_000
        )
        shown = shown_quote(page)
        # A code-point offset taken as a UTF-16 index would land one unit early for each emoji before the quote.
        assert shown["quote"] == claim["quote"], claim["id"]
        assert shown["before"] == source["text"][: claim["quote_start"]], claim["id"]
    assert visit.outside == [] and visit.errors == []


def test_an_analyst_follows_an_issue_down_to_the_highlighted_words(visit, api):
    page = open_view(visit, "/issues")

    page.get_by_role("link", name=api("/issues/territory-donbas")["name"]).click()
    page.wait_for_selector(".position .claim-card")
    card = page.locator(".position .claim-card").first
    claim_id = card.get_attribute("data-claim-id")
    card.get_by_role("link", name="Show the quote in its source →").click()
    page.wait_for_selector("#quote")

    assert page.url.endswith(f"#/claims/{claim_id}")
    assert page.locator("#quote").inner_text() == api(f"/claims/{claim_id}")["quote"]
    assert page.evaluate("document.activeElement.tagName") == "H1"  # focus follows the navigation
    assert visit.outside == [] and visit.errors == []


def test_contradicting_claims_are_shown_side_by_side(visit, api):
    relations = api("/claim-relations?type=contradicts&limit=500")

    page = open_view(visit, "/contradictions")
    pairs = page.eval_on_selector_all(
        ".contradiction",
        "nodes => nodes.map(n => [n.dataset.relationId,"
        " [...n.querySelectorAll('.claim-card')].map(c => c.dataset.claimId)])",
    )

    assert pairs == [
        [r["id"], [r["from_claim_id"], r["to_claim_id"]]] for r in relations["items"][: min(25, relations["total"])]
    ]
    assert visit.outside == [] and visit.errors == []


def test_search_box_shows_hits_with_the_words_highlighted(visit, api):
    page = open_view(visit, "/issues")

    page.get_by_label("Search everything").fill("Luhansk")
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector(".results li")
    hits = api("/search?q=Luhansk&limit=25")

    assert page.locator(".results li").count() == len(hits["items"])
    marks = page.locator(".results mark").all_inner_texts()
    assert marks and all(m.lower() == "luhansk" for m in marks)
    assert page.locator(".results").inner_html().count("<mark>") == len(marks)  # rebuilt as elements, not markup
    assert visit.outside == [] and visit.errors == []


def test_plans_are_compared_point_by_point(visit, api):
    diff = api("/plans/revised-20-point-plan/diff/us-peace-package")

    page = open_view(visit, "/plans/revised-20-point-plan/us-peace-package")
    rows = page.eval_on_selector_all(
        "table.diff tbody tr",
        "rows => rows.map(r => [r.className,"
        " [...r.querySelectorAll('td[data-point-id]')].map(td => td.dataset.pointId)])",
    )

    assert rows == [[f"row-{r['status']}", [p["id"] for p in (r["base"], r["other"]) if p]] for r in diff["rows"]]
    assert visit.outside == [] and visit.errors == []


def test_numbers_and_timeline_show_every_figure_and_event(visit, api):
    figures = api("/claims?quantitative=true&limit=500")["total"]
    events = api("/events?limit=500")["items"]

    page = open_view(visit, "/numbers")
    assert page.locator("table.numbers tbody tr").count() == figures

    page = open_view(visit, "/timeline")
    dated = page.eval_on_selector_all("ol.timeline time", "nodes => nodes.map(n => n.getAttribute('datetime'))")
    assert dated == sorted(e["occurred_on"] for e in events if e["occurred_on"])
    assert page.locator(".timeline .event").count() == len(events)
    assert visit.outside == [] and visit.errors == []

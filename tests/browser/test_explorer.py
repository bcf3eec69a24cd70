"""The evidence explorer at / in a real browser: from a disputed issue down to the highlighted words."""

from urllib.parse import quote

from tests.browser.pages import click, open_view


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


def test_issue_shows_every_actors_positions_on_it_and_on_the_plans_and_points_touching_it(visit, api):
    matrix = api("/position-matrix", issue_id="territory-donbas")
    expected = {
        cell["actor_id"]: sorted((p["position_id"], p["stance"], p["claim_ids"]) for p in cell["positions"])
        for cell in matrix["cells"]
    }

    page = open_view(visit, "/issues/territory-donbas")
    shown = page.eval_on_selector_all(
        ".actor-stand",
        """nodes => nodes.map(n => [n.dataset.actorId, [...n.querySelectorAll('.position')].map(p => [
            p.dataset.positionId, p.querySelector('.stance').dataset.stance,
            [...p.querySelectorAll('.claim-card')].map(c => c.dataset.claimId)])])""",
    )

    assert page.locator("h1").inner_text() == api("/issues/territory-donbas")["name"]
    assert {actor: sorted(tuple(p) for p in positions) for actor, positions in shown} == {
        actor: [tuple(p) for p in positions] for actor, positions in expected.items()
    }
    assert {p.get_attribute("data-target-kind") for p in page.locator(".position").all()} == {
        "issue", "plan", "plan_point",
    }  # fmt: skip
    assert visit.errors == []


def test_claim_quote_is_highlighted_exactly_where_its_offsets_point(visit, api):
    claim = api("/claims/russia-controls-99-percent-luhansk")
    text = api(f"/sources/{claim['source_id']}")["text"]

    page = open_view(visit, f"/claims/{claim['id']}")
    shown = shown_quote(page)

    assert shown == {"quote": claim["quote"], "before": text[: claim["quote_start"]], "text": text}
    assert page.locator("#quote").is_visible()
    assert visit.errors == []


def test_quotes_after_emoji_outside_the_basic_plane_are_highlighted_exactly(visit, api):
    source = api("/sources/blog-current-status-peace-talks")
    claims = api(f"/sources/{source['id']}/claims", limit=500, sort="quote_start")["items"]
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
    assert visit.errors == []


def test_an_analyst_follows_an_issue_down_to_the_highlighted_words(visit, api):
    page = open_view(visit, "/issues")

    click(page, page.get_by_role("link", name=api("/issues/territory-donbas")["name"]))
    page.locator(".position .evidence summary").first.click()
    card = page.locator(".position .claim-card").first
    claim_id = card.get_attribute("data-claim-id")
    click(page, card.locator(".statement a"))

    assert page.url.endswith(f"#/claims/{claim_id}")
    assert page.locator("#quote").inner_text() == api(f"/claims/{claim_id}")["quote"]
    assert page.evaluate("document.activeElement.tagName") == "H1"  # focus follows the navigation
    assert visit.errors == []


def test_contradicting_claims_are_shown_side_by_side_best_backed_first(visit, api):
    pairs = api("/claim-pairs", type="contradicts", sort="-weight", limit=500)["items"]

    page = open_view(visit, "/contradictions")
    shown = page.eval_on_selector_all(
        ".contradiction",
        "nodes => nodes.map(n => [n.dataset.relationId,"
        " [...n.querySelectorAll('.claim-card')].map(c => c.dataset.claimId)])",
    )

    assert shown == [[p["id"], [p["from_claim_id"], p["to_claim_id"]]] for p in pairs]
    assert visit.errors == []


def test_search_box_shows_hits_with_the_words_highlighted(visit, api):
    page = open_view(visit, "/issues")

    page.get_by_label("Search everything").fill("Luhansk")
    click(page, page.get_by_role("button", name="Search"))
    hits = api("/search", q="Luhansk", limit=25)

    assert page.locator(".results li").count() == len(hits["items"])
    marks = page.locator(".results mark").all_inner_texts()
    assert marks and all(m.lower() == "luhansk" for m in marks)
    assert page.locator(".results").inner_html().count("<mark>") == len(marks)  # rebuilt as elements, not markup
    assert visit.errors == []


def test_plans_are_compared_point_by_point(visit, api):
    diff = api("/plans/revised-20-point-plan/diff/us-peace-package")

    page = open_view(visit, "/plans/revised-20-point-plan/us-peace-package")
    rows = page.eval_on_selector_all(
        "table.diff tbody tr",
        "rows => rows.map(r => [r.className,"
        " [...r.querySelectorAll('td[data-point-id]')].map(td => td.dataset.pointId)])",
    )

    assert rows == [[f"row-{r['status']}", [p["id"] for p in (r["base"], r["other"]) if p]] for r in diff["rows"]]
    assert visit.errors == []


def test_a_diff_against_a_plan_without_points_says_that_no_source_lists_them(visit, api):
    diff = api("/plans/earlier-draft-peace-framework/diff/revised-20-point-plan")
    assert diff["summary"]["added"] == len(diff["rows"]) > 0

    page = open_view(visit, "/plans/earlier-draft-peace-framework/revised-20-point-plan")
    notice = page.locator(".notice").inner_text()

    assert "has no recorded points: the sources mention it but never list its points" in notice
    assert "shows as added" in notice
    assert visit.errors == []

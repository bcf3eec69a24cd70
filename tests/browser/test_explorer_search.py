"""The explorer's search page in a real browser: why each hit matched, the kinds as filters, did you mean."""

from tests.browser.pages import click, open_view

SHOWN_HITS = """rows => rows.map(row => ({
    kind: row.dataset.kind,
    matched: [...row.querySelectorAll('.matched .term')].map(term => [term.textContent, term.title]),
}))"""


def expected_terms(hit: dict) -> list[list[str]]:
    return [[f"{t['query']} → {t['found']}" if t["via"] else t["found"], t["via"] or ""] for t in hit["matched"]]


def test_each_hit_shows_the_terms_it_matched_and_through_what(visit, api):
    hits = api("/search", q="Zelensky ceasefire", limit=25)["items"]

    page = open_view(visit, "/search?q=Zelensky%20ceasefire")
    shown = page.eval_on_selector_all(".results li", SHOWN_HITS)

    assert shown == [{"kind": hit["kind"], "matched": expected_terms(hit)} for hit in hits]
    linked = [term for hit in shown for term, _ in hit["matched"] if term == "Zelensky → actor:volodymyr-zelensky"]
    assert linked, "no hit says it matched through the actor it is linked to"
    assert visit.errors == []


def test_the_counts_per_kind_filter_the_results(visit, api):
    facets = api("/search", q="Zelensky", limit=25, facets="true")["facets"]["kind"]
    claims = api("/search", q="Zelensky", kind="claim", limit=25)

    page = open_view(visit, "/search?q=Zelensky")
    counts = page.eval_on_selector_all(
        ".facets a", "links => links.map(a => [a.dataset.kind, a.querySelector('.badge').textContent])"
    )
    assert counts == [["all", str(sum(facets.values()))], *([kind, str(n)] for kind, n in facets.items())]

    click(page, page.locator('.facets a[data-kind="claim"]'))

    assert "kind=claim" in page.url
    assert page.locator('.facets a[aria-current="true"]').get_attribute("data-kind") == "claim"
    assert page.eval_on_selector_all(".results li", "rows => rows.map(r => r.dataset.kind)") == ["claim"] * len(
        claims["items"]
    )
    click(page, page.locator('.facets a[data-kind="all"]'))
    assert page.locator(".results li").count() == min(25, sum(facets.values()))
    assert visit.errors == []


def test_a_search_that_finds_nothing_offers_links_to_what_it_may_have_meant(visit, api):
    suggestions = api("/search", q="Zelenksy")["did_you_mean"]
    assert suggestions, "the API proposes nothing for a misspelt name"

    page = open_view(visit, "/search?q=Zelenksy")
    assert page.locator(".results li").count() == 0
    assert page.locator(".did-you-mean a").all_inner_texts() == [s["query"] for s in suggestions]

    click(page, page.locator(".did-you-mean a").first)

    assert page.locator("#search-input").input_value() == suggestions[0]["query"]
    assert page.locator(".results li").count() > 0
    assert page.locator(".did-you-mean").count() == 0
    assert visit.errors == []

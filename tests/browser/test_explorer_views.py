"""Every view of the explorer, on desktop and phone: drawn without errors, no page wider than the screen,
a few API requests each, unambiguous links, exports on every list; and how each view behaves."""

import re
from collections import defaultdict

import pytest

from tests.browser.pages import api_requests, back, click, open_view

VIEWS = [
    "/issues",
    "/issues/territory-donbas",
    "/actors",
    "/actors/ukraine",
    "/contradictions",
    "/contradictions?group=issue&layout=compact",
    "/sources",
    "/sources/breaking-zelenskiy-hails-momentum",
    "/claims/us-envoys-leading-new-initiative",
    "/claims/three-envoys-presented-peace-package",
    "/plans/revised-20-point-plan",
    "/plans/us-peace-package",
    "/plans/earlier-draft-peace-framework/revised-20-point-plan",
    "/plan-points/revised-plan-troop-withdrawal-for-dmz",
    "/positions/ukraine-opposes-ceding-territory",
    "/events/zelensky-call-with-witkoff-and-kushner",
    "/relations/us-envoys-identity-conflict",
    "/places/azovstal",
    "/numbers",
    "/timeline",
    "/graph?issue=territory-donbas",
    "/search?q=envoys",
    "/sources/zelensky-praise-us-envoys-blueprint/review",
]
LIST_VIEWS = [
    *("/issues", "/actors", "/contradictions", "/sources", "/numbers", "/timeline", "/issues/territory-donbas"),
    *("/actors/ukraine", "/sources/breaking-zelenskiy-hails-momentum", "/plans/revised-20-point-plan"),
    *("/plans/revised-20-point-plan/us-peace-package", "/graph?actor=ukraine", "/search?q=Donbas"),
]
MOST_REQUESTS = 8  # a view costs a small fixed number of API requests, however many claims it shows


@pytest.mark.parametrize("fragment", VIEWS)
def test_every_view_fits_the_screen_and_costs_a_few_requests(screen, fragment):
    page = open_view(screen, fragment)
    width = page.viewport_size["width"]
    search = page.get_by_role("button", name="Search").bounding_box()

    assert page.locator("h1").inner_text() not in ("Not found", "Could not load this view")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    assert search["x"] >= 0 and search["x"] + search["width"] <= width, "the Search button is cut off"
    assert len(api_requests(screen)) <= MOST_REQUESTS, api_requests(screen)
    assert screen.errors == []


@pytest.mark.parametrize("fragment", VIEWS)
def test_no_two_links_of_a_view_share_a_text_but_lead_to_different_places(visit, fragment):
    page = open_view(visit, fragment)
    links = page.eval_on_selector_all(
        "main a[href]",
        "nodes => nodes.map(a => [(a.getAttribute('aria-label') || a.textContent).trim(), a.getAttribute('href')])",
    )
    targets = defaultdict(set)
    for text, href in links:
        targets[text].add(href)

    assert {text: hrefs for text, hrefs in targets.items() if len(hrefs) > 1} == {}


@pytest.mark.parametrize("fragment", LIST_VIEWS)
def test_every_list_view_offers_its_rows_as_csv_and_ndjson(visit, fragment):
    page = open_view(visit, fragment)
    api_links = page.eval_on_selector_all(".api-export a", "nodes => nodes.map(a => a.getAttribute('href'))")

    assert page.get_by_role("button", name="Download CSV").count() >= 1
    assert page.get_by_role("button", name="Download NDJSON").count() >= 1
    # The API's own exports are named by the list, suffixed: /api/v1/claims.csv (one helper spells them).
    assert all(re.fullmatch(r"api/v1/[a-z0-9/-]+\.(csv|ndjson)(\?[^#]*)?", href) for href in api_links), api_links


def test_the_skip_link_moves_to_the_content_and_keeps_the_view(visit):
    page = open_view(visit, "/issues")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")

    assert page.evaluate("location.hash") == "#/issues"
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.locator("h1").inner_text() == "Disputed issues"
    assert visit.errors == []


def test_contradictions_filter_by_issue_and_back_returns_to_every_contradiction(visit, api):
    every = [p["id"] for p in api("/claim-pairs", type="contradicts", sort="-weight", limit=500)["items"]]
    about = [p["id"] for p in api("/claim-pairs", type="contradicts", sort="-weight", issue_id="nato-role")["items"]]
    page = open_view(visit, "/contradictions")
    shown = lambda: page.eval_on_selector_all(".contradiction", "nodes => nodes.map(n => n.dataset.relationId)")  # noqa: E731

    drawn = page.evaluate("() => document.body.dataset.drawn")
    page.locator('select[name="issue"]').select_option("nato-role")
    page.wait_for_function("before => document.body.dataset.drawn !== before", arg=drawn)
    page.wait_for_selector(".contradiction")
    filtered = shown()
    back(page)

    assert filtered == about and 0 < len(about) < len(every)
    assert shown() == every
    assert page.evaluate("location.hash") == "#/contradictions"
    assert visit.errors == []


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("/contradictions?scope=within", {"scope": "within"}),
        (
            "/contradictions?sources=breaking-zelenskiy-hails-momentum",
            {"source_id": "breaking-zelenskiy-hails-momentum"},
        ),
        ("/contradictions?sort=id", {}),
    ],
)
def test_contradictions_show_what_the_api_answers_for_the_filter_in_the_address(visit, api, fragment, expected):
    sort = {} if "sort=id" in fragment else {"sort": "-weight"}
    pairs = [p["id"] for p in api("/claim-pairs", type="contradicts", limit=500, **expected, **sort)["items"]]

    page = open_view(visit, fragment)

    assert page.eval_on_selector_all(".contradiction", "nodes => nodes.map(n => n.dataset.relationId)") == pairs
    assert visit.errors == []


def test_grouped_compact_contradictions_list_a_pair_under_each_of_its_issues(visit, api):
    pairs = api("/claim-pairs", type="contradicts", limit=500)["items"]

    page = open_view(visit, "/contradictions?group=issue&layout=compact")

    assert page.locator(".compact-list .contradiction").count() == sum(max(1, len(p["issue_ids"])) for p in pairs)
    assert page.locator(".side-by-side").count() == 0
    assert visit.errors == []


def test_back_returns_to_the_place_in_the_list(visit):
    page = open_view(visit, "/contradictions")
    target = page.locator(".contradiction").nth(20)
    target.scroll_into_view_if_needed()
    relation = target.get_attribute("data-relation-id")
    page.wait_for_timeout(400)  # the place is remembered once scrolling settles
    place = page.evaluate("window.scrollY")
    assert place > 2000

    click(page, target.locator(".rationale a"))
    assert page.evaluate("location.hash") == f"#/relations/{relation}"
    back(page)

    assert page.evaluate("location.hash") == "#/contradictions"
    assert abs(page.evaluate("window.scrollY") - place) < 5
    assert visit.errors == []


def test_every_search_hit_opens_a_page_of_the_explorer(visit, api):
    pages = {("Donbas", 0), ("envoys", 25)}  # between them, a hit of every kind
    hits = {(q, offset): api("/search", q=q, limit=25, offset=offset)["items"] for q, offset in pages}
    first_of_kind = {}
    for (q, offset), found in sorted(hits.items()):
        for index, hit in enumerate(found):
            first_of_kind.setdefault(hit["kind"], (q, offset, index))
    assert set(first_of_kind) == {
        "source", "actor", "plan", "plan_point", "issue", "position", "claim", "event", "claim_relation", "place",
    }  # fmt: skip

    for (q, offset), found in hits.items():
        page = open_view(visit, f"/search?q={q}&offset={offset}")
        hrefs = page.eval_on_selector_all(".results a", "nodes => nodes.map(a => a.getAttribute('href'))")
        assert len(hrefs) == len(found) and all(href.startswith("#/") for href in hrefs)
    for kind, (q, offset, index) in sorted(first_of_kind.items()):
        page = open_view(visit, f"/search?q={q}&offset={offset}")
        click(page, page.locator(".results li").nth(index).get_by_role("link"))
        assert page.locator("h1").inner_text() not in ("Not found", "Could not load this view"), kind
    assert visit.errors == []


def test_the_graph_draws_the_neighbourhood_and_recentres_on_an_actor(visit, api):
    graph = api("/graph", issue_id="territory-donbas")
    page = open_view(visit, "/graph?issue=territory-donbas")
    drawn = page.eval_on_selector_all(".graph-chart .node", "nodes => nodes.map(n => n.dataset.node)")

    assert sorted(drawn) == sorted(n["id"] for n in graph["nodes"] if n["kind"] != "claim")
    assert page.locator(".graph-chart .edge").count() == sum(
        not e["source"].startswith("claim:") and not e["target"].startswith("claim:") for e in graph["edges"]
    )
    click(page, page.locator('.graph-chart .node[data-node="actor:ukraine"]'))

    assert page.evaluate("location.hash") == "#/graph?actor=ukraine"
    assert page.locator("h1").inner_text() == "Around Ukraine"
    assert visit.errors == []


def test_the_matrix_draws_a_cell_for_every_actor_and_issue_with_positions(visit, api):
    matrix = api("/position-matrix")

    page = open_view(visit, "/actors")
    cells = page.eval_on_selector_all(
        ".matrix-chart a.cell", "nodes => nodes.map(n => [n.dataset.actorId, n.dataset.issueId, n.dataset.stances])"
    )

    assert cells == [[c["actor_id"], c["issue_id"], " ".join(c["stances"])] for c in matrix["cells"]]
    assert visit.errors == []


def test_issue_cards_count_positions_on_the_plans_and_points_touching_the_issue(visit, api):
    matrix = api("/position-matrix", issue_id="demilitarized-and-free-economic-zones")
    positions = {p["position_id"] for c in matrix["cells"] for p in c["positions"]}
    assert api("/issues/demilitarized-and-free-economic-zones/positions")["total"] == 0 < len(positions)

    page = open_view(visit, "/issues")
    counts = page.locator('.card[data-issue-id="demilitarized-and-free-economic-zones"] .counts').inner_text()

    assert counts.startswith(f"{len(positions)} positions by {len(matrix['cells'])} actors")
    assert visit.errors == []


def test_timeline_draws_dated_records_to_scale_and_lists_undated_events_apart(visit, api):
    events = api("/events", limit=500)["items"]
    stated = api("/claims", stated_from="0001-01-01", limit=500)["items"]
    named = [c for c in api("/claims", quantitative="true", limit=500)["items"] if c["value_on"]]
    undated = sorted((e for e in events if not e["occurred_on"]), key=lambda e: e["title"].casefold())  # by title

    page = open_view(visit, "/timeline")
    marks = page.eval_on_selector_all(".timeline-mark", "nodes => nodes.map(n => n.dataset.date)")
    in_order = page.eval_on_selector_all("ol.timeline time", "nodes => nodes.map(n => n.getAttribute('datetime'))")
    apart = page.eval_on_selector_all("ul.undated li", "nodes => nodes.map(n => n.id)")

    assert len(marks) == sum(1 for e in events if e["occurred_on"]) + len(stated) + len(named)
    assert in_order == sorted(in_order) and sorted(marks) == in_order
    assert apart == [f"event-{e['id']}" for e in undated]
    assert "russia-full-scale-invasion-2022" not in [m.removeprefix("event-") for m in in_order]
    assert visit.errors == []


def test_numbers_compare_only_figures_of_one_measure(visit, api):
    page = open_view(visit, "/numbers")
    compared = page.eval_on_selector_all(
        ".measure", "nodes => nodes.map(n => [...n.querySelectorAll('tr[data-claim-id]')].map(r => r.dataset.claimId))"
    )
    units = {c["id"]: c["unit"] for c in api("/claims", quantitative="true", limit=500)["items"]}
    alone = page.locator("section", has=page.get_by_role("heading", name="Figures only one claim gives"))

    assert compared and all(len({units[c] for c in group}) == 1 for group in compared)
    # The $3 bn first tranche and the $15 bn fund measure different things: neither "differ" nor "agree".
    assert alone.locator(".badge.differ, .badge.agree").count() == 0
    assert alone.locator('tr[data-claim-id="faq-first-tranche-3-billion"]').count() == 1
    year = page.locator('tr[data-claim-id="faq-pause-anticipated-early-february-2026"] .figure').first
    assert year.inner_text() == "2026"  # a year, not "2026 year"
    assert visit.errors == []


def test_a_quote_cut_from_a_table_is_shown_as_table_cells_not_pipes(visit, api):
    claim = api("/claims/us-envoys-leading-new-initiative")
    assert "|---|" in claim["quote"]

    page = open_view(visit, "/relations/us-envoys-identity-conflict")
    card = page.locator(f'.claim-card[data-claim-id="{claim["id"]}"]')

    assert card.locator(".quote-table td").first.inner_text() == "lisa H. Kupchik"
    assert "|" not in card.locator(".quote").inner_text()
    assert visit.errors == []

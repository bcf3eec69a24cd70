"""The analyst's first questions, each answered within three clicks from the home page, on desktop and phone.

Each test starts at the explorer's home (the issues) and counts its clicks: the envoy contradiction; every
actor's position on the territory; each source's grade and why; a number to its words; the view as CSV.
"""

import csv
import io
from pathlib import Path

from tests.browser.pages import click, open_view

PRAISE, BREAKING = "zelensky-praise-us-envoys-blueprint", "breaking-zelenskiy-hails-momentum"


def test_the_envoy_contradiction_in_two_clicks(screen, api):
    pair = api("/claim-pairs/us-envoys-identity-conflict")
    page = open_view(screen, "/issues")

    click(page, page.get_by_role("link", name="Contradictions", exact=True))  # 1
    click(page, page.locator(f'.source-map a[data-sources="{BREAKING} {PRAISE}"]'))  # 2
    shown = page.locator('[data-relation-id="us-envoys-identity-conflict"]')
    shown.scroll_into_view_if_needed()

    assert shown.is_visible()
    assert [c.get_attribute("data-claim-id") for c in shown.locator(".claim-card").all()] == [
        pair["from_claim_id"], pair["to_claim_id"],
    ]  # fmt: skip
    assert pair["from_claim"]["quote"].split("\n")[0] in shown.inner_text()
    assert pair["to_claim"]["quote"] in shown.inner_text()
    assert screen.errors == []


def test_every_actors_position_on_the_territory_in_one_click(screen, api):
    issue = api("/issues/territory-donbas")
    matrix = api("/position-matrix", issue_id=issue["id"])
    page = open_view(screen, "/issues")

    click(page, page.get_by_role("link", name=issue["name"]))  # 1
    rows = page.locator("table.glance tbody tr")
    shown = {
        row.get_attribute("data-actor-id"): sorted(s.get_attribute("data-stance") for s in row.locator(".stance").all())
        for row in rows.all()
    }

    assert shown == {c["actor_id"]: sorted(p["stance"] for p in c["positions"]) for c in matrix["cells"]}
    assert screen.errors == []


def test_every_actors_position_on_the_territory_from_the_matrix_in_two_clicks(screen, api):
    matrix = api("/position-matrix", issue_id="territory-donbas")
    page = open_view(screen, "/issues")

    click(page, page.get_by_role("link", name="Who stands where"))  # 1
    click(page, page.locator('.matrix-chart a.axis-label[data-issue-id="territory-donbas"]'))  # 2

    assert page.url.endswith("#/issues/territory-donbas")
    assert page.locator("table.glance tbody tr").count() == len(matrix["cells"])
    assert screen.errors == []


def test_each_sources_grade_and_why_in_one_click(screen, api):
    sources = api("/sources", limit=500)["items"]
    page = open_view(screen, "/issues")

    click(page, page.get_by_role("link", name="Sources", exact=True))  # 1

    for source in sources:
        card = page.locator(f'.source-card[data-source-id="{source["id"]}"]')
        card.scroll_into_view_if_needed()
        grade = card.locator(".reliability")
        assert grade.get_attribute("data-grade") == source["reliability"]
        assert grade.locator(".letter").is_visible() and grade.locator(".letter").inner_text() == source["reliability"]
        assert card.locator(".why").is_visible()  # the reason is on the page, not in a tooltip
        assert " ".join(source["reliability_note"].split()) in " ".join(card.locator(".why").inner_text().split())
    assert page.locator(".legend .reliability").count() == 6 and page.locator(".legend .credibility").count() == 6
    assert screen.errors == []


def test_a_number_to_its_words_in_two_clicks(screen, api):
    claim = api("/claims/russia-controls-75-percent-donetsk")
    page = open_view(screen, "/issues")

    click(page, page.get_by_role("link", name="Numbers", exact=True))  # 1
    row = page.locator(f'table.numbers tr[data-claim-id="{claim["id"]}"]').first
    assert row.locator(".figure").inner_text() == "75%"
    click(page, row.get_by_role("link"))  # 2

    assert page.url.endswith(f"#/claims/{claim['id']}")
    assert page.locator("#quote").inner_text() == claim["quote"]
    assert page.locator("#quote").is_visible()
    assert screen.errors == []


def read_download(page, button) -> tuple[str, str]:
    with page.expect_download() as download:
        button.click()
    return download.value.suggested_filename, Path(download.value.path()).read_text(encoding="utf-8-sig")


def test_the_current_view_as_csv_in_one_click_with_names_and_both_quotes(screen, api):
    pairs = api("/claim-pairs", type="contradicts", issue_id="negotiation-process", sort="-weight", limit=500)["items"]
    page = open_view(screen, "/contradictions?issue=negotiation-process")

    name, text = read_download(page, page.get_by_role("button", name="Download CSV"))  # 1
    rows = list(csv.DictReader(io.StringIO(text)))

    assert name == "contradictions.csv"
    assert [r["relation_id"] for r in rows] == [p["id"] for p in pairs]
    assert rows[0]["from_quote"] == pairs[0]["from_claim"]["quote"]
    assert rows[0]["to_quote"] == pairs[0]["to_claim"]["quote"]
    assert rows[0]["from_source"] == pairs[0]["from_source"]["title"]
    assert rows[0]["issues"].split("; ")[0] == api(f"/issues/{pairs[0]['issue_ids'][0]}")["name"]
    assert screen.errors == []

"""The API explorers in a real browser: /docs and /redoc render every operation with nothing from outside."""

import json
import urllib.request
from urllib.parse import urlsplit

import pytest


@pytest.fixture(scope="module")
def operation_ids(server) -> list[str]:
    with urllib.request.urlopen(f"{server}/openapi.json") as response:
        document = json.load(response)
    return sorted(operation["operationId"] for path in document["paths"].values() for operation in path.values())


def test_swagger_ui_renders_every_operation_from_this_machine_only(visit, operation_ids):
    page = visit.page

    page.goto("/docs")
    page.locator(".opblock").first.wait_for()
    shown = page.locator(".opblock .opblock-summary-operation-id").all_inner_texts()

    assert sorted(shown) == operation_ids
    assert page.locator(".opblock").count() == len(operation_ids)
    assert visit.outside == []
    assert {urlsplit(url).hostname for url in visit.requested} == {"127.0.0.1"}
    assert any(url.endswith("/docs-assets/swagger-ui-bundle.js") for url in visit.requested)
    assert visit.errors == []


def test_swagger_ui_tries_an_operation_with_its_documented_example(visit):
    page = visit.page

    page.goto("/docs#/claims/get_claim")
    operation = page.locator("#operations-claims-get_claim")
    operation.locator(".parameters input").first.wait_for()

    assert operation.locator(".parameters input").first.input_value() == "russia-controls-99-percent-luhansk"
    operation.locator("button.execute").click()
    status = operation.locator(".live-responses-table .response .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    assert (
        "near-total domination-about 99%-in neighboring Luhansk"
        in operation.locator(".live-responses-table").inner_text()
    )
    assert visit.outside == []


def test_redoc_renders_every_operation_from_this_machine_only(visit, operation_ids):
    page = visit.page

    page.goto("/redoc")
    page.locator("[data-section-id^='operation/']").first.wait_for(timeout=30_000)
    sections = page.eval_on_selector_all(
        "[data-section-id^='operation/']", "nodes => nodes.map(n => n.dataset.sectionId)"
    )

    assert sorted({section.removeprefix("operation/") for section in sections}) == operation_ids
    assert visit.outside == []
    # The bundle's one outside resource, its vendor's logo, is refused by the page's own policy before any request.
    assert [e for e in visit.errors if "cdn.redoc.ly/redoc/logo-mini.svg" not in e] == []

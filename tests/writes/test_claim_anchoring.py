"""POST and PATCH /claims anchor the quote in the source text: offsets in code points, ambiguity refused
unless a prefix, suffix or start chooses, a missing quote refused with the closest passage."""

import pytest

from tests.writes.helpers import API, bearer, invalid, snapshot_tables
from tests.writes.kinds import claim_body, source_body

# As in the seed documents: an emoji outside the BMP (two UTF-16 units) and non-breaking hyphens (U+2011).
STATUS_TEXT = (
    "🧠 Where Things Stand\n"
    "The White House‑backed talks resumed in Geneva. Kyiv calls the 28‑point plan a basis. "
    "Moscow calls the 28‑point plan a basis.\n"
    "A 30‑day ceasefire was not agreed.\n"
)
TWICE = "the 28‑point plan a basis"  # at code points 80 and 120


@pytest.fixture
def status(api, keys):
    """An uncited source holding STATUS_TEXT."""
    body = source_body(id="status", updates_id=None, text=STATUS_TEXT)
    api.post(f"{API}/sources", json=body, headers=bearer(keys.write)).raise_for_status()
    return "status"


def post_claim(api, keys, **fields):
    body = claim_body(id="claim-on-status", source_id="status", actor_ids=[], event_ids=[]) | fields
    return api.post(f"{API}/claims", json=body, headers=bearer(keys.write))


def test_create_claim_stores_code_point_offsets_after_an_astral_emoji(api, keys, status):
    response = post_claim(api, keys, quote="White House‑backed talks")

    assert response.status_code == 201, response.text
    claim = response.json()
    # 25 code points in; the UTF-16 offsets say 26 because 🧠 is a surrogate pair.
    assert (claim["quote_start"], claim["quote_end"]) == (25, 49)
    assert STATUS_TEXT[25:49] == "White House‑backed talks"
    assert (claim["quote_start_utf16"], claim["quote_end_utf16"]) == (26, 50)


def test_create_claim_anchors_a_quote_with_non_breaking_hyphens(api, keys, status):
    response = post_claim(api, keys, quote="30‑day ceasefire")

    assert response.status_code == 201, response.text
    assert (response.json()["quote_start"], response.json()["quote_end"]) == (149, 165)


def test_create_claim_refuses_an_ambiguous_quote(api, db, keys, status):
    before = snapshot_tables(db)

    response = post_claim(api, keys, quote=TWICE)

    assert response.status_code == 422
    assert response.json() == invalid(
        f"{API}/claims", ("quote", "quote occurs 2 times; give a prefix, suffix or start to choose one")
    )
    assert snapshot_tables(db) == before


@pytest.mark.parametrize(
    ("chooser", "start"),
    [
        ({"prefix": "Kyiv calls "}, 80),
        ({"prefix": "Moscow calls "}, 120),
        ({"suffix": ". Moscow"}, 80),
        ({"suffix": ".\nA 30"}, 120),
        ({"quote_start": 120}, 120),
        ({"quote_start": 80, "quote_end": 105}, 80),
    ],
    ids=["prefix-first", "prefix-second", "suffix-first", "suffix-second", "quote-start", "start-and-end"],
)
def test_create_claim_disambiguates_a_repeated_quote(api, keys, status, chooser, start):
    response = post_claim(api, keys, quote=TWICE, **chooser)

    assert response.status_code == 201, response.text
    assert (response.json()["quote_start"], response.json()["quote_end"]) == (start, start + 25)


def test_create_claim_refuses_a_quote_not_in_the_source_naming_the_closest_passage(api, keys, status):
    # An ASCII hyphen where the source has U+2011: the kind of slip the closest passage shows.
    response = post_claim(api, keys, quote="30-day ceasefire")

    assert response.status_code == 422
    assert response.json() == invalid(
        f"{API}/claims",
        ("quote", "quote not found in the source text; closest passage in the source: '30‑day ceasefire'"),
    )


def test_create_claim_refuses_a_quote_start_where_the_quote_is_not(api, keys, status):
    response = post_claim(api, keys, quote="White House‑backed talks", quote_start=26)

    assert response.status_code == 422
    assert response.json() == invalid(f"{API}/claims", ("quote", "quote is not at offset 26: it occurs at [25]"))


def test_create_claim_refuses_a_quote_end_that_is_not_where_the_quote_ends(api, keys, status):
    response = post_claim(api, keys, quote="White House‑backed talks", quote_start=25, quote_end=50)

    assert response.status_code == 422
    assert response.json() == invalid(f"{API}/claims", ("quote_end", "the quote ends at 49, not 50"))


def test_create_claim_refuses_a_prefix_no_occurrence_has(api, keys, status):
    response = post_claim(api, keys, quote=TWICE, prefix="Washington calls ")

    assert response.status_code == 422
    assert response.json() == invalid(
        f"{API}/claims", ("quote", "no occurrence of the quote has the given prefix/suffix")
    )


def test_patch_claim_quote_re_anchors_it(api, keys, status):
    post_claim(api, keys, quote="White House‑backed talks").raise_for_status()

    response = api.patch(
        f"{API}/claims/claim-on-status", json={"quote": "30‑day ceasefire"}, headers=bearer(keys.write)
    )

    assert response.status_code == 200, response.text
    assert (response.json()["quote"], response.json()["quote_start"], response.json()["quote_end"]) == (
        "30‑day ceasefire",
        149,
        165,
    )
    assert (response.json()["quote_start_utf16"], response.json()["quote_end_utf16"]) == (150, 166)


def test_patch_claim_to_a_repeated_quote_needs_a_chooser(api, keys, status):
    post_claim(api, keys, quote="White House‑backed talks").raise_for_status()
    path = f"{API}/claims/claim-on-status"

    refused = api.patch(path, json={"quote": TWICE}, headers=bearer(keys.write))
    chosen = api.patch(path, json={"quote": TWICE, "prefix": "Moscow calls "}, headers=bearer(keys.write))

    assert refused.status_code == 422
    assert refused.json() == invalid(
        path, ("quote", "quote occurs 2 times; give a prefix, suffix or start to choose one")
    )
    assert chosen.status_code == 200, chosen.text
    assert (chosen.json()["quote_start"], chosen.json()["quote_end"]) == (120, 145)


def test_patch_claim_quote_start_moves_it_to_the_other_occurrence(api, keys, status):
    post_claim(api, keys, quote=TWICE, quote_start=80).raise_for_status()

    response = api.patch(f"{API}/claims/claim-on-status", json={"quote_start": 120}, headers=bearer(keys.write))

    assert response.status_code == 200, response.text
    assert (response.json()["quote_start"], response.json()["quote_end"]) == (120, 145)


def test_patch_claim_source_re_anchors_the_quote_in_the_new_source(api, keys, status):
    response = api.patch(
        f"{API}/claims/witkoff-is-envoy",
        json={"source_id": "status", "quote": "talks resumed in Geneva"},
        headers=bearer(keys.write),
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["source_id"], body["quote_start"], body["quote_end"]) == ("status", 44, 67)


def test_patch_claim_source_alone_is_refused_when_the_quote_is_not_in_the_new_source(api, keys, status):
    path = f"{API}/claims/witkoff-is-envoy"
    before = api.get(path).json()

    response = api.patch(path, json={"source_id": "status"}, headers=bearer(keys.write))

    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "quote"
    assert response.json()["errors"][0]["reason"].startswith("quote not found in the source text; closest passage")
    assert api.get(path).json() == before


def test_patch_of_other_claim_fields_keeps_a_disambiguated_anchor(api, keys):
    # The seeded claim quotes a sentence that occurs twice; its suffix is not stored, its offsets are.
    path = f"{API}/claims/russia-holds-75-donetsk"
    before = api.get(path).json()

    response = api.patch(path, json={"credibility": 4}, headers=bearer(keys.write))

    assert response.status_code == 200, response.text
    assert response.json() == before | {"credibility": 4}

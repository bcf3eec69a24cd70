"""/sources: stored texts (only an item carries its text), their filters, sorts, search and claims."""

import hashlib

import pytest

from tests.helpers import API, assert_sorted_by, invalid_parameter, not_found, page_ids, rejected_names
from tests.world import BLOG_TEXT, NOTES_TEXT, REUTERS_TEXT

SOURCE_SORTS = [
    "id",
    "-id",
    "title",
    "-title",
    "published_on",
    "-published_on",
    "reliability",
    "-reliability",
]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


REUTERS_SUMMARY = {
    "id": "reuters-geneva",
    "title": "Talks in Geneva end without a deal",
    "kind": "news_article",
    "publisher": "Reuters",
    "attributed_to": None,
    "published_on": "2025-11-24",
    "url": "https://example.org/geneva",
    "reliability": "B",
    "reliability_note": "Graded for the tests.",
    "notes": None,
    "updates_id": None,
    "document_id": None,
    "document_start": None,
    "document_end": None,
    "sha256": sha256(REUTERS_TEXT),
    "text_length": 150,
}


def test_get_source_returns_its_text_and_sha256(world):
    response = world.get(f"{API}/sources/reuters-geneva")

    assert response.status_code == 200
    assert response.json() == REUTERS_SUMMARY | {"text": REUTERS_TEXT}


def test_get_source_sliced_from_a_document_gives_its_offsets_in_the_document(world):
    body = world.get(f"{API}/sources/blog-note").json()

    assert (body["document_id"], body["document_start"], body["document_end"]) == ("notes-file", 8, 84)
    assert NOTES_TEXT[body["document_start"] : body["document_end"]] == body["text"] == BLOG_TEXT


def test_list_sources_omits_the_text(world):
    response = world.get(f"{API}/sources", params={"kind": "news_article"})

    assert response.status_code == 200
    assert response.json() == {"items": [REUTERS_SUMMARY], "total": 1, "total_exact": True, "limit": 50, "offset": 0}


def test_list_sources_text_length_and_sha256_describe_the_item_text(world):
    for summary in world.get(f"{API}/sources").json()["items"]:
        text = world.get(f"{API}/sources/{summary['id']}").json()["text"]
        assert summary["text_length"] == len(text)  # code points: the blog note has curly quotes and U+2011
        assert summary["sha256"] == sha256(text)


def test_get_source_answers_404_problem_for_an_unknown_id(world):
    response = world.get(f"{API}/sources/nope")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == not_found(f"{API}/sources/nope", "source", "nope")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["blog-note", "kremlin-readout", "reuters-geneva"]),
        ({"kind": "official_statement"}, ["kremlin-readout"]),
        ({"kind": "transcript"}, []),
        ({"reliability": "C"}, ["blog-note"]),
        ({"reliability": "A"}, []),
        ({"document_id": "notes-file"}, ["blog-note"]),
        ({"published_from": "2025-11-25"}, ["kremlin-readout"]),
        ({"published_to": "2025-11-25"}, ["reuters-geneva"]),
        (
            {"published_from": "2025-11-24", "published_to": "2025-11-26"},
            ["kremlin-readout", "reuters-geneva"],
        ),
        ({"kind": "news_article", "reliability": "D"}, []),
    ],
)
def test_list_sources_filters(world, params, expected):
    assert page_ids(world, "/sources", **params) == (expected, len(expected))


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"kind": "tweet"}, "kind"),
        ({"reliability": "G"}, "reliability"),
        ({"published_from": "24/11/2025"}, "published_from"),
    ],
)
def test_list_sources_rejects_malformed_filters(world, params, name):
    assert rejected_names(world.get(f"{API}/sources", params=params)) == [name]


def test_list_sources_rejects_a_reversed_published_range_naming_published_to(world):
    response = world.get(f"{API}/sources", params={"published_from": "2025-12-01", "published_to": "2025-11-01"})

    assert response.status_code == 422
    assert response.json() == invalid_parameter(
        f"{API}/sources", "published_to", "must not be before published_from (2025-12-01)"
    )


@pytest.mark.parametrize("sort", SOURCE_SORTS)
def test_list_sources_sorts_by_each_offered_field(world, sort):
    assert_sorted_by(world, "/sources", sort)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Geneva", ["reuters-geneva"]),
        ("Moscow settlement", ["kremlin-readout"]),
        ("guarantees", ["blog-note"]),
        ("Donetsk", ["kremlin-readout", "reuters-geneva"]),
        ("Zaporizhzhia", []),
    ],
)
def test_list_sources_full_text_filter_searches_titles_and_texts(world, q, expected):
    found, total = page_ids(world, "/sources", q=q)

    assert (sorted(found), total) == (expected, len(expected))


def test_list_sources_search_combines_with_filters(world):
    assert page_ids(world, "/sources", q="Donetsk", reliability="D") == (["kremlin-readout"], 1)


@pytest.mark.parametrize(
    ("source_id", "expected"),
    [
        ("reuters-geneva", ["envoy-calls-talks-productive", "russia-controls-75-donetsk"]),
        ("kremlin-readout", ["plan-basis-for-settlement", "russia-claims-80-donetsk"]),
        ("blog-note", ["article-5-guarantees-reviewed"]),
    ],
)
def test_list_source_claims_answers_the_claims_quoting_it(world, source_id, expected):
    assert page_ids(world, f"/sources/{source_id}/claims") == (expected, len(expected))


def test_list_source_claims_sorts(world):
    assert page_ids(world, "/sources/reuters-geneva/claims", sort="-quote_start") == (
        ["envoy-calls-talks-productive", "russia-controls-75-donetsk"],
        2,
    )


def test_list_source_claims_answers_404_for_an_unknown_source(world):
    response = world.get(f"{API}/sources/nope/claims")

    assert response.status_code == 404
    assert response.json() == not_found(f"{API}/sources/nope/claims", "source", "nope")

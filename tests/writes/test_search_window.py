"""Relevance ranking is bounded: it ranks the most recently indexed matches, one more than the page counts.

Three claims are given a made-up word one after another, so the index holds them oldest to newest; the
oldest gets it five times, so that it ranks best of all. With the count bound at 1, a page of one ranks a
window of two: the two newest, never the oldest.
"""

import pytest

from app.config import get_settings
from tests.helpers import API
from tests.writes.helpers import bearer

OLDEST_TO_NEWEST = ["russia-holds-75-donetsk", "russia-holds-75-donetsk-again", "witkoff-is-envoy"]
WORD = "zebrafinch"


@pytest.fixture
def three_matches(api, keys):
    for times, claim_id in zip((5, 1, 1), OLDEST_TO_NEWEST, strict=True):
        current = api.get(f"{API}/claims/{claim_id}").json()["statement"]
        response = api.patch(f"{API}/claims/{claim_id}", json={"statement": f"{current}{f' {WORD}' * times}"},
                             headers=bearer(keys.write))  # fmt: skip
        assert response.status_code == 200, response.text
    return api


@pytest.fixture
def count_limit(monkeypatch):
    def set_to(value: int) -> None:
        monkeypatch.setattr(get_settings(), "count_limit", value)

    return set_to


@pytest.mark.parametrize(("path", "key"), [("/claims", "id"), ("/search", "id")])
def test_a_page_of_one_ranks_only_the_two_newest_matches(three_matches, count_limit, path, key):
    count_limit(1)
    page = three_matches.get(f"{API}{path}", params={"q": WORD, "limit": 1}).json()

    assert (page["total"], page["total_exact"]) == (1, False)
    assert len(page["items"]) == 1
    assert page["items"][0][key] in OLDEST_TO_NEWEST[1:]  # whatever the scores: the oldest is outside the window


@pytest.mark.parametrize("path", ["/claims", "/search"])
def test_a_window_wider_than_the_matches_ranks_them_all(three_matches, count_limit, path):
    count_limit(1000)
    page = three_matches.get(f"{API}{path}", params={"q": WORD}).json()

    assert (page["total"], page["total_exact"]) == (3, True)
    assert page["items"][0]["id"] == OLDEST_TO_NEWEST[0]  # the best match, ranked first once inside the window
    assert sorted(item["id"] for item in page["items"]) == sorted(OLDEST_TO_NEWEST)


def test_a_sorted_search_keeps_every_match(three_matches, count_limit):
    count_limit(1)
    page = three_matches.get(f"{API}/claims", params={"q": WORD, "sort": "id", "limit": 3}).json()

    assert [item["id"] for item in page["items"]] == sorted(OLDEST_TO_NEWEST)


@pytest.mark.parametrize("path", ["/claims", "/search"])
def test_a_ranked_page_counts_what_a_sorted_one_counts_at_any_bound_and_offset(three_matches, count_limit, path):
    # A ranked first page takes its count off the tier it read (app/ranking.py ``count_read``); elsewhere the
    # list is counted. Either way the count is the one the same matches in id order get.
    for limit_of_counts in (1, 2, 3, 1000):
        count_limit(limit_of_counts)
        for offset in (0, 1, 2, 3, 5):
            for limit in (1, 2, 50):
                params = {"q": WORD, "limit": limit, "offset": offset}
                ranked = three_matches.get(f"{API}{path}", params=params).json()
                by_id = three_matches.get(f"{API}/claims", params={**params, "sort": "id"}).json()
                case = (limit_of_counts, offset, limit)
                assert (ranked["total"], ranked["total_exact"]) == (by_id["total"], by_id["total_exact"]), case
                assert len(ranked["items"]) == len(by_id["items"]), case


def test_a_ranked_page_after_a_cursor_and_a_search_with_no_match_are_counted(three_matches, count_limit):
    count_limit(2)
    first = three_matches.get(f"{API}/claims", params={"q": WORD, "limit": 1, "after": ""})
    after = three_matches.get(first.links["next"]["url"]).json()
    assert (first.json()["total"], first.json()["total_exact"]) == (2, False)  # three matches: past the bound
    assert (after["total"], after["total_exact"]) == (2, False)
    assert after["items"] != first.json()["items"]
    nothing = three_matches.get(f"{API}/claims", params={"q": f"{WORD}x"}).json()
    assert (nothing["total"], nothing["total_exact"], nothing["items"]) == (0, True, [])

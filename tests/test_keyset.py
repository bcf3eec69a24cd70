"""One paging contract: every list is one order that offset pages and keyset cursors both walk, to the end.

Following ``rel="next"`` from ``after=`` visits each record once, in the order offset pages give, and stops
on the last page — a full last page links to no empty one. That holds for every list: sorted or not, plan
points in plan order, lists ranked by ``q``, and ``/search``. Relevance ranks matches a tier at a time
(app/ranking.py); with a tiny count bound the tiers are tiny, so the walks below cross many of them.
"""

import re

import pytest

from app.config import get_settings
from app.keyset import encode
from tests.test_listing import EVERY_LIST, get

API = "/api/v1"


def record_key(item: dict) -> tuple:
    """What identifies a listed record: its id, and its kind for search hits (ids repeat across kinds)."""
    return item.get("kind"), item["id"]


def walk_pages(client, path: str, **params) -> list[list[tuple]]:
    """Every page of a list, following the keyset Link: rel="next" from the start."""
    pages, response = [], get(client, path, **params, after="")
    while True:
        assert response.status_code == 200, response.text
        pages.append([record_key(item) for item in response.json()["items"]])
        found = re.search(r'<([^>]+)>; rel="next"', response.headers["link"])
        if found is None:
            return pages
        assert len(pages) < 1000, "the walk does not end"
        response = client.get(found.group(1))


def walk(client, path: str, **params) -> list[str]:
    """Every id of a list, page by page, by keyset (for lists of one kind)."""
    return [record_id for page in walk_pages(client, path, **params) for _kind, record_id in page]


def offset_order(client, path: str, **params) -> list[tuple]:
    """The list in one offset page (every list here holds fewer than 500 records)."""
    body = get(client, path, **params, limit=500).json()
    assert body["total_exact"] and body["total"] == len(body["items"])
    return [record_key(item) for item in body["items"]]


def by_offset(client, path: str, *, limit: int, **params) -> list[tuple]:
    """The list read page after page by offset, following rel="next"."""
    keys, response = [], get(client, path, **params, limit=limit)
    while True:
        assert response.status_code == 200, response.text
        keys += [record_key(item) for item in response.json()["items"]]
        if "next" not in response.links:
            return keys
        response = client.get(response.links["next"]["url"])


def assert_walks_each_record_once(pages: list[list[tuple]], expected: list[tuple], limit: int) -> None:
    walked = [key for page in pages for key in page]
    assert walked == expected
    assert len(set(walked)) == len(walked)
    assert all(page for page in pages) or pages == [[]], "no page of a walk is empty"
    assert all(len(page) == limit for page in pages[:-1])


@pytest.mark.parametrize("path", EVERY_LIST)
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_every_list_walks_by_keyset_to_the_end_visiting_each_record_once(world, path, limit):
    expected = offset_order(world, path)

    pages = walk_pages(world, path, limit=limit)

    assert expected
    assert_walks_each_record_once(pages, expected, limit)


@pytest.mark.parametrize("path", EVERY_LIST)
def test_a_walk_whose_last_page_is_full_links_to_no_empty_page(world, path):
    total = len(offset_order(world, path))

    for limit in [total] + ([total // 2] if total % 2 == 0 else []):
        pages = walk_pages(world, path, limit=limit)
        assert [len(page) for page in pages] == [limit] * (total // limit)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/claims", {}),
        ("/claims", {"sort": "stated_on"}),
        ("/claims", {"sort": "-stated_on"}),
        ("/claims", {"sort": "-value"}),
        ("/claims", {"sort": "credibility"}),
        ("/claims", {"sort": "-source_id"}),
        ("/claims", {"q": "Russia"}),
        ("/claims", {"q": "Ukraine", "max_credibility": 3}),
        ("/claims", {"q": "ceasefire", "sort": "-stated_on"}),
        ("/actors", {"sort": "kind"}),
        ("/actors", {"sort": "-name"}),
        ("/actors", {"q": "Ukraine"}),
        ("/events", {"sort": "occurred_on"}),
        ("/plan-points", {}),
        ("/plan-points", {"sort": "-category"}),
        ("/plan-points", {"q": "zone"}),
        ("/plans/us-peace-package/points", {}),
        ("/issues/security-guarantees/plan-points", {}),
        ("/positions", {"sort": "stance"}),
        ("/claim-relations", {"q": "Ukraine"}),
        ("/search", {"q": "Ukraine"}),
        ("/search", {"q": "ceasefire", "kind": ["claim", "plan_point"]}),
    ],
)
def test_keyset_pages_follow_the_same_order_as_offset_pages(kb, path, params):
    expected = offset_order(kb, path, **params)

    pages = walk_pages(kb, path, limit=3, **params)

    assert len(expected) > 3
    assert_walks_each_record_once(pages, expected, 3)


def tiny_tiers(monkeypatch) -> None:
    """A count bound of 2: relevance ranks tiers of three matches (app/ranking.py ``tier_size``)."""
    monkeypatch.setattr(get_settings(), "count_limit", 2)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/claims", {"q": "Russia"}),
        ("/claims", {"q": "Ukraine", "max_credibility": 3}),
        ("/plan-points", {"q": "zone"}),
        ("/search", {"q": "Ukraine"}),
        ("/search", {"q": "plan", "kind": ["claim", "plan"]}),
    ],
)
@pytest.mark.parametrize("limit", [1, 2, 5])
def test_relevance_walks_every_match_tier_after_tier_by_keyset_and_by_offset(kb, monkeypatch, path, params, limit):
    every_match = sorted(offset_order(kb, path, **params))  # the default bound ranks them all in one tier
    tiny_tiers(monkeypatch)

    pages = walk_pages(kb, path, limit=limit, **params)
    walked = [key for page in pages for key in page]

    assert len(every_match) > 3  # more than one tier
    assert sorted(walked) == every_match
    assert_walks_each_record_once(pages, by_offset(kb, path, limit=limit, **params), limit)


def test_relevance_ranks_best_first_within_each_tier(kb, monkeypatch):
    tiny_tiers(monkeypatch)
    items = get(kb, "/search", q="Ukraine", limit=500).json()["items"]
    ranked_tiers = [items[start : start + 3] for start in range(0, len(items), 3)]

    for tier in ranked_tiers:
        assert [hit["score"] for hit in tier] == sorted((hit["score"] for hit in tier), reverse=True)
    assert len(ranked_tiers) > 3


def test_the_last_page_of_a_walk_of_plan_points_is_full_and_ends_it(kb):
    total = get(kb, "/plan-points").json()["total"]

    pages = walk_pages(kb, "/plan-points", limit=total)

    assert [len(page) for page in pages] == [total]


def test_keyset_links_start_with_an_empty_cursor_and_stop_after_a_short_page(kb):
    response = kb.get(f"{API}/issues", params={"after": "", "limit": 500})

    assert response.headers["link"] == f'<http://testserver{API}/issues?after=&limit=500>; rel="first"'


def test_a_search_cursor_moves_on(kb):
    first = kb.get(f"{API}/search", params={"q": "ceasefire", "after": "", "limit": 3})
    second = kb.get(first.links["next"]["url"])

    assert second.status_code == 200
    assert second.links["next"]["url"] != first.links["next"]["url"]
    assert {record_key(hit) for hit in first.json()["items"]}.isdisjoint(record_key(h) for h in second.json()["items"])


@pytest.mark.parametrize(
    ("params", "name", "reason"),
    [
        ({"after": "not-a-cursor"}, "after", "is not a cursor this API gave out"),
        ({"after": "", "offset": 3}, "offset", "cannot be combined with after: a cursor already says where to go on"),
        (
            {"after": encode("stated_on", "not a day", "x"), "sort": "stated_on"},
            "after",
            "is not a cursor this API gave out",
        ),
        (
            {"after": encode("credibility", "two", "x"), "sort": "credibility"},
            "after",
            "is not a cursor this API gave out",
        ),
        ({"after": encode("", None, 7)}, "after", "is not a cursor this API gave out"),
        ({"after": encode("", "extra", "x")}, "after", "is not a cursor this API gave out"),
        ({"after": encode("relevance", ["top", 1.5], "x"), "q": "Kyiv"}, "after", "is not a cursor this API gave out"),
        ({"after": encode("relevance", [9, 1.5], "x")}, "after", "this cursor continues sort 'relevance', not ''"),
        ({"after": encode("", None, "x"), "q": "Kyiv"}, "after", "this cursor continues sort '', not 'relevance'"),
    ],
)
def test_keyset_rejects_what_it_cannot_continue(kb, params, name, reason):
    response = kb.get(f"{API}/claims", params=params)

    assert response.status_code == 422
    assert response.json()["errors"] == [{"location": "query", "name": name, "reason": reason}]


def test_a_cursor_of_another_list_is_refused(kb):
    claims = kb.get(f"{API}/claims", params={"after": "", "limit": 2})

    response = kb.get(f"{API}/plan-points", params={"after": claims.links["next"]["url"].split("after=")[1]})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"location": "query", "name": "after", "reason": "is not a cursor this API gave out"}
    ]


def test_a_cursor_only_continues_the_sort_it_came_from(kb):
    first = kb.get(f"{API}/claims", params={"after": "", "limit": 2, "sort": "credibility"})
    cursor = re.search(r"after=([^&>]+)", first.headers["link"].split('rel="first"')[1]).group(1)

    response = kb.get(f"{API}/claims", params={"after": cursor, "sort": "-value"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["reason"] == "this cursor continues sort 'credibility', not '-value'"

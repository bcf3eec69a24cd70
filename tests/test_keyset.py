"""Keyset pagination: following rel="next" cursors walks a sorted list exactly as offset paging does."""

import re

import pytest

API = "/api/v1"


def walk(client, path: str, **params) -> list[str]:
    """Every id of a list, page by page, following the keyset Link: rel="next"."""
    ids, response = [], client.get(f"{API}{path}", params={**params, "after": ""})
    while True:
        assert response.status_code == 200, response.text
        ids += [item["id"] for item in response.json()["items"]]
        found = re.search(r'<([^>]+)>; rel="next"', response.headers["link"])
        if found is None:
            return ids
        response = client.get(found.group(1))


def offset_order(client, path: str, **params) -> list[str]:
    return [item["id"] for item in client.get(f"{API}{path}", params={**params, "limit": 500}).json()["items"]]


@pytest.mark.parametrize(
    ("path", "sort"),
    [
        ("/claims", None),
        ("/claims", "stated_on"),
        ("/claims", "-stated_on"),
        ("/claims", "-value"),
        ("/claims", "credibility"),
        ("/claims", "-source_id"),
        ("/actors", "kind"),
        ("/actors", "-name"),
        ("/events", "occurred_on"),
        ("/plan-points", "-category"),
        ("/positions", "stance"),
    ],
)
def test_keyset_pages_follow_the_same_order_as_offset_pages(kb, path, sort):
    params = {"sort": sort} if sort else {}

    walked = walk(kb, path, limit=7, **params)

    assert walked == offset_order(kb, path, **params)
    assert len(walked) == len(set(walked)) > 7


def test_keyset_links_start_with_an_empty_cursor_and_stop_after_a_short_page(kb):
    response = kb.get(f"{API}/issues", params={"after": "", "limit": 500})

    assert response.headers["link"] == f'<http://testserver{API}/issues?after=&limit=500>; rel="first"'


@pytest.mark.parametrize(
    ("params", "name", "reason"),
    [
        ({"after": "not-a-cursor"}, "after", "is not a cursor this API gave out"),
        ({"after": "", "offset": 3}, "offset", "cannot be combined with after: a cursor already says where to go on"),
        ({"after": "", "q": "Kyiv"}, "after", "keyset pagination needs a sort order, not relevance (q)"),
    ],
)
def test_keyset_rejects_what_it_cannot_continue(kb, params, name, reason):
    response = kb.get(f"{API}/claims", params=params)

    assert response.status_code == 422
    assert response.json()["errors"] == [{"location": "query", "name": name, "reason": reason}]


def test_a_cursor_only_continues_the_sort_it_came_from(kb):
    first = kb.get(f"{API}/claims", params={"after": "", "limit": 2, "sort": "credibility"})
    cursor = re.search(r"after=([^&>]+)", first.headers["link"].split('rel="first"')[1]).group(1)

    response = kb.get(f"{API}/claims", params={"after": cursor, "sort": "-value"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["reason"] == "this cursor continues sort 'credibility', not '-value'"

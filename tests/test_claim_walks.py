"""Lists of claims filtered by one link are paged off the link's index (app/services/claims.py ID_WALKS).

That path must answer exactly what the general query answers. Adding ``max_credibility=6`` (every claim
passes it) sends the same request down the general path, so the two can be compared page by page.
"""

import pytest
from sqlalchemy import select
from sqlmodel import Session

from app import models
from app.config import get_settings
from tests.helpers import API
from tests.test_keyset import walk

# filter → the table and column listing its values in the seed
FILTERS = {
    "actor_id": models.Actor.id,
    "speaker_id": models.Actor.id,
    "source_id": models.Source.id,
    "issue_id": models.DisputedIssue.id,
    "plan_point_id": models.PlanPoint.id,
    "event_id": models.Event.id,
}
GENERAL = {"max_credibility": 6}


def every_value(engine, column) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(column).order_by(column)))


@pytest.mark.parametrize("name", list(FILTERS))
def test_a_walked_filter_answers_what_the_general_query_answers(kb, seeded_engine, name):
    for value in every_value(seeded_engine, FILTERS[name]):
        walked = kb.get(f"{API}/claims", params={name: value, "limit": 500}).json()
        general = kb.get(f"{API}/claims", params={name: value, "limit": 500} | GENERAL).json()

        assert walked == general, f"{name}={value}"


@pytest.mark.parametrize(
    ("name", "value"), [("actor_id", "russia"), ("actor_id", "ukraine"), ("issue_id", "territory-donbas")]
)
def test_walked_pages_by_offset_and_by_keyset_match_the_general_order(kb, name, value):
    general = kb.get(f"{API}/claims", params={name: value, "limit": 500} | GENERAL).json()["items"]
    expected = [claim["id"] for claim in general]
    by_offset = []
    for offset in range(0, len(expected) + 3, 3):
        page = kb.get(f"{API}/claims", params={name: value, "limit": 3, "offset": offset}).json()
        assert (page["total"], page["total_exact"]) == (len(expected), True)
        by_offset += [claim["id"] for claim in page["items"]]

    assert len(expected) > 6
    assert by_offset == expected
    assert walk(kb, "/claims", **{name: value, "limit": 4}) == expected


def test_a_walked_filter_counts_up_to_the_bound(kb, monkeypatch):
    monkeypatch.setattr(get_settings(), "count_limit", 5)
    page = kb.get(f"{API}/claims", params={"actor_id": "russia", "limit": 2}).json()

    assert (page["total"], page["total_exact"], len(page["items"])) == (5, False, 2)


def test_a_walked_filter_refuses_a_cursor_of_another_sort(kb):
    other = kb.get(f"{API}/claims", params={"sort": "credibility", "limit": 1, "after": ""})
    cursor = other.links["next"]["url"].split("after=")[1].split("&")[0]

    response = kb.get(f"{API}/claims", params={"actor_id": "russia", "after": cursor})

    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "after"

"""Places: a kind added as one model module, one migration, one router and one seed file — and given, by
its declaration, everything the other kinds have: lists with filters, sorts and search, items, its linked
claims and events, CSV and NDJSON, search hits, the change feed and the export."""

import csv
import io
import json
from pathlib import Path

import pytest

from app.config import REPO_ROOT
from app.models.resource import RESOURCES
from app.services.export import export_knowledge_base
from tests.helpers import API

PLACE_FILES = {"app/models/place.py", "app/routes/places.py"}


def test_the_kind_lives_in_its_model_module_and_router_alone():
    """No other module of the app names the kind's own pieces: everything else derives from the declaration."""
    naming = sorted(
        str(path.relative_to(REPO_ROOT))
        for path in (REPO_ROOT / "app").rglob("*.py")
        if str(path.relative_to(REPO_ROOT)) not in PLACE_FILES
        and any(word in path.read_text("utf-8") for word in ("PlaceCreate", "PlacePublic", "place_claim", "PLACE"))
    )
    assert naming == []
    assert RESOURCES["place"].links.keys() == {"claim_ids", "event_ids"}


def test_places_list_pages_and_sorts(kb):
    first = kb.get(f"{API}/places", params={"limit": 4, "sort": "name"}).json()
    rest = kb.get(f"{API}/places", params={"limit": 50, "offset": 4, "sort": "name"}).json()

    names = [place["name"] for place in first["items"] + rest["items"]]
    assert first["total"] == len(names) >= 11
    assert names == sorted(names)


def test_a_place_shows_its_coordinates_claims_and_events(kb):
    response = kb.get(f"{API}/places/siversk")

    assert response.status_code == 200
    assert response.headers["ETag"]
    place = response.json()
    assert (place["latitude"], place["longitude"], place["region"]) == (48.8667, 38.1, "Donetsk Oblast")
    assert place["claim_ids"] == ["siversk-withdrawal-marks-escalation", "ukrainian-troops-withdrew-from-siversk"]
    assert place["event_ids"] == ["withdrawal-from-siversk"]
    again = kb.get(f"{API}/places/siversk", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_a_places_linked_claims_and_events_are_lists_of_their_own(kb):
    claims = kb.get(f"{API}/places/azovstal/claims").json()
    events = kb.get(f"{API}/places/azovstal/events").json()

    assert {claim["id"] for claim in claims["items"]} >= {"azovstal-evacuation-4500-civilians"}
    assert all("Azovstal" in claim["quote"] or "Azovstal" in claim["statement"] for claim in claims["items"])
    assert [event["id"] for event in events["items"]] == ["azovstal-evacuation"]
    assert kb.get(f"{API}/places/nowhere/claims").status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "Donetsk Oblast", "kind": "city"}, ["kramatorsk", "sloviansk"]),
        ({"claim_id": "sloviansk-kramatorsk-last-strongholds"}, ["kramatorsk", "sloviansk"]),
        ({"event_id": "strike-on-rostov-refinery"}, ["rostov-refinery"]),
        ({"country": "United States"}, ["florida"]),
        ({"q": "ZNPP"}, ["zaporizhzhia-nuclear-plant"]),
    ],
)
def test_places_filter_by_column_link_and_text(kb, params, expected):
    response = kb.get(f"{API}/places", params=params)

    assert response.status_code == 200
    assert [place["id"] for place in response.json()["items"]] == expected


def test_a_bad_place_filter_is_refused_naming_it(kb):
    response = kb.get(f"{API}/places", params={"kind": "planet", "lat": "1"})

    assert response.status_code == 422
    assert {error["name"] for error in response.json()["errors"]} == {"lat"}
    response = kb.get(f"{API}/places", params={"kind": "planet"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "kind"


def test_search_finds_places_by_alias(kb):
    response = kb.get(f"{API}/search", params={"q": "Kiev", "kind": "place"})

    assert [hit["id"] for hit in response.json()["items"]] == ["kyiv"]


def test_places_export_as_csv_and_ndjson(kb):
    rows = list(csv.DictReader(io.StringIO(kb.get(f"{API}/places.csv").text)))
    lines = [json.loads(line) for line in kb.get(f"{API}/places.ndjson").text.splitlines()]

    assert len(rows) == len(lines) == kb.get(f"{API}/places").json()["total"]
    siversk = next(row for row in rows if row["id"] == "siversk")
    assert (siversk["latitude"], siversk["event_ids"]) == ("48.8667", "withdrawal-from-siversk")


def test_the_seed_load_records_each_place_in_the_change_feed(kb):
    response = kb.get(f"{API}/changes", params={"kind": "place", "limit": 100})

    changes = response.json()["items"]
    assert {change["record_id"] for change in changes} == {p["id"] for p in kb.get(f"{API}/places").json()["items"]}
    assert {change["operation"] for change in changes} == {"create"}


def test_the_export_carries_places_and_loads_back(seeded_engine, tmp_path: Path):
    from sqlmodel import Session

    with Session(seeded_engine) as session:
        exported = export_knowledge_base(session)
    kyiv = next(place for place in exported.places if place.id == "kyiv")
    assert kyiv.event_ids == ["us-envoys-press-conference-kyiv-2025-12-24", "zelensky-press-briefing-kyiv"]

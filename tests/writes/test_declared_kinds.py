"""Writes on the kinds that have only a declaration (places, the thesaurus): the write engine, bulk import and
the change feed serve them like every other kind."""

import json

from tests.writes.helpers import API, bearer

PLACE = {
    "id": "geneva",
    "name": "Geneva",
    "kind": "city",
    "country": "Switzerland",
    "latitude": 46.2044,
    "longitude": 6.1432,
    "claim_ids": ["witkoff-is-envoy"],
    "event_ids": ["talks"],
}


def test_a_place_is_created_changed_and_deleted_with_its_history(api, keys):
    created = api.post(f"{API}/places", json=PLACE, headers=bearer(keys.write))
    assert created.status_code == 201, created.text
    assert created.headers["Location"].endswith("/places/geneva")
    assert created.json()["claim_ids"] == ["witkoff-is-envoy"]

    changed = api.patch(f"{API}/places/geneva", json={"event_ids": []}, headers=bearer(keys.write))
    assert changed.status_code == 200
    assert changed.json()["event_ids"] == []
    assert api.get(f"{API}/places/geneva/events").json()["items"] == []

    history = api.get(f"{API}/places/geneva/history").json()["items"]
    assert [entry["operation"] for entry in history] == ["create", "update"]
    assert api.delete(f"{API}/places/geneva", headers=bearer(keys.write)).status_code == 204
    assert api.get(f"{API}/places/geneva").status_code == 404


def test_a_place_citing_a_missing_claim_or_off_the_globe_is_refused_naming_the_field(api, keys):
    missing = api.post(f"{API}/places", json=PLACE | {"claim_ids": ["no-such-claim"]}, headers=bearer(keys.write))
    off = api.post(f"{API}/places", json=PLACE | {"latitude": 91.0}, headers=bearer(keys.write))

    assert missing.status_code == 422
    assert missing.json()["errors"][0]["name"] == "claim_ids"
    assert off.status_code == 422
    assert off.json()["errors"][0]["name"] == "latitude"
    assert api.get(f"{API}/places/geneva").status_code == 404


def test_deleting_a_claim_a_place_cites_needs_cascade_and_then_unlinks_it(api, keys):
    api.post(f"{API}/places", json=PLACE, headers=bearer(keys.write))

    blocked = api.delete(f"{API}/claims/witkoff-is-envoy", headers=bearer(keys.admin))
    assert blocked.status_code == 409
    assert "place_claim" in blocked.json()["detail"]
    cascaded = api.delete(f"{API}/claims/witkoff-is-envoy", params={"cascade": "true"}, headers=bearer(keys.admin))
    assert cascaded.status_code == 204
    assert api.get(f"{API}/places/geneva").json()["claim_ids"] == []


def test_places_and_thesaurus_entries_import_in_bulk(api, keys):
    lines = [
        {"kind": "place", "data": PLACE},
        {"kind": "thesaurus_entry", "data": {"id": "ceasefire", "terms": ["ceasefire", "truce"], "note": "Both."}},
    ]
    body = "".join(json.dumps(line) + "\n" for line in lines)
    response = api.post(
        f"{API}/bulk", content=body.encode(), headers=bearer(keys.write) | {"Content-Type": "application/x-ndjson"}
    )

    assert response.status_code == 200, response.text
    assert api.get(f"{API}/places/geneva").json()["event_ids"] == ["talks"]
    assert api.get(f"{API}/thesaurus/ceasefire").json()["terms"] == ["ceasefire", "truce"]


def test_a_thesaurus_entry_written_over_the_api_expands_search_at_once(api, keys):
    before = api.get(f"{API}/search", params={"q": "emissary", "kind": "claim"}).json()["items"]
    entry = {"id": "envoy", "terms": ["envoy", "emissary"], "note": "Written to test the expansion."}

    assert api.post(f"{API}/thesaurus", json=entry, headers=bearer(keys.write)).status_code == 201
    after = api.get(f"{API}/search", params={"q": "emissary", "kind": "claim"}).json()["items"]
    assert before == []
    assert "witkoff-is-envoy" in [hit["id"] for hit in after]
    feed = api.get(f"{API}/changes", params={"kind": "thesaurus_entry"}).json()["items"]
    assert [(change["record_id"], change["operation"]) for change in feed] == [("envoy", "create")]


def test_a_thesaurus_entry_needs_two_terms(api, keys):
    response = api.post(f"{API}/thesaurus", json={"id": "x", "terms": ["one"], "note": "n"}, headers=bearer(keys.write))

    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "terms"

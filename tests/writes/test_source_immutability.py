"""A source's text is fixed once a claim cites it; corrections are new sources that point at the old one."""

import hashlib

from tests.writes.helpers import API, bearer, conflict, invalid, snapshot_tables
from tests.writes.kinds import CREATED, source_body


def test_patch_text_of_a_cited_source_is_a_conflict_and_changes_nothing(api, db, keys):
    before = snapshot_tables(db)

    response = api.patch(f"{API}/sources/note", json={"text": "Rewritten."}, headers=bearer(keys.write))

    assert response.status_code == 409
    assert response.json() == conflict(
        f"{API}/sources/note",
        "Source 'note' is cited by 3 claim(s); its text cannot change. "
        "Add the corrected text as a new source with updates_id set to this one.",
    )
    assert snapshot_tables(db) == before


def test_patch_of_other_fields_of_a_cited_source_is_allowed(api, keys):
    before = api.get(f"{API}/sources/note").json()

    response = api.patch(
        f"{API}/sources/note", json={"title": "Talks update (blog)", "text": before["text"]}, headers=bearer(keys.write)
    )

    assert response.status_code == 200, response.text
    assert response.json() == before | {"title": "Talks update (blog)"}


def test_patch_text_of_an_uncited_source_changes_it_and_its_digest(api, keys):
    api.post(f"{API}/sources", json=source_body(), headers=bearer(keys.write)).raise_for_status()
    new_text = "Kyiv says Russia holds about 70% of Donetsk. Moscow disagrees."

    response = api.patch(f"{API}/sources/corrected-note", json={"text": new_text}, headers=bearer(keys.write))

    assert response.status_code == 200, response.text
    assert response.json() == CREATED["source"] | {
        "text": new_text,
        "text_length": 62,
        "sha256": hashlib.sha256(new_text.encode()).hexdigest(),
    }


def test_a_source_becomes_immutable_once_a_claim_cites_it(api, keys):
    api.post(f"{API}/sources", json=source_body(), headers=bearer(keys.write)).raise_for_status()
    claim = {
        "id": "seventy-percent",
        "statement": "Russia holds about 70% of Donetsk, according to Kyiv.",
        "source_id": "corrected-note",
        "quote": "Russia holds about 70% of Donetsk.",
        "credibility": 3,
    }
    api.post(f"{API}/claims", json=claim, headers=bearer(keys.write)).raise_for_status()

    response = api.patch(f"{API}/sources/corrected-note", json={"text": "Other."}, headers=bearer(keys.write))

    assert response.status_code == 409
    assert response.json()["detail"].startswith("Source 'corrected-note' is cited by 1 claim(s)")


def test_a_corrected_source_points_at_the_one_it_updates(api, keys):
    response = api.post(f"{API}/sources", json=source_body(), headers=bearer(keys.write))

    assert response.status_code == 201, response.text
    assert response.json() == CREATED["source"]
    assert response.json()["updates_id"] == "note"
    assert api.get(f"{API}/sources/note").json()["text"].startswith("🧠 Talks update")


def test_a_correction_of_an_unknown_source_is_refused_naming_updates_id(api, keys):
    response = api.post(f"{API}/sources", json=source_body(updates_id="no-such-source"), headers=bearer(keys.write))

    assert response.status_code == 422
    assert response.json() == invalid(f"{API}/sources", ("updates_id", "no source with id 'no-such-source'"))


def test_a_source_cannot_update_itself(api, keys):
    response = api.patch(f"{API}/sources/note", json={"updates_id": "note"}, headers=bearer(keys.write))

    assert response.status_code == 422
    assert response.json() == invalid(f"{API}/sources/note", ("updates_id", "a record cannot refer to itself"))

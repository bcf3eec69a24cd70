"""Edge cases found in review: cycles through self-references, edited sources leaving their document,
ETags on write responses, and public reads not advertised as needing a key."""

from tests.writes.helpers import API, bearer, invalid
from tests.writes.kinds import source_body


def test_patch_supersedes_id_that_would_close_a_cycle_is_refused(api, keys):
    response = api.patch(f"{API}/plans/draft", json={"supersedes_id": "plan"}, headers=bearer(keys.write))

    assert response.status_code == 422
    assert response.json() == invalid(
        f"{API}/plans/draft", ("supersedes_id", "'plan' already leads back to 'draft' through supersedes_id")
    )
    assert api.get(f"{API}/plans/draft").json()["supersedes_id"] is None


def test_editing_the_text_of_a_sliced_source_detaches_it_from_its_document(api, keys):
    write = bearer(keys.write)
    for claim_id in ("russia-holds-75-donetsk", "russia-holds-75-donetsk-again", "witkoff-is-envoy"):
        api.delete(f"{API}/claims/{claim_id}?cascade=true", headers=bearer(keys.admin)).raise_for_status()
    assert api.get(f"{API}/sources/note").json()["document_id"] == "doc-note"

    response = api.patch(f"{API}/sources/note", json={"text": "A corrected note."}, headers=write)

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["text"], body["document_id"], body["document_start"], body["document_end"]) == (
        "A corrected note.",
        None,
        None,
        None,
    )


def test_create_and_patch_answer_with_the_etag_a_get_would_give(api, keys):
    created = api.post(f"{API}/sources", json=source_body(), headers=bearer(keys.write))
    record = created.json()["id"]
    assert created.headers["ETag"] == api.get(f"{API}/sources/{record}").headers["ETag"]

    patched = api.patch(f"{API}/sources/{record}", json={"title": "Retitled"}, headers=bearer(keys.write))

    assert patched.headers["ETag"] == api.get(f"{API}/sources/{record}").headers["ETag"]
    assert patched.headers["ETag"] != created.headers["ETag"]


def test_openapi_marks_writes_but_not_public_reads_as_needing_a_key(api):
    paths = api.get("/openapi.json").json()["paths"]

    assert paths["/api/v1/claims"]["get"]["security"] == []  # stated: no key needed
    assert paths["/api/v1/claims"]["post"]["security"] == [{"HTTPBearer": []}]

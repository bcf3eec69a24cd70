"""ETags on every item: conditional GET (If-None-Match → 304) and optimistic locking of writes (If-Match)."""

import pytest

from tests.writes.helpers import bearer, problem, revision_count, snapshot_tables
from tests.writes.kinds import KINDS


def etag(api, path: str) -> str:
    response = api.get(path)
    assert response.status_code == 200
    return response.headers["etag"]


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_get_item_has_a_strong_etag(api, kind):
    tag = etag(api, kind.item())

    assert tag.startswith('"') and tag.endswith('"') and len(tag) == 34
    assert etag(api, kind.item()) == tag


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_get_item_with_its_etag_in_if_none_match_is_304_without_a_body(api, kind):
    tag = etag(api, kind.item())

    response = api.get(kind.item(), headers={"If-None-Match": tag})

    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == tag


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_get_item_with_another_etag_in_if_none_match_is_200(api, kind):
    response = api.get(kind.item(), headers={"If-None-Match": '"something-else"'})

    assert response.status_code == 200
    assert response.json()["id"] == kind.seeded_id


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_patch_changes_the_etag(api, keys, kind):
    tag = etag(api, kind.item())

    api.patch(kind.item(), json=kind.change, headers=bearer(keys.write)).raise_for_status()

    assert etag(api, kind.item()) != tag
    assert api.get(kind.item(), headers={"If-None-Match": tag}).status_code == 200


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_patch_with_a_stale_if_match_is_412_and_changes_nothing(api, db, keys, kind):
    stale = etag(api, kind.item())
    api.patch(kind.item(), json=kind.change, headers=bearer(keys.write)).raise_for_status()
    current = etag(api, kind.item())
    before = snapshot_tables(db)

    # A change that would apply without If-Match: clearing the field (a relation must keep its rationale).
    change = {"rationale": "Said once more."} if kind.kind == "claim_relation" else dict.fromkeys(kind.change)

    response = api.patch(kind.item(), json=change, headers=bearer(keys.write) | {"If-Match": stale})

    assert response.status_code == 412
    assert response.json() == problem(
        412,
        "precondition-failed",
        "Precondition Failed",
        f"The record has changed since you read it (its ETag is now {current}); read it again.",
        kind.item(),
    )
    assert snapshot_tables(db) == before


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_patch_with_the_current_if_match_succeeds(api, keys, kind):
    before = api.get(kind.item())

    response = api.patch(
        kind.item(), json=kind.change, headers=bearer(keys.write) | {"If-Match": before.headers["etag"]}
    )

    assert response.status_code == 200, response.text
    assert response.json() == before.json() | kind.change


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_patch_with_if_match_star_succeeds(api, keys, kind):
    response = api.patch(kind.item(), json=kind.change, headers=bearer(keys.write) | {"If-Match": "*"})

    assert response.status_code == 200, response.text


def test_if_match_may_list_several_tags_weak_or_strong(api, keys):
    path = "/api/v1/issues/territory"
    tag = etag(api, path)

    response = api.patch(
        path, json={"description": "Land."}, headers=bearer(keys.write) | {"If-Match": f'"old", W/{tag}'}
    )

    assert response.status_code == 200, response.text


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_delete_with_a_stale_if_match_is_412_and_changes_nothing(api, db, keys, kind):
    api.post(kind.path, json=kind.body(), headers=bearer(keys.write)).raise_for_status()
    path = kind.item(kind.new_id)
    stale = etag(api, path)
    api.patch(path, json=kind.change, headers=bearer(keys.write)).raise_for_status()
    before = snapshot_tables(db)

    response = api.delete(path, headers=bearer(keys.write) | {"If-Match": stale})

    assert response.status_code == 412
    assert response.json()["type"] == "urn:peacekb:problem:precondition-failed"
    assert snapshot_tables(db) == before


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_delete_with_the_current_if_match_succeeds(api, keys, kind):
    api.post(kind.path, json=kind.body(), headers=bearer(keys.write)).raise_for_status()
    path = kind.item(kind.new_id)

    response = api.delete(path, headers=bearer(keys.write) | {"If-Match": etag(api, path)})

    assert response.status_code == 204, response.text
    assert api.get(path).status_code == 404


def test_delete_with_if_match_star_succeeds(api, keys):
    response = api.delete("/api/v1/claim-relations/repeat-supports", headers=bearer(keys.write) | {"If-Match": "*"})

    assert response.status_code == 204


def test_an_unchanged_patch_keeps_the_etag_and_records_no_revision(api, db, keys):
    path = "/api/v1/issues/territory"
    tag = etag(api, path)
    revisions = revision_count(db)

    response = api.patch(path, json={"name": "Territory"}, headers=bearer(keys.write) | {"If-Match": tag})

    assert response.status_code == 200
    assert etag(api, path) == tag
    assert revision_count(db) == revisions

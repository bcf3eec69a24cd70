"""Revision history: each record's revisions, the change feed that pages through every write in order, a
mirror rebuilt from the feed, and the seed loader's own revisions."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlmodel import Session

from app.models import RecordKind
from app.services.resources import RESOURCES
from app.services.seeding import load_seed
from tests.conftest import MINI_SEED
from tests.writes.helpers import API, bearer, invalid, revision_count
from tests.writes.kinds import KINDS, claim_body, relation_body

SEEDED_REVISIONS = 14  # one create per record of the mini seed
TERRITORY = {"id": "territory", "name": "Territory", "description": None, "aliases": []}


def utc(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.utcoffset() == timedelta(0), value
    return moment


def without_times(items: list[dict]) -> list[dict]:
    return [{name: value for name, value in item.items() if name != "at"} for item in items]


def test_history_lists_create_update_and_delete_with_who_and_snapshots(api, keys):
    started = datetime.now(UTC)
    ceasefire = {"id": "ceasefire", "name": "Ceasefire", "description": None, "aliases": []}
    api.post(f"{API}/issues", json={"id": "ceasefire", "name": "Ceasefire"}, headers=bearer(keys.write))
    api.patch(f"{API}/issues/ceasefire", json={"description": "Stop firing."}, headers=bearer(keys.write))
    api.delete(f"{API}/issues/ceasefire", headers=bearer(keys.admin))

    response = api.get(f"{API}/issues/ceasefire/history")

    assert response.status_code == 200
    body = response.json()
    first = SEEDED_REVISIONS + 1
    assert without_times(body["items"]) == [
        {
            "id": first,
            "kind": "issue",
            "record_id": "ceasefire",
            "operation": "create",
            "key_name": "writer",
            "before": None,
            "after": ceasefire,
        },
        {
            "id": first + 1,
            "kind": "issue",
            "record_id": "ceasefire",
            "operation": "update",
            "key_name": "writer",
            "before": ceasefire,
            "after": ceasefire | {"description": "Stop firing."},
        },
        {
            "id": first + 2,
            "kind": "issue",
            "record_id": "ceasefire",
            "operation": "delete",
            "key_name": "admin",
            "before": ceasefire | {"description": "Stop firing."},
            "after": None,
        },
    ]
    assert (body["total"], body["limit"], body["offset"]) == (3, 50, 0)
    times = [utc(item["at"]) for item in body["items"]]
    assert times == sorted(times)
    assert started - timedelta(seconds=1) <= times[0] <= datetime.now(UTC)


def test_history_of_a_seeded_record_names_the_seed(api):
    response = api.get(f"{API}/issues/territory/history")

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] > 0 for item in items] == [True]  # the feed's cursor; its value depends on load order
    assert [{k: v for k, v in item.items() if k != "id"} for item in without_times(items)] == [
        {
            "kind": "issue",
            "record_id": "territory",
            "operation": "create",
            "key_name": "seed",
            "before": None,
            "after": TERRITORY,
        }
    ]


def test_history_pages_like_every_list(api, keys):
    for n in range(3):
        api.patch(f"{API}/issues/territory", json={"description": f"v{n}"}, headers=bearer(keys.write))

    response = api.get(f"{API}/issues/territory/history", params={"limit": 2, "offset": 2})

    assert response.status_code == 200
    assert [item["after"]["description"] for item in response.json()["items"]] == ["v1", "v2"]
    assert response.json()["total"] == 4


def test_history_of_an_unknown_record_is_empty(api):
    response = api.get(f"{API}/claims/no-such-claim/history")

    assert response.status_code == 200
    assert response.json() == {"items": [], "total": 0, "total_exact": True, "limit": 50, "offset": 0}


# ---- the change feed -----------------------------------------------------------------------------------------


def make_changes(api, keys) -> None:
    """Writes of every sort: creates with links, updates that move links, deletes, a cascade and a bulk."""
    write, admin = bearer(keys.write), bearer(keys.admin)
    for kind in KINDS:
        api.post(kind.path, json=kind.body(), headers=write).raise_for_status()
    for kind in KINDS:
        api.patch(kind.item(), json=kind.change, headers=write).raise_for_status()
    api.post(f"{API}/claims", json=claim_body(id="second-claim", event_ids=["geneva-round"]), headers=write)
    api.patch(f"{API}/claims/second-claim", json={"event_ids": ["talks"]}, headers=write).raise_for_status()
    api.post(
        f"{API}/claim-relations",
        json=relation_body(id="supports-productive", type="supports", to_claim_id="talks-productive"),
        headers=write,
    ).raise_for_status()
    api.patch(  # the actor's role shows the source of the claim it cites
        f"{API}/claims/witkoff-is-envoy",
        json={"source_id": "corrected-note", "quote": "Kyiv says Russia holds"},
        headers=write,
    ).raise_for_status()
    api.delete(f"{API}/claim-relations/envoy-contradicts-figure", headers=write).raise_for_status()
    api.delete(f"{API}/events/geneva-round", headers=write).raise_for_status()
    api.delete(f"{API}/actors/united-states", params={"cascade": "true"}, headers=admin).raise_for_status()
    # Deletes the claims citing the note: their relations (which change the claims at both ends) go first.
    api.delete(f"{API}/sources/note", params={"cascade": "true"}, headers=admin).raise_for_status()
    bulk = '{"kind": "issue", "data": {"id": "prisoners", "name": "Prisoner exchange"}}\n'
    api.post(f"{API}/bulk", content=bulk, headers=write).raise_for_status()


def follow_feed(api, since: int = 0, limit: int = 7, **params) -> list[dict]:
    items: list[dict] = []
    while True:
        page = api.get(f"{API}/changes", params={"since": since, "limit": limit, **params})
        assert page.status_code == 200, page.text
        body = page.json()
        assert body["since"] == since
        assert len(body["items"]) <= limit
        items += body["items"]
        if body["items"]:
            assert body["next_since"] == body["items"][-1]["id"]
        if not body["has_more"]:
            assert body["next_since"] == (items[-1]["id"] if items else since)
            return items
        assert len(body["items"]) == limit
        since = body["next_since"]


def test_change_feed_pages_through_every_revision_in_order(api, db, keys):
    make_changes(api, keys)

    items = follow_feed(api)

    with db.connect() as connection:
        stored = list(connection.execute(text("SELECT id FROM revision ORDER BY id")).scalars())
    assert [item["id"] for item in items] == stored
    assert len(stored) > SEEDED_REVISIONS + 20
    times = [utc(item["at"]) for item in items]
    assert times == sorted(times)


def test_change_feed_after_the_last_revision_is_empty(api):
    response = api.get(f"{API}/changes", params={"since": SEEDED_REVISIONS})

    assert response.status_code == 200
    assert response.json() == {
        "items": [],
        "since": SEEDED_REVISIONS,
        "next_since": SEEDED_REVISIONS,
        "has_more": False,
    }


def test_change_feed_filters_by_kind(api, keys):
    make_changes(api, keys)
    everything = follow_feed(api, limit=1000)

    items = follow_feed(api, limit=3, kind=["issue", "claim_relation"])

    assert items == [item for item in everything if item["kind"] in {"issue", "claim_relation"}]
    assert {item["kind"] for item in items} == {"issue", "claim_relation"}


def test_change_feed_rejects_a_negative_cursor_and_a_zero_limit(api):
    response = api.get(f"{API}/changes", params={"since": -1, "limit": 0})

    assert response.status_code == 422
    assert response.json() == invalid(
        f"{API}/changes",
        ("since", "Input should be greater than or equal to 0"),
        ("limit", "Input should be greater than or equal to 1"),
        location="query",
    )


def current_state(api) -> dict[tuple[str, str], dict]:
    """Every record as the item routes serve it."""
    state = {}
    for kind in KINDS:
        listing = api.get(kind.path, params={"limit": 500}).json()
        for item in listing["items"]:
            state[(kind.kind, item["id"])] = api.get(kind.item(item["id"])).json()
    return state


def test_a_mirror_replaying_the_feed_equals_the_final_state(api, keys):
    make_changes(api, keys)

    mirror: dict[tuple[str, str], dict] = {}
    for revision in follow_feed(api):
        key = (revision["kind"], revision["record_id"])
        assert (key in mirror) == (revision["operation"] != "create"), revision
        assert mirror.get(key) == revision["before"], f"{key}: 'before' is not the state the feed left"
        if revision["operation"] == "delete":
            del mirror[key]
        else:
            mirror[key] = revision["after"]

    assert mirror == current_state(api)


# ---- the seed ------------------------------------------------------------------------------------------------


def test_loading_the_seed_records_one_create_per_record_by_seed(engine, session):
    load_seed(session, MINI_SEED)

    with engine.connect() as connection:
        rows = connection.execute(text("SELECT kind, operation, key_name FROM revision")).all()
    assert len(rows) == SEEDED_REVISIONS
    assert {(operation, key_name) for _, operation, key_name in rows} == {("create", "seed")}
    assert sorted({kind for kind, *_ in rows}) == sorted(kind.kind for kind in KINDS)


def test_loading_the_seed_twice_records_nothing_more(engine, session):
    load_seed(session, MINI_SEED)

    report = load_seed(session, MINI_SEED)

    assert report.changed is False
    assert revision_count(engine) == SEEDED_REVISIONS


def test_reloading_the_seed_over_an_edit_records_the_seed_restoring_it(api, db, keys):
    api.patch(f"{API}/issues/territory", json={"description": "Edited."}, headers=bearer(keys.write))

    with Session(db) as session:
        load_seed(session, MINI_SEED)

    items = api.get(f"{API}/issues/territory/history").json()["items"]
    assert [(item["operation"], item["key_name"]) for item in items] == [
        ("create", "seed"),
        ("update", "writer"),
        ("update", "seed"),
    ]
    assert items[-1]["after"] == TERRITORY


def test_change_feed_rejects_an_unknown_kind_naming_kind(api):
    response = api.get(f"{API}/changes", params={"kind": ["claim", "no-such-kind"]})

    assert response.status_code == 422
    assert response.json() == invalid(
        f"{API}/changes",
        (
            "kind",
            "Input should be 'actor', 'claim', 'claim_relation', 'event', 'issue', 'position', 'plan', 'plan_point', "
            "'source', 'thesaurus_entry' or 'place'",
        ),
        location="query",
    )


def test_the_record_kinds_named_by_the_api_are_the_writable_kinds():
    assert {kind.value for kind in RecordKind} == set(RESOURCES)

"""The seeded knowledge base answers real questions from the two documents, through the API."""

import re

import pytest

from app.config import REPO_ROOT

API = "/api/v1"


def all_items(client, path: str, **params) -> list[dict]:
    """Every item of a collection, following the pages."""
    items, offset = [], 0
    while True:
        page = client.get(f"{API}{path}", params={**params, "limit": 500, "offset": offset}).json()
        items += page["items"]
        offset += page["limit"]
        if offset >= page["total"]:
            return items


@pytest.fixture(scope="module")
def sources(seeded_engine) -> dict[str, dict]:
    from tests.conftest import client_for

    with client_for(seeded_engine) as client:
        return {s["id"]: client.get(f"{API}/sources/{s['id']}").json() for s in all_items(client, "/sources")}


@pytest.fixture(scope="module")
def claims(seeded_engine) -> list[dict]:
    from tests.conftest import client_for

    with client_for(seeded_engine) as client:
        return all_items(client, "/claims")


def source_starting_with(sources: dict[str, dict], opening: str) -> dict:
    (match,) = [s for s in sources.values() if s["text"].startswith(opening)]
    return match


def test_every_seeded_quote_sits_exactly_at_its_offsets(claims, sources):
    assert len(claims) > 100
    for claim in claims:
        text = sources[claim["source_id"]]["text"]
        assert text[claim["quote_start"] : claim["quote_end"]] == claim["quote"], claim["id"]


def test_second_document_is_two_sources_each_a_verbatim_slice(sources):
    path = REPO_ROOT / "seed_data" / "documents" / "002_10dffc7f80f4c3f3.txt"
    with path.open(encoding="utf-8", newline="") as handle:
        original = handle.read()
    breaking = source_starting_with(sources, "Breaking: Zelenskiy Hails Momentum")
    praise = source_starting_with(sources, "zelensky’s public Praise for U.S. Envoys’ Fresh Peace Blueprint")
    assert breaking["document_id"] == praise["document_id"]
    assert (breaking["document_start"], breaking["document_end"]) == (0, praise["document_start"])
    assert praise["document_end"] == len(original)
    assert breaking["text"] + praise["text"] == original
    assert praise["published_on"] == "2025-12-25"
    assert "Reuters" in praise["attributed_to"]


def test_russias_share_of_luhansk_according_to_the_second_document(kb, sources):
    breaking = source_starting_with(sources, "Breaking: Zelenskiy Hails Momentum")
    page = kb.get(f"{API}/claims", params={"q": "Luhansk", "quantitative": "true", "source_id": breaking["id"]})
    assert page.status_code == 200
    values = {(c["value"], c["unit"]) for c in page.json()["items"]}
    assert (99.0, "percent") in values


def test_the_two_conflicting_accounts_of_the_us_envoys_are_linked_as_a_contradiction(kb, claims):
    by_id = {c["id"]: c for c in claims}
    witkoff = [c for c in claims if "Witkoff" in c["quote"]]
    kupchik = {c["id"] for c in claims if "Kupchik" in c["quote"] or "O’hara" in c["quote"]}
    assert witkoff and kupchik
    linked = {
        (rel["claim_id"], w["id"])
        for w in witkoff
        for rel in by_id[w["id"]]["relations"]
        if rel["type"] == "contradicts" and rel["claim_id"] in kupchik
    }
    assert linked, "no contradicts link between a Witkoff/Kushner claim and a Kupchik/O'hara claim"


def test_every_alias_spelling_of_zelensky_finds_the_same_actor(kb):
    found = set()
    for spelling in ("Zelenskiy", "Zelensky", "zelensky"):
        items = kb.get(f"{API}/actors", params={"q": spelling, "kind": "person"}).json()["items"]
        found |= {a["id"] for a in items if any(spelling in alias for alias in [a["name"], *a["aliases"]])}
    assert len(found) == 1


@pytest.mark.parametrize(
    "name",
    [
        "Witkoff",
        "Kushner",
        "Trump",
        "Umerov",
        "Peskov",
        "Kupchik",
        "O’hara",
        "Lee",
        "NATO",
        "OSCE",
        "Peace Council",
    ],
)
def test_every_named_actor_is_in_the_knowledge_base(kb, name):
    items = kb.get(f"{API}/actors", params={"q": name.replace("’", " ")}).json()["items"]
    assert any(name in " ".join([a["name"], *a["aliases"]]) for a in items), name


@pytest.mark.parametrize("place", ["Sviato-Pokrovske", "Siversk", "Rostov", "Azovstal"])
def test_battlefield_events_are_recorded_with_their_reports(kb, place):
    items = kb.get(f"{API}/events", params={"q": place}).json()["items"]
    assert items, place
    assert any(event["claim_ids"] for event in items)


def test_revised_plan_supersedes_the_earlier_draft_and_the_us_package_is_distinct(kb):
    plans = all_items(kb, "/plans")
    superseding = [p for p in plans if p["supersedes_id"]]
    assert superseding
    package = [p for p in plans if p["announced_on"] == "2025-12-24"]
    assert len(package) == 1 and package[0]["supersedes_id"] is None
    points = kb.get(f"{API}/plans/{package[0]['id']}/points").json()["items"]
    assert [p["ordinal"] for p in points if p["ordinal"] is not None][:3] == [1, 2, 3]


def test_every_number_in_the_documents_is_a_quantitative_claim(claims, sources):
    quantitative = [c for c in claims if c["value"] is not None or c["value_on"] is not None]
    missing = []
    for source in sources.values():
        text = source["text"]
        covered = [(c["quote_start"], c["quote_end"]) for c in quantitative if c["source_id"] == source["id"]]
        for number in re.finditer(r"\d[\d,.]*", text):
            before = text[max(0, number.start() - 6) : number.start()]
            is_heading = re.search(r"(^|\n)(- )?$", before) and re.match(r"\d+\.", text[number.start() :])
            if is_heading or before.lower().endswith("stage "):
                continue
            if not any(start <= number.start() < end for start, end in covered):
                missing.append(f"{source['id']}: {text[max(0, number.start() - 30) : number.end() + 10]!r}")
    assert not missing, "\n".join(missing)


def test_there_are_many_recorded_contradictions(kb):
    page = kb.get(f"{API}/claim-relations", params={"type": "contradicts"}).json()
    assert page["total"] >= 8


def test_plan_points_come_as_csv_for_scripts(kb):
    response = kb.get(f"{API}/plan-points.csv", params={"limit": 500})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    header, *rows = response.text.strip().splitlines()
    assert header.startswith("id,plan_id,")
    assert len(rows) == kb.get(f"{API}/plan-points").json()["total"]

"""Exports for scripts: NDJSON from any collection, claims as JSON-LD, and `peacekb export --format …`."""

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app import cli, paging
from app.config import get_settings
from app.db import get_engine
from app.keyset import decode, encode
from app.services import record_export
from tests.conftest import client_for
from tests.helpers import API, invalid_parameter

NDJSON = "application/x-ndjson"


@pytest.fixture(scope="module")
def reader(seeded_engine):
    """One client over the real seed for the module's read-only tests."""
    with client_for(seeded_engine) as client:
        yield client


def lines(response) -> list[dict]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == NDJSON
    assert response.text.endswith("\n")
    return [json.loads(line) for line in response.text.splitlines()]


def every_page(client, path: str, **params) -> list[dict]:
    """A collection read the JSON way, page after page."""
    items, offset = [], 0
    while True:
        page = client.get(f"{API}{path}", params=params | {"limit": 500, "offset": offset}).json()
        items += page["items"]
        offset += 500
        if not page["items"] or (offset >= page["total"] and page["total_exact"]):
            return items


# ---------------------------------------------------------------- NDJSON over HTTP


@pytest.mark.parametrize(
    "path",
    ["/claims", "/sources", "/actors", "/plan-points", "/positions", "/events", "/claim-relations", "/issues"],
)
def test_ndjson_without_limit_streams_the_whole_collection(reader, path):
    response = reader.get(f"{API}{path}.ndjson")
    expected = every_page(reader, path)

    assert lines(response) == expected
    assert response.headers["x-total-count"] == str(len(expected))


def test_ndjson_stream_keeps_filters_sort_and_offset(reader):
    params = {"quantitative": "true", "sort": "-value", "offset": 3}
    response = reader.get(f"{API}/claims.ndjson", params=params)
    expected = every_page(reader, "/claims", quantitative="true", sort="-value")[3:]

    assert [c["id"] for c in lines(response)] == [c["id"] for c in expected]
    assert response.headers["x-total-count"] == str(len(expected) + 3)


def test_ndjson_with_a_limit_answers_that_page_with_links(reader):
    response = reader.get(f"{API}/claims.ndjson", params={"limit": 5, "offset": 5})
    page = reader.get(f"{API}/claims", params={"limit": 5, "offset": 5})

    assert lines(response) == page.json()["items"]
    assert response.headers["link"] == page.headers["link"].replace("claims?", "claims.ndjson?")
    assert response.headers["x-total-count"] == str(page.json()["total"])


def test_ndjson_search_hits_stream_like_any_collection(reader):
    response = reader.get(f"{API}/search.ndjson", params={"q": "Luhansk"})

    assert lines(response) == every_page(reader, "/search", q="Luhansk")


@pytest.fixture
def chunk_reads(monkeypatch) -> list:
    """The pages a stream reads, as (limit, offset, after), with chunks of 7 records (app/paging.py)."""
    reads, real = [], paging._page

    def recording(session, statement, ordering, page, *args, **kwargs):
        reads.append((page.limit, page.offset, page.after))
        return real(session, statement, ordering, page, *args, **kwargs)

    monkeypatch.setattr(paging, "CHUNK", 7)
    monkeypatch.setattr(paging, "_page", recording)
    return reads


def test_ndjson_stream_reads_the_collection_a_chunk_at_a_time(reader, chunk_reads):
    response = reader.get(f"{API}/claims.ndjson")
    total = int(response.headers["x-total-count"])

    ids = [c["id"] for c in lines(response)]
    assert ids == [c["id"] for c in every_page(reader, "/claims")]
    # Chunks after the first continue by keyset cursor after the previous chunk's last record, not by offset.
    assert chunk_reads[:3] == [(7, 0, None), (7, 0, encode(None, None, ids[6])), (7, 0, encode(None, None, ids[13]))]
    assert len(chunk_reads) == total // 7 + 1 + 1  # the chunks, plus the page every_page asked for


def test_ndjson_stream_of_a_sorted_list_continues_after_each_chunks_last_sort_value(reader, monkeypatch):
    monkeypatch.setattr(paging, "CHUNK", 5)
    params = {"sort": "-stated_on"}
    response = reader.get(f"{API}/claims.ndjson", params=params)

    assert [c["id"] for c in lines(response)] == [c["id"] for c in every_page(reader, "/claims", **params)]


def test_ndjson_stream_of_a_ranked_search_continues_after_each_chunks_last_match(reader, chunk_reads):
    response = reader.get(f"{API}/claims.ndjson", params={"q": "Russia"})

    assert [c["id"] for c in lines(response)] == [c["id"] for c in every_page(reader, "/claims", q="Russia")]
    assert len(chunk_reads) > 3
    assert [offset for _limit, offset, _after in chunk_reads] == [0] * len(chunk_reads)
    assert all(decode(after)[0] == "relevance" for _limit, _offset, after in chunk_reads[1:-1])


def test_ndjson_with_a_bad_parameter_answers_a_problem_not_a_broken_stream(reader):
    response = reader.get(f"{API}/claims.ndjson", params={"q": "***"})

    assert response.status_code == 422
    assert response.json() == invalid_parameter(
        f"{API}/claims.ndjson", "q", "must contain at least one word to search for"
    )


def test_ndjson_of_an_empty_collection_is_empty(client):
    response = client.get(f"{API}/claims.ndjson")

    assert (response.status_code, response.text, response.headers["x-total-count"]) == (200, "", "0")


# ---------------------------------------------------------------- JSON-LD over HTTP


@pytest.fixture(scope="module")
def claims_jsonld(reader) -> dict:
    response = reader.get(f"{API}/claims.jsonld")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/ld+json"
    return response.json()


def nodes_of(document: dict, type_: str) -> list[dict]:
    return [node for node in document["@graph"] if node["@type"] == type_]


def test_jsonld_has_a_claim_for_every_claim_and_a_review_for_every_graded_one(reader, claims_jsonld):
    claims = every_page(reader, "/claims")

    assert claims_jsonld["@context"] == {
        "@vocab": "https://schema.org/",
        "oa": "http://www.w3.org/ns/oa#",
        "peacekb": "urn:peacekb:vocab:",
        "@base": "http://testserver/",
    }
    assert sorted(n["identifier"] for n in nodes_of(claims_jsonld, "Claim")) == sorted(c["id"] for c in claims)
    assert sorted(n["itemReviewed"]["@id"] for n in nodes_of(claims_jsonld, "ClaimReview")) == sorted(
        f"api/v1/claims/{c['id']}" for c in claims if c["credibility"] <= 5
    )


def test_jsonld_claim_carries_its_quote_author_source_and_grade(claims_jsonld):
    claim_id = "api/v1/claims/russia-controls-99-percent-luhansk"
    (claim,) = [n for n in claims_jsonld["@graph"] if n["@id"] == claim_id]
    (review,) = [n for n in claims_jsonld["@graph"] if n["@id"] == f"{claim_id}#review"]
    quote = "near-total domination-about 99%-in neighboring Luhansk"

    assert claim == {
        "@id": claim_id,
        "@type": "Claim",
        "identifier": "russia-controls-99-percent-luhansk",
        "text": "Kyiv asserts that Russia holds near-total control, about 99%, of the neighboring Luhansk region.",
        "author": {"@id": "api/v1/actors/ukraine"},
        "creditText": "Kyiv",
        "appearance": {
            "@type": "Quotation",
            "text": quote,
            "isPartOf": {"@id": "api/v1/sources/breaking-zelenskiy-hails-momentum"},
            "oa:hasSelector": [
                {"@type": "oa:TextQuoteSelector", "oa:exact": quote},
                {"@type": "oa:TextPositionSelector", "oa:start": 2897, "oa:end": 2951},
            ],
        },
        "about": [{"@id": "api/v1/issues/territory-donbas"}],
        "mentions": [{"@id": "api/v1/actors/russia"}, {"@id": "api/v1/actors/ukraine"}],
        "peacekb:value": 99.0,
        "peacekb:unit": "percent",
        "peacekb:measure": 'share of the Luhansk region under Russian control (stated as "about")',
    }
    assert review == {
        "@id": f"{claim_id}#review",
        "@type": "ClaimReview",
        "itemReviewed": {"@id": claim_id},
        "claimReviewed": claim["text"],
        "author": {"@type": "Organization", "name": "PeaceKB curators"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 3,
            "bestRating": 1,
            "worstRating": 5,
            "alternateName": "Possibly true",
            "ratingExplanation": "Kyiv's own assertion; no other source gives a figure.",
        },
    }


def test_jsonld_position_selectors_point_at_the_quote_in_the_source_text(reader, claims_jsonld):
    texts = {}
    for claim in nodes_of(claims_jsonld, "Claim"):
        source = claim["appearance"]["isPartOf"]["@id"].removeprefix("api/v1/sources/")
        if source not in texts:
            texts[source] = reader.get(f"{API}/sources/{source}").json()["text"]
        exact, position = claim["appearance"]["oa:hasSelector"]
        assert (
            texts[source][position["oa:start"] : position["oa:end"]] == exact["oa:exact"] == claim["appearance"]["text"]
        )


def test_jsonld_describes_every_source_actor_and_issue_it_cites(claims_jsonld):
    described = {node["@id"] for node in claims_jsonld["@graph"]}
    cited = set()
    for claim in nodes_of(claims_jsonld, "Claim"):
        cited.add(claim["appearance"]["isPartOf"]["@id"])
        cited.update(ref["@id"] for ref in [*claim.get("about", []), *claim.get("mentions", [])])
        cited.update([claim["author"]["@id"]] if "author" in claim else [])
    cited = {ref for ref in cited if not ref.startswith("api/v1/plan-points/")}

    assert cited <= described
    assert {n["@type"] for n in claims_jsonld["@graph"]} == {
        "Claim", "ClaimReview", "NewsArticle", "BlogPosting", "Country", "Person", "Organization",
        "GovernmentOrganization", "Thing",
    }  # fmt: skip


def test_jsonld_expands_to_schema_org_and_web_annotation_terms(claims_jsonld):
    pyld = pytest.importorskip("pyld.jsonld")
    claim = {"@context": claims_jsonld["@context"], "@graph": nodes_of(claims_jsonld, "Claim")[:1]}

    (expanded,) = pyld.expand(claim)

    assert expanded["@type"] == ["https://schema.org/Claim"]
    assert expanded["@id"].startswith("http://testserver/api/v1/claims/")
    (appearance,) = expanded["https://schema.org/appearance"]
    assert appearance["@type"] == ["https://schema.org/Quotation"]
    selectors = appearance["http://www.w3.org/ns/oa#hasSelector"]
    assert {s["@type"][0] for s in selectors} == {
        "http://www.w3.org/ns/oa#TextQuoteSelector",
        "http://www.w3.org/ns/oa#TextPositionSelector",
    }


def test_jsonld_takes_the_claim_filters(reader):
    document = reader.get(f"{API}/claims.jsonld", params={"issue_id": "territory-donbas", "max_credibility": 2}).json()
    expected = every_page(reader, "/issues/territory-donbas/claims")

    assert sorted(n["identifier"] for n in nodes_of(document, "Claim")) == sorted(
        c["id"] for c in expected if c["credibility"] <= 2
    )


def claim_ids_of(document: dict) -> list[str]:
    return [node["identifier"] for node in nodes_of(document, "Claim")]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Luhansk"},
        {"q": "ceasefire", "sort": "-stated_on"},
        {"plan_id": "us-peace-package"},
        {"plan_point_id": "us-package-ceasefire-stage-1"},
        {"speaker_id": "volodymyr-zelensky", "max_credibility": 3},
        {"stated_from": "2025-12-01", "stated_to": "2025-12-31"},
        {"quantitative": "true", "sort": "-value", "limit": 5, "offset": 2},
        {"event_id": "capture-of-sviato-pokrovske", "limit": 2},
    ],
)
def test_jsonld_lists_the_claims_that_claims_lists_with_the_same_parameters(reader, params):
    listed = reader.get(f"{API}/claims", params=params).json()

    response = reader.get(f"{API}/claims.jsonld", params=params)

    assert response.status_code == 200, response.text
    assert claim_ids_of(response.json()) == [claim["id"] for claim in listed["items"]]
    assert listed["items"]
    assert response.headers["x-total-count"] == str(listed["total"])


def test_jsonld_pages_by_keyset_like_the_claims_list(reader):
    pages, response = [], reader.get(f"{API}/claims.jsonld", params={"limit": 40, "after": ""})
    while True:
        assert response.status_code == 200, response.text
        pages.append(claim_ids_of(response.json()))
        if "next" not in response.links:
            break
        response = reader.get(response.links["next"]["url"])

    assert [len(page) for page in pages] == [40, 40, 40, 40, 7]
    assert [claim_id for page in pages for claim_id in page] == [c["id"] for c in every_page(reader, "/claims")]


def test_jsonld_refuses_what_the_claims_list_refuses(reader):
    response = reader.get(f"{API}/claims.jsonld", params={"stated_from": "2025-12-01", "stated_to": "2025-11-01"})

    assert response.json() == invalid_parameter(
        f"{API}/claims.jsonld", "stated_to", "must not be before stated_from (2025-12-01)"
    )


def test_jsonld_links_each_claim_to_the_claims_it_contradicts_supports_or_updates(reader, claims_jsonld):
    relations = every_page(reader, "/claim-relations")
    expected: dict[str, dict[str, list[str]]] = {}
    for relation in sorted(relations, key=lambda r: r["id"]):
        links = expected.setdefault(f"api/v1/claims/{relation['from_claim_id']}", {})
        links.setdefault(f"peacekb:{relation['type']}", []).append(f"api/v1/claims/{relation['to_claim_id']}")

    linked = {
        node["@id"]: {key: [ref["@id"] for ref in refs] for key, refs in node.items() if key in RELATION_TERMS}
        for node in nodes_of(claims_jsonld, "Claim")
    }

    assert {claim: links for claim, links in linked.items() if links} == expected
    assert {term for links in expected.values() for term in links} == RELATION_TERMS


RELATION_TERMS = {"peacekb:contradicts", "peacekb:supports", "peacekb:updates"}


def test_a_claim_is_answered_as_jsonld_when_asked(reader, claims_jsonld):
    claim_id = "russia-controls-99-percent-luhansk"

    response = reader.get(f"{API}/claims/{claim_id}", headers={"Accept": "application/ld+json"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/ld+json"
    assert response.headers["vary"] == "Accept"
    document = response.json()
    assert document["@context"] == claims_jsonld["@context"]
    everywhere = {node["@id"]: node for node in claims_jsonld["@graph"]}
    assert [node["@id"] for node in document["@graph"]] == [
        f"api/v1/claims/{claim_id}",
        f"api/v1/claims/{claim_id}#review",
        "api/v1/sources/breaking-zelenskiy-hails-momentum",
        "api/v1/actors/russia",
        "api/v1/actors/ukraine",
        "api/v1/issues/territory-donbas",
    ]
    assert all(node == everywhere[node["@id"]] for node in document["@graph"])


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "application/json"),
        ("application/json", "application/json"),
        ("*/*", "application/json"),
        ("application/json, application/ld+json;q=0.5", "application/json"),
        ("application/ld+json, application/json;q=0.9", "application/ld+json"),
        ("application/ld+json;q=0", "application/json"),
    ],
)
def test_a_claim_stays_json_unless_jsonld_is_preferred(reader, accept, media_type):
    headers = {"Accept": accept} if accept else {}

    response = reader.get(f"{API}/claims/russia-controls-99-percent-luhansk", headers=headers)

    assert response.status_code == 200
    assert response.headers["content-type"] == media_type


def test_an_unknown_claim_asked_as_jsonld_answers_404(reader):
    response = reader.get(f"{API}/claims/no-such-claim", headers={"Accept": "application/ld+json"})

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_a_claims_jsonld_is_an_operation_of_its_own_so_the_items_json_stays_typed(reader):
    paths = reader.get("/openapi.json").json()["paths"]

    assert list(paths["/api/v1/claims/{claim_id}"]["get"]["responses"]["200"]["content"]) == ["application/json"]
    assert list(paths["/api/v1/claims/{claim_id}.jsonld"]["get"]["responses"]["200"]["content"]) == [
        "application/ld+json"
    ]


def test_a_claims_jsonld_path_answers_what_its_accept_header_does(reader):
    by_path = reader.get(f"{API}/claims/russia-controls-99-percent-luhansk.jsonld")
    by_accept = reader.get(
        f"{API}/claims/russia-controls-99-percent-luhansk", headers={"Accept": "application/ld+json"}
    )

    assert by_path.status_code == by_accept.status_code == 200
    assert by_path.headers["content-type"].startswith("application/ld+json")
    assert by_path.json() == by_accept.json()
    assert by_path.headers["etag"] == by_accept.headers["etag"]
    tag = by_path.headers["etag"]
    again = reader.get(f"{API}/claims/russia-controls-99-percent-luhansk.jsonld", headers={"If-None-Match": tag})
    assert again.status_code == 304


def test_jsonld_is_streamed_a_chunk_of_claims_at_a_time(reader, claims_jsonld, monkeypatch):
    monkeypatch.setattr(paging, "CHUNK", 10)

    assert reader.get(f"{API}/claims.jsonld").json() == claims_jsonld


# ---------------------------------------------------------------- peacekb export

runner = CliRunner()


@pytest.fixture
def seeded_cli(seeded_engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point the CLI at the seeded knowledge base (settings and engine are cached)."""
    monkeypatch.setenv("PEACEKB_DATABASE_URL", seeded_engine.url.render_as_string(hide_password=False))
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


def peacekb(*args: str):
    return runner.invoke(cli.app, list(args))


def test_export_ndjson_of_one_collection_writes_its_records(seeded_cli, reader):
    result = peacekb("export", "--format", "ndjson", "--kind", "plan-points")

    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records == sorted(every_page(reader, "/plan-points"), key=lambda p: p["id"])


def test_export_ndjson_of_everything_tags_each_record_with_its_kind(seeded_cli, reader, monkeypatch):
    monkeypatch.setattr(paging, "CHUNK", 7)  # many chunks: keyset paging must not skip or repeat

    result = peacekb("export", "--format", "ndjson")

    assert result.exit_code == 0, result.output
    lines_ = [json.loads(line) for line in result.stdout.splitlines()]
    counts = reader.get(f"{API}/stats").json()["counts"]
    assert {kind: sum(1 for line in lines_ if line["kind"] == kind) for kind in {line["kind"] for line in lines_}} == {
        kind: count for kind, count in counts.items() if kind != "document"
    }
    claims = [line["record"] for line in lines_ if line["kind"] == "claim"]
    assert claims == sorted(every_page(reader, "/claims"), key=lambda c: c["id"])


def test_export_csv_of_one_collection_matches_the_api_csv(seeded_cli, reader, tmp_path: Path):
    target = tmp_path / "points.csv"

    result = peacekb("export", "--format", "csv", "--kind", "plan-points", "-o", str(target))

    assert result.exit_code == 0, result.output
    exported = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    served = list(csv.DictReader(io.StringIO(reader.get(f"{API}/plan-points.csv?limit=500").text)))
    assert exported == sorted(served, key=lambda row: row["id"])


def test_export_csv_of_everything_writes_one_file_per_collection(seeded_cli, reader, tmp_path: Path):
    result = peacekb("export", "--format", "csv", "-o", str(tmp_path / "csv"))

    assert result.exit_code == 0, result.output
    counts = reader.get(f"{API}/stats").json()["counts"]
    written = {
        path.stem: len(list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))))
        for path in (tmp_path / "csv").iterdir()
    }
    assert written == {collection: counts[resource.kind] for collection, resource in record_export.COLLECTIONS.items()}


def test_export_jsonld_writes_the_claims_document(seeded_cli, claims_jsonld, tmp_path: Path):
    target = tmp_path / "claims.jsonld"

    result = peacekb("export", "--format", "jsonld", "-o", str(target), "--base-url", "http://testserver/")

    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8")) == claims_jsonld


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "csv"], "csv of every kind needs --output DIR (one file per collection), or --kind"),
        (["--format", "json", "--kind", "claims"], "--kind applies to ndjson and csv; json exports the whole"),
        (["--format", "ndjson", "--kind", "nope"], "--kind must be one of: actors, claims, claim-relations, events"),
    ],
)
def test_export_refuses_what_it_cannot_write(seeded_cli, args, message):
    result = peacekb("export", *args)

    assert result.exit_code == 2
    assert message in result.stderr

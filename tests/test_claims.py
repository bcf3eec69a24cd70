"""/claims: quoted, anchored statements, their filters, sorts and search."""

import pytest

from tests.helpers import API, assert_sorted_by, ids, invalid_parameter, not_found, page_ids, rejected_names

CLAIM_SORTS = [
    "id",
    "-id",
    "stated_on",
    "-stated_on",
    "credibility",
    "-credibility",
    "value",
    "-value",
    "source_id",
    "-source_id",
    "quote_start",
    "-quote_start",
]
ARTICLE_5 = "article-5-guarantees-reviewed"
ENVOY = "envoy-calls-talks-productive"
BASIS = "plan-basis-for-settlement"
KREMLIN_80 = "russia-claims-80-donetsk"
REUTERS_75 = "russia-controls-75-donetsk"
ALL_CLAIMS = [ARTICLE_5, ENVOY, BASIS, KREMLIN_80, REUTERS_75]


def test_list_claims_answers_every_claim_in_id_order(world):
    response = world.get(f"{API}/claims")

    assert response.status_code == 200
    body = response.json()
    assert ids(response) == ALL_CLAIMS
    assert (body["total"], body["limit"], body["offset"]) == (5, 50, 0)


def test_get_claim_returns_its_quote_offsets_links_and_incoming_relations(world):
    response = world.get(f"{API}/claims/russia-controls-75-donetsk")

    assert response.status_code == 200
    assert response.json() == {
        "id": "russia-controls-75-donetsk",
        "statement": "Russia controls about 75% of Donetsk region, according to officials.",
        "source_id": "reuters-geneva",
        "quote": "Russia controls about 75% of Donetsk",
        "quote_start": 55,
        "quote_end": 91,
        "quote_start_utf16": 55,
        "quote_end_utf16": 91,
        "speaker_id": None,
        "attribution": None,
        "stated_on": "2025-11-23",
        "value": 75.0,
        "unit": "percent",
        "measure": "share of Donetsk held by Russia",
        "value_on": None,
        "credibility": 2,
        "credibility_note": None,
        "actor_ids": ["russia"],
        "plan_point_ids": ["donetsk-buffer-zone"],
        "issue_ids": ["territory"],
        "event_ids": ["geneva-talks"],
        "relations": [
            {
                "relation_id": "kremlin-contradicts-reuters",
                "type": "contradicts",
                "direction": "incoming",
                "claim_id": "russia-claims-80-donetsk",
                "rationale": "80% against about 75% of Donetsk.",
            },
            {
                "relation_id": "later-estimate-updates",
                "type": "updates",
                "direction": "incoming",
                "claim_id": "russia-claims-80-donetsk",
                "rationale": "The Kremlin figure is the later estimate.",
            },
        ],
    }


def test_get_claim_lists_its_outgoing_relations(world):
    response = world.get(f"{API}/claims/russia-claims-80-donetsk")

    assert response.status_code == 200
    assert response.json()["relations"] == [
        {
            "relation_id": "kremlin-contradicts-reuters",
            "type": "contradicts",
            "direction": "outgoing",
            "claim_id": "russia-controls-75-donetsk",
            "rationale": "80% against about 75% of Donetsk.",
        },
        {
            "relation_id": "later-estimate-updates",
            "type": "updates",
            "direction": "outgoing",
            "claim_id": "russia-controls-75-donetsk",
            "rationale": "The Kremlin figure is the later estimate.",
        },
    ]


def test_get_claim_without_relations_or_links_lists_none(world):
    body = world.get(f"{API}/claims/plan-basis-for-settlement").json()

    assert body["speaker_id"] == "russia"
    assert [r["direction"] for r in body["relations"]] == ["incoming"]
    assert (body["actor_ids"], body["plan_point_ids"], body["issue_ids"], body["event_ids"]) == (
        [],
        [],
        [],
        [],
    )


@pytest.mark.parametrize("client_name", ["world", "mini_client"])
def test_every_claim_quote_is_its_source_text_at_its_offsets(request, backend, client_name):
    # `backend` is named so that the clients fetched by name run on each backend too.
    client = request.getfixturevalue(client_name)
    claims = client.get(f"{API}/claims", params={"limit": 500}).json()["items"]
    texts = {c["source_id"]: client.get(f"{API}/sources/{c['source_id']}").json()["text"] for c in claims}

    assert claims
    for claim in claims:
        assert texts[claim["source_id"]][claim["quote_start"] : claim["quote_end"]] == claim["quote"]


def test_claim_offsets_count_code_points_not_bytes_or_utf16_units(mini_client):
    # note.txt opens with 🧠 (one code point, four UTF-8 bytes, two UTF-16 units).
    claim = mini_client.get(f"{API}/claims/russia-holds-75-donetsk").json()

    assert (claim["quote_start"], claim["quote_end"]) == (25, 59)
    assert (claim["quote_start_utf16"], claim["quote_end_utf16"]) == (26, 60)


def text_utf16_slice(text: str, start: int, end: int) -> str:
    """``text.slice(start, end)`` as JavaScript computes it: on UTF-16 code units."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


@pytest.mark.parametrize("client_name", ["world", "mini_client", "kb"])
def test_every_claim_quote_is_its_source_text_sliced_at_its_utf16_offsets(request, backend, client_name):
    client = request.getfixturevalue(client_name)
    claims = client.get(f"{API}/claims", params={"limit": 500}).json()["items"]
    texts = {c["source_id"]: client.get(f"{API}/sources/{c['source_id']}").json()["text"] for c in claims}
    moved = [c for c in claims if c["quote_start_utf16"] != c["quote_start"]]

    assert claims
    for claim in claims:
        start, end = claim["quote_start_utf16"], claim["quote_end_utf16"]
        assert text_utf16_slice(texts[claim["source_id"]], start, end) == claim["quote"], claim["id"]
    if client_name == "kb":  # the blog's 🧠 and 🧩 come before these quotes: naive offsets would miss them
        assert (len(claims), len(moved)) == (167, 45)


def test_repeated_quote_claims_point_at_the_occurrence_their_hint_chose(mini_client):
    first = mini_client.get(f"{API}/claims/russia-holds-75-donetsk").json()
    second = mini_client.get(f"{API}/claims/russia-holds-75-donetsk-again").json()

    assert first["quote"] == second["quote"]
    assert (first["quote_start"], second["quote_start"]) == (25, 70)


def test_get_claim_answers_404_problem_for_an_unknown_id(world):
    response = world.get(f"{API}/claims/no-such-claim")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == not_found(f"{API}/claims/no-such-claim", "claim", "no-such-claim")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"source_id": "kremlin-readout"}, [BASIS, KREMLIN_80]),
        ({"source_id": "no-such-source"}, []),
        # actor_id: claims about the actor or spoken by it
        ({"actor_id": "russia"}, [BASIS, KREMLIN_80, REUTERS_75]),
        ({"actor_id": "usa"}, [ENVOY]),
        ({"actor_id": "witkoff"}, [ENVOY]),
        ({"speaker_id": "russia"}, [BASIS, KREMLIN_80]),
        ({"speaker_id": "usa"}, []),
        ({"issue_id": "territory"}, [KREMLIN_80, REUTERS_75]),
        ({"plan_id": "twenty-point"}, [ARTICLE_5, ENVOY]),
        ({"plan_id": "us-draft"}, [REUTERS_75]),
        ({"plan_id": "counter-proposal"}, []),
        ({"plan_point_id": "ceasefire-line"}, [ENVOY]),
        ({"event_id": "geneva-talks"}, [ENVOY, REUTERS_75]),
        ({"event_id": "strike-on-kyiv"}, []),
        ({"stated_from": "2025-11-23"}, [KREMLIN_80, REUTERS_75]),
        ({"stated_to": "2025-11-23"}, [BASIS, REUTERS_75]),
        ({"stated_from": "2025-11-22", "stated_to": "2025-11-25"}, [REUTERS_75]),
        ({"stated_from": "2025-11-23", "stated_to": "2025-11-23"}, [REUTERS_75]),
        ({"quantitative": "true"}, [ARTICLE_5, KREMLIN_80, REUTERS_75]),
        ({"quantitative": "false"}, [ENVOY, BASIS]),
        ({"max_credibility": 3}, [ENVOY, REUTERS_75]),
        ({"max_credibility": 1}, []),
        ({"max_credibility": 6}, ALL_CLAIMS),
        ({"issue_id": "territory", "max_credibility": 2}, [REUTERS_75]),
        ({"actor_id": "russia", "source_id": "reuters-geneva"}, [REUTERS_75]),
    ],
)
def test_list_claims_filters(world, params, expected):
    assert page_ids(world, "/claims", **params) == (expected, len(expected))


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"max_credibility": 0}, "max_credibility"),
        ({"max_credibility": 7}, "max_credibility"),
        ({"quantitative": "maybe"}, "quantitative"),
        ({"stated_from": "2025-13-01"}, "stated_from"),
        ({"stated_to": "yesterday"}, "stated_to"),
        ({"source_id": "x" * 201}, "source_id"),
    ],
)
def test_list_claims_rejects_malformed_filters(world, params, name):
    assert rejected_names(world.get(f"{API}/claims", params=params)) == [name]


def test_list_claims_rejects_a_reversed_stated_range_naming_stated_to(world):
    response = world.get(f"{API}/claims", params={"stated_from": "2025-11-25", "stated_to": "2025-11-21"})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == invalid_parameter(
        f"{API}/claims", "stated_to", "must not be before stated_from (2025-11-25)"
    )


@pytest.mark.parametrize("sort", CLAIM_SORTS)
def test_list_claims_sorts_by_each_offered_field(world, sort):
    assert_sorted_by(world, "/claims", sort)


def test_list_claims_sorts_missing_values_first_ascending_and_last_descending(world):
    assert page_ids(world, "/claims", sort="value")[0][:3] == [
        "article-5-guarantees-reviewed",
        "envoy-calls-talks-productive",
        "plan-basis-for-settlement",
    ]
    assert page_ids(world, "/claims", sort="-value")[0][:2] == [
        "russia-claims-80-donetsk",
        "russia-controls-75-donetsk",
    ]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Donetsk", ["russia-claims-80-donetsk", "russia-controls-75-donetsk"]),
        ("productive", ["envoy-calls-talks-productive"]),
        ("produc*", ["envoy-calls-talks-productive"]),
        ("settlement basis", ["plan-basis-for-settlement"]),
        ("re‑examined", ["article-5-guarantees-reviewed"]),
        ("Donetsk productive", []),
        ("Luhansk", []),
    ],
)
def test_list_claims_full_text_filter_needs_every_word(world, q, expected):
    found, total = page_ids(world, "/claims", q=q)

    assert sorted(found) == expected
    assert total == len(expected)


def test_list_claims_search_ranks_statement_matches_above_quote_only_matches(world):
    # "Russia" is in the statement (the title, weighted 10x) of one claim and only in the quote of another.
    assert page_ids(world, "/claims", q="Russia")[0][0] == "russia-controls-75-donetsk"


def test_list_claims_search_honours_an_explicit_sort(world):
    assert page_ids(world, "/claims", q="Donetsk", sort="-credibility") == (
        ["russia-claims-80-donetsk", "russia-controls-75-donetsk"],
        2,
    )


def test_list_claims_search_rejects_text_without_words(world):
    response = world.get(f"{API}/claims", params={"q": "?!"})

    assert response.json() == invalid_parameter(f"{API}/claims", "q", "must contain at least one word to search for")

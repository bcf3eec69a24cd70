"""/search across every kind of record (ranked, with escaped <mark> snippets), and /stats."""

import pytest

from app.models.resource import RESOURCES
from tests.helpers import API, COLLECTIONS, invalid_parameter, rejected_names

NO_WORD = "must contain at least one word to search for"
DONETSK_HITS = {
    ("claim", "russia-claims-80-donetsk"),
    ("claim", "russia-controls-75-donetsk"),
    ("claim_relation", "kremlin-contradicts-reuters"),
    ("issue", "territory"),
    ("plan_point", "donetsk-buffer-zone"),
    ("position", "buffer-zone-rejected"),
    ("source", "kremlin-readout"),
    ("source", "reuters-geneva"),
}


def hits(response) -> list[tuple[str, str]]:
    assert response.status_code == 200, response.text
    return [(hit["kind"], hit["id"]) for hit in response.json()["items"]]


def test_search_answers_one_hit_with_its_title_and_marked_snippet(world):
    response = world.get(f"{API}/search", params={"q": "Miami"})

    assert response.status_code == 200
    body = response.json()
    score = body["items"][0].pop("score")
    assert body == {
        "items": [
            {
                "kind": "event",
                "id": "miami-call",
                "title": "Call from Miami",
                "snippet": "Call from <mark>Miami</mark>",
                "matched": [{"query": "Miami", "found": "Miami", "via": None}],
            }
        ],
        "total": 1,
        "total_exact": True,
        "limit": 50,
        "offset": 0,
        "facets": None,
        "did_you_mean": [],
    }
    assert score > 0


def test_search_finds_every_kind_of_record_best_first(world):
    response = world.get(f"{API}/search", params={"q": "Donetsk"})

    items = response.json()["items"]
    assert set(hits(response)) == DONETSK_HITS
    assert response.json()["total"] == len(DONETSK_HITS)
    assert [hit["score"] for hit in items] == sorted((hit["score"] for hit in items), reverse=True)
    assert all("<mark>Donetsk</mark>" in hit["snippet"] for hit in items)


def test_search_ranks_a_title_match_above_a_body_match(world):
    # The claim's statement (its title) says Donetsk; the sources only say it in their text.
    found = hits(world.get(f"{API}/search", params={"q": "Donetsk"}))

    assert found.index(("claim", "russia-controls-75-donetsk")) < found.index(("source", "reuters-geneva"))


def test_search_breaks_ties_in_score_by_kind_and_id(world):
    items = world.get(f"{API}/search", params={"q": "Donetsk"}).json()["items"]
    by_score: dict[float, list[tuple[str, str]]] = {}
    for hit in items:
        by_score.setdefault(hit["score"], []).append((hit["kind"], hit["id"]))

    assert any(len(tied) > 1 for tied in by_score.values()), "the test data needs hits of equal score"
    assert all(tied == sorted(tied) for tied in by_score.values())


def test_search_snippets_are_html_escaped_around_the_marks(world):
    response = world.get(f"{API}/search", params={"q": "mirror", "kind": "source"})

    assert (
        "Security guarantees &lt;b&gt;must&lt;/b&gt; <mark>mirror</mark> “Article 5” &amp; be re‑examined in 2035."
        in [hit["snippet"] for hit in response.json()["items"]]
    )


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (["claim"], {("claim", "russia-claims-80-donetsk"), ("claim", "russia-controls-75-donetsk")}),
        (["source", "issue"], {("source", "kremlin-readout"), ("source", "reuters-geneva"), ("issue", "territory")}),
        (["actor"], set()),
    ],
)
def test_search_kind_filter_keeps_only_the_given_kinds(world, kinds, expected):
    response = world.get(f"{API}/search", params={"q": "Donetsk", "kind": kinds})

    assert set(hits(response)) == expected
    assert response.json()["total"] == len(expected)


def test_search_rejects_an_unknown_kind(world):
    assert rejected_names(world.get(f"{API}/search", params={"q": "Donetsk", "kind": "tweet"})) == ["kind"]


def test_search_names_a_bad_repeated_kind_by_its_parameter_and_lists_the_allowed_values(world):
    response = world.get(f"{API}/search", params=[("q", "Donetsk"), ("kind", "claim"), ("kind", "tweet")])

    assert rejected_names(response) == ["kind"]
    assert "'claim'" in response.json()["errors"][0]["reason"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Zelenskyy", [("actor", "zelensky")]),  # an alias
        ("zelenskíy", [("actor", "zelensky")]),  # diacritics are ignored
        ("mirror", [("plan_point", "article-5-guarantees"), ("source", "blog-note")]),  # "mirroring" stems to it
        ("Donet*", sorted(DONETSK_HITS)),  # a prefix
    ],
)
def test_search_matches(world, q, expected):
    assert sorted(hits(world.get(f"{API}/search", params={"q": q}))) == sorted(expected)


def test_search_with_match_all_needs_every_term(world):
    response = world.get(f"{API}/search", params={"q": "Donetsk productive", "match": "all"})

    assert hits(response) == [("source", "reuters-geneva")]


def test_search_by_default_finds_records_holding_any_term_and_says_which(world):
    items = world.get(f"{API}/search", params={"q": "Donetsk productive"}).json()["items"]
    matched = {(hit["kind"], hit["id"]): {m["query"] for m in hit["matched"]} for hit in items}

    assert matched[("source", "reuters-geneva")] == {"Donetsk", "productive"}
    assert matched[("claim", "envoy-calls-talks-productive")] == {"productive"}
    assert matched[("claim", "russia-claims-80-donetsk")] == {"Donetsk"}


def test_search_prefix_longer_than_the_word_stem_still_matches(world):
    assert hits(world.get(f"{API}/search", params={"q": "producti*"})) != []


def test_search_pages_with_limit_and_offset(world):
    everything = hits(world.get(f"{API}/search", params={"q": "Donetsk"}))
    response = world.get(f"{API}/search", params={"q": "Donetsk", "limit": 3, "offset": 3})

    assert hits(response) == everything[3:6]
    assert (response.json()["total"], response.json()["limit"], response.json()["offset"]) == (8, 3, 3)
    assert set(response.links) == {"first", "prev", "next"}


def test_search_without_q_is_rejected_naming_q(world):
    response = world.get(f"{API}/search")

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == invalid_parameter(f"{API}/search", "q", "Field required")


def test_search_with_empty_q_is_rejected_naming_q(world):
    response = world.get(f"{API}/search", params={"q": ""})

    assert response.json() == invalid_parameter(f"{API}/search", "q", "String should have at least 1 character")


def test_search_with_q_over_500_characters_is_rejected_naming_q(world):
    response = world.get(f"{API}/search", params={"q": "x" * 501})

    assert response.json() == invalid_parameter(f"{API}/search", "q", "String should have at most 500 characters")


HOSTILE_WITH_WORDS = [
    "NEAR(",
    "NEAR(a b)",
    "a OR",
    "AND",
    "OR",
    "NOT",
    "col:x",
    "title:Donetsk",
    "kind:claim",
    "{a b}",
    "a*b*",
    'Don"etsk',
    "'; DROP TABLE claim; --",
    "a_b",
    "%",
    "x" * 500,
    ("Donetsk OR NEAR( " * 40)[:500],
    " ".join(f"w{n}" for n in range(200))[:499],
    "\x00Donetsk",
    "é",
]
HOSTILE_WITHOUT_WORDS = ['"', '""', "*", "**", "-", "^", "(((", ")", "'", "\\", "🧠", "!!!", "_", "\x00", "\x02", " "]


@pytest.mark.parametrize("q", HOSTILE_WITH_WORDS)
def test_search_survives_fts_syntax_in_the_query(world, q):
    response = world.get(f"{API}/search", params={"q": q})

    assert response.status_code == 200
    assert set(response.json()) == {"items", "total", "total_exact", "limit", "offset", "facets", "did_you_mean"}


@pytest.mark.parametrize("q", HOSTILE_WITHOUT_WORDS)
def test_search_rejects_a_query_without_words_naming_q(world, q):
    response = world.get(f"{API}/search", params={"q": q})

    assert response.status_code == 422
    assert response.json() == invalid_parameter(f"{API}/search", "q", NO_WORD)


def test_search_treats_fts_operators_as_plain_words(world):
    # As an operator, "Donetsk OR Miami" would find either with match=all; as words, no record has both.
    assert hits(world.get(f"{API}/search", params={"q": "Donetsk OR Miami", "match": "all"})) == []
    assert hits(world.get(f"{API}/search", params={"q": "\x00Donetsk"})) == hits(
        world.get(f"{API}/search", params={"q": "Donetsk"})
    )


@pytest.mark.parametrize("path", COLLECTIONS)
@pytest.mark.parametrize("q", ["NEAR(", 'Don"etsk', "a OR", "col:x", "x" * 500])
def test_list_q_survives_fts_syntax(world, path, q):
    response = world.get(f"{API}{path}", params={"q": q})

    assert response.status_code == 200
    assert set(response.json()) == {"items", "total", "total_exact", "limit", "offset"}


@pytest.mark.parametrize("path", COLLECTIONS)
@pytest.mark.parametrize("q", ['"', "(((", "🧠"])
def test_list_q_without_words_is_rejected_naming_q(world, path, q):
    response = world.get(f"{API}{path}", params={"q": q})

    assert response.json() == invalid_parameter(f"{API}{path}", "q", NO_WORD)


def test_stats_counts_the_records_of_each_kind(world):
    response = world.get(f"{API}/stats")

    assert response.status_code == 200
    assert response.json() == {
        "counts": {
            "source": 3,
            "actor": 6,
            "plan": 3,
            "plan_point": 5,
            "issue": 3,
            "position": 4,
            "claim": 5,
            "event": 3,
            "claim_relation": 3,
            "thesaurus_entry": 0,
            "place": 0,
            "document": 1,
        }
    }


def test_stats_of_an_empty_knowledge_base_are_zero(client):
    counts = client.get(f"{API}/stats").json()["counts"]

    assert set(counts.values()) == {0}
    assert len(counts) == len(RESOURCES) + 1  # every declared kind, and documents

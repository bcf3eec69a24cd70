"""GET /plans/{plan_id}/diff/{other_id}: points unchanged, reworded, removed and added between two plans."""

import pytest

from app.services.plan_diff import METHOD, similarity, word_changes
from tests.factories import make_plan, make_plan_point
from tests.helpers import API, not_found


def point(id, ordinal, sequence, text, category="other", parent_id=None, issue_ids=()):
    return {
        "id": id,
        "ordinal": ordinal,
        "sequence": sequence,
        "parent_id": parent_id,
        "text": text,
        "category": category,
        "issue_ids": list(issue_ids),
    }


DRAFT = [
    point("draft-ceasefire", 1, 1, "An immediate ceasefire along the contact line.", "ceasefire"),
    point("draft-army-cap", 2, 2, "Ukraine's army is capped at 600,000 troops.", "military"),
    point("draft-sanctions", 3, 3, "Sanctions are lifted in stages.", "economy"),
    point("draft-guarantees", 4, 4, "Security guarantees mirroring Article 5 of NATO.", "security_guarantees"),
]
REVISED = [
    point("revised-ceasefire", 1, 1, "An immediate ceasefire along the contact line.", "ceasefire"),
    point("revised-pact", None, 2, "A legally binding non-aggression pact with Russia.", "security_guarantees"),
    point("revised-army-cap", 2, 3, "Ukraine's army is capped at 800,000 troops.", "military"),
    point("revised-guarantees", None, 4, "Security guarantees mirroring NATO's Article 5.", "security_guarantees"),
]


def make_points(session, plan_id, points):
    for p in points:
        make_plan_point(session, plan_id=plan_id, **{k: v for k, v in p.items() if v is not None})


@pytest.fixture
def versions(client, session):
    make_plan(session, id="draft", name="28-point draft")
    make_plan(session, id="revised", name="Revised 20-point plan", supersedes_id="draft")
    make_points(session, "draft", DRAFT)
    make_points(session, "revised", REVISED)
    return client


def row(status, base, other, matched_by=None, similarity=None, changed_fields=(), changes=()):
    return {
        "status": status,
        "base": base,
        "other": other,
        "matched_by": matched_by,
        "similarity": similarity,
        "changed_fields": list(changed_fields),
        "changes": list(changes),
    }


def test_diff_matches_points_across_versions_and_lists_what_changed(versions):
    response = versions.get(f"{API}/plans/draft/diff/revised")

    assert response.status_code == 200
    assert response.json() == {
        "plan_id": "draft",
        "other_id": "revised",
        "method": METHOD,
        "summary": {"unchanged": 1, "reworded": 2, "removed": 1, "added": 1},
        "rows": [
            row("unchanged", DRAFT[0], REVISED[0], "text", 1.0),
            row("added", None, REVISED[1]),
            row(
                "reworded",
                DRAFT[1],
                REVISED[2],
                "ordinal",
                round(similarity(DRAFT[1]["text"], REVISED[2]["text"]), 3),
                changes=[
                    {"op": "equal", "base": "Ukraine's army is capped at ", "other": "Ukraine's army is capped at "},
                    {"op": "replace", "base": "600,", "other": "800,"},
                    {"op": "equal", "base": "000 troops.", "other": "000 troops."},
                ],
            ),
            row("removed", DRAFT[2], None),
            row(
                "reworded",
                DRAFT[3],
                REVISED[3],
                "similar text",
                round(similarity(DRAFT[3]["text"], REVISED[3]["text"]), 3),
                changed_fields=["ordinal"],
                changes=[c.model_dump() for c in word_changes(DRAFT[3]["text"], REVISED[3]["text"])],
            ),
        ],
    }


def test_diff_of_reworded_point_shows_words_in_their_original_spelling(versions):
    rows = versions.get(f"{API}/plans/draft/diff/revised").json()["rows"]
    guarantees = rows[-1]

    assert "".join(c["base"] for c in guarantees["changes"]) == DRAFT[3]["text"]
    assert "".join(c["other"] for c in guarantees["changes"]) == REVISED[3]["text"]
    assert [c["op"] for c in guarantees["changes"]] == ["equal", "insert", "equal", "delete"]


def test_diff_the_other_way_round_swaps_added_and_removed(versions):
    body = versions.get(f"{API}/plans/revised/diff/draft").json()

    assert body["summary"] == {"unchanged": 1, "reworded": 2, "removed": 1, "added": 1}
    assert [(r["status"], (r["base"] or {}).get("id"), (r["other"] or {}).get("id")) for r in body["rows"]] == [
        ("unchanged", "revised-ceasefire", "draft-ceasefire"),
        ("removed", "revised-pact", None),
        ("reworded", "revised-army-cap", "draft-army-cap"),
        ("added", None, "draft-sanctions"),
        ("reworded", "revised-guarantees", "draft-guarantees"),
    ]


def test_diff_of_a_plan_with_itself_is_all_unchanged(versions):
    body = versions.get(f"{API}/plans/revised/diff/revised").json()

    assert body["summary"] == {"unchanged": 4, "reworded": 0, "removed": 0, "added": 0}
    assert [r["matched_by"] for r in body["rows"]] == ["text"] * 4


def test_diff_notes_a_renumbered_or_recategorised_point_with_the_same_words(client, session):
    make_plan(session, id="a")
    make_plan(session, id="b")
    make_plan_point(session, id="a-1", plan_id="a", ordinal=7, text="Elections within 100 days.", category="governance")
    make_plan_point(session, id="b-1", plan_id="b", ordinal=9, text="Elections within 100 days!", category="other")

    (only,) = client.get(f"{API}/plans/a/diff/b").json()["rows"]

    assert (only["status"], only["matched_by"], only["changed_fields"]) == (
        "unchanged",
        "text",
        ["ordinal", "category"],
    )


def test_diff_pairs_points_one_to_one(client, session):
    make_plan(session, id="a")
    make_plan(session, id="b")
    make_plan_point(session, id="a-1", plan_id="a", sequence=1, text="Prisoners are exchanged.")
    make_plan_point(session, id="a-2", plan_id="a", sequence=2, text="Prisoners are exchanged.")
    make_plan_point(session, id="b-1", plan_id="b", sequence=1, text="Prisoners are exchanged.")

    rows = client.get(f"{API}/plans/a/diff/b").json()["rows"]

    assert [(r["status"], (r["base"] or {}).get("id")) for r in rows] == [("unchanged", "a-1"), ("removed", "a-2")]


def test_diff_does_not_pair_points_below_the_similarity_threshold(client, session):
    make_plan(session, id="a")
    make_plan(session, id="b")
    make_plan_point(session, id="a-1", plan_id="a", ordinal=1, text="Demilitarised zones.")
    make_plan_point(session, id="b-1", plan_id="b", ordinal=1, text="Freedom of navigation in the Black Sea.")

    body = client.get(f"{API}/plans/a/diff/b").json()

    assert body["summary"] == {"unchanged": 0, "reworded": 0, "removed": 1, "added": 1}


def test_diff_of_plans_without_points_is_empty(client, session):
    make_plan(session, id="a")
    make_plan(session, id="b")

    body = client.get(f"{API}/plans/a/diff/b").json()

    assert (body["summary"], body["rows"]) == ({"unchanged": 0, "reworded": 0, "removed": 0, "added": 0}, [])


@pytest.mark.parametrize("path", ["/plans/nope/diff/revised", "/plans/revised/diff/nope"])
def test_diff_with_an_unknown_plan_is_not_found(versions, path):
    response = versions.get(f"{API}{path}")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == not_found(f"{API}{path}", "plan", "nope")


def test_diff_of_the_seeded_plans_finds_the_separate_frameworks_share_no_point(kb):
    body = kb.get(f"{API}/plans/revised-20-point-plan/diff/us-peace-package").json()

    assert body["summary"] == {"unchanged": 0, "reworded": 0, "removed": 13, "added": 20}


def test_diff_from_the_earlier_seeded_draft_adds_every_point(kb):
    body = kb.get(f"{API}/plans/earlier-draft-peace-framework/diff/revised-20-point-plan").json()

    assert body["summary"] == {"unchanged": 0, "reworded": 0, "removed": 0, "added": 13}
    assert {r["status"] for r in body["rows"]} == {"added"}


def test_similarity_compares_words_not_case_or_punctuation():
    assert similarity("Security Guarantees.", "security guarantees") == 1.0
    assert similarity("", "") == 1.0
    assert similarity("Demilitarised zones.", "Freedom of navigation.") == 0.0


def test_word_changes_keep_text_outside_the_basic_plane_intact():
    changes = word_changes("🧠 Talks resume in Geneva.", "🧠 Talks resume in Istanbul.")

    assert "".join(c.base for c in changes) == "🧠 Talks resume in Geneva."
    assert "".join(c.other for c in changes) == "🧠 Talks resume in Istanbul."
    assert [(c.op, c.base, c.other) for c in changes][-1] == ("replace", "Geneva.", "Istanbul.")

"""Candidate relations and issue links for a new text against the curated seed (what POST /suggestions
answers, read from the shared seeded database): roles given by a heading or a lead-in sentence, refusals
against affirmations, issues by alias and by the places their descriptions name."""

import pytest
from sqlmodel import Session

from app.curation.relations import role_head
from app.services.suggestions import suggestions_for


@pytest.fixture
def seeded(seeded_engine):
    with Session(seeded_engine) as session:
        yield session


def _suggest(session: Session, text: str) -> list[dict]:
    return [s.model_dump(mode="json") for s in suggestions_for(session=session, text=text)]


def _contradicted(suggestion: dict) -> set[str]:
    return {r["claim_id"] for r in suggestion["relations"] if r["type"] == "contradicts"}


def _starting(items: list[dict], words: str) -> dict:
    return next(s for s in items if s["quote"].startswith(words))


@pytest.mark.parametrize(
    ("role", "head"),
    [("U.S. envoy", "envoy"), ("Special Envoy for Ukraine Peace Process", "envoy"),
     ("Deputy Secretary of State", "secretary"), ("President", "president")],
)  # fmt: skip
def test_a_role_is_named_by_its_head_word(role, head):
    assert role_head(role) == head


def test_names_after_a_sentence_giving_the_role_contradict_the_claims_giving_it_to_others(seeded):
    items = _suggest(
        seeded, "Zelensky welcomed a long dialog with U.S. envoys.\nHe said a call with Steve Witkoff went well."
    )

    found = _contradicted(_starting(items, "He said"))

    # The claim citing each other holder's role, and the claim naming the other holders as the envoys.
    assert {"kupchik-deputy-secretary-of-state", "us-envoys-leading-new-initiative"} <= found
    assert "witkoff-us-envoy-blog" not in found  # Witkoff is named here: no disagreement with it


def test_a_heading_gives_its_role_to_the_names_listed_under_it(seeded):
    text = "## The U.S. envoys\n\n| Envoy | Title |\n|---|---|\n| Jared Kushner | Senior adviser |\n"

    found = _contradicted(_starting(_suggest(seeded, text), "Jared Kushner"))

    assert {"witkoff-us-envoy-blog", "us-envoys-leading-new-initiative"} <= found
    assert "witkoff-kushner-us-envoys-call" not in found  # it makes Kushner an envoy too


def test_a_refusal_contradicts_what_another_source_affirms_on_the_same_matter(seeded):
    refusal = "Ukraine refuses any withdrawal of Ukrainian troops from eastern areas."
    agreement = "Ukraine agrees to a withdrawal of Ukrainian troops from eastern areas."

    refused = _suggest(seeded, refusal)[0]
    agreed = _suggest(seeded, agreement)[0]

    assert "plan-contemplates-troop-withdrawal-for-dmz" in _contradicted(refused)
    stance = [r for r in refused["relations"] if r["claim_id"] == "plan-contemplates-troop-withdrawal-for-dmz"]
    assert stance[0]["rationale"].startswith("Refused, denied or limited here")
    assert "plan-contemplates-troop-withdrawal-for-dmz" not in _contradicted(agreed)  # both affirm it


def test_an_issue_is_linked_by_an_alias_and_by_a_place_its_description_names(seeded):
    by_alias, by_place, neither = (
        _suggest(seeded, text)[0]
        for text in ("Kyiv rules out ceding territory.", "Shelling went on near Donetsk.", "Shelling went on.")
    )

    assert "territory-donbas" in by_alias["issue_ids"] and "territory-donbas" in by_place["issue_ids"]
    assert "territory-donbas" not in neither["issue_ids"]

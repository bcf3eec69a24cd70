"""``suggest`` over the seed sources: anchored quotes, figures as claim fields, bodies a claim accepts."""

import time
from datetime import date

import pytest

from app.curation import Suggestion, Vocabulary, claim_body, suggest
from app.curation.evaluation import compare
from app.models.claim import ClaimCreate


def test_no_text_gives_no_suggestion():
    assert suggest("") == []
    assert suggest(" \n\t ") == []


def test_a_text_without_claims_gives_no_suggestion():
    assert suggest("Reader Reflections\nWhat do you think?\nShare your thoughts below.\n") == []


def test_every_seed_suggestion_is_anchored_and_can_be_posted_as_a_claim(resolved_seed, seed_vocabulary):
    for source in resolved_seed.seed.sources:
        text = resolved_seed.source_texts[source.id]

        for index, s in enumerate(suggest(text, seed_vocabulary, reference_date=source.published_on)):
            assert text[s.quote_start : s.quote_end] == s.quote
            assert 0 <= s.confidence <= 1 and s.reasons
            body = claim_body(s, id=f"suggested-{index}", source_id=source.id, credibility=3)
            ClaimCreate.model_validate(body)  # a value comes with its unit and measure


def test_the_seed_figures_come_with_the_curated_values_and_units(resolved_seed, seed_vocabulary):
    text = resolved_seed.source_texts["zelensky-praise-us-envoys-blueprint"]

    found = {s.quote: (s.value, s.unit, s.value_on) for s in suggest(text, seed_vocabulary)}

    assert found["$15 billion U.S. reconstruction fund earmarked for infrastructure, energy diversification, and "
                 "agricultural revitalization."] == (15e9, "USD", None)  # fmt: skip
    assert found["1,800 Russian soldiers"] == (1800, "soldiers", None)
    assert found["on 24 Dec 2025"] == (None, "date", date(2025, 12, 24))
    assert found["early February 2026"] == (2026, "year", None)
    assert found["A future referendum, supervised by the OSCE, scheduled no earlier than 2027."] == (2027, "year", None)


def test_a_suggestion_posts_as_the_claim_create_body():
    (s,) = suggest("Kyiv asserts that Russia controls roughly 75% of Donetsk.", Vocabulary.build(
        actors=[{"id": "ukraine", "name": "Ukraine", "kind": "state", "aliases": ["Kyiv"]},
                {"id": "russia", "name": "Russia", "kind": "state"}]))  # fmt: skip

    assert claim_body(s, id="kyiv-75", source_id="src", credibility=3) == {
        "id": "kyiv-75",
        "source_id": "src",
        "credibility": 3,
        "statement": "Kyiv asserts that Russia controls roughly 75% of Donetsk.",
        "quote": "Kyiv asserts that Russia controls roughly 75% of Donetsk.",
        "quote_start": 0,
        "quote_end": 57,
        "speaker_id": "ukraine",
        "attribution": "Kyiv",
        "value": 75.0,
        "unit": "percent",
        "measure": 'share of Donetsk (stated as "roughly")',
        "actor_ids": ["ukraine", "russia"],
        "issue_ids": [],
        "plan_point_ids": [],
        "event_ids": [],
    }


def test_a_suggestion_carries_room_for_phase_b_links():
    (s,) = suggest("The envoys met in Geneva.")

    assert (s.issue_ids, s.plan_point_ids, s.event_ids, s.claimed_by, s.relations) == ([], [], [], [], [])
    assert isinstance(s, Suggestion)


@pytest.mark.parametrize("source_id", ["blog-current-status-peace-talks", "breaking-zelenskiy-hails-momentum",
                                       "zelensky-praise-us-envoys-blueprint"])  # fmt: skip
def test_the_curated_seed_is_met_at_the_issue_s_targets(resolved_seed, seed_vocabulary, source_id):
    source = next(s for s in resolved_seed.seed.sources if s.id == source_id)
    claims = [c for c in resolved_seed.seed.claims if c.source_id == source_id]
    spans = {c.id: resolved_seed.claim_spans[c.id] for c in claims}
    suggestions = suggest(resolved_seed.source_texts[source_id], seed_vocabulary, reference_date=source.published_on)

    figures = compare(claims, spans, suggestions)

    assert figures.coverage.ratio >= 0.9
    assert figures.numbers.ratio == 1.0
    assert figures.precision.ratio >= 0.7


def test_ten_thousand_characters_take_under_a_second(resolved_seed, seed_vocabulary):
    text = "\n".join(resolved_seed.document_texts.values())[:10_000]
    suggest(text, seed_vocabulary)  # builds the actor matcher once

    started = time.perf_counter()
    suggest(text, seed_vocabulary)

    assert time.perf_counter() - started < 1.0


def test_a_wire_report_dates_its_statements_by_its_dateline_and_weekdays(seed_vocabulary):
    body = ("Ukraine and Russia exchanged 150 prisoners of war each, Volodymyr Zelensky said on Tuesday.\n"
            "Dmitry Peskov said Moscow had not agreed to a ceasefire.")  # fmt: skip
    dated = suggest("KYIV, Dec 2, 2025 (AP) — " + body, seed_vocabulary)  # the dateline gives the report's day
    assert dated[0].stated_on == date(2025, 12, 2)
    text = "KYIV, Dec 2 (Reuters) - " + body
    assert all(s.stated_on is None for s in suggest(text, seed_vocabulary))  # no year anywhere: no day either
    suggestions = suggest(text, seed_vocabulary, reference_date=date(2025, 12, 2))
    exchange, refusal = (s for s in suggestions if s.kind == "sentence")
    assert exchange.stated_on == date(2025, 12, 2) and exchange.speaker_id == "volodymyr-zelensky"
    assert exchange.value == 150 and not exchange.dates  # the dateline's day is the report's, not a figure
    assert not any(s.value_on or (s.dates and s.dates[0].text == "Dec 2") for s in suggestions)
    assert refusal.stated_on is None  # nothing dates it: nothing is invented

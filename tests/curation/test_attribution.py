"""Speakers from attribution patterns, linked to the actor the name phrase ends with."""

from datetime import date

import pytest

from app.curation import suggest


@pytest.mark.parametrize(
    ("text", "attribution", "speaker"),
    [
        ("Zelenskiy stressed that a free economic zone could work.", "Zelenskiy", "volodymyr-zelensky"),
        ("Kyiv asserts that Russia controls the region.", "Kyiv", "ukraine"),
        ("Russian officials said Moscow would examine the materials.", "Russian officials", "russian-officials"),
        ("U.S. envoy Steve Witkoff has described the talks as productive.", "U.S. envoy Steve Witkoff",
         "steve-witkoff"),
        ("Moscow, for its part, indicated it was studying the proposals.", "Moscow", "russia"),
        ("Meanwhile, the Russian defense ministry reported the capture of a village.",
         "the Russian defense ministry", "russian-defense-ministry"),
        ("Aid rose by a third, according to the UN.", "the UN", "united-nations"),
        ("The revised framework, described by Kyiv, is an update.", "Kyiv", "ukraine"),
        ("Deliveries will rise by ~35 % (UN OCHA estimate).", "UN OCHA", "un-ocha"),
        ("It is backed by statements from EU leaders emphasizing support.", "EU leaders", "eu-leaders"),
    ],
)  # fmt: skip
def test_attribution_patterns_name_the_speaker(seed_vocabulary, text, attribution, speaker):
    (found,) = [s for s in suggest(text, seed_vocabulary) if s.kind != "figure"]

    assert (found.attribution, found.speaker_id) == (attribution, speaker)
    assert text[found.attribution_start : found.attribution_end] == attribution


def test_the_leader_and_he_are_the_person_named_just_before(seed_vocabulary):
    text = "Ukraine’s president welcomed the envoys. The leader said the call was useful. He added that more was due."

    found = suggest(text, seed_vocabulary)

    assert [(s.attribution, s.speaker_id) for s in found] == [
        (None, None),
        ("The leader", "volodymyr-zelensky"),
        ("He", "volodymyr-zelensky"),
    ]


def test_a_pronoun_with_nobody_before_it_is_no_attribution(seed_vocabulary):
    (found,) = suggest("He added that the money would flow.", seed_vocabulary)

    assert (found.attribution, found.speaker_id) == (None, None)


def test_a_name_phrase_whose_head_is_unknown_is_not_the_actor_it_mentions(seed_vocabulary):
    (found,) = suggest("Ukraine's foreign minister Andrii Sybiha said talks would go on.", seed_vocabulary)

    assert (found.attribution, found.speaker_id) == ("Ukraine's foreign minister Andrii Sybiha", None)
    assert [m.text for m in found.mentions] == ["Andrii Sybiha"]


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine insists on sovereignty.",  # a position, not speech
        "The plan was developed together with the United States as a framework.",  # "States" is no verb
        "Cities long described as strongholds fell.",
    ],
)
def test_no_attribution_where_nobody_is_reported_speaking(seed_vocabulary, text):
    assert [s.attribution for s in suggest(text, seed_vocabulary)] == [None]


def test_a_quotation_s_dash_attribution_gives_speaker_and_date_and_the_dated_occasion(seed_vocabulary):
    text = "- “The United States has demonstrated leadership.” – Volodymyr Zelensky, televised address, 25 Dec 2025."

    quotation, occasion = suggest(text, seed_vocabulary)

    assert (quotation.kind, quotation.quote, quotation.speaker_id, quotation.stated_on) == (
        "quotation",
        "The United States has demonstrated leadership.",
        "volodymyr-zelensky",
        date(2025, 12, 25),
    )
    assert (occasion.kind, occasion.quote, occasion.value_on, occasion.unit) == (
        "figure",
        "Volodymyr Zelensky, televised address, 25 Dec 2025",
        date(2025, 12, 25),
        "date",
    )


def test_said_on_a_day_gives_stated_on(seed_vocabulary):
    (found,) = suggest("Zelenskiy said on 24 Dec 2025 that the talks were productive.", seed_vocabulary)

    assert (found.speaker_id, found.stated_on) == ("volodymyr-zelensky", date(2025, 12, 24))


def test_a_person_is_named_by_a_surname_no_one_else_has(seed_vocabulary):
    (found,) = suggest("Mr. Peskov, the Kremlin spokesman, said Moscow had received the draft.", seed_vocabulary)

    assert (found.attribution, found.speaker_id) == ("Mr. Peskov", "dmitry-peskov")


def test_an_attribution_after_the_claim_names_its_speaker_phrase(seed_vocabulary):
    (found, *_) = suggest("Russia launched 519 drones overnight, the Ukrainian air force said.", seed_vocabulary)

    assert (found.attribution, found.speaker_id) == ("the Ukrainian air force", None)

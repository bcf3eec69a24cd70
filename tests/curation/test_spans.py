"""Claim-sized spans: sentences, list items, table rows, fields and quotations; headings and prompts are not."""

from app.curation import suggest


def quotes(text: str, **options) -> list[tuple[str, str]]:
    return [(s.kind, s.quote) for s in suggest(text, **options)]


def test_headings_tables_of_contents_and_reader_prompts_are_not_claims():
    text = (
        "Table of Contents\n- 1. What Happened\n- 2. Reader Reflections\n"
        "What Happened\nThe envoys met in Geneva.\n"
        "Reader Reflections\nWhat would you do? Share your thoughts in the comments.\n"
        "Read more: the talks so far\nSubscribe to our newsletter for updates.\n"
    )

    assert quotes(text) == [("sentence", "The envoys met in Geneva.")]


def test_the_first_heading_is_a_headline_and_its_kicker_is_dropped():
    text = "Breaking: Envoys Agree on a Ceasefire Plan\nThe plan was signed.\n"

    assert quotes(text) == [("headline", "Envoys Agree on a Ceasefire Plan"), ("sentence", "The plan was signed.")]


def test_bylines_captions_and_markdown_headings_are_skipped():
    text = "# Talks resume\n\nBy Anna Petrova\n\n![Delegates](a.jpg)\nPhoto: delegates arrive.\n\nThe talks resumed.\n"

    assert quotes(text) == [("sentence", "The talks resumed.")]


def test_list_items_are_spans_and_a_nominal_item_completes_its_lead_in(seed_vocabulary):
    text = "This plan includes:\n- A legally binding non-aggression pact\n- Ukraine maintaining a sizeable force\n"

    found = suggest(text, seed_vocabulary)

    assert [(s.kind, s.quote) for s in found] == [
        ("list_item", "A legally binding non-aggression pact"),
        ("list_item", "Ukraine maintaining a sizeable force"),
    ]
    assert [s.statement for s in found] == [
        "This plan includes a legally binding non-aggression pact.",
        "This plan includes Ukraine maintaining a sizeable force.",
    ]


def test_nested_list_items_are_spans_of_their_own():
    text = "Key points:\n- A ceasefire\n  - monitored by observers\n    * within 72 hours\n"

    assert quotes(text) == [
        ("list_item", "A ceasefire"),
        ("list_item", "monitored by observers"),
        ("list_item", "within 72 hours"),
    ]


def test_a_table_row_is_one_span_without_its_outer_pipes_and_its_statement_names_the_columns():
    text = "| Envoy | Title | Role |\n|---|---|---|\n| Ann Lee | Deputy Secretary | Leads the talks. |\n"

    (row,) = suggest(text)

    assert (row.kind, row.quote, row.statement) == (
        "table_row",
        "Ann Lee | Deputy Secretary | Leads the talks.",
        "Ann Lee — Title: Deputy Secretary; Role: Leads the talks.",
    )
    assert text[row.quote_start : row.quote_end] == row.quote


def test_a_table_cell_holding_two_figures_is_split_at_its_semicolon():
    text = "| Category | details |\n|---|---|\n| Donbas | Moscow controls about 75% of Donetsk; ~99% of Luhansk |\n"

    assert [(s.quote, s.value) for s in suggest(text)] == [
        ("Donbas | Moscow controls about 75% of Donetsk", 75.0),
        ("~99% of Luhansk", 99.0),
    ]


def test_an_faq_row_states_its_answer():
    text = "| Question | Answer |\n|---|---|\n| Will NATO send troops? | No deployment is planned. |\n"

    (row,) = suggest(text)

    assert row.quote == "Will NATO send troops? | No deployment is planned."
    assert row.statement == "No deployment is planned."


def test_a_field_line_gives_one_span_per_field():
    text = "Date: 2025‑12‑25 22:27:52 | Source: Presidential Office, Reuters"

    assert quotes(text) == [("field", "Date: 2025‑12‑25 22:27:52"), ("field", "Source: Presidential Office, Reuters")]


def test_a_coordinated_sentence_is_split_only_where_both_halves_are_claims():
    split = "A new framework exists and has been shared with Russia, but no final agreement has been reached."
    whole = "The envoys discussed talks, stabilizing Ukraine, and setting up long-term security arrangements."

    assert quotes(split) == [
        ("sentence", "A new framework exists and has been shared with Russia"),
        ("sentence", "no final agreement has been reached."),
    ]
    assert quotes(whole) == [("sentence", whole)]


def test_a_sentence_with_two_figures_is_split_at_with():
    text = "Kyiv asserts that Russia controls roughly 75% of Donetsk, with about 99% in Luhansk."

    assert quotes(text) == [
        ("sentence", "Kyiv asserts that Russia controls roughly 75% of Donetsk"),
        ("sentence", "with about 99% in Luhansk."),
    ]


def test_sentences_are_split_even_without_a_space_after_the_stop():
    text = "The framework is an update to an earlier draft prepared weeks ago.It was shared with Moscow."

    assert quotes(text) == [
        ("sentence", "The framework is an update to an earlier draft prepared weeks ago."),
        ("sentence", "It was shared with Moscow."),
    ]


def test_a_hard_wrapped_paragraph_keeps_its_sentences_whole():
    text = "The envoys said the talks\nwere productive and would\ncontinue next week.\n"

    (found,) = suggest(text)

    assert found.quote == "The envoys said the talks\nwere productive and would\ncontinue next week."
    assert found.statement == "The envoys said the talks were productive and would continue next week."


def test_a_quotation_with_a_dash_attribution_quotes_the_words_inside_the_marks():
    text = "- “Our people deserve a ceasefire.” – Zelensky, press briefing, Kyiv."

    (found,) = suggest(text)

    assert (found.kind, found.quote, found.attribution) == ("quotation", "Our people deserve a ceasefire.", "Zelensky")


def test_a_prompt_word_inside_a_claim_does_not_make_it_a_prompt():
    assert quotes("Ukraine did not subscribe to the plan.") == [("sentence", "Ukraine did not subscribe to the plan.")]


def test_a_piece_without_letters_or_digits_is_no_claim():
    assert quotes("|:|\n|---|\n| — | ; |\n") == []

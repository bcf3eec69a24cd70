"""Quote anchoring: a verbatim quote is found at code-point offsets, or refused with a reason."""

import pytest

from app.services.anchoring import QuoteError, Span, anchor_quote, closest_passage, occurrences

REPEATED = "Kyiv says Russia holds 75%. Moscow says Russia holds 75%. Analysts say Russia holds 75%."
QUOTE = "Russia holds 75%."


def test_anchor_quote_finds_a_quote_that_occurs_once():
    text = "The envoy called the talks productive."

    span = anchor_quote(text, "talks productive")

    assert span == Span(21, 37)
    assert text[span.start : span.end] == "talks productive"


def test_anchor_quote_finds_a_quote_that_is_the_whole_text():
    assert anchor_quote("Whole.", "Whole.") == Span(0, 6)


def test_anchor_quote_rejects_an_absent_quote_showing_the_closest_passage():
    text = "Kyiv says Russia holds about 75% of Donetsk. Nothing else."

    with pytest.raises(QuoteError) as caught:
        anchor_quote(text, "Russia holds about 80% of Donetsk.")

    assert caught.value.reason == "quote not found in the source text"
    assert caught.value.closest == "Russia holds about 75% of Donetsk."
    assert str(caught.value) == (
        "quote not found in the source text; closest passage in the source: 'Russia holds about 75% of Donetsk.'"
    )


def test_anchor_quote_rejects_an_empty_quote():
    with pytest.raises(QuoteError, match=r"^quote is empty$"):
        anchor_quote("Some text.", "")


def test_anchor_quote_rejects_an_ambiguous_quote_without_a_hint():
    with pytest.raises(QuoteError) as caught:
        anchor_quote(REPEATED, QUOTE)

    assert str(caught.value) == "quote occurs 3 times; give a prefix, suffix or start to choose one"
    assert caught.value.candidates == [10, 40, 71]


@pytest.mark.parametrize(
    ("hints", "start"),
    [
        ({"prefix": "Kyiv says "}, 10),
        ({"prefix": "Moscow says "}, 40),
        ({"prefix": "says "}, None),  # still two: Kyiv and Moscow
        ({"suffix": " Moscow"}, 10),
        ({"suffix": " Analysts"}, 40),
        ({"prefix": "says ", "suffix": " Analysts"}, 40),
        ({"start": 71}, 71),
    ],
)
def test_anchor_quote_disambiguates_by_prefix_suffix_or_start(hints, start):
    if start is None:
        with pytest.raises(QuoteError, match="quote occurs 2 times"):
            anchor_quote(REPEATED, QUOTE, **hints)
    else:
        assert anchor_quote(REPEATED, QUOTE, **hints) == Span(start, start + len(QUOTE))


def test_anchor_quote_rejects_hints_no_occurrence_has():
    with pytest.raises(QuoteError) as caught:
        anchor_quote(REPEATED, QUOTE, prefix="Nobody says ")

    assert str(caught.value) == "no occurrence of the quote has the given prefix/suffix"
    assert caught.value.candidates == [10, 40, 71]


def test_anchor_quote_rejects_a_wrong_start_naming_where_the_quote_is():
    with pytest.raises(QuoteError) as caught:
        anchor_quote(REPEATED, QUOTE, start=11)

    assert str(caught.value) == "quote is not at offset 11: it occurs at [10, 40, 71]"
    assert caught.value.candidates == [10, 40, 71]


def test_anchor_quote_rejects_a_start_for_an_absent_quote():
    with pytest.raises(QuoteError, match=r"^quote is not at offset 0: it does not occur in the source$"):
        anchor_quote(REPEATED, "Russia holds 80%.", start=0)


def test_anchor_quote_counts_code_points_after_emoji_outside_the_bmp():
    text = "🧠🧠 Update: the talks were productive."

    span = anchor_quote(text, "productive")

    # 🧠 is one code point (two UTF-16 units, four UTF-8 bytes): offsets are Python string indices.
    assert span == Span(26, 36)
    assert text[span.start : span.end] == "productive"
    assert len(text[: span.start].encode("utf-16-le")) // 2 == 28
    assert len(text[: span.start].encode("utf-8")) == 32


def test_anchor_quote_matches_non_breaking_hyphens_verbatim():
    text = "Guarantees would be re‑examined in 2035."  # U+2011 NON-BREAKING HYPHEN

    assert anchor_quote(text, "re‑examined in 2035") == Span(20, 39)
    with pytest.raises(QuoteError) as caught:
        anchor_quote(text, "re-examined in 2035")  # ASCII hyphen-minus
    assert caught.value.closest == "re‑examined in 2035"


def test_anchor_quote_matches_curly_quotes_verbatim():
    text = "The envoy called the talks “productive”."

    assert anchor_quote(text, "“productive”") == Span(27, 39)
    with pytest.raises(QuoteError) as caught:
        anchor_quote(text, '"productive"')
    assert caught.value.closest == "“productive”"


def test_occurrences_include_overlapping_ones():
    assert occurrences("aaaa", "aa") == [0, 1, 2]
    assert occurrences("abc", "x") == []


def test_closest_passage_is_as_long_as_the_quote():
    assert closest_passage("0123456789 Donetsk region", "Donetsk regime") == "Donetsk region"

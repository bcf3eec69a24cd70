"""Any text, however odd, gives a list of anchored suggestions and never an exception (hypothesis)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.config import REPO_ROOT
from app.curation import Suggestion, suggest

SEED_TEXT = (REPO_ROOT / "seed_data" / "documents" / "002_10dffc7f80f4c3f3.txt").read_text(encoding="utf-8")
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The characters that drive the grammar (pipes, dashes, digits, quote marks, currency) and hostile ones:
# right-to-left text and marks, emoji with modifiers, NUL and control characters, combining marks.
GRAMMAR = list("|-–‑—#*•✔:;.,?!$€£%~“”\"'()[]0123456789 \n\r\t")
HOSTILE = ["\x00", "\x07", "\u202e", "\u200f", "שלום", "مرحبا", "😀", "👍🏽", "🇺🇦", "e\u0301", "İ", "ß", "\ufeff"]
WORDS = ["Kyiv", "said", "according to", "2025‑12‑25", "24 Dec 2025", "$15 billion", "2,300 POWs", "~35 %", "Stage 1"]
odd = st.sampled_from([*GRAMMAR, *HOSTILE, *WORDS])
fragments = st.integers(0, len(SEED_TEXT)).flatmap(
    lambda start: st.integers(0, 400).map(lambda length: SEED_TEXT[start : start + length])
)
texts = st.one_of(
    st.text(max_size=300),
    st.lists(odd, max_size=120).map("".join),
    st.lists(st.one_of(fragments, odd), max_size=12).map("".join),
)


def _holds(text: str, suggestions: list[Suggestion]) -> None:
    assert isinstance(suggestions, list)
    for s in suggestions:
        assert 0 <= s.quote_start < s.quote_end <= len(text)
        assert text[s.quote_start : s.quote_end] == s.quote
        units = text.encode("utf-16-le")  # what a browser slices: the same quote, counted in UTF-16 units
        assert units[2 * s.quote_start_utf16 : 2 * s.quote_end_utf16].decode("utf-16-le") == s.quote
        assert 0 <= s.confidence <= 1
        assert s.statement
        for figure in [*s.quantities, *s.dates, *s.mentions]:
            assert text[figure.start : figure.end] == figure.text


@PROPERTY
@given(text=texts)
def test_any_text_gives_anchored_suggestions(text, seed_vocabulary):
    _holds(text, suggest(text, seed_vocabulary))


def test_a_huge_binary_ish_text_gives_anchored_suggestions(seed_vocabulary):
    text = (SEED_TEXT + "\x00\x01\ufffd|||---\n" + "😀" * 500 + "\u202eشكرا\n") * 8

    _holds(text, suggest(text, seed_vocabulary))

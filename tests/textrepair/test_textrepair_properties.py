"""Repair never raises, whatever the text: any alphabet, length and mix of lines."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanort.textrepair import repair_text

# Words that look like Swedish OCR output (capitalised, compounds, digits for letters) mixed
# with arbitrary text, so the strategy reaches the lexicon paths and not only debris.
_OCRISH = st.sampled_from(
    [
        "Sammantridesdatum",
        "Kommunstyrelsen",
        "vénortssamarbete",
        "Kéllstrom",
        "1dmna",
        "G6r",
        "§",
        "88",
        "4-9",
        "ar",
        "for",
        "rn",
        "|",
        ".",
        "MOTION",
        "Бахмут",
        "日本",
        "&r",
    ]
)
_WORD = st.one_of(_OCRISH, st.text(min_size=1, max_size=30))
_LINE = st.lists(_WORD, max_size=12).map(" ".join)
_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(_LINE, max_size=20).map("\n".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_repair_never_raises_and_keeps_lines(text: str) -> None:
    result = repair_text(text)
    assert result.text.count("\n") == text.count("\n")
    assert result.tokens >= 0


def test_capitalised_word_with_only_compound_readings_mid_line() -> None:
    """Regression: IndexError in Repairer._decide on a protocol page header."""
    text = "Protokoll\nHuddinge kommun Sammantridesdatum 2023-10-04\n"
    assert repair_text(text).text.count("\n") == 2

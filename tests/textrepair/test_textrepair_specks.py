"""Specks on bad copies: lone `.`, `:`, `|`, `'` removed or read as "i"; glued ones removed
when the lexicon then sees a word; doubtful ones flagged, not applied."""

from __future__ import annotations

import pytest

from vanort.textrepair import repair_text


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("Sammanfattning .", "Sammanfattning"),
        ("Det var bra : och fint.", "Det var bra och fint."),
        ("Kommunen ' har fem vänorter.", "Kommunen har fem vänorter."),
        ("| oktober kom de.", "I oktober kom de."),
        ("'kommunen har en vänort.", "kommunen har en vänort."),
        ("på kommunnivå|", "på kommunnivå"),
    ],
)
def test_specks_are_removed(ocr: str, expected: str) -> None:
    assert repair_text(ocr).text == expected


@pytest.mark.parametrize(
    "clean",
    [
        "Se t.ex. 5 kap. 4 § och bl.a. bilagan.",
        "Slutet...",
        "Gör Huddinge till vänortskommun med Trostyanets i Ukraina —",
        "Det kostar 5 kr. Mer än så.",
        "”Vänort med Irpin” i kommunfullmäktige.",
    ],
)
def test_clean_punctuation_is_left_alone(clean: str) -> None:
    assert repair_text(clean).text == clean


def test_doubtful_speck_is_flagged_not_applied() -> None:
    result = repair_text("Han bor | Stockholm sedan länge.")
    assert result.text == "Han bor | Stockholm sedan länge."
    assert [(c.before, c.after) for c in result.flagged] == [("|", "i")]

"""Every reason explains itself in Swedish, English and Ukrainian."""

from __future__ import annotations

import pytest

from vanort.matching import MatchResult, Reason, explain, explain_reason
from vanort.matching.explain import TEMPLATES

REASONS = [
    Reason("shared_terms", (("concepts", "fire_engine,generator"),)),
    Reason("similar_words"),
    Reason("same_sector", (("sector", "emergency"),)),
    Reason("neighbour_sector", (("need_sector", "emergency"), ("offer_sector", "health"))),
    Reason("other_sector", (("need_sector", "water"), ("offer_sector", "culture"))),
    Reason("same_form", (("form", "equipment"),)),
    Reason("compatible_form", (("need_form", "advice"), ("offer_form", "training"))),
    Reason("quantity_covers", (("need", "2"), ("offer", "3"))),
    Reason("quantity_partial", (("need", "5"), ("offer", "1"))),
    Reason("available_until", (("until", "2027-06-30"),)),
    Reason("available_before_deadline", (("until", "2027-01-01"), ("deadline", "2027-06-01"))),
    Reason("spare"),
    Reason("urgent", (("urgency", "critical"),)),
    Reason("legal_outcome", (("outcome", "permitted_with_conditions"),)),
]


def test_every_template_is_tested_here() -> None:
    assert {r.code for r in REASONS} == set(TEMPLATES)


@pytest.mark.parametrize("reason", REASONS, ids=lambda r: r.code)
@pytest.mark.parametrize("lang", ["sv", "en", "uk"])
def test_reason_is_a_sentence_without_codes(reason: Reason, lang: str) -> None:
    text = explain_reason(reason, lang)
    assert text.endswith(".")
    assert "{" not in text
    codes = ["fire_engine", "permitted_with_conditions", "other_in_kind"]
    if lang != "en":  # English labels may equal the codes
        codes += ["emergency", "equipment", "critical"]
    for code in codes:
        assert code not in text


@pytest.mark.parametrize(
    ("reason", "lang", "expected"),
    [
        (REASONS[0], "sv", "brandbil, reservkraftverk"),
        (REASONS[0], "en", "fire engine, generator"),
        (REASONS[0], "uk", "пожежний автомобіль, генератор"),
        (REASONS[3], "sv", "Räddningstjänst och civilt försvar"),
        (REASONS[3], "en", "Health care"),
        (REASONS[3], "uk", "Охорона здоров'я"),
        (REASONS[5], "uk", "обладнання"),
        (REASONS[12], "sv", "kritisk"),
        (REASONS[13], "en", "permitted with conditions"),
        (REASONS[13], "uk", "дозволено за умов"),
        (REASONS[10], "en", "2027-01-01"),
    ],
)
def test_parameters_in_the_readers_language(reason: Reason, lang: str, expected: str) -> None:
    assert expected in explain_reason(reason, lang)


def test_explain_a_result_and_fall_back_to_english() -> None:
    result = MatchResult("n", "o", 0.8, 1, tuple(REASONS[:3]), ("fire_engine",))
    assert len(explain(result, "uk")) == 3
    assert explain(result, "de") == explain(result, "en")
    assert explain_reason(Reason("no_such_code"), "sv") == "no_such_code"

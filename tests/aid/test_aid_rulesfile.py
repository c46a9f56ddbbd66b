"""The rules data file is complete and honest, and a broken data file is refused with its place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from vanort.aid import RuleBook, RuleBookError, load_rulebook
from vanort.aid.loader import RULES_PATH, STATUS_PATH

TABLE_IDS = [
    "G1",
    "G2",
    "T1",
    "X1",
    "R6",
    "R4",
    "R5",
    "R5x",
    "R1b",
    "R1",
    "R2",
    "R3",
    "R7",
    "R8",
    "R10",
    "R9",
    "R11",
    "R11-NO-ROW",
]
OVERRIDE_IDS = [
    "OV-MILITARY",
    "OV-DUAL-USE",
    "OV-NO-VERIFICATION",
    "OV-NO-DECISION-BODY",
    "OV-BODY-NOT-COMPETENT",
    "OV-PRIVATE",
    "OV-NGO",
]


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    return data


def test_header_names_version_source_and_date(raw: dict[str, Any]) -> None:
    assert raw["version"]
    assert raw["source"]
    assert raw["as_of"]


def test_rules_and_overrides_are_those_of_legal_rules(raw: dict[str, Any]) -> None:
    assert sorted(rule["id"] for rule in raw["rules"]) == sorted(TABLE_IDS)
    assert [rule["id"] for rule in raw["overrides"]] == OVERRIDE_IDS


def test_every_rule_has_texts_citations_basis_and_verified_flag(raw: dict[str, Any]) -> None:
    for rule in raw["rules"] + raw["overrides"]:
        assert set(rule) == {
            "id",
            "when",
            "outcome",
            "text",
            "conditions",
            "citations",
            "basis",
            "verified",
        }, rule["id"]
        assert set(rule["text"]) == {"sv", "en", "uk"}, rule["id"]
        assert all(rule["text"].values()), rule["id"]
        assert all(set(c) == {"sv", "en", "uk"} and all(c.values()) for c in rule["conditions"]), rule["id"]
        assert rule["citations"], rule["id"]
        assert rule["basis"], rule["id"]
        assert isinstance(rule["verified"], bool), rule["id"]


def test_every_label_is_given_in_three_languages(raw: dict[str, Any]) -> None:
    for labels in (raw["outcome_labels"], raw["status_labels"]):
        for key, text in labels.items():
            assert set(text) == {"sv", "en", "uk"}, key
            assert all(text.values()), key


def test_ukrainian_texts_are_in_cyrillic(rulebook: RuleBook) -> None:
    for rule in rulebook.rules:
        for text in (rule.text, *rule.conditions):
            assert any("\u0400" <= char <= "\u04ff" for char in text.uk), rule.id


def test_rules_resting_on_assumed_paragraph_numbers_are_not_verified(raw: dict[str, Any]) -> None:
    for rule in raw["rules"] + raw["overrides"]:
        if any("2009:47" in citation for citation in rule["citations"]):
            assert rule["verified"] is False, rule["id"]


def test_rules_with_conditions_attached_to_a_permitted_outcome(rulebook: RuleBook) -> None:
    for rule in rulebook.rules:
        if rule.outcome.value == "permitted_with_conditions":
            assert rule.conditions, rule.id


def _copy_rules(tmp_path: Path, old: str, new: str) -> Path:
    text = RULES_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "rules.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "      owner_authorised: false\n",
            "      owner_authorized: false\n",
            "unknown fact 'owner_authorized'",
        ),
        (
            "      activity: twinning_exchange\n",
            "      activity: twinning\n",
            "T1: when.activity: unknown value 'twinning'",
        ),
        ("outcome: needs_legal_review", "outcome: maybe", "outcome: unknown value 'maybe'"),
        ("    verified: true", "    verified: yes please", "verified: expected true or false"),
        ("  - id: R2\n", "  - id: R1\n", "R1: duplicate id"),
        ("    basis: >-\n      General", "    bases: >-\n      General", "T1: unknown key 'bases'"),
        (
            '      uk: "Експорт послуг на комерційних умовах."\n',
            "",
            "X1: text: expected exactly the keys sv, en and uk",
        ),
        ("  no_row:\n", "  no_rows:\n", "status_labels: expected one label per status and no_row"),
    ],
)
def test_broken_rules_file_is_refused_with_its_place(
    tmp_path: Path, rulebook: RuleBook, old: str, new: str, message: str
) -> None:
    path = _copy_rules(tmp_path, old, new)

    with pytest.raises(RuleBookError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_rulebook(rulebook.known_countries, rules_path=path)


def test_status_table_with_unknown_country_is_refused(tmp_path: Path, rulebook: RuleBook) -> None:
    path = tmp_path / "status.csv"
    path.write_text(STATUS_PATH.read_text(encoding="utf-8") + "ZZ,none,x,,,y,2026-11-26\n", encoding="utf-8")

    with pytest.raises(RuleBookError, match="country: unknown country code 'ZZ'"):
        load_rulebook(rulebook.known_countries, status_path=path)


def test_status_table_with_overlapping_rows_is_refused(tmp_path: Path, rulebook: RuleBook) -> None:
    path = tmp_path / "status.csv"
    path.write_text(
        STATUS_PATH.read_text(encoding="utf-8") + "UA,paused,x,2027-01-01,,y,2026-11-26\n",
        encoding="utf-8",
    )

    with pytest.raises(RuleBookError, match="UA: rows overlap"):
        load_rulebook(rulebook.known_countries, status_path=path)


def test_rulebook_is_loaded_once(rulebook: RuleBook) -> None:
    assert load_rulebook() is load_rulebook()
    assert load_rulebook(rulebook.known_countries) is load_rulebook(rulebook.known_countries)


def test_every_note_and_source_of_the_shipped_table_reads_in_sv_en_and_uk() -> None:
    from vanort.aid import load_rulebook

    book = load_rulebook()
    texts = {text for rows in book.status_table.values() for row in rows for text in (row.basis, row.source)}
    missing = sorted(text for text in texts if text not in book.table_texts)
    assert not missing, missing
    for text in texts:
        assert book.table_text(text).en == text  # the table is kept in English

"""Swedish kommuner and regions."""

import csv
from pathlib import Path

import pytest

from vanort import refdata

REFERENCE = Path(__file__).resolve().parents[3] / "shared/reference/se_municipalities.csv"
REGION_CODES = {
    "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13",
    "14", "17", "18", "19", "20", "21", "22", "23", "24", "25",
}  # fmt: skip


def test_there_are_290_kommuner_with_unique_four_digit_codes() -> None:
    codes = [m.code for m in refdata.municipalities()]

    assert len(codes) == 290
    assert len(set(codes)) == 290
    assert all(len(code) == 4 and code.isdigit() for code in codes)


def test_there_are_the_21_regions() -> None:
    assert {r.code for r in refdata.regions()} == REGION_CODES


def test_every_kommun_lies_in_one_of_the_regions() -> None:
    region_codes = {r.code for r in refdata.regions()}

    assert {m.county_code for m in refdata.municipalities()} == region_codes


def test_kommun_code_starts_with_its_county_code() -> None:
    assert all(m.code[:2] == m.county_code for m in refdata.municipalities())


@pytest.mark.parametrize(
    ("code", "name", "official_name", "county_code"),
    [
        ("0126", "Huddinge", "Huddinge kommun", "01"),
        ("0180", "Stockholm", "Stockholms stad", "01"),
        ("0114", "Upplands Väsby", "Upplands Väsby kommun", "01"),
        ("1280", "Malmö", "Malmö stad", "12"),
        ("1480", "Göteborg", "Göteborgs stad", "14"),
        ("0880", "Kalmar", "Kalmar kommun", "08"),
        ("0380", "Uppsala", "Uppsala kommun", "03"),
        ("0980", "Gotland", "Region Gotland", "09"),
    ],
)
def test_known_kommuner(code: str, name: str, official_name: str, county_code: str) -> None:
    kommun = refdata.by_code(refdata.municipalities())[code]

    assert (kommun.name, kommun.official_name, kommun.county_code) == (
        name,
        official_name,
        county_code,
    )


@pytest.mark.parametrize(
    ("code", "name", "official_name"),
    [
        ("01", "Stockholm", "Region Stockholm"),
        ("09", "Gotland", "Region Gotland"),
        ("12", "Skåne", "Region Skåne"),
        ("14", "Västra Götaland", "Västra Götalandsregionen"),
        ("25", "Norrbotten", "Region Norrbotten"),
    ],
)
def test_known_regions(code: str, name: str, official_name: str) -> None:
    region = refdata.by_code(refdata.regions())[code]

    assert (region.name, region.official_name) == (name, official_name)


def test_kommuner_agree_with_the_cc0_reference() -> None:
    if not REFERENCE.is_file():
        pytest.skip(f"reference file not present: {REFERENCE}")
    with REFERENCE.open(encoding="utf-8", newline="") as f:
        expected = {
            (row["municipality_code"], row["municipality_name_short"], row["county_code"]) for row in csv.DictReader(f)
        }

    actual = {(m.code, m.name, m.county_code) for m in refdata.municipalities()}

    assert actual == expected

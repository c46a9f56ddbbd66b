"""Malformed data files raise RefDataError naming the file and line."""

from collections.abc import Iterator

import pytest

from vanort import refdata
from vanort.refdata import _files


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Replace data files by name with the given text; caches are cleared around the test."""
    replaced: dict[str, str] = {}
    real = _files.read_text
    monkeypatch.setattr(_files, "read_text", lambda name: replaced.get(name) or real(name))
    refdata.clear_caches()
    yield replaced
    refdata.clear_caches()


def _error(loader: object) -> str:
    assert callable(loader)
    with pytest.raises(refdata.RefDataError) as info:
        loader()
    return str(info.value)


REGIONS = "code,name,official_name,county_name\n01,Stockholm,Region Stockholm,Stockholms län\n"


@pytest.mark.parametrize(
    ("name", "text", "loader", "message"),
    [
        (
            "countries.csv",
            "code,name_sv,name_en,name_uk\nSE,Sverige,Sweden,Швеція\nse,x,y,z\n",
            refdata.countries,
            "countries.csv:3: column 'code': bad value 'se'",
        ),
        (
            "countries.csv",
            "code,name_sv,name_en,name_uk\nSE,Sverige,Sweden\n",
            refdata.countries,
            "countries.csv:2: expected 4 fields, got 3",
        ),
        (
            "countries.csv",
            "code,name_sv,name_en,name_uk\nSE,Sverige,Sweden,Швеція\nSE,Sverige,Sweden,Швеція\n",
            refdata.countries,
            "countries.csv:3: duplicate code 'SE' (first on line 2)",
        ),
        (
            "countries.csv",
            "code,name\nSE,Sverige\n",
            refdata.countries,
            "countries.csv:1: header must be code,name_sv,name_en,name_uk",
        ),
        (
            "se_regions.csv",
            "code,name,official_name,county_name\n01,,Region Stockholm,Stockholms län\n",
            refdata.regions,
            "se_regions.csv:2: column 'name': bad value ''",
        ),
        (
            "se_municipalities.csv",
            "code,name,county_code,official_name\n126,Huddinge,01,Huddinge kommun\n",
            refdata.municipalities,
            "se_municipalities.csv:2: column 'code': bad value '126'",
        ),
        (
            "ua_oblasts.csv",
            "code,name_uk,name_en,name_sv,kind,katottg\nUA-59,Сумська,Sumy,Sumy,region,\n",
            refdata.ua_oblasts,
            "ua_oblasts.csv:2: column 'kind': bad value 'region'",
        ),
    ],
)
def test_malformed_csv_row(files: dict[str, str], name: str, text: str, loader: object, message: str) -> None:
    files[name] = text

    assert _error(loader).startswith(message)


def test_kommun_in_unknown_county(files: dict[str, str]) -> None:
    files["se_regions.csv"] = REGIONS
    files["se_municipalities.csv"] = (
        "code,name,county_code,official_name\n0126,Huddinge,01,Huddinge kommun\n1280,Malmö,12,Malmö stad\n"
    )

    assert _error(refdata.municipalities) == "se_municipalities.csv:3: unknown county_code '12'"


def test_sector_without_ukrainian_label(files: dict[str, str]) -> None:
    files["sectors.yaml"] = (
        "source: test\n"
        "as_of: '2025-01-01'\n"
        "sectors:\n"
        "  - code: water\n"
        "    labels: {sv: Vatten, en: Water, uk: Вода}\n"
        "    description: {sv: Vatten, en: Water}\n"
        "  - code: energy\n"
        "    labels: {sv: Energi, en: Energy}\n"
        "    description: {sv: Energi, en: Energy}\n"
        "forms:\n"
        "  - code: advice\n"
        "    labels: {sv: Råd, en: Advice, uk: Порада}\n"
        "    description: {sv: Råd, en: Advice}\n"
    )

    assert _error(refdata.sectors) == "sectors.yaml:7: energy.labels lacks a 'uk' text"


def test_broken_yaml(files: dict[str, str]) -> None:
    files["sectors.yaml"] = "source: test\nsectors: [unclosed\n"

    assert _error(refdata.sectors).startswith("sectors.yaml:")


def test_source_entry_without_licence(files: dict[str, str]) -> None:
    files["SOURCES.yaml"] = "files:\n  countries.csv: {source: x, as_of: '2025', notes: y}\n"

    assert _error(refdata.sources) == "SOURCES.yaml: entry 'countries.csv' lacks licence"

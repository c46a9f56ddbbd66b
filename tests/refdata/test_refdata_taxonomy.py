"""Sectors, forms and the sources file."""

import pytest

from vanort import refdata

SECTORS = {
    "water", "energy", "health", "education", "emergency", "housing", "transport", "waste",
    "digital", "governance", "culture", "business", "environment", "planning", "social",
}  # fmt: skip
FORMS = {"equipment", "advice", "training", "other_in_kind", "financial"}


def test_exactly_the_fixed_sector_codes() -> None:
    assert refdata.sector_codes() == SECTORS
    assert len(refdata.sectors()) == 15


def test_exactly_the_fixed_form_codes() -> None:
    assert refdata.form_codes() == FORMS
    assert len(refdata.forms()) == 5


@pytest.mark.parametrize("term", [*refdata.sectors(), *refdata.forms()], ids=lambda t: t.code)
def test_every_term_has_labels_in_three_languages(term: refdata.Term) -> None:
    assert {lang for lang in ("sv", "en", "uk") if term.labels.get(lang, "").strip()} == {
        "sv",
        "en",
        "uk",
    }
    assert term.description["sv"]
    assert term.description["en"]


def test_label_falls_back_to_swedish() -> None:
    water = refdata.by_code(refdata.sectors())["water"]

    assert water.label("en") == "Water and sanitation"
    assert water.label("de") == water.labels["sv"]


def test_records_are_hashable_and_frozen() -> None:
    sector = refdata.sectors()[0]

    assert hash(sector) == hash(refdata.sectors()[0])
    with pytest.raises(AttributeError):
        sector.code = "other"  # type: ignore[misc]


def test_sources_cover_every_data_file() -> None:
    sources = refdata.sources()

    assert set(refdata.data_files()) <= set(sources)
    assert set(refdata.data_files()) == {
        "countries.csv",
        "se_municipalities.csv",
        "se_regions.csv",
        "ua_oblasts.csv",
        "sectors.yaml",
    }
    for entry in sources.values():
        assert all(entry[key] for key in ("source", "as_of", "licence", "notes"))


def test_sources_returns_a_copy() -> None:
    refdata.sources()["countries.csv"]["source"] = "changed"

    assert refdata.sources()["countries.csv"]["source"] != "changed"

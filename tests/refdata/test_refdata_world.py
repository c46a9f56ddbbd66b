"""Countries and Ukraine's first-level units."""

import re

import pytest

from vanort import refdata


def test_all_iso_countries_with_unique_two_letter_codes() -> None:
    codes = [c.code for c in refdata.countries()]
    iso_codes = [c.code for c in refdata.countries() if c.iso_assigned]

    assert len(iso_codes) == 249
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch("[A-Z]{2}", code) for code in codes)
    assert refdata.country_codes() == frozenset(codes)


def test_kosovo_is_present_but_flagged_as_not_iso() -> None:
    kosovo = refdata.by_code(refdata.countries())["XK"]

    assert (kosovo.name_sv, kosovo.iso_assigned) == ("Kosovo", False)


@pytest.mark.parametrize(
    ("code", "name_sv", "name_en"),
    [
        ("SE", "Sverige", "Sweden"),
        ("UA", "Ukraina", "Ukraine"),
        ("FI", "Finland", "Finland"),
        ("NO", "Norge", "Norway"),
        ("DK", "Danmark", "Denmark"),
        ("IS", "Island", "Iceland"),
        ("GL", "Grönland", "Greenland"),
        ("FO", "Färöarna", "Faroe Islands"),
        ("AE", "Förenade Arabemiraten", "United Arab Emirates"),
        ("PS", "Palestina", "Palestine"),
        ("BY", "Belarus", "Belarus"),
    ],
)
def test_country_names(code: str, name_sv: str, name_en: str) -> None:
    country = refdata.by_code(refdata.countries())[code]

    assert (country.name_sv, country.name_en) == (name_sv, name_en)
    assert country.name("sv") == name_sv


def test_ukrainian_names() -> None:
    ukraine = refdata.by_code(refdata.countries())["UA"]

    assert ukraine.name("uk") == "Україна"


def test_ukraine_has_27_first_level_units() -> None:
    units = refdata.ua_oblasts()
    kinds = sorted(u.kind for u in units)

    assert len(units) == 27
    assert len({u.code for u in units}) == 27
    assert kinds.count("oblast") == 24
    assert kinds.count("city_special_status") == 2
    assert kinds.count("autonomous_republic") == 1


def test_sumy_oblast() -> None:
    sumy = refdata.by_code(refdata.ua_oblasts())["UA-59"]

    assert (sumy.name_uk, sumy.name_en, sumy.name_sv) == (
        "Сумська область",
        "Sumy Oblast",
        "Sumy oblast",
    )
    assert sumy.katottg == "UA59000000000057109"


def test_katottg_codes_are_well_formed_and_unique() -> None:
    codes = [u.katottg for u in refdata.ua_oblasts() if u.katottg]

    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"UA\d{17}", code) for code in codes)
